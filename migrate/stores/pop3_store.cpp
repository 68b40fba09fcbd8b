#include "migrate/stores/pop3_store.hpp"

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "migrate/stores/header_fields.hpp"
#include "migrate/stores/message_date.hpp"

namespace mailassist::migrate {
namespace {

// A logged-in session and what its UIDL listing said (numbers are per session).
struct Pop3Session {
  std::unique_ptr<pop3::Pop3Client> client;
  std::map<std::string, std::uint32_t> numbers;  // unique-id -> message number
  std::vector<pop3::UidEntry> listing;
  std::chrono::steady_clock::time_point idle_since;
};

class SessionPool {
 public:
  SessionPool(Pop3Connector connect, Pop3StoreOptions options)
      : connect_(std::move(connect)), options_(std::move(options)) {}

  const Pop3StoreOptions& options() const { return options_; }

  Result<Pop3Session> take() {
    {
      std::lock_guard lock(mutex_);
      const auto now = std::chrono::steady_clock::now();
      while (!idle_.empty()) {
        Pop3Session s = std::move(idle_.back());
        idle_.pop_back();
        if (now - s.idle_since <= options_.max_idle) return s;
      }
    }
    return connect_fresh();
  }

  Result<Pop3Session> connect_fresh() {
    auto deadline = Deadline::after(options_.command_timeout);
    auto client = connect_(deadline);
    if (!client) return client.error();
    Pop3Session s;
    s.client = std::move(*client);
    auto listing = s.client->uidl(deadline);
    if (!listing)
      return make_error(listing.error().kind,
                        "the POP3 server cannot list unique-ids (UIDL), so a re-run could not "
                        "recognise what was already migrated: " +
                            listing.error().message);
    s.listing = std::move(*listing);
    for (const auto& e : s.listing) s.numbers[e.uid] = e.number;
    return s;
  }

  void give(Pop3Session s) {
    s.idle_since = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(s));
  }

 private:
  Pop3Connector connect_;
  Pop3StoreOptions options_;
  std::mutex mutex_;
  std::vector<Pop3Session> idle_;
};

// RETR runs on a thread of its own, since Pop3Client hands out lines as it reads them;
// the lines go through a bounded buffer to read(), so memory stays at that buffer's size.
class Pop3MessageReader final : public MessageReader {
 public:
  Pop3MessageReader(std::shared_ptr<SessionPool> pool, Pop3Session session, std::uint32_t number,
                    std::uint64_t expected, std::string label)
      : pool_(std::move(pool)), expected_(expected), label_(std::move(label)) {
    worker_ = std::thread(
        [this, s = std::move(session), number]() mutable { run(std::move(s), number); });
  }

  ~Pop3MessageReader() override {
    {
      std::lock_guard lock(mutex_);
      abandoned_ = true;
    }
    changed_.notify_all();
    worker_.join();
  }

  Result<std::size_t> read(std::span<char> out) override {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return pos_ < buffer_.size() || done_; });
    if (pos_ == buffer_.size()) {
      if (error_) return *error_;
      if (produced_ != expected_)
        return make_error(ErrorKind::protocol_error,
                          label_ + " changed since it was scanned: " + std::to_string(produced_) +
                              " bytes instead of " + std::to_string(expected_));
      return std::size_t{0};
    }
    std::size_t n = std::min(out.size(), buffer_.size() - pos_);
    std::memcpy(out.data(), buffer_.data() + pos_, n);
    pos_ += n;
    if (pos_ == buffer_.size()) {
      buffer_.clear();
      pos_ = 0;
    }
    changed_.notify_all();
    return n;
  }

 private:
  void run(Pop3Session session, std::uint32_t number) {
    std::size_t cap = pool_->options().reader_buffer;
    auto result = session.client->retr(
        number,
        [&](std::string_view line) -> Result<void> {
          std::unique_lock lock(mutex_);
          changed_.wait(lock, [&] {
            return abandoned_ || buffer_.size() - pos_ == 0 ||
                   buffer_.size() - pos_ + line.size() + 2 <= cap;
          });
          if (abandoned_) return make_error(ErrorKind::cancelled, "reader closed");
          buffer_.append(line);
          buffer_.append("\r\n");
          produced_ += line.size() + 2;
          changed_.notify_all();
          return ok();
        },
        Deadline::after(pool_->options().message_timeout));
    bool reusable = false;
    {
      std::lock_guard lock(mutex_);
      if (!result) error_ = result.error();
      reusable = result.has_value() && !abandoned_;
      done_ = true;
    }
    changed_.notify_all();
    if (reusable) pool_->give(std::move(session));
  }

  std::shared_ptr<SessionPool> pool_;
  std::uint64_t expected_;
  std::string label_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string buffer_;
  std::size_t pos_ = 0;
  std::uint64_t produced_ = 0;
  bool done_ = false;
  bool abandoned_ = false;
  std::optional<Error> error_;
  std::thread worker_;
};

class Pop3Store final : public MailStore {
 public:
  Pop3Store(Pop3Connector connect, Pop3StoreOptions options)
      : pool_(std::make_shared<SessionPool>(std::move(connect), std::move(options))) {}

  std::string description() const override { return pool_->options().description; }

  Result<std::vector<SourceFolder>> folders(const CancelToken&) override {
    SourceFolder inbox;
    inbox.path = {"Inbox"};
    inbox.role = FolderRole::inbox;
    inbox.location = pool_->options().description;
    return std::vector<SourceFolder>{inbox};
  }

  Result<void> scan(const SourceFolder&, const EnvelopeSink& sink, const ProblemSink& problems,
                    const CancelToken& cancel) override {
    auto session = pool_->take();
    if (!session) return session.error();
    const std::vector<pop3::UidEntry> listing = session->listing;
    for (const auto& entry : listing) {
      if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "scan cancelled");
      MessageEnvelope m;
      m.key = entry.uid;
      m.location = "message " + std::to_string(entry.number) + " (UIDL " + entry.uid + ")";
      auto number = session->numbers.find(entry.uid);
      if (number == session->numbers.end()) {
        if (problems) problems({m.location, "no longer on the server"});
        continue;
      }
      HeaderFields headers;
      bool in_headers = true;
      auto read = session->client->retr(
          number->second,
          [&](std::string_view line) -> Result<void> {
            if (in_headers && line.empty()) in_headers = false;
            if (in_headers) headers.add(LinePiece{line, 0, true, true, 2});
            m.size += line.size() + 2;
            return ok();
          },
          Deadline::after(pool_->options().message_timeout));
      if (!read) {
        // That message's problem; the session may be out of step after it, so the scan
        // goes on with a fresh one (a reconnect that fails ends the scan).
        if (problems) problems({m.location, read.error().message});
        auto fresh = pool_->connect_fresh();
        if (!fresh) return fresh.error();
        session = std::move(fresh);
        continue;
      }
      m.date = parse_rfc5322_date(headers.value(HeaderField::date));
      m.message_id = message_id_of(headers.value(HeaderField::message_id));
      if (sink && !sink(m)) break;
    }
    pool_->give(std::move(*session));
    return ok();
  }

  Result<std::unique_ptr<MessageReader>> open(const SourceFolder&,
                                              const MessageEnvelope& message) override {
    auto session = pool_->take();
    if (!session) return session.error();
    auto found = session->numbers.find(message.key);
    if (found == session->numbers.end()) {
      pool_->give(std::move(*session));
      return make_error(ErrorKind::invalid_input,
                        "the POP3 server no longer holds the message with UIDL " + message.key);
    }
    std::uint32_t number = found->second;
    return std::unique_ptr<MessageReader>(std::make_unique<Pop3MessageReader>(
        pool_, std::move(*session), number, message.size, message.location));
  }

 private:
  std::shared_ptr<SessionPool> pool_;
};

}  // namespace

std::unique_ptr<MailStore> make_pop3_store(Pop3Connector connect, Pop3StoreOptions options) {
  return std::make_unique<Pop3Store>(std::move(connect), std::move(options));
}

}  // namespace mailassist::migrate
