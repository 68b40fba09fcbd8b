#include "exporters/autodiscover_writer.hpp"

#include <sstream>

#include <pugixml.hpp>

namespace mailassist::exporters {

// Element names and values: Microsoft, "POX Autodiscover XML elements for Exchange"
// (learn.microsoft.com, exchange/client-developer/web-service-reference/
// pox-autodiscover-xml-elements-for-exchange) and [MS-OXDSCLI] section 2.2.4 (the
// responseschema/2006 envelope with the outlook/responseschema/2006a Response). Encryption
// takes None, SSL (TLS from the first byte, RFC 8314 section 3) and TLS (the STARTTLS
// command, RFC 3207 / RFC 2595 / RFC 3501 section 6.2.1), as Outlook's account dialog
// names them; autoconfig/autodiscover_xml.cpp reads them the same way.

namespace {

using autoconfig::Protocol;
using autoconfig::Security;

constexpr const char* kEnvelopeSchema =
    "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
constexpr const char* kResponseSchema =
    "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

const char* type_of(Protocol protocol) {
  switch (protocol) {
    case Protocol::imap: return "IMAP";
    case Protocol::pop3: return "POP3";
    case Protocol::smtp: return "SMTP";
  }
  return "IMAP";
}

const char* encryption_of(Security security) {
  switch (security) {
    case Security::tls: return "SSL";
    case Security::starttls: return "TLS";
    case Security::none: return "None";
  }
  return "SSL";
}

void add_text(pugi::xml_node parent, const char* name, const std::string& text) {
  parent.append_child(name).text().set(text.c_str());
}

bool first_auth_is(const autoconfig::ServerConfig& server, std::string_view auth) {
  return !server.auth.empty() && server.auth.front() == auth;
}

}  // namespace

Result<ExportedText> write_autodiscover(const autoconfig::AccountConfig& config,
                                        std::string_view email) {
  if (config.incoming.empty() && config.outgoing.empty())
    return make_error(ErrorKind::invalid_input, "the settings name no server to describe");
  ExportedText result;
  pugi::xml_document doc;
  auto declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version").set_value("1.0");
  declaration.append_attribute("encoding").set_value("utf-8");
  auto root = doc.append_child("Autodiscover");
  root.append_attribute("xmlns").set_value(kEnvelopeSchema);
  auto response = root.append_child("Response");
  response.append_attribute("xmlns").set_value(kResponseSchema);
  auto account = response.append_child("Account");
  add_text(account, "AccountType", "email");
  add_text(account, "Action", "settings");

  bool per_address = false;
  bool oauth_dropped = false;
  std::string incoming_login;
  auto add_protocol = [&](const autoconfig::ServerConfig& server) {
    auto node = account.append_child("Protocol");
    add_text(node, "Type", type_of(server.protocol));
    add_text(node, "Server", server.host);
    add_text(node, "Port", std::to_string(server.port));
    add_text(node, "DomainRequired", "off");
    std::string login = autoconfig::expand_username(server.username, email);
    if (server.username != "%EMAILADDRESS%") {
      add_text(node, "LoginName", login);
      per_address = true;
    }
    if (autoconfig::is_incoming(server.protocol)) {
      if (incoming_login.empty()) incoming_login = login;
    } else if (!incoming_login.empty()) {
      // UsePOPAuth: send with the incoming server's name and password.
      add_text(node, "UsePOPAuth", login == incoming_login ? "on" : "off");
    }
    // SPA is Microsoft's Secure Password Authentication (NTLM). POX has no word for
    // OAuth2 or CRAM-MD5: those servers are described with a password login.
    add_text(node, "SPA", first_auth_is(server, "NTLM") ? "on" : "off");
    add_text(node, "SSL", server.security == Security::none ? "off" : "on");
    add_text(node, "Encryption", encryption_of(server.security));
    add_text(node, "AuthRequired", first_auth_is(server, "none") ? "off" : "on");
    for (const auto& auth : server.auth)
      if (auth == "OAuth2") oauth_dropped = true;
  };
  for (const auto& server : config.incoming) add_protocol(server);
  for (const auto& server : config.outgoing) add_protocol(server);

  if (per_address) {
    result.warnings.push_back("the login name is not the address itself, so this file names " +
                              std::string(email) +
                              "'s login: serve it to that address only, or answer each "
                              "Autodiscover request with its own file");
  }
  if (oauth_dropped) {
    result.warnings.push_back(
        "Autodiscover's POX response cannot say OAuth2; the servers are described with a "
        "password login");
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  result.text = out.str();
  return result;
}

}  // namespace mailassist::exporters
