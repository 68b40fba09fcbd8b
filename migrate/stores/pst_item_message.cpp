#include "migrate/stores/pst_item_message.hpp"

// lzfu.h, unlike libpst.h, declares its function without C linkage for C++.
extern "C" {
#include <libpst/lzfu.h>
}

#include <cstdlib>
#include <cstring>
#include <memory>

#include "core/ascii.hpp"
#include "migrate/stores/header_fields.hpp"
#include "migrate/stores/mime_writer.hpp"
#include "migrate/stores/pst_raw_properties.hpp"

namespace mailassist::migrate {
namespace {

constexpr std::int32_t kMsgFlagRead = 0x01;  // [MS-OXCMSG] 2.2.1.6 PidTagMessageFlags
constexpr std::int32_t kMsgFlagUnsent = 0x08;
constexpr std::uint32_t kFollowupFlagged = 2;      // [MS-OXOFLAG] 2.2.1.1 PidTagFlagStatus
constexpr std::uint32_t kVerbReplyToSender = 102;  // [MS-OXOMSG] 2.2.1.7
constexpr std::uint32_t kVerbReplyToAll = 103;
constexpr std::uint32_t kVerbForward = 104;
constexpr std::int32_t kAttachEmbeddedMessage = 5;  // [MS-OXCMSG] 2.2.2.9 afEmbeddedMessage

// libpst's strings are UTF-8 or in the item's code page; this gives UTF-8 either way.
std::string text_of(pst_item& item, pst_string& s) {
  if (!s.str) return {};
  pst_convert_utf8_null(&item, &s);
  return s.str ? std::string(s.str) : std::string();
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

bool is_addr_spec(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == s.size()) return false;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' ||
        c == '(' || c == ')')
      return false;
  }
  return true;
}

std::string mailbox(std::string_view name, std::string_view address) {
  std::string n = trimmed(name);
  std::string a = trimmed(address);
  if (!is_addr_spec(a)) {
    // An Exchange DN ("/O=ORG/OU=...") or nothing: no address to give, so a named empty
    // group keeps the name and the syntax.
    if (n.empty()) n = a.empty() ? "unknown sender" : a;
    return encode_display_name(n) + ":;";
  }
  if (n.empty() || n == a) return a;
  return encode_display_name(n) + " <" + a + ">";
}

// "Ani Wijaya; budi@example.com" (PR_DISPLAY_TO) as an address-list.
std::string address_list(std::string_view names) {
  std::string out;
  std::size_t at = 0;
  while (at <= names.size()) {
    std::size_t end = names.find(';', at);
    if (end == std::string_view::npos) end = names.size();
    std::string one = trimmed(names.substr(at, end - at));
    at = end + 1;
    if (one.empty()) continue;
    if (!out.empty()) out += ",\r\n ";
    out += is_addr_spec(one) ? one : encode_display_name(one) + ":;";
  }
  return out;
}

void add_field(std::string& header, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  header += name;
  header += ": ";
  header += value;
  header += "\r\n";
}

// "Name <address>, ..." of the recipients of one type.
std::string recipient_list(const std::vector<PstRecipient>& recipients, int type) {
  std::string out;
  for (const auto& r : recipients) {
    if (r.type != type || (r.name.empty() && r.address.empty())) continue;
    if (!out.empty()) out += ",\r\n ";
    out += mailbox(r.name, r.address);
  }
  return out;
}

std::string header_from_properties(pst_item& item, const std::vector<PstRecipient>& recipients,
                                   const std::optional<imap::InternalDate>& date) {
  pst_item_email& e = *item.email;
  std::string header;
  std::string name = text_of(item, e.outlook_sender_name);
  std::string address = text_of(item, e.sender_address);
  if (name.empty()) name = text_of(item, e.outlook_sender_name2);
  if (!is_addr_spec(trimmed(address))) {
    std::string second = text_of(item, e.sender2_address);
    if (is_addr_spec(trimmed(second))) address = second;
  }
  if (!name.empty() || !address.empty()) add_field(header, "From", mailbox(name, address));
  if (recipients.empty()) {
    add_field(header, "To", address_list(text_of(item, e.sentto_address)));
    add_field(header, "Cc", address_list(text_of(item, e.cc_address)));
  } else {
    add_field(header, "To", recipient_list(recipients, 1));
    add_field(header, "Cc", recipient_list(recipients, 2));
    add_field(header, "Bcc", recipient_list(recipients, 3));  // the sender's own copy
  }
  std::string subject = text_of(item, item.subject);
  if (!subject.empty()) add_field(header, "Subject", encode_header_text(subject, 9));
  if (date) add_field(header, "Date", format_rfc5322_date(*date));
  std::string id = message_id_of(text_of(item, e.messageid));
  if (!id.empty() && id.front() == '<') add_field(header, "Message-ID", id);
  std::string reply = message_id_of(text_of(item, e.in_reply_to));
  if (!reply.empty() && reply.front() == '<') add_field(header, "In-Reply-To", reply);
  return header;
}

// The Message-ID as the header block carries it (for the envelope and duplicate check).
std::string message_id_in(std::string_view header) {
  std::size_t at = 0;
  while (at < header.size()) {
    std::size_t end = header.find("\r\n", at);
    if (end == std::string_view::npos) end = header.size();
    std::string_view line = header.substr(at, end - at);
    if (istarts_with(line, "message-id:")) {
      std::string value(line.substr(11));
      // Folded onto the next lines?
      for (std::size_t next = end + 2; next < header.size();) {
        std::size_t e2 = header.find("\r\n", next);
        if (e2 == std::string_view::npos) e2 = header.size();
        std::string_view more = header.substr(next, e2 - next);
        if (more.empty() || (more.front() != ' ' && more.front() != '\t')) break;
        value += more;
        next = e2 + 2;
      }
      return message_id_of(value);
    }
    at = end + 2;
  }
  return {};
}

// The RTF of PR_RTF_COMPRESSED ([MS-OXRTFCP] 2.1.3.1: cbSize, cbRawSize, dwMagic, dwCRC,
// then the stream). libpst's decompressor trusts the header (it allocates cbRawSize and
// reads 16 bytes unchecked) and knows no uncompressed "MELA" streams, so both are
// checked here first. nullopt when the stream is not one we can read.
std::optional<std::string> rtf_of(const pst_binary& rtf) {
  constexpr std::uint32_t kCompressed = 0x75465A4C;    // "LZFu"
  constexpr std::uint32_t kUncompressed = 0x414C454D;  // "MELA"
  constexpr std::size_t kHeader = 16;
  if (!rtf.data || rtf.size < kHeader) return std::nullopt;
  auto u32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i)
      v |= static_cast<std::uint32_t>(static_cast<unsigned char>(rtf.data[at + i])) << (8 * i);
    return v;
  };
  std::uint32_t raw_size = u32(4);
  std::uint32_t magic = u32(8);
  if (magic == kUncompressed)
    return std::string(rtf.data + kHeader, std::min<std::size_t>(raw_size, rtf.size - kHeader));
  // A reference of 2 bytes gives at most 17: nothing honest expands more than 9 times.
  if (magic != kCompressed || raw_size > rtf.size * 9 || rtf.size > UINT32_MAX) return std::nullopt;
  std::size_t size = 0;
  char* out = pst_lzfu_decompress(rtf.data, static_cast<std::uint32_t>(rtf.size), &size);
  if (!out) return std::nullopt;
  std::string text(out, size);
  std::free(out);
  return text;
}

// An attached Outlook message ([MS-PST] 2.4.6.2.2): a message object in the attachment's
// subnodes, which libpst has found (i_id, id2_head) while reading the attachment.
void add_attached_message(pst_file& file, pst_item_attach& a, const std::string& name,
                          std::string_view seed, int depth, MimeMessage& mime, PstMessage& out) {
  if (depth >= kMaxEmbeddedDepth) {
    out.problems.push_back("attached messages nested too deep: the innermost are left out");
    return;
  }
  pst_desc_tree node{};
  node.desc = pst_getID(&file, a.i_id);
  PstItemPtr inner(node.desc ? pst_parse_item(&file, &node, a.id2_head) : nullptr);
  if (!inner || !is_mail_item(*inner)) {
    out.problems.push_back("an attached item" + (name.empty() ? "" : " (" + name + ")") +
                           " is not a message that can be read: left out");
    return;
  }
  std::string inner_seed = std::string(seed) + "x" + std::to_string(mime.attachments.size());
  // An attached message's own subnodes (its recipient table) are not looked into.
  PstMessage message = make_pst_message(file, *inner, {}, {}, inner_seed, depth + 1);
  for (auto& p : message.problems) out.problems.push_back("attached message: " + p);
  MimeAttachment part{name, "message/rfc822", "", std::move(message.bytes)};
  part.is_message = true;
  mime.attachments.push_back(std::move(part));
}

void add_attachments(pst_file& file, pst_item& item, std::string_view seed, int depth,
                     MimeMessage& mime, PstMessage& out) {
  for (pst_item_attach* a = item.attach; a; a = a->next) {
    std::string name = text_of(item, a->filename2);
    if (name.empty()) name = text_of(item, a->filename1);
    if (a->method == kAttachEmbeddedMessage) {
      add_attached_message(file, *a, name, seed, depth, mime, out);
      continue;
    }
    pst_binary data = pst_attach_to_mem(&file, a);
    std::string bytes;
    if (data.data) {
      bytes.assign(data.data, data.size);
      std::free(data.data);
    }
    // libpst also lists a message's recipient rows as attachments without data or name.
    if (bytes.empty() && name.empty()) continue;
    mime.attachments.push_back(
        {name, text_of(item, a->mimetype), text_of(item, a->content_id), std::move(bytes)});
  }
}

}  // namespace

bool is_mail_item(const pst_item& item) {
  if (!item.email) return false;
  switch (item.type) {
    case PST_TYPE_CONTACT:
    case PST_TYPE_APPOINTMENT:
    case PST_TYPE_JOURNAL:
    case PST_TYPE_STICKYNOTE:
    case PST_TYPE_TASK: return false;
    default: return true;
  }
}

std::optional<imap::InternalDate> filetime_date(const FILETIME& time) {
  std::uint64_t ticks =
      (static_cast<std::uint64_t>(time.dwHighDateTime) << 32) | time.dwLowDateTime;
  constexpr std::int64_t kUnixEpochSeconds = 11644473600LL;  // 1601-01-01 to 1970-01-01
  auto seconds = static_cast<std::int64_t>(ticks / 10000000ULL) - kUnixEpochSeconds;
  // IMAP's date-year is four digits; Outlook writes 4501-01-01 for "none".
  if (seconds < 0 || seconds >= 253402300800LL) return std::nullopt;
  return imap::InternalDate{std::chrono::sys_seconds{std::chrono::seconds(seconds)}, {}};
}

PstMessage make_pst_message(pst_file& file, pst_item& item, std::string_view raw_block,
                            const std::vector<PstRecipient>& recipients, std::string_view seed,
                            int depth) {
  PstMessage out;
  pst_item_email& e = *item.email;

  if (item.flags & kMsgFlagRead) out.flags.push_back("\\Seen");
  if (item.flags & kMsgFlagUnsent) out.flags.push_back("\\Draft");
  if (pc_inline_property(raw_block, kPidTagFlagStatus) == kFollowupFlagged)
    out.flags.push_back("\\Flagged");
  auto verb = pc_inline_property(raw_block, kPidTagLastVerbExecuted);
  if (verb == kVerbReplyToSender || verb == kVerbReplyToAll) out.flags.push_back("\\Answered");
  if (verb == kVerbForward) out.flags.push_back("$Forwarded");

  if (e.arrival_date) out.date = filetime_date(*e.arrival_date);
  if (!out.date && e.sent_date) out.date = filetime_date(*e.sent_date);
  if (!out.date && item.modify_date) out.date = filetime_date(*item.modify_date);  // drafts
  std::optional<imap::InternalDate> sent;
  if (e.sent_date) sent = filetime_date(*e.sent_date);

  MimeMessage mime;
  std::string transport = text_of(item, e.header);
  mime.header_block = strip_mime_fields(transport);
  if (mime.header_block.empty())
    mime.header_block = header_from_properties(item, recipients, sent ? sent : out.date);
  std::string plain = text_of(item, item.body);
  std::string html = text_of(item, e.htmlbody);
  if (!plain.empty()) mime.plain = std::move(plain);
  if (!html.empty()) mime.html = std::move(html);
  if (!mime.plain && !mime.html && e.rtf_compressed.size > 0) {
    // Not converted to text (RTF is not MIME text): kept whole as readpst keeps it.
    if (auto rtf = rtf_of(e.rtf_compressed))
      mime.attachments.push_back({"message.rtf", "application/rtf", "", std::move(*rtf)});
    else
      out.problems.push_back("the body is only in RTF, which cannot be read: sent without it");
  }
  add_attachments(file, item, seed, depth, mime, out);
  mime.boundary_seed = std::string(seed);
  out.bytes = write_mime_message(mime);
  out.message_id = message_id_in(mime.header_block);
  return out;
}

}  // namespace mailassist::migrate
