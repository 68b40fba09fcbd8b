#include "protocols/sasl/sasl.hpp"

#include <algorithm>
#include <cctype>

#include "core/ascii.hpp"
#include "core/base64.hpp"

namespace mailassist::sasl {

namespace {

bool offers(const std::vector<std::string>& offered, Mechanism m) {
  return std::any_of(offered.begin(), offered.end(),
                     [m](const std::string& name) { return iequals(name, to_string(m)); });
}

}  // namespace

std::optional<Mechanism> parse_mechanism(std::string_view name) {
  for (auto m : {Mechanism::plain, Mechanism::login, Mechanism::xoauth2, Mechanism::oauthbearer})
    if (iequals(name, to_string(m))) return m;
  return std::nullopt;
}

std::optional<Mechanism> choose_mechanism(const std::vector<std::string>& offered,
                                          const Credentials& credentials) {
  if (!credentials.oauth_token.empty()) {
    // RFC 7628 is the standard; XOAUTH2 is what Google and Microsoft deployed first.
    for (auto m : {Mechanism::oauthbearer, Mechanism::xoauth2})
      if (offers(offered, m)) return m;
    return std::nullopt;
  }
  for (auto m : {Mechanism::plain, Mechanism::login})
    if (offers(offered, m)) return m;
  return std::nullopt;
}

Exchange::Exchange(Mechanism mechanism, Credentials credentials)
    : mechanism_(mechanism), credentials_(std::move(credentials)) {}

std::string Exchange::raw_initial() const {
  const auto& c = credentials_;
  switch (mechanism_) {
    case Mechanism::plain:
      // RFC 4616 section 2: [authzid] NUL authcid NUL passwd; authzid left empty.
      return std::string(1, '\0') + c.username + '\0' + c.password;
    case Mechanism::login: return {};
    case Mechanism::xoauth2:
      return "user=" + c.username + "\x01" + "auth=Bearer " + c.oauth_token + "\x01\x01";
    case Mechanism::oauthbearer: {
      // RFC 7628 section 3.1: gs2-header, then key=value pairs separated by ^A.
      std::string s = "n,a=" + c.username + ",\x01";
      if (!c.host.empty()) s += "host=" + c.host + "\x01";
      if (c.port != 0) s += "port=" + std::to_string(c.port) + "\x01";
      return s + "auth=Bearer " + c.oauth_token + "\x01\x01";
    }
  }
  return {};
}

std::optional<std::string> Exchange::initial_response() const {
  if (mechanism_ == Mechanism::login) return std::nullopt;
  return base64_encode(raw_initial());
}

Result<std::string> Exchange::respond(std::string_view challenge_base64) {
  auto challenge = base64_decode(challenge_base64);
  if (!challenge) {
    return make_error(ErrorKind::protocol_error,
                      "the server sent a SASL challenge that is not valid base64");
  }
  last_challenge_ = *challenge;
  ++step_;
  switch (mechanism_) {
    case Mechanism::plain:
      // An empty challenge asks for the initial response when SASL-IR was not used.
      if (step_ == 1 && challenge->empty()) return base64_encode(raw_initial());
      break;
    case Mechanism::login:
      // The challenges are conventionally "Username:" and "Password:"; servers differ in
      // wording, so the order decides.
      if (step_ == 1) return base64_encode(credentials_.username);
      if (step_ == 2) return base64_encode(credentials_.password);
      break;
    case Mechanism::xoauth2:
    case Mechanism::oauthbearer:
      if (challenge->empty() && step_ == 1) return base64_encode(raw_initial());
      // A non-empty challenge is an error document (JSON). XOAUTH2 answers with an empty
      // response; OAUTHBEARER with a lone ^A (RFC 7628 section 3.2.3). The server then
      // sends its final failure reply.
      return base64_encode(mechanism_ == Mechanism::oauthbearer ? "\x01" : "");
  }
  return make_error(ErrorKind::protocol_error, "the server sent an unexpected SASL challenge");
}

std::vector<std::string> Exchange::secrets() const {
  std::vector<std::string> out;
  if (!credentials_.password.empty()) {
    out.push_back(credentials_.password);
    out.push_back(base64_encode(credentials_.password));
  }
  if (!credentials_.oauth_token.empty()) out.push_back(credentials_.oauth_token);
  if (mechanism_ != Mechanism::login) out.push_back(base64_encode(raw_initial()));
  return out;
}

}  // namespace mailassist::sasl
