#pragma once
// The client side of SASL (RFC 4422), shared by IMAP AUTHENTICATE, POP3 AUTH and SMTP AUTH.
// Each protocol only frames the strings: this module decides what they contain.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mailassist::sasl {

enum class Mechanism {
  plain,        // RFC 4616
  login,        // draft-murchison-sasl-login: "Username:" / "Password:" challenges
  xoauth2,      // Google/Microsoft OAuth2 bearer
  oauthbearer,  // RFC 7628
};

constexpr std::string_view to_string(Mechanism m) {
  switch (m) {
    case Mechanism::plain: return "PLAIN";
    case Mechanism::login: return "LOGIN";
    case Mechanism::xoauth2: return "XOAUTH2";
    case Mechanism::oauthbearer: return "OAUTHBEARER";
  }
  return "PLAIN";
}

// Case-insensitive; nullopt for a mechanism we do not implement.
std::optional<Mechanism> parse_mechanism(std::string_view name);

struct Credentials {
  std::string username;
  std::string password;     // for PLAIN / LOGIN
  std::string oauth_token;  // for XOAUTH2 / OAUTHBEARER; empty = not available
  std::string host;         // OAUTHBEARER's host= and port= (RFC 7628 section 3.1)
  unsigned port = 0;
};

// The best mechanism both sides support for these credentials: with an OAuth token the
// OAuth mechanisms, otherwise PLAIN before LOGIN. `offered` is the server's list.
std::optional<Mechanism> choose_mechanism(const std::vector<std::string>& offered,
                                          const Credentials& credentials);

// One authentication exchange. Strings in and out are base64, as on the wire.
class Exchange {
 public:
  Exchange(Mechanism mechanism, Credentials credentials);

  Mechanism mechanism() const { return mechanism_; }

  // The initial response (base64) for SASL-IR / "AUTH PLAIN <ir>" style commands, or
  // nullopt when the mechanism waits for the server to speak first (LOGIN).
  std::optional<std::string> initial_response() const;

  // The answer to a server challenge (base64 in, base64 out). After a failed OAuth
  // exchange the server sends an error document; the answer is the mechanism's dummy reply
  // and the error document is kept in last_challenge().
  Result<std::string> respond(std::string_view challenge_base64);

  const std::string& last_challenge() const { return last_challenge_; }

  // Every string that must never appear in a log: the password, the token, and the
  // base64 strings built from them.
  std::vector<std::string> secrets() const;

 private:
  std::string raw_initial() const;
  Mechanism mechanism_;
  Credentials credentials_;
  int step_ = 0;
  std::string last_challenge_;
};

}  // namespace mailassist::sasl
