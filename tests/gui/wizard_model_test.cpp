// The wizard's wx-free logic (app/wizard/model/), tested without a display.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "app/wizard/model/account_choice.hpp"
#include "app/wizard/model/account_form.hpp"
#include "app/wizard/model/copy_clock.hpp"
#include "app/wizard/model/export_formats.hpp"
#include "app/wizard/model/login_verdict.hpp"
#include "app/wizard/model/lookup_board.hpp"
#include "app/wizard/model/mail_sources.hpp"
#include "app/wizard/model/wizard_script.hpp"

namespace mailassist::wizard {
namespace {

using autoconfig::Protocol;
using autoconfig::SourceKind;

TEST(AccountForm, AcceptsAddressesDetectionCanLookUp) {
  EXPECT_FALSE(check_address("ani@example.co.id"));
  EXPECT_FALSE(check_address("bob@localhost"));
  EXPECT_FALSE(check_address("o'brien+news@mail.example.com"));
}

TEST(AccountForm, NamesWhatIsWrongWithAnAddress) {
  EXPECT_EQ(check_address(""), AddressProblem::empty);
  EXPECT_EQ(check_address("ani.example.com"), AddressProblem::no_at);
  EXPECT_EQ(check_address("@example.com"), AddressProblem::empty_local);
  EXPECT_EQ(check_address("ani@"), AddressProblem::bad_domain);
  EXPECT_EQ(check_address("ani@example"), AddressProblem::bad_domain);
  EXPECT_EQ(check_address("ani@example..com"), AddressProblem::bad_domain);
  EXPECT_EQ(check_address("ani@-example.com"), AddressProblem::bad_domain);
  EXPECT_EQ(check_address("ani@exa_mple.com"), AddressProblem::bad_domain);
  EXPECT_EQ(check_address("ani @example.com"), AddressProblem::has_space);
  EXPECT_EQ(check_address("ani@example.com\n"), AddressProblem::has_space);
  EXPECT_EQ(check_address(std::string(250, 'a') + "@example.com"), AddressProblem::too_long);
}

TEST(AccountForm, DisplayName) {
  EXPECT_FALSE(check_display_name("Ani Lestari"));
  EXPECT_EQ(check_display_name("  "), NameProblem::empty);
  EXPECT_EQ(check_display_name("Ani\x01"), NameProblem::has_control);
}

TEST(AccountForm, TheSeedsAdvice) {
  EXPECT_EQ(recommended_protocol(DeviceUse::several_devices), Protocol::imap);
  EXPECT_EQ(recommended_protocol(DeviceUse::one_device), Protocol::pop3);
  EXPECT_EQ(recommended_protocol(DeviceUse::unknown), Protocol::imap);
}

autoconfig::LookupReport report(SourceKind source, autoconfig::LookupResult result,
                                std::string target) {
  autoconfig::LookupReport r;
  r.source = source;
  r.result = result;
  r.target = std::move(target);
  r.ms = 12;
  return r;
}

TEST(LookupBoard, OneRowPerChannelSearchingUntilItReports) {
  LookupBoard board;
  ASSERT_EQ(board.rows().size(), kChannelCount);
  EXPECT_EQ(board.rows()[0].source, SourceKind::preset);
  EXPECT_EQ(board.rows()[7].source, SourceKind::guess);
  for (const auto& row : board.rows()) EXPECT_EQ(row.state, ChannelState::searching);
}

TEST(LookupBoard, ALaterNothingDoesNotHideAFind) {
  LookupBoard board;
  using autoconfig::LookupResult;
  board.add(report(SourceKind::autoconfig, LookupResult::found, "https://autoconfig.a.test/"));
  board.add(report(SourceKind::autoconfig, LookupResult::none, "http://autoconfig.a.test/"));
  const auto& row = board.rows()[static_cast<std::size_t>(SourceKind::autoconfig)];
  EXPECT_EQ(row.state, ChannelState::found);
  EXPECT_EQ(row.target, "https://autoconfig.a.test/");
  EXPECT_EQ(row.lookups, 2);
}

TEST(LookupBoard, TimeoutsAndErrorsAreFailuresAndFinishSettlesTheRest) {
  LookupBoard board;
  using autoconfig::LookupResult;
  board.add(report(SourceKind::srv, LookupResult::timeout, "_imaps._tcp.a.test"));
  board.add(report(SourceKind::mx, LookupResult::skipped, "a.test"));
  board.finish();
  EXPECT_EQ(board.rows()[static_cast<std::size_t>(SourceKind::srv)].state, ChannelState::failed);
  EXPECT_EQ(board.rows()[static_cast<std::size_t>(SourceKind::mx)].state, ChannelState::skipped);
  EXPECT_EQ(board.rows()[static_cast<std::size_t>(SourceKind::guess)].state, ChannelState::nothing);
}

autoconfig::ServerConfig server(Protocol protocol, std::string host, std::uint16_t port) {
  autoconfig::ServerConfig s;
  s.protocol = protocol;
  s.host = std::move(host);
  s.port = port;
  return s;
}

TEST(AccountChoice, ThePreferredProtocolGoesFirst) {
  autoconfig::Detection detection;
  detection.email = "ani@example.test";
  autoconfig::RankedConfig ranked;
  ranked.config.incoming = {server(Protocol::imap, "imap.example.test", 993),
                            server(Protocol::pop3, "pop.example.test", 995)};
  ranked.config.outgoing = {server(Protocol::smtp, "smtp.example.test", 465)};
  ranked.config.provenance.trusted = true;
  detection.configs.push_back(ranked);

  auto pop = starting_settings(detection, Protocol::pop3);
  ASSERT_EQ(pop.incoming.size(), 2u);
  EXPECT_EQ(incoming_server(pop)->host, "pop.example.test");
  EXPECT_EQ(pop.incoming[1].host, "imap.example.test");
  EXPECT_EQ(incoming_server(starting_settings(detection, Protocol::imap))->host,
            "imap.example.test");
  EXPECT_FALSE(consent_needed(pop));
}

TEST(AccountChoice, NothingFoundGivesUsualNamesThatNeedConsent) {
  autoconfig::Detection detection;
  detection.email = "Ani@Example.TEST";
  auto config = starting_settings(detection, Protocol::imap);
  ASSERT_NE(incoming_server(config), nullptr);
  EXPECT_EQ(incoming_server(config)->host, "imap.example.test");
  EXPECT_EQ(incoming_server(config)->port, 993);
  EXPECT_EQ(outgoing_server(config)->host, "smtp.example.test");
  EXPECT_EQ(outgoing_server(config)->port, 465);
  auto consent = consent_needed(config);
  ASSERT_TRUE(consent);
  EXPECT_EQ(consent->source, "guess");
}

TEST(LoginVerdict, EveryCategoryHasAVerdict) {
  autoconfig::ServerCheck check;
  EXPECT_EQ(verdict_of(check), LoginVerdict::ok);
  check.error = ErrorKind::auth_failed;
  EXPECT_EQ(verdict_of(check), LoginVerdict::wrong_password);
  check.error = ErrorKind::tls_certificate;
  EXPECT_TRUE(is_certificate_problem(verdict_of(check)));
  check.error = ErrorKind::tls_hostname;
  EXPECT_EQ(verdict_of(check), LoginVerdict::certificate_wrong_host);
  EXPECT_TRUE(is_certificate_problem(verdict_of(check)));
  check.error = ErrorKind::connection_closed;
  EXPECT_EQ(verdict_of(check), LoginVerdict::unreachable);
  check.error = ErrorKind::protocol_error;
  EXPECT_EQ(verdict_of(check), LoginVerdict::other);
  EXPECT_FALSE(is_certificate_problem(LoginVerdict::other));
}

TEST(LoginVerdict, TestsTheAccountsFirstIncomingAndOutgoingServer) {
  autoconfig::AccountConfig config;
  config.incoming = {server(Protocol::pop3, "pop.a.test", 995),
                     server(Protocol::imap, "imap.a.test", 993)};
  config.outgoing = {server(Protocol::smtp, "smtp.a.test", 465)};
  auto servers = servers_to_test(config);
  ASSERT_EQ(servers.size(), 2u);
  EXPECT_EQ(servers[0].host, "pop.a.test");
  EXPECT_EQ(servers[1].host, "smtp.a.test");
}

TEST(CopyClock, PausedTimeDoesNotCount) {
  using namespace std::chrono_literals;
  CopyClock::Clock::time_point t0{};
  CopyClock clock;
  clock.start(t0);
  EXPECT_DOUBLE_EQ(clock.working_seconds(t0 + 10s), 10.0);
  clock.pause(t0 + 10s);
  clock.pause(t0 + 20s);  // a second click changes nothing
  EXPECT_TRUE(clock.paused());
  EXPECT_DOUBLE_EQ(clock.working_seconds(t0 + 70s), 10.0);  // a pause still going
  clock.resume(t0 + 70s);
  clock.resume(t0 + 80s);
  EXPECT_FALSE(clock.paused());
  EXPECT_DOUBLE_EQ(clock.working_seconds(t0 + 80s), 20.0);
  clock.start(t0 + 100s);  // a new run forgets the old pauses
  EXPECT_DOUBLE_EQ(clock.working_seconds(t0 + 105s), 5.0);
}

TEST(CopyClock, PaceLeavesThePauseOut) {
  using namespace std::chrono_literals;
  CopyClock::Clock::time_point t0{};
  CopyClock clock;
  clock.start(t0);
  EXPECT_FALSE(copy_pace(clock, t0 + 100ms, 1000, 4000));  // too early to say
  EXPECT_FALSE(copy_pace(clock, t0 + 10s, 0, 4000));       // nothing copied yet
  clock.pause(t0 + 10s);
  clock.resume(t0 + 3610s);  // an hour's pause
  // 10 s of work for 1000 bytes: 100 bytes/s, 3000 bytes left take 30 s.
  auto pace = copy_pace(clock, t0 + 3610s, 1000, 4000);
  ASSERT_TRUE(pace);
  EXPECT_DOUBLE_EQ(pace->bytes_per_second, 100.0);
  EXPECT_DOUBLE_EQ(pace->seconds_left, 30.0);
  auto done = copy_pace(clock, t0 + 3640s, 4000, 4000);
  ASSERT_TRUE(done);
  EXPECT_DOUBLE_EQ(done->seconds_left, 0.0);
}

TEST(WizardScript, ParsesEveryVerb) {
  auto steps = parse_script(
      "# walkthrough\n\nsize 800 600\nset email ani@example.test\nclick next\n"
      "wait-page detect 90\nexpect next enabled\nscreenshot /tmp/a.png\r\nquit\n");
  ASSERT_TRUE(steps) << steps.error().message;
  ASSERT_EQ(steps->size(), 7u);
  EXPECT_EQ((*steps)[0].width, 800);
  EXPECT_EQ((*steps)[1].name, "email");
  EXPECT_EQ((*steps)[1].text, "ani@example.test");
  EXPECT_EQ((*steps)[3].verb, ScriptVerb::wait_page);
  EXPECT_EQ((*steps)[3].seconds, 90);
  EXPECT_EQ((*steps)[4].text, "enabled");
  EXPECT_EQ((*steps)[5].name, "/tmp/a.png");
  EXPECT_EQ((*steps)[6].line, 9);
}

TEST(WizardScript, ErrorsNameTheLine) {
  auto unknown = parse_script("size 800 600\njump next\n");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("line 2"), std::string::npos);
  EXPECT_FALSE(parse_script("size 800\n"));
  EXPECT_FALSE(parse_script("size 0 600\n"));
  EXPECT_FALSE(parse_script("click\n"));
  EXPECT_FALSE(parse_script("wait-page detect soon\n"));
  EXPECT_FALSE(parse_script("key\n"));
  EXPECT_FALSE(parse_script("key tab backspace\n"));
  EXPECT_FALSE(parse_script("key alt-\n"));
  EXPECT_FALSE(parse_script("type\n"));
  EXPECT_FALSE(parse_script("wait-text migrate_status\n"));
  EXPECT_FALSE(parse_script("sleep\n"));
  EXPECT_FALSE(parse_script("remember\n"));
}

TEST(WizardScript, KeysAndTimingSteps) {
  auto steps = parse_script(
      "key tab shift-tab alt-n enter @\ntype bob@localhost\nexpect-focus name\n"
      "wait-text migrate_status Paused: 3\nsleep 2\nremember migrate_status\n"
      "expect-same migrate_status\n");
  ASSERT_TRUE(steps) << steps.error().message;
  ASSERT_EQ(steps->size(), 7u);
  const auto& keys = (*steps)[0].keys;
  ASSERT_EQ(keys.size(), 5u);
  EXPECT_EQ(keys[0].kind, ScriptKey::Kind::tab);
  EXPECT_FALSE(keys[0].shift);
  EXPECT_TRUE(keys[1].shift);
  EXPECT_EQ(keys[2].kind, ScriptKey::Kind::character);
  EXPECT_EQ(keys[2].character, 'n');
  EXPECT_TRUE(keys[2].alt);
  EXPECT_EQ(keys[3].kind, ScriptKey::Kind::enter);
  EXPECT_EQ(keys[4].character, '@');
  EXPECT_EQ((*steps)[1].verb, ScriptVerb::type);
  EXPECT_EQ((*steps)[1].text, "bob@localhost");
  EXPECT_EQ((*steps)[2].verb, ScriptVerb::expect_focus);
  EXPECT_EQ((*steps)[3].verb, ScriptVerb::wait_text);
  EXPECT_EQ((*steps)[3].name, "migrate_status");
  EXPECT_EQ((*steps)[3].text, "Paused: 3");
  EXPECT_EQ((*steps)[4].seconds, 2);
  EXPECT_EQ((*steps)[5].verb, ScriptVerb::remember);
  EXPECT_EQ((*steps)[6].verb, ScriptVerb::expect_same);
}

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("wizard-model-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

using ExportFormats = TempDir;

TEST_F(ExportFormats, FileNamesAreSafe) {
  EXPECT_EQ(export_file_name(ExportFormat::outlook_prf, "ani@example.test"),
            "ani@example.test.prf");
  EXPECT_EQ(export_file_name(ExportFormat::thunderbird, "../x/y@a.test"),
            ".._x_y@a.test-config-v1.1.xml");
}

TEST_F(ExportFormats, SavesEveryFormatIntoTheFolder) {
  ExportRequest request;
  request.email = "ani@example.test";
  request.display_name = "Ani";
  request.config.id = "example.test";
  request.config.domains = {"example.test"};
  request.config.display_name = "Example";
  request.config.incoming = {server(Protocol::imap, "imap.example.test", 993)};
  request.config.outgoing = {server(Protocol::smtp, "smtp.example.test", 465)};
  for (auto format : kExportFormats) {
    auto saved = save_export(format, request, dir_ / "out");
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_GT(std::filesystem::file_size(saved->path), 100u);
  }
  std::ifstream xml(dir_ / "out" / "ani@example.test-config-v1.1.xml");
  std::string text((std::istreambuf_iterator<char>(xml)), {});
  EXPECT_NE(text.find("imap.example.test"), std::string::npos);
}

using MailSources = TempDir;

TEST_F(MailSources, CountsLiveMessagesPerFolder) {
  std::ofstream(dir_ / "Inbox") << "From a@b.test Mon Nov  2 10:00:00 2026\nSubject: one\n\nx\n\n"
                                   "From a@b.test Mon Nov  2 11:00:00 2026\nSubject: two\n\ny\n";
  std::ofstream(dir_ / "Sent") << "From a@b.test Mon Nov  2 12:00:00 2026\nSubject: three\n\nz\n";
  auto summary = summarize_source(dir_, CancelToken());
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->messages, 3u);
  ASSERT_EQ(summary->folders.size(), 2u);
  for (const auto& folder : summary->folders) {
    if (folder.path == "Inbox") {
      EXPECT_EQ(folder.messages, 2u);
    } else {
      EXPECT_EQ(folder.path, "Sent");
      EXPECT_EQ(folder.messages, 1u);
    }
  }
  EXPECT_GT(summary->bytes, 0u);
}

TEST_F(MailSources, ListsEveryFolderFirstThenCountsThemInOrder) {
  std::ofstream(dir_ / "Inbox") << "From a@b.test Mon Nov  2 10:00:00 2026\nSubject: one\n\nx\n\n"
                                   "From a@b.test Mon Nov  2 11:00:00 2026\nSubject: two\n\ny\n";
  std::ofstream(dir_ / "Sent") << "From a@b.test Mon Nov  2 12:00:00 2026\nSubject: three\n\nz\n";
  std::vector<std::string> events;
  std::vector<FolderSummary> listed;
  CountListener listener;
  listener.listed = [&](const std::vector<FolderSummary>& folders) {
    listed = folders;
    events.push_back("listed " + std::to_string(folders.size()));
  };
  listener.counted = [&](std::size_t index, const FolderSummary& folder) {
    ASSERT_LT(index, listed.size());
    EXPECT_EQ(folder.path, listed[index].path);
    EXPECT_TRUE(folder.counted);
    events.push_back(folder.path + " " + std::to_string(folder.messages));
  };
  auto summary = count_source(dir_, CancelToken(), listener);
  ASSERT_TRUE(summary) << summary.error().message;
  ASSERT_EQ(listed.size(), 2u);
  for (const auto& folder : listed) {
    EXPECT_FALSE(folder.counted);  // "counting..." until its own report comes
    EXPECT_EQ(folder.messages, 0u);
  }
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0], "listed 2");
  std::sort(events.begin() + 1, events.end());
  EXPECT_EQ(events[1], "Inbox 2");
  EXPECT_EQ(events[2], "Sent 1");
  EXPECT_EQ(summary->messages, 3u);
}

TEST_F(MailSources, ACancelledCountStopsAndSaysSo) {
  for (const char* name : {"Inbox", "Sent", "Archive"})
    std::ofstream(dir_ / name) << "From a@b.test Mon Nov  2 10:00:00 2026\nSubject: x\n\nx\n";
  CancelToken cancel;
  std::size_t counted = 0;
  CountListener listener;
  listener.counted = [&](std::size_t, const FolderSummary&) {
    ++counted;
    cancel.cancel();  // the person left the page after the first folder
  };
  auto summary = count_source(dir_, cancel, listener);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().kind, ErrorKind::cancelled);
  EXPECT_EQ(counted, 1u);
}

TEST_F(MailSources, AMissingFolderIsAnError) {
  EXPECT_FALSE(summarize_source(dir_ / "nothing-here", CancelToken()));
}

TEST(MailSourcesReport, CsvQuotesNamesAndTotalsEveryBucket) {
  migrate::MigrationReport report;
  migrate::FolderReport folder;
  folder.source = "Kerja, \"Proyek\"";
  folder.target = "Kerja";
  folder.messages = 3;
  folder.uploaded = 2;
  folder.already_there = 1;
  report.folders.push_back(folder);
  report.totals.messages = 3;
  report.totals.uploaded = 2;
  report.totals.already_there = 1;
  auto csv = report_csv(report);
  EXPECT_NE(csv.find("\"Kerja, \"\"Proyek\"\"\",Kerja,3,2,1,0,0\r\n"), std::string::npos);
  EXPECT_NE(csv.find("(total),,3,2,1,0,0\r\n"), std::string::npos);
}

TEST(MailSourcesTarget, OnlyAnImapAccountCanReceiveMail) {
  autoconfig::AccountConfig config;
  config.incoming = {server(Protocol::pop3, "pop.a.test", 995)};
  EXPECT_FALSE(imap_target(config, "ani@a.test", "pw", {}, {}));
  config.incoming = {server(Protocol::imap, "imap.a.test", 143)};
  config.incoming[0].security = autoconfig::Security::starttls;
  auto target = imap_target(config, "ani@a.test", "pw", {}, {});
  ASSERT_TRUE(target);
  EXPECT_EQ(target->host, "imap.a.test");
  EXPECT_EQ(target->port, 143);
  EXPECT_EQ(target->security, migrate::TargetSecurity::starttls);
  EXPECT_EQ(target->username, "ani@a.test");
}

}  // namespace
}  // namespace mailassist::wizard
