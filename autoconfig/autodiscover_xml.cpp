#include "autoconfig/autodiscover_xml.hpp"

#include <charconv>
#include <optional>
#include <sstream>

#include <pugixml.hpp>

#include "autoconfig/config_urls.hpp"
#include "core/ascii.hpp"

namespace mailassist::autoconfig {

namespace {

constexpr const char* kRequestSchema =
    "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
constexpr const char* kResponseSchema =
    "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

Error invalid(std::string_view where, const std::string& what) {
  return make_error(ErrorKind::invalid_input, std::string(where) + ": " + what);
}

// pugixml does not resolve namespaces. Servers write the POX elements unprefixed with a
// default namespace, but a prefix ("a:Protocol") is legal XML, so elements are matched by
// their local name.
std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (auto c : node.children())
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  return {};
}

std::string text_of(const pugi::xml_node& node, std::string_view name) {
  std::string text = child(node, name).text().get();
  auto first = text.find_first_not_of(" \t\r\n");
  auto last = text.find_last_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

// POX on/off flags. Absent means the element's documented default.
bool flag(const pugi::xml_node& protocol, std::string_view name, bool absent) {
  auto text = text_of(protocol, name);
  if (text.empty()) return absent;
  return iequals(text, "on");
}

// The security of one Protocol element.
//
// Encryption (values None, SSL, TLS, Auto; [MS-OXDSCLI]) is only given for IMAP, POP3 and
// SMTP and, when present, overrides SSL. "SSL" is TLS from the first byte (implicit TLS,
// RFC 8314 section 3); "TLS" is the STARTTLS command on the plain port (RFC 3501 section
// 6.2.1, RFC 2595, RFC 3207), as Outlook's own account dialog names them.
//
// Without Encryption only SSL (on/off; "on" when absent, per Microsoft's "SSL (POX)" page,
// learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/ssl-pox) says
// anything, and "on" does not say which kind of TLS. We decide by the port: the ports
// registered for implicit TLS (993 imaps, 995 pop3s, 465 submissions; RFC 8314 section 7)
// mean implicit TLS, any other port STARTTLS. "Auto" is treated the same way: it asks the
// client to negotiate, and we never choose "none" unless the document says so.
std::optional<Security> security_of(const pugi::xml_node& protocol, std::uint16_t port,
                                    std::string& problem) {
  auto by_port = [port] {
    return port == 993 || port == 995 || port == 465 ? Security::tls : Security::starttls;
  };
  auto encryption = text_of(protocol, "Encryption");
  if (!encryption.empty()) {
    if (iequals(encryption, "SSL")) return Security::tls;
    if (iequals(encryption, "TLS")) return Security::starttls;
    if (iequals(encryption, "None")) return Security::none;
    if (iequals(encryption, "Auto")) return by_port();
    problem = "an unknown <Encryption> ('" + encryption + "')";
    return std::nullopt;
  }
  if (!flag(protocol, "SSL", true)) return Security::none;
  return by_port();
}

std::optional<std::uint16_t> port_of(const std::string& text) {
  unsigned port = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size() || port == 0 || port > 65535)
    return std::nullopt;
  return static_cast<std::uint16_t>(port);
}

Result<ServerConfig> read_protocol(const pugi::xml_node& node, Protocol protocol,
                                   const std::string& type, std::string_view where) {
  std::string element = "<Protocol> of <Type>" + type + "</Type>";
  ServerConfig server;
  server.protocol = protocol;
  server.host = text_of(node, "Server");
  if (!server.host.empty() && server.host.back() == '.') server.host.pop_back();
  if (!is_plausible_domain(server.host))
    return invalid(where, element + " has no valid <Server> ('" + server.host + "')");

  auto port_text = text_of(node, "Port");
  std::optional<std::uint16_t> port;
  if (!port_text.empty()) {
    port = port_of(port_text);
    if (!port) return invalid(where, element + " has no valid <Port> ('" + port_text + "')");
  }
  std::string problem;
  // Without a Port the protocol's default for the security decides (SSL on: implicit TLS).
  auto security = security_of(node, port.value_or(default_port(protocol, Security::tls)), problem);
  if (!security) return invalid(where, element + " has " + problem);
  server.security = *security;
  server.port = port.value_or(default_port(protocol, server.security));

  // LoginName is the user name to log in with; when absent the address itself is (Outlook
  // tries the address). DomainRequired asks for DOMAIN\user logins, an NT habit.
  auto login = text_of(node, "LoginName");
  if (!login.empty()) server.username = login;
  auto nt_domain = text_of(node, "DomainName");
  if (flag(node, "DomainRequired", false) && !nt_domain.empty())
    server.username = nt_domain + "\\" + server.username;

  // SPA is Microsoft's Secure Password Authentication, i.e. NTLM (clientConfig's "NTLM");
  // AuthRequired off means the server takes no login at all (on when absent).
  if (!flag(node, "AuthRequired", true)) {
    server.auth = {"none"};
  } else if (flag(node, "SPA", false)) {
    server.auth = {"NTLM"};
  } else {
    server.auth = {"password-cleartext"};
  }
  return server;
}

Result<AutodiscoverAnswer> read_account(const pugi::xml_node& account, std::string_view where) {
  auto account_type = text_of(account, "AccountType");
  if (!account_type.empty() && !iequals(account_type, "email"))
    return invalid(where, "<AccountType> is '" + account_type + "', not 'email'");

  auto action = text_of(account, "Action");
  // MS-OXDSCLI: redirectAddr names another address to ask about, redirectUrl another
  // Autodiscover server. The answer says so; the source decides whether to follow.
  if (iequals(action, "redirectAddr") || iequals(action, "redirectUrl")) {
    bool address = iequals(action, "redirectAddr");
    AutodiscoverRedirect redirect{
        address ? AutodiscoverRedirect::Kind::address : AutodiscoverRedirect::Kind::url,
        text_of(account, address ? "RedirectAddr" : "RedirectUrl")};
    if (redirect.target.empty())
      return invalid(where, "<Action> " + action + " without its target");
    return AutodiscoverAnswer{std::nullopt, std::move(redirect)};
  }
  if (!action.empty() && !iequals(action, "settings"))
    return invalid(where, "unknown <Action> '" + action + "'");

  AccountConfig config;
  for (auto node : account.children()) {
    if (node.type() != pugi::node_element || local_name(node) != "Protocol") continue;
    auto type = text_of(node, "Type");
    std::optional<Protocol> protocol;
    if (iequals(type, "IMAP")) protocol = Protocol::imap;
    if (iequals(type, "POP3")) protocol = Protocol::pop3;
    if (iequals(type, "SMTP")) protocol = Protocol::smtp;
    if (!protocol) {
      // EXCH (MAPI over RPC), EXPR (Outlook Anywhere), WEB (Outlook on the web)...
      config.provenance.warnings.push_back("skipped a <Protocol> of type '" + type +
                                           "', which MailAssist does not speak");
      continue;
    }
    auto server = read_protocol(node, *protocol, type, where);
    if (!server) return std::move(server).error();
    (is_incoming(*protocol) ? config.incoming : config.outgoing).push_back(std::move(*server));
  }
  if (config.incoming.empty() && config.outgoing.empty())
    return invalid(where, "no IMAP, POP3 or SMTP server is described");
  return AutodiscoverAnswer{std::move(config), std::nullopt};
}

}  // namespace

std::string autodiscover_request(std::string_view email) {
  // Built with pugixml so that any character in the address is escaped correctly.
  pugi::xml_document doc;
  auto declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "utf-8";
  auto root = doc.append_child("Autodiscover");
  root.append_attribute("xmlns") = kRequestSchema;
  auto request = root.append_child("Request");
  request.append_child("EMailAddress").text() = std::string(email).c_str();
  request.append_child("AcceptableResponseSchema").text() = kResponseSchema;
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

Result<AutodiscoverAnswer> read_autodiscover_response(std::string_view xml,
                                                      std::string_view where) {
  if (xml.size() > kMaxAutodiscoverBytes) {
    return invalid(where, "the response is " + std::to_string(xml.size()) +
                              " bytes; an Autodiscover response is never larger than " +
                              std::to_string(kMaxAutodiscoverBytes));
  }
  pugi::xml_document doc;
  // pugixml fetches no external entity or DTD, so a hostile response cannot make us read
  // files or the network.
  auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default);
  if (!parsed) {
    return invalid(where, std::string("not well-formed XML at byte ") +
                              std::to_string(parsed.offset) + ": " + parsed.description());
  }
  auto root = doc.document_element();
  if (local_name(root) != "Autodiscover")
    return invalid(where,
                   "the root element is <" + std::string(root.name()) + ">, not <Autodiscover>");
  auto response = child(root, "Response");
  if (!response) return invalid(where, "<Autodiscover> has no <Response>");
  if (auto error = child(response, "Error")) {
    return invalid(where, "Autodiscover error " + text_of(error, "ErrorCode") + ": " +
                              text_of(error, "Message"));
  }
  auto account = child(response, "Account");
  if (!account) return invalid(where, "<Response> has no <Account>");
  return read_account(account, where);
}

std::string describe(const AutodiscoverRedirect& redirect) {
  return redirect.kind == AutodiscoverRedirect::Kind::address
             ? "the address '" + redirect.target + "'"
             : "'" + redirect.target + "'";
}

Result<AccountConfig> parse_autodiscover_response(std::string_view xml, std::string_view where) {
  auto answer = read_autodiscover_response(xml, where);
  if (!answer) return std::move(answer).error();
  if (answer->redirect) {
    return invalid(where, "Autodiscover redirects to " + describe(*answer->redirect) +
                              " (redirect not followed)");
  }
  return std::move(*answer->settings);
}

}  // namespace mailassist::autoconfig
