// The bundled presets in providers/: every file must load, be secure and agree with its
// name, because a broken or insecure preset would be trusted (it ships with the program).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "autoconfig/client_config_xml.hpp"

#ifndef MAILASSIST_PROVIDERS_DIR
#error "MAILASSIST_PROVIDERS_DIR must name the source tree's providers/ directory"
#endif

namespace mailassist::autoconfig {
namespace {

struct Preset {
  std::filesystem::path path;
  AccountConfig config;
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Loads every *.xml once; a file that does not parse is reported by the test that needs it
// rather than aborting the whole suite.
class ProvidersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    presets_ = new std::vector<Preset>();
    failures_ = new std::vector<std::string>();
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(MAILASSIST_PROVIDERS_DIR))
      if (entry.path().extension() == ".xml") paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
      auto config = parse_client_config(read_file(path), path.filename().string());
      if (config)
        presets_->push_back({path, std::move(*config)});
      else
        failures_->push_back(config.error().message);
    }
  }
  static void TearDownTestSuite() {
    delete presets_;
    delete failures_;
    presets_ = nullptr;
    failures_ = nullptr;
  }

  static const Preset* find(const std::string& id) {
    for (const auto& preset : *presets_)
      if (preset.config.id == id) return &preset;
    return nullptr;
  }

  static std::vector<Preset>* presets_;
  static std::vector<std::string>* failures_;
};

std::vector<Preset>* ProvidersTest::presets_ = nullptr;
std::vector<std::string>* ProvidersTest::failures_ = nullptr;

TEST_F(ProvidersTest, EveryFileParses) {
  for (const auto& message : *failures_) ADD_FAILURE() << message;
}

// The promise in providers/README.md: at least 25 of the large providers.
TEST_F(ProvidersTest, AtLeastTwentyFivePresetsShip) {
  EXPECT_GE(presets_->size() + failures_->size(), 25u);
  EXPECT_GE(presets_->size(), 25u);
}

TEST_F(ProvidersTest, IdsMatchFileNames) {
  for (const auto& preset : *presets_)
    EXPECT_EQ(preset.config.id + ".xml", preset.path.filename().string());
}

TEST_F(ProvidersTest, EveryPresetHasAnIncomingAndAnOutgoingServer) {
  for (const auto& preset : *presets_) {
    EXPECT_FALSE(preset.config.incoming.empty()) << preset.path.filename();
    EXPECT_FALSE(preset.config.outgoing.empty()) << preset.path.filename();
  }
}

// A preset is trusted without asking, so it must never lead to a password in the clear.
TEST_F(ProvidersTest, EveryServerIsEncrypted) {
  for (const auto& preset : *presets_) {
    for (const auto* list : {&preset.config.incoming, &preset.config.outgoing}) {
      for (const auto& server : *list) {
        EXPECT_NE(server.security, Security::none)
            << preset.path.filename() << ": " << server.host << ":" << server.port;
      }
    }
  }
}

// Skipped server types mean a typo or an element we cannot use; presets carry neither.
TEST_F(ProvidersTest, NoServerIsSkipped) {
  for (const auto& preset : *presets_)
    EXPECT_TRUE(preset.config.provenance.warnings.empty()) << preset.path.filename();
}

TEST_F(ProvidersTest, EveryPresetCanBeFound) {
  for (const auto& preset : *presets_) {
    EXPECT_FALSE(preset.config.domains.empty() && preset.config.mx_patterns.empty())
        << preset.path.filename() << " has neither a domain nor an MX pattern";
  }
}

// Lookup by domain returns the first match, so a domain in two files would hide one of them.
TEST_F(ProvidersTest, NoDomainIsInTwoFiles) {
  std::map<std::string, std::string> owner;
  for (const auto& preset : *presets_) {
    for (auto domain : preset.config.domains) {
      std::transform(domain.begin(), domain.end(), domain.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      auto [it, inserted] = owner.emplace(domain, preset.config.id);
      EXPECT_TRUE(inserted) << domain << " is in " << it->second << " and " << preset.config.id;
    }
  }
}

// The user's seed document gives exactly these servers for Gmail.
TEST_F(ProvidersTest, GmailHasTheSeedDocumentsServers) {
  const auto* gmail = find("gmail.com");
  ASSERT_NE(gmail, nullptr);
  const auto& config = gmail->config;
  EXPECT_EQ(config.domains, (std::vector<std::string>{"gmail.com", "googlemail.com"}));

  ASSERT_EQ(config.incoming.size(), 2u);
  EXPECT_EQ(config.incoming[0].protocol, Protocol::imap);
  EXPECT_EQ(config.incoming[0].host, "imap.gmail.com");
  EXPECT_EQ(config.incoming[0].port, 993);
  EXPECT_EQ(config.incoming[0].security, Security::tls);
  EXPECT_EQ(config.incoming[1].protocol, Protocol::pop3);
  EXPECT_EQ(config.incoming[1].host, "pop.gmail.com");
  EXPECT_EQ(config.incoming[1].port, 995);
  EXPECT_EQ(config.incoming[1].security, Security::tls);

  ASSERT_EQ(config.outgoing.size(), 2u);
  EXPECT_EQ(config.outgoing[0].host, "smtp.gmail.com");
  EXPECT_EQ(config.outgoing[0].port, 465);
  EXPECT_EQ(config.outgoing[0].security, Security::tls);
  EXPECT_EQ(config.outgoing[1].host, "smtp.gmail.com");
  EXPECT_EQ(config.outgoing[1].port, 587);
  EXPECT_EQ(config.outgoing[1].security, Security::starttls);

  // Google wants OAuth2 first; the password method stays for app passwords.
  for (const auto* list : {&config.incoming, &config.outgoing}) {
    for (const auto& server : *list) {
      EXPECT_EQ(server.username, "%EMAILADDRESS%");
      EXPECT_EQ(server.auth, (std::vector<std::string>{"OAuth2", "password-cleartext"}));
    }
  }
}

// Custom domains are recognised through the MailAssist mxHost extension element.
TEST_F(ProvidersTest, HostedDomainPresetsCarryMxPatterns) {
  const auto* workspace = find("workspace.google.com");
  ASSERT_NE(workspace, nullptr);
  EXPECT_TRUE(workspace->config.domains.empty());
  EXPECT_NE(std::find(workspace->config.mx_patterns.begin(), workspace->config.mx_patterns.end(),
                      "*.google.com"),
            workspace->config.mx_patterns.end());

  const auto* microsoft = find("office365.com");
  ASSERT_NE(microsoft, nullptr);
  EXPECT_TRUE(microsoft->config.domains.empty());
  EXPECT_EQ(microsoft->config.mx_patterns,
            (std::vector<std::string>{"*.mail.protection.outlook.com"}));
}

// Apple documents different user names for IMAP (name part) and SMTP (full address).
TEST_F(ProvidersTest, ICloudUsesTheLocalPartForImapOnly) {
  const auto* icloud = find("icloud.com");
  ASSERT_NE(icloud, nullptr);
  ASSERT_FALSE(icloud->config.incoming.empty());
  ASSERT_FALSE(icloud->config.outgoing.empty());
  EXPECT_EQ(icloud->config.incoming[0].username, "%EMAILLOCALPART%");
  EXPECT_EQ(icloud->config.outgoing[0].username, "%EMAILADDRESS%");
}

}  // namespace
}  // namespace mailassist::autoconfig
