#include "exporters/client_config_writer.hpp"

#include <sstream>

#include <pugixml.hpp>

namespace mailassist::exporters {

namespace {

// clientConfig's socketType words (Thunderbird:Autoconfiguration:ConfigFileFormat).
const char* socket_type(autoconfig::Security security) {
  switch (security) {
    case autoconfig::Security::tls: return "SSL";
    case autoconfig::Security::starttls: return "STARTTLS";
    case autoconfig::Security::none: return "plain";
  }
  return "SSL";
}

void add_text(pugi::xml_node parent, const char* name, const std::string& text) {
  parent.append_child(name).text().set(text.c_str());
}

void add_server(pugi::xml_node provider, const autoconfig::ServerConfig& server,
                const autoconfig::AccountConfig& config) {
  bool incoming = autoconfig::is_incoming(server.protocol);
  auto node = provider.append_child(incoming ? "incomingServer" : "outgoingServer");
  node.append_attribute("type").set_value(std::string(to_string(server.protocol)).c_str());
  add_text(node, "hostname", server.host);
  add_text(node, "port", std::to_string(server.port));
  add_text(node, "socketType", socket_type(server.security));
  add_text(node, "username", server.username);
  for (const auto& auth : server.auth) add_text(node, "authentication", auth);
  if (server.protocol == autoconfig::Protocol::pop3) {
    auto pop3 = node.append_child("pop3");
    add_text(pop3, "leaveMessagesOnServer", config.pop3.leave_on_server ? "true" : "false");
    if (config.pop3.days_to_leave > 0)
      add_text(pop3, "daysToLeaveMessagesOnServer", std::to_string(config.pop3.days_to_leave));
  }
}

}  // namespace

std::string write_client_config(const autoconfig::AccountConfig& config, std::string_view domain) {
  pugi::xml_document doc;
  auto declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version").set_value("1.0");
  declaration.append_attribute("encoding").set_value("UTF-8");
  auto root = doc.append_child("clientConfig");
  root.append_attribute("version").set_value("1.1");
  auto provider = root.append_child("emailProvider");
  std::string id = config.id.empty() ? std::string(domain) : config.id;
  provider.append_attribute("id").set_value(id.c_str());
  add_text(provider, "domain", std::string(domain));
  for (const auto& d : config.domains)
    if (d != domain) add_text(provider, "domain", d);
  add_text(provider, "displayName", config.display_name.empty() ? id : config.display_name);
  add_text(provider, "displayShortName", config.display_name.empty() ? id : config.display_name);
  for (const auto& server : config.incoming) add_server(provider, server, config);
  for (const auto& server : config.outgoing) add_server(provider, server, config);
  for (const auto& page : config.help_pages) {
    auto documentation = provider.append_child("documentation");
    documentation.append_attribute("url").set_value(page.url.c_str());
    auto descr = documentation.append_child("descr");
    descr.append_attribute("lang").set_value("en");
    descr.text().set(page.description.c_str());
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace mailassist::exporters
