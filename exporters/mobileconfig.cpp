#include "exporters/mobileconfig.hpp"

#include <sstream>

#include <pugixml.hpp>

#include "core/random_uuid.hpp"

namespace mailassist::exporters {

namespace {

using autoconfig::Protocol;
using autoconfig::Security;
using autoconfig::ServerConfig;

// A property list <dict> being written: <key> then its value, in order.
class PlistDict {
 public:
  explicit PlistDict(pugi::xml_node node) : node_(node) {}

  // XML 1.0 allows no control characters but tab and line ends, not even as &#N;, and
  // plist readers refuse them: a name from the command line or the network loses them.
  void string(const char* key, const std::string& value) {
    std::string text = value;
    for (char& c : text)
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') c = ' ';
    add_key(key).append_child("string").text().set(text.c_str());
  }
  void integer(const char* key, long long value) {
    add_key(key).append_child("integer").text().set(value);
  }
  void boolean(const char* key, bool value) { add_key(key).append_child(value ? "true" : "false"); }
  pugi::xml_node array(const char* key) { return add_key(key).append_child("array"); }

 private:
  pugi::xml_node add_key(const char* key) {
    node_.append_child("key").text().set(key);
    return node_;
  }
  pugi::xml_node node_;
};

// IncomingMailServerAuthentication / OutgoingMailServerAuthentication take EmailAuthNone,
// EmailAuthPassword, EmailAuthCRAMMD5, EmailAuthNTLM or EmailAuthHTTPMD5.
std::string authentication_of(const ServerConfig& server, bool& oauth_only) {
  const std::string first = server.auth.empty() ? "password-cleartext" : server.auth.front();
  if (first == "none") return "EmailAuthNone";
  if (first == "NTLM") return "EmailAuthNTLM";
  if (first == "password-encrypted") return "EmailAuthCRAMMD5";
  if (first == "OAuth2") oauth_only = true;  // no such word in this payload
  return "EmailAuthPassword";
}

// Apple's only security switch is "Use SSL". Apple Mail then uses TLS from the first byte
// on the implicit-TLS ports (993, 995, 465) and STARTTLS on the others, so both of our
// encrypted kinds are "true" and the port says which one.
bool use_ssl(const ServerConfig& server) {
  return server.security != Security::none;
}

}  // namespace

std::string reverse_dns(std::string_view domain) {
  std::string out;
  while (!domain.empty()) {
    auto dot = domain.rfind('.');
    auto label = dot == std::string_view::npos ? domain : domain.substr(dot + 1);
    if (!out.empty()) out += '.';
    out += label;
    domain = dot == std::string_view::npos ? std::string_view() : domain.substr(0, dot);
  }
  return out;
}

Result<ExportedText> write_mobileconfig(const autoconfig::AccountConfig& config,
                                        const MobileconfigOptions& options) {
  if (config.incoming.empty())
    return make_error(ErrorKind::invalid_input,
                      "an Apple mail profile needs an IMAP or POP3 server; the settings have none");
  if (config.outgoing.empty())
    return make_error(ErrorKind::invalid_input,
                      "an Apple mail profile needs an SMTP server; the settings have none");
  const std::string& email = options.email;
  const ServerConfig& incoming = config.incoming.front();
  const ServerConfig& smtp = config.outgoing.front();
  const std::string domain = autoconfig::domain_of(email);
  const std::string name = config.display_name.empty() ? domain : config.display_name;
  // Stable: the same address always gives the same identifiers, so a newer profile for it
  // replaces the installed one instead of adding a second account.
  const std::string identifier = reverse_dns(domain) + ".mailassist." + email;
  const std::string incoming_login = autoconfig::expand_username(incoming.username, email);
  const std::string smtp_login = autoconfig::expand_username(smtp.username, email);

  ExportedText result;
  bool oauth_only = false;
  pugi::xml_document doc;
  auto declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version").set_value("1.0");
  declaration.append_attribute("encoding").set_value("UTF-8");
  doc.append_child(pugi::node_doctype)
      .set_value(
          "plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
          "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\"");
  auto plist = doc.append_child("plist");
  plist.append_attribute("version").set_value("1.0");
  PlistDict profile(plist.append_child("dict"));

  PlistDict mail(profile.array("PayloadContent").append_child("dict"));
  mail.string("PayloadType", "com.apple.mail.managed");
  mail.integer("PayloadVersion", 1);
  mail.string("PayloadIdentifier", identifier + ".mail");
  mail.string("PayloadUUID", options.payload_uuid.empty() ? random_uuid() : options.payload_uuid);
  mail.string("PayloadDisplayName", name + " (" + email + ")");
  mail.string("EmailAccountDescription", name);
  mail.string("EmailAccountType",
              incoming.protocol == Protocol::pop3 ? "EmailTypePOP" : "EmailTypeIMAP");
  mail.string("EmailAddress", email);
  mail.string("IncomingMailServerHostName", incoming.host);
  mail.integer("IncomingMailServerPortNumber", incoming.port);
  mail.boolean("IncomingMailServerUseSSL", use_ssl(incoming));
  mail.string("IncomingMailServerUsername", incoming_login);
  mail.string("IncomingMailServerAuthentication", authentication_of(incoming, oauth_only));
  mail.string("OutgoingMailServerHostName", smtp.host);
  mail.integer("OutgoingMailServerPortNumber", smtp.port);
  mail.boolean("OutgoingMailServerUseSSL", use_ssl(smtp));
  mail.string("OutgoingMailServerUsername", smtp_login);
  mail.string("OutgoingMailServerAuthentication", authentication_of(smtp, oauth_only));
  // Asked once for both servers (interactive installs only, Apple says) when the logins
  // are the same.
  mail.boolean("OutgoingPasswordSameAsIncomingPassword", smtp_login == incoming_login);
  if (options.password) {
    mail.string("IncomingPassword", *options.password);
    mail.string("OutgoingPassword", *options.password);
    result.warnings.push_back(
        "the profile holds the password in clear text (Apple advises passwords only in "
        "encrypted profiles): hand it over privately and delete it once installed");
  }

  profile.string("PayloadType", "Configuration");
  profile.integer("PayloadVersion", 1);
  profile.string("PayloadIdentifier", identifier);
  profile.string("PayloadUUID",
                 options.profile_uuid.empty() ? random_uuid() : options.profile_uuid);
  profile.string("PayloadDisplayName", name + " mail (" + email + ")");
  profile.string("PayloadDescription", "Adds the mail account " + email + ". Made by MailAssist.");
  profile.boolean("PayloadRemovalDisallowed", false);

  if (oauth_only) {
    result.warnings.push_back(
        "the provider wants OAuth2, which a mail profile cannot set up: the account is "
        "written with a password login (an app password may be needed)");
  }
  if (incoming.security == Security::none || smtp.security == Security::none) {
    result.warnings.push_back(
        "the settings include a server without any encryption: the "
        "device will send the password in the clear to it");
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  result.text = out.str();
  return result;
}

}  // namespace mailassist::exporters
