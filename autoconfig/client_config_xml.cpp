#include "autoconfig/client_config_xml.hpp"

#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

#include <pugixml.hpp>

namespace mailassist::autoconfig {

namespace {

Error invalid(std::string_view where, const std::string& what) {
  return make_error(ErrorKind::invalid_input, std::string(where) + ": " + what);
}

std::string text_of(const pugi::xml_node& node, const char* child) {
  std::string text = node.child(child).text().get();
  auto first = text.find_first_not_of(" \t\r\n");
  auto last = text.find_last_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

// A host name or IP literal: letters, digits, '-', '.', ':' (IPv6) and no more than 253
// characters. Anything else (spaces, slashes, control characters) is hostile or broken.
bool plausible_host(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  for (char c : host) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == ':' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Result<ServerConfig> read_server(const pugi::xml_node& node, Protocol protocol,
                                 std::string_view where) {
  ServerConfig server;
  server.protocol = protocol;
  std::string element =
      std::string(node.name()) + " type=\"" + std::string(to_string(protocol)) + "\"";

  server.host = text_of(node, "hostname");
  if (!plausible_host(server.host))
    return invalid(where, element + " has no valid <hostname> ('" + server.host + "')");

  auto port_text = text_of(node, "port");
  unsigned port = 0;
  auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (error != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
      port > 65535) {
    return invalid(where, element + " has no valid <port> ('" + port_text + "')");
  }
  server.port = static_cast<std::uint16_t>(port);

  auto socket_type = text_of(node, "socketType");
  auto security = parse_security(socket_type);
  if (!security)
    return invalid(where, element + " has an unknown <socketType> ('" + socket_type + "')");
  server.security = *security;

  auto username = text_of(node, "username");
  if (!username.empty()) server.username = username;
  server.auth.clear();
  for (auto auth : node.children("authentication")) {
    std::string value = auth.text().get();
    if (!value.empty()) server.auth.push_back(value);
  }
  if (server.auth.empty()) server.auth.push_back("password-cleartext");
  return server;
}

// <ma:mxHost xmlns:ma="https://mailassist.invalid/ns/provider-1">*.google.com</ma:mxHost>
// pugixml does not resolve namespaces, so the element's prefix is looked up by hand.
constexpr std::string_view kMailAssistNamespace = "https://mailassist.invalid/ns/provider-1";

bool is_mx_pattern_element(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  if (colon == std::string_view::npos || name.substr(colon + 1) != "mxHost") return false;
  std::string attribute = "xmlns:" + std::string(name.substr(0, colon));
  for (auto scope = node; scope; scope = scope.parent()) {
    auto declared = scope.attribute(attribute.c_str());
    if (declared) return declared.value() == kMailAssistNamespace;
  }
  return false;
}

// <documentation url="..."><descr lang="en">...</descr></documentation>: the English
// description, else the first. Only web addresses are kept (the sheet shows them as links),
// at most kMaxHelpPages, and none with an over-long address or description: the document
// may be hostile and the sheet has one page.
constexpr std::size_t kMaxHelpPages = 6;
constexpr std::size_t kMaxHelpText = 300;

std::optional<HelpPage> read_help_page(const pugi::xml_node& node) {
  HelpPage page{node.attribute("url").value(), ""};
  bool web = page.url.rfind("https://", 0) == 0 || page.url.rfind("http://", 0) == 0;
  if (!web || page.url.size() > kMaxHelpText) return std::nullopt;
  for (auto descr : node.children("descr")) {
    if (page.description.empty() || std::string_view(descr.attribute("lang").value()) == "en")
      page.description = descr.text().get();
  }
  if (page.description.empty()) page.description = page.url;
  if (page.description.size() > kMaxHelpText) return std::nullopt;
  return page;
}

}  // namespace

Result<AccountConfig> parse_client_config(std::string_view xml, std::string_view where) {
  if (xml.size() > kMaxClientConfigBytes) {
    return invalid(where, "the document is " + std::to_string(xml.size()) +
                              " bytes; a settings file is never larger than " +
                              std::to_string(kMaxClientConfigBytes));
  }
  pugi::xml_document doc;
  // pugixml never fetches external entities or DTDs, so a hostile document cannot make us
  // read files or the network; parse_default also leaves DOCTYPE unexpanded.
  auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default);
  if (!parsed) {
    return invalid(where, std::string("not well-formed XML at byte ") +
                              std::to_string(parsed.offset) + ": " + parsed.description());
  }
  auto root = doc.child("clientConfig");
  if (!root) return invalid(where, "the root element is not <clientConfig>");
  auto provider = root.child("emailProvider");
  if (!provider) return invalid(where, "<clientConfig> has no <emailProvider>");

  AccountConfig config;
  config.id = provider.attribute("id").value();
  config.display_name = text_of(provider, "displayName");
  for (auto domain : provider.children("domain")) config.domains.emplace_back(domain.text().get());

  for (auto node : provider.children()) {
    std::string name = node.name();
    if (name == "documentation") {
      auto page = read_help_page(node);
      if (page && config.help_pages.size() < kMaxHelpPages)
        config.help_pages.push_back(std::move(*page));
      continue;
    }
    if (is_mx_pattern_element(node)) {
      config.mx_patterns.emplace_back(node.text().get());
      continue;
    }
    bool incoming = name == "incomingServer";
    if (!incoming && name != "outgoingServer") continue;
    std::string type = node.attribute("type").value();
    auto protocol = parse_protocol(type);
    if (!protocol || is_incoming(*protocol) != incoming) {
      config.provenance.warnings.push_back("skipped a " + name + " of type '" + type +
                                           "', which MailAssist does not speak");
      continue;
    }
    auto server = read_server(node, *protocol, where);
    if (!server) return std::move(server).error();
    if (*protocol == Protocol::pop3) {
      auto pop3 = node.child("pop3");
      if (pop3) {
        config.pop3.leave_on_server = text_of(pop3, "leaveMessagesOnServer") != "false";
        config.pop3.days_to_leave = pop3.child("daysToLeaveMessagesOnServer").text().as_int(0);
      }
    }
    (incoming ? config.incoming : config.outgoing).push_back(std::move(*server));
  }
  if (config.incoming.empty() && config.outgoing.empty())
    return invalid(where, "no IMAP, POP3 or SMTP server is described");
  return config;
}

Result<AccountConfig> load_client_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::io_error, "cannot open " + path);
  std::string xml;
  xml.resize(kMaxClientConfigBytes + 1);
  in.read(xml.data(), static_cast<std::streamsize>(xml.size()));
  xml.resize(static_cast<std::size_t>(in.gcount()));
  return parse_client_config(xml, path);
}

}  // namespace mailassist::autoconfig
