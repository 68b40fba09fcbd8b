#include "migrate/stores/pop3_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
  options.max_idle = std::chrono::milliseconds(0);  // every idle session is too old
  auto store = make_pop3_store(server.connector(), options);
  auto folders = store->folders(CancelToken{});
  ASSERT_TRUE(folders);
  auto scanned = testing::scan_all(*store, folders->front());
  ASSERT_EQ(scanned.messages.size(), 2u);
  EXPECT_EQ(server.connects, 1);
  EXPECT_TRUE(server.stream->mismatches().empty());
  // open() closes the idle session (its stream is gone after this) and asks for another.
  auto opened = store->open(folders->front(), scanned.messages[0]);
  EXPECT_EQ(server.connects, 2) << "a fresh session instead of the idle one";
  ASSERT_FALSE(opened);
  EXPECT_THAT(opened.error().message, HasSubstr("no more sessions in the script"));
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
  reader->reset();  // joins the RETR thread: must not hang on the full buffer
  // The abandoned session was dropped (with its stream), not put back in the pool.
  auto again = store->open(folder, scanned.messages[1]);
  ASSERT_FALSE(again);
  EXPECT_EQ(server.connects, 2);
}

}  // namespace
}  // namespace mailassist::migrate
