// The commands migration and the account checks use beyond login: ID (RFC 2971), LIST
// with special-use attributes (RFC 9051 6.3.9, RFC 6154), SELECT (6.3.2), APPEND (6.3.12,
// RFC 4315 APPENDUID) and CREATE (6.3.4).
#include <algorithm>

#include "protocols/imap/client.hpp"
#include "protocols/imap/mailbox_name.hpp"
#include "protocols/imap/parse_cursor.hpp"
#include "protocols/imap/response_parser.hpp"

namespace mailassist::imap {

namespace {

Mailbox to_mailbox(ListData data) {
  Mailbox out;
  out.wire_name = std::move(data.name);
  // A name that is not valid modified UTF-7 (some servers send raw UTF-8) is shown as
  // sent; commands keep using wire_name either way.
  auto decoded = decode_mailbox_name(out.wire_name);
  out.name = decoded ? std::move(*decoded) : out.wire_name;
  out.delimiter = data.delimiter;
  out.attributes = std::move(data.attributes);
  for (const auto& attribute : out.attributes) {
    auto use = special_use_of(attribute);
    if (use != SpecialUse::none) {
      out.special_use = use;
      break;
    }
  }
  return out;
}

}  // namespace

SpecialUse special_use_of(std::string_view attribute) {
  struct Name {
    std::string_view attribute;
    SpecialUse use;
  };
  // RFC 6154 section 2, then Gmail's older XLIST names for the same mailboxes.
  static constexpr Name kNames[] = {
      {"\\All", SpecialUse::all},       {"\\Archive", SpecialUse::archive},
      {"\\Drafts", SpecialUse::drafts}, {"\\Flagged", SpecialUse::flagged},
      {"\\Junk", SpecialUse::junk},     {"\\Sent", SpecialUse::sent},
      {"\\Trash", SpecialUse::trash},   {"\\AllMail", SpecialUse::all},
      {"\\Spam", SpecialUse::junk},     {"\\Starred", SpecialUse::flagged},
  };
  for (const auto& name : kNames)
    if (iequals(attribute, name.attribute)) return name.use;
  return SpecialUse::none;
}

bool Mailbox::has_attribute(std::string_view attribute) const {
  return std::any_of(attributes.begin(), attributes.end(),
                     [&](const std::string& a) { return iequals(a, attribute); });
}

bool Mailbox::selectable() const {
  return !has_attribute("\\Noselect") && !has_attribute("\\NonExistent");
}

Result<std::string> ImapClient::wire_name(std::string_view mailbox) const {
  // RFC 9051 section 5.1: INBOX is special and case-insensitive; never encode it.
  if (iequals(mailbox, "INBOX")) return std::string("INBOX");
  return encode_mailbox_name(mailbox);
}

Result<std::optional<IdFields>> ImapClient::id(const IdFields& ours, Deadline deadline) {
  if (auto caps = ensure_capabilities(deadline); !caps) return std::move(caps).error();
  if (!has_capability("ID")) return std::optional<IdFields>{};
  Command command("ID");
  if (ours.empty()) {
    command.raw("NIL");
  } else {
    command.begin_list();
    for (const auto& [field, value] : ours) {
      command.string(field);
      if (value) {
        command.string(*value);
      } else {
        command.raw("NIL");
      }
    }
    command.end_list();
  }
  std::optional<IdFields> theirs;
  auto done = execute(command, deadline, [&](const Response& r) {
    if (const auto* data = std::get_if<IdData>(&r)) theirs = data->fields.value_or(IdFields{});
  });
  if (!done) return std::move(done).error();
  if (!done->ok()) return refused("ID", done->status);
  return theirs;
}

Result<std::vector<Mailbox>> ImapClient::list(std::string_view reference, std::string_view pattern,
                                              Deadline deadline) {
  if (auto caps = ensure_capabilities(deadline); !caps) return std::move(caps).error();
  auto ref = encode_mailbox_name(reference);
  if (!ref) return std::move(ref).error();
  auto pat = encode_mailbox_name(pattern);
  if (!pat) return std::move(pat).error();
  Command command("LIST");
  command.string(*ref).string(*pat);
  // RFC 6154 section 2: the SPECIAL-USE return option (LIST-EXTENDED syntax, RFC 5258)
  // asks for the attributes explicitly; servers without SPECIAL-USE would reject it, and
  // may still send the attributes unasked, which are read the same way.
  if (has_capability("SPECIAL-USE")) command.raw("RETURN (SPECIAL-USE)");
  std::vector<Mailbox> out;
  auto done = execute(command, deadline, [&](const Response& r) {
    if (const auto* data = std::get_if<ListData>(&r); data && !data->lsub) {
      out.push_back(to_mailbox(*data));
    }
  });
  if (!done) return std::move(done).error();
  if (!done->ok()) return refused("LIST", done->status);
  return out;
}

Result<MailboxState> ImapClient::select(std::string_view mailbox, Deadline deadline) {
  auto name = wire_name(mailbox);
  if (!name) return std::move(name).error();
  Command command("SELECT");
  command.astring(*name);
  MailboxState state;
  auto done = execute(command, deadline, [&](const Response& r) {
    if (const auto* exists = std::get_if<ExistsData>(&r)) state.exists = exists->count;
    if (const auto* recent = std::get_if<RecentData>(&r)) state.recent = recent->count;
    if (const auto* flags = std::get_if<FlagsData>(&r)) state.flags = flags->flags;
    const auto* untagged = std::get_if<UntaggedStatus>(&r);
    if (!untagged || !untagged->status.code) return;
    const auto& code = *untagged->status.code;
    if (code.kind == CodeKind::uidvalidity) state.uid_validity = code.number;
    if (code.kind == CodeKind::uidnext) state.uid_next = code.number;
    if (code.kind == CodeKind::permanentflags) state.permanent_flags = code.items;
  });
  if (!done) return std::move(done).error();
  if (!done->ok()) {
    // RFC 9051 section 6.3.2: a failed SELECT leaves no mailbox selected.
    state_ = SessionState::authenticated;
    return refused("SELECT " + std::string(mailbox), done->status);
  }
  state_ = SessionState::selected;
  const auto& code = done->status.code;
  state.read_only = code && code->kind == CodeKind::read_only;
  return state;
}

Result<AppendResult> ImapClient::append(std::string_view mailbox, const AppendRequest& request,
                                        Deadline deadline) {
  if (auto caps = ensure_capabilities(deadline); !caps) return std::move(caps).error();
  auto name = wire_name(mailbox);
  if (!name) return std::move(name).error();
  Command command("APPEND");
  command.astring(*name);
  if (!request.flags.empty()) {
    command.begin_list();
    for (const auto& flag : request.flags) {
      // Flags are atoms with an optional leading '\' (RFC 9051 section 9 "flag"): anything
      // else would break the command's syntax.
      std::string_view keyword = flag;
      if (!keyword.empty() && keyword.front() == '\\') keyword.remove_prefix(1);
      if (keyword.empty() || !std::all_of(keyword.begin(), keyword.end(), is_atom_char)) {
        return make_error(ErrorKind::invalid_input, "not a valid IMAP flag: " + flag);
      }
      command.raw(flag);
    }
    command.end_list();
  }
  if (request.date) command.raw(quote(format_internal_date(*request.date)));
  command.literal(request.message);
  auto done = execute(command, deadline);
  if (!done) return std::move(done).error();
  if (!done->ok()) return refused("APPEND to " + std::string(mailbox), done->status);
  AppendResult result;
  const auto& code = done->status.code;
  if (code && code->kind == CodeKind::appenduid && code->uids.size() == 1 &&
      code->uids.front().first == code->uids.front().last) {
    result.uid_validity = code->number;
    result.uid = code->uids.front().first;
  }
  return result;
}

Result<CreateOutcome> ImapClient::create(std::string_view mailbox, Deadline deadline) {
  auto name = wire_name(mailbox);
  if (!name) return std::move(name).error();
  Command command("CREATE");
  command.astring(*name);
  auto done = execute(command, deadline);
  if (!done) return std::move(done).error();
  if (done->ok()) return CreateOutcome::created;
  // RFC 5530 section 3: ALREADYEXISTS is what migration wanted anyway.
  if (done->status.code && done->status.code->kind == CodeKind::alreadyexists) {
    return CreateOutcome::already_exists;
  }
  return refused("CREATE " + std::string(mailbox), done->status);
}

}  // namespace mailassist::imap
