#include "migrate/stores/pop3_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <array>
#include <thread>

#include "store_test_support.hpp"
#include "tests/support/scripted_stream.hpp"

namespace mailassist::migrate {
namespace {

using mailassist::testing::ScriptedStream;
using mailassist::testing::Step;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// One scripted server session; the connector hands it out once. Any client line the
// script does not expect (a DELE above all) is recorded as a mismatch.
struct ScriptedPop3 {
  explicit ScriptedPop3(std::vector<Step> script) {
    script.insert(script.begin(), {{Step::server, "+OK ready\r\n"},
                                   {Step::client, "CAPA\r\n"},
                                   {Step::server, "+OK\r\nUIDL\r\n.\r\n"}});
    auto owned = std::make_unique<ScriptedStream>(std::move(script));
    stream = owned.get();
    pending = std::make_unique<pop3::Pop3Client>(std::move(owned), trace);
  }

  Pop3Connector connector() {
    return [this](Deadline deadline) -> Result<std::unique_ptr<pop3::Pop3Client>> {
      ++connects;
      if (!pending) return make_error(ErrorKind::unreachable, "no more sessions in the script");
      if (auto greeted = pending->greet(deadline); !greeted) return greeted.error();
      return std::move(pending);
    };
  }

  Trace trace{[](std::string_view) {}};
  ScriptedStream* stream = nullptr;
  std::unique_ptr<pop3::Pop3Client> pending;
  int connects = 0;
};

const std::vector<Step> kListing{
    {Step::client, "UIDL\r\n"},
    {Step::server, "+OK\r\n1 uid-one\r\n2 uid-two\r\n.\r\n"},
    {Step::client, "RETR 1\r\n"},
    {Step::server,
     "+OK\r\nMessage-ID: <one@x>\r\nDate: 1 Jan 2020 10:00:00 +0700\r\n\r\n..dot\r\n.\r\n"},
    {Step::client, "RETR 2\r\n"},
    {Step::server, "+OK\r\nSubject: two\r\n\r\nbody\r\n.\r\n"},
};

TEST(Pop3Store, ScansByUidlAndReadsMessagesOverOnePooledSession) {
  auto script = kListing;
  script.push_back({Step::client, "RETR 2\r\n"});
  script.push_back({Step::server, "+OK\r\nSubject: two\r\n\r\nbody\r\n.\r\n"});
  ScriptedPop3 server(script);
  auto store = make_pop3_store(server.connector(), {.description = "POP3 ani@pop.example.com"});
  auto folders = store->folders(CancelToken{});
  ASSERT_TRUE(folders);
  ASSERT_EQ(folders->size(), 1u);
  EXPECT_EQ(folders->front().role, FolderRole::inbox);
  auto scanned = testing::scan_all(*store, folders->front());
  ASSERT_EQ(scanned.messages.size(), 2u);
  EXPECT_EQ(scanned.messages[0].key, "uid-one");
  EXPECT_EQ(scanned.messages[0].message_id, "<one@x>");
  EXPECT_EQ(imap::format_internal_date(*scanned.messages[0].date), "01-Jan-2020 10:00:00 +0700");
  EXPECT_EQ(scanned.messages[0].size, 62u);
  EXPECT_TRUE(scanned.messages[0].flags.empty());
  EXPECT_EQ(testing::read_message(*store, folders->front(), scanned.messages[1], 5),
            "Subject: two\r\n\r\nbody\r\n");
  EXPECT_EQ(server.connects, 1);
  EXPECT_TRUE(server.stream->finished());
  EXPECT_TRUE(server.stream->mismatches().empty());
}

TEST(Pop3Store, ASessionIdleTooLongIsNotReused) {
  ScriptedPop3 server(kListing);
  Pop3StoreOptions options;
  options.max_idle = std::chrono::seconds(1);
  auto store = make_pop3_store(server.connector(), options);
  auto folders = store->folders(CancelToken{});
  ASSERT_TRUE(folders);
  auto scanned = testing::scan_all(*store, folders->front());
  ASSERT_EQ(scanned.messages.size(), 2u);
  EXPECT_EQ(server.connects, 1);
  EXPECT_TRUE(server.stream->mismatches().empty());
  // Idle for longer than max_idle: the reader closes that session (its stream is gone
  // after this) and asks for another.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto reader = store->open(folders->front(), scanned.messages[0]);
  ASSERT_TRUE(reader);
  std::array<char, 64> buffer{};
  auto got = (*reader)->read(buffer);
  ASSERT_FALSE(got);
  EXPECT_THAT(got.error().message, HasSubstr("no more sessions in the script"));
  EXPECT_EQ(server.connects, 2) << "a fresh session instead of the idle one";
}

// A batch opens several readers before it reads any: with one session (a server that
// locks the maildrop) each reader takes it in turn, and a message larger than the reader's
// memory goes through a temporary file.
TEST(Pop3Store, ReadersOpenedTogetherShareTheOneSession) {
  auto script = kListing;
  std::string big = "+OK\r\n", big_text;
  for (int i = 0; i < 200; ++i) big_text += "line " + std::to_string(i) + " of a long message\r\n";
  big += big_text + ".\r\n";
  script.push_back({Step::client, "RETR 1\r\n"});
  script.push_back({Step::server, big});
  script.push_back({Step::client, "RETR 2\r\n"});
  script.push_back({Step::server, "+OK\r\nSubject: two\r\n\r\nbody\r\n.\r\n"});
  ScriptedPop3 server(script);
  Pop3StoreOptions options;
  options.reader_buffer = 64;
  auto store = make_pop3_store(server.connector(), options);
  auto folder = store->folders(CancelToken{})->front();
  auto scanned = testing::scan_all(*store, folder);
  ASSERT_EQ(scanned.messages.size(), 2u);
  scanned.messages[0].size = big_text.size();  // what the scripted RETR 1 now holds
  auto drain = [](MessageReader& reader) {
    std::string out;
    std::array<char, 7> buffer{};
    for (;;) {
      auto n = reader.read(buffer);
      EXPECT_TRUE(n) << (n ? "" : n.error().message);
      if (!n || *n == 0) return out;
      out.append(buffer.data(), *n);
    }
  };
  auto first = store->open(folder, scanned.messages[0]);
  ASSERT_TRUE(first);
  // Its first bytes: the first reader holds the session now, so RETR 1 comes first.
  std::array<char, 5> start{};
  auto n = (*first)->read(start);
  ASSERT_TRUE(n && *n == start.size());
  auto second = store->open(folder, scanned.messages[1]);
  ASSERT_TRUE(second);
  EXPECT_EQ(drain(**second), "Subject: two\r\n\r\nbody\r\n");
  EXPECT_EQ(std::string(start.data(), start.size()) + drain(**first), big_text);
  EXPECT_EQ(server.connects, 1);
  EXPECT_TRUE(server.stream->mismatches().empty());
}

TEST(Pop3Store, ASecondScanRemembersEnvelopesAndSendsNoRetr) {
  ScriptedPop3 server(kListing);  // RETR 1 and RETR 2 once each
  auto store = make_pop3_store(server.connector(), {});
  auto folder = store->folders(CancelToken{})->front();
  auto first = testing::scan_all(*store, folder);
  auto second = testing::scan_all(*store, folder);
  ASSERT_EQ(second.messages.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(second.messages[i].key, first.messages[i].key);
    EXPECT_EQ(second.messages[i].size, first.messages[i].size);
    EXPECT_EQ(second.messages[i].message_id, first.messages[i].message_id);
    EXPECT_EQ(second.messages[i].date.has_value(), first.messages[i].date.has_value());
  }
  EXPECT_TRUE(server.stream->finished());
  EXPECT_TRUE(server.stream->mismatches().empty());
}

TEST(Pop3Store, AMessageGoneFromTheServerIsAnErrorWhenOpened) {
  ScriptedPop3 server(kListing);
  auto store = make_pop3_store(server.connector(), {});
  auto folder = store->folders(CancelToken{})->front();
  auto scanned = testing::scan_all(*store, folder);
  MessageEnvelope gone;
  gone.key = "uid-three";
  auto reader = store->open(folder, gone);
  ASSERT_FALSE(reader);
  EXPECT_THAT(reader.error().message, HasSubstr("uid-three"));
  EXPECT_TRUE(server.stream->mismatches().empty());
}

TEST(Pop3Store, AServerWithoutUidlIsRefused) {
  ScriptedPop3 server({{Step::client, "UIDL\r\n"}, {Step::server, "-ERR unknown command\r\n"}});
  auto store = make_pop3_store(server.connector(), {});
  auto folder = store->folders(CancelToken{})->front();
  auto r = store->scan(
      folder, [](const MessageEnvelope&) { return true; }, nullptr, CancelToken{});
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message, HasSubstr("UIDL"));
}

TEST(Pop3Store, AReaderClosedEarlyStopsWithoutBlocking) {
  auto script = kListing;
  std::string big = "+OK\r\n";
  for (int i = 0; i < 2000; ++i) big += "line " + std::to_string(i) + " of a long message\r\n";
  big += ".\r\n";
  script.push_back({Step::client, "RETR 2\r\n"});
  script.push_back({Step::server, big});
  ScriptedPop3 server(script);
  Pop3StoreOptions options;
  options.reader_buffer = 64;
  auto store = make_pop3_store(server.connector(), options);
  auto folder = store->folders(CancelToken{})->front();
  auto scanned = testing::scan_all(*store, folder);
  ASSERT_EQ(scanned.messages.size(), 2u);
  auto reader = store->open(folder, scanned.messages[1]);
  ASSERT_TRUE(reader);
  std::array<char, 8> first{};
  ASSERT_TRUE((*reader)->read(first));
  // Joins the RETR thread: must not hang, whatever it had read by then. (The session may
  // have been dropped with its stream: the stream is not looked at afterwards.)
  reader->reset();
}

}  // namespace
}  // namespace mailassist::migrate
