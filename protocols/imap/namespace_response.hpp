#pragma once
// "* NAMESPACE personal other shared" (RFC 2342 section 5), typed from the UnknownData the
// client hands out for it (response.hpp). Migration needs the personal namespace: servers
// such as Courier, and Cyrus with altnamespace off, keep every folder of the user under a
// prefix ("INBOX." with "." as separator), and a CREATE outside it fails or lands where no
// mail client looks.
//
// Grammar (RFC 2342 section 5, with RFC 9051 section 9's extension syntax):
//   Namespace  = nil / "(" 1*Namespace_Descr ")"
//   Namespace_Descr = "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil)
//                     *(SP string SP "(" string *(SP string) ")") ")"
// Extensions are checked for syntax and skipped. Prefixes are as sent (modified UTF-7
// unless UTF8=ACCEPT is enabled).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mailassist::imap {

struct NamespaceDescription {
  std::string prefix;             // "" or e.g. "INBOX."
  std::optional<char> delimiter;  // nullopt for NIL: no hierarchy
  bool operator==(const NamespaceDescription&) const = default;
};

struct NamespaceData {
  std::vector<NamespaceDescription> personal;  // the first is where new folders go
  std::vector<NamespaceDescription> other_users;
  std::vector<NamespaceDescription> shared;
  bool operator==(const NamespaceData&) const = default;
};

// The whole response line, "* NAMESPACE ...". protocol_error with the byte offset when it
// is malformed.
Result<NamespaceData> parse_namespace_response(std::string_view response);

}  // namespace mailassist::imap
