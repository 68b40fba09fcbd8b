// The commands migration and the account checks use beyond login: ID (RFC 2971), ENABLE
// UTF8=ACCEPT (RFC 6855), LIST with special-use attributes (RFC 9051 6.3.9, RFC 6154),
// SELECT (6.3.2), CREATE (6.3.4) and STATUS (6.3.11) for APPENDLIMIT (RFC 7889).
#include <algorithm>

#include "protocols/imap/client.hpp"
#include "protocols/imap/mailbox_name.hpp"
#include "protocols/imap/parse_cursor.hpp"
#include "protocols/imap/response_parser.hpp"

namespace mailassist::imap {

namespace {

Mailbox to_mailbox(ListData data, bool utf8) {
  Mailbox out;
  out.wire_name = std::move(data.name);
  // A name that is not valid modified UTF-7 (some servers send raw UTF-8) is shown as
  // sent; commands keep using wire_name either way. After ENABLE UTF8=ACCEPT names are
  // UTF-8 (RFC 6855 section 3) and decoding "&-" would change them.
  auto decoded = utf8 ? Result<std::string>(out.wire_name) : decode_mailbox_name(out.wire_name);
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
  if (!utf8_enabled_) return encode_mailbox_name(mailbox);
  if (!is_valid_utf8(mailbox)) {
    return make_error(ErrorKind::invalid_input,
                      "the mailbox name is not valid UTF-8: " + std::string(mailbox));
  }
  return std::string(mailbox);
}

void ImapClient::mailbox_argument(Command& command, const std::string& wire) const {
  if (utf8_enabled_) {
    command.utf8_astring(wire);
  } else {
    command.astring(wire);
  }
}

Result<bool> ImapClient::enable_utf8(Deadline deadline) {
  if (utf8_enabled_) return true;
  if (auto caps = ensure_capabilities(deadline); !caps) return std::move(caps).error();
  if (!has_capability("UTF8=ACCEPT")) return false;
  // RFC 5161 section 3.1: ENABLE is valid only before a mailbox is selected.
  if (state_ != SessionState::authenticated) {
    return make_error(ErrorKind::internal,
                      "ENABLE UTF8=ACCEPT must come after login and "
                      "before SELECT");
  }
  bool enabled = false;
  auto done = execute(Command("ENABLE").raw("UTF8=ACCEPT"), deadline, [&](const Response& r) {
    if (const auto* data = std::get_if<EnabledData>(&r)) {
      for (const auto& name : data->capabilities)
        if (iequals(name, "UTF8=ACCEPT")) enabled = true;
    }
  });
  if (!done) return std::move(done).error();
  if (!done->ok()) return refused("ENABLE UTF8=ACCEPT", done->status);
  // RFC 5161 section 3.2: only what the ENABLED response lists is on.
  utf8_enabled_ = enabled;
  return enabled;
}

Result<std::optional<std::uint64_t>> ImapClient::mailbox_append_limit(std::string_view mailbox,
                                                                      Deadline deadline) {
  if (auto caps = ensure_capabilities(deadline); !caps) return std::move(caps).error();
  // RFC 7889 section 2: a server-wide value holds for every mailbox; STATUS (section 3)
  // is only worth a round trip when the capability comes without one.
  if (auto global = append_limit()) return global;
  if (!has_capability("APPENDLIMIT")) return std::optional<std::uint64_t>{};
  auto name = wire_name(mailbox);
  if (!name) return std::move(name).error();
  Command command("STATUS");
  mailbox_argument(command, *name);
  command.raw("(APPENDLIMIT)");
  std::optional<std::uint64_t> limit;
  Result<void> parsed = ok();
  auto done = execute(command, deadline, [&](const Response& r) {
    const auto* data = std::get_if<UnknownData>(&r);
    if (!data || data->keyword != "STATUS" || !parsed) return;
    auto status = parse_status_response(data->raw);
    if (!status) {
      parsed = std::move(status).error();
      return;
    }
    for (const auto& [item, value] : status->items)
      if (item == "APPENDLIMIT") limit = value;  // NIL: no limit for this mailbox
  });
  if (!done) return std::move(done).error();
  if (!parsed) return std::move(parsed).error();
  if (!done->ok()) return refused("STATUS " + std::string(mailbox), done->status);
  return limit;
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
  auto ref =
      utf8_enabled_ ? Result<std::string>(std::string(reference)) : encode_mailbox_name(reference);
  if (!ref) return std::move(ref).error();
  auto pat =
      utf8_enabled_ ? Result<std::string>(std::string(pattern)) : encode_mailbox_name(pattern);
  if (!pat) return std::move(pat).error();
  Command command("LIST");
  if (utf8_enabled_ && can_quote_utf8(*ref) && can_quote_utf8(*pat)) {
    command.raw(quote(*ref)).raw(quote(*pat));
  } else {
    command.string(*ref).string(*pat);
  }
  // RFC 6154 section 2: the SPECIAL-USE return option (LIST-EXTENDED syntax, RFC 5258)
  // asks for the attributes explicitly; servers without SPECIAL-USE would reject it, and
  // may still send the attributes unasked, which are read the same way.
  if (has_capability("SPECIAL-USE")) command.raw("RETURN (SPECIAL-USE)");
  std::vector<Mailbox> out;
  auto done = execute(command, deadline, [&](const Response& r) {
    if (const auto* data = std::get_if<ListData>(&r); data && !data->lsub) {
      out.push_back(to_mailbox(*data, utf8_enabled_));
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
  mailbox_argument(command, *name);
  exists_ = 0;
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

Result<CreateOutcome> ImapClient::create(std::string_view mailbox, Deadline deadline) {
  auto name = wire_name(mailbox);
  if (!name) return std::move(name).error();
  Command command("CREATE");
  mailbox_argument(command, *name);
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
