#include "migrate/stores/pop3_store.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
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

// At most options.max_sessions sessions exist at once; take() waits for one to come back
// when they are all busy. Every holder gives its session back within a bounded time (a
// scan holds it for one RETR, a reader until its RETR has been read off the wire, never
// until someone consumes it), so waiting cannot deadlock.
class SessionPool {
 public:
  SessionPool(Pop3Connector connect, Pop3StoreOptions options)
      : connect_(std::move(connect)), options_(std::move(options)) {}

  const Pop3StoreOptions& options() const { return options_; }

  Result<Pop3Session> take() {
    std::vector<Pop3Session> stale;  // closed outside the lock
    {
      std::unique_lock lock(mutex_);
      for (;;) {
        const auto now = std::chrono::steady_clock::now();
        while (!idle_.empty()) {
          Pop3Session s = std::move(idle_.back());
          idle_.pop_back();
          if (now - s.idle_since <= options_.max_idle) return s;
          stale.push_back(std::move(s));
          --alive_;
        }
        if (alive_ < std::max<std::size_t>(options_.max_sessions, 1)) break;
        returned_.wait(lock);
      }
      ++alive_;
    }
    stale.clear();
    auto fresh = connect_fresh();
    if (!fresh) forget();
    return fresh;
  }

  void give(Pop3Session s) {
    s.idle_since = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(std::move(s));
    }
    returned_.notify_one();
  }

  // A session that cannot be used again (an error mid-reply, a reader closed early).
  void discard(Pop3Session s) {
    s.client.reset();
    forget();
  }

  // The unique-ids of the latest UIDL listing, so open() can refuse a key at once.
  bool known(const std::string& uid) {
    std::lock_guard lock(mutex_);
    return !listed_ || known_.count(uid) > 0;
  }

 private:
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
    std::lock_guard lock(mutex_);
    known_.clear();
    for (const auto& e : s.listing) known_.insert(e.uid);
    listed_ = true;
    return s;
  }

  void forget() {
    {
      std::lock_guard lock(mutex_);
      --alive_;
    }
    returned_.notify_one();
  }

  Pop3Connector connect_;
  Pop3StoreOptions options_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<Pop3Session> idle_;
  std::size_t alive_ = 0;
  std::set<std::string> known_;
  bool listed_ = false;
};

// RETR runs on a thread of its own and reads the whole message off the wire at once, so
// that its session is free again for the next message even while this one waits in an
// APPEND batch: the first reader_buffer bytes stay in memory, the rest goes to an
// anonymous temporary file (deleted when closed). Memory stays at reader_buffer per
// reader; read() hands out the memory part as it arrives and the file part once RETR
// has ended.
class Pop3MessageReader final : public MessageReader {
 public:
  Pop3MessageReader(std::shared_ptr<SessionPool> pool, std::string uid, std::uint64_t expected,
                    std::string label)
      : pool_(std::move(pool)), expected_(expected), label_(std::move(label)) {
    worker_ = std::thread([this, u = std::move(uid)] { run(u); });
  }

  ~Pop3MessageReader() override {
    {
      std::lock_guard lock(mutex_);
      abandoned_ = true;
    }
    worker_.join();
    if (spill_) std::fclose(spill_);
  }

  Result<std::size_t> read(std::span<char> out) override {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return pos_ < memory_.size() || done_; });
    if (pos_ < memory_.size()) {
      std::size_t n = std::min(out.size(), memory_.size() - pos_);
      std::memcpy(out.data(), memory_.data() + pos_, n);
      pos_ += n;
      return n;
    }
    if (error_) return *error_;
    if (spill_ && !spill_at_end_) {
      if (!rewound_) {
        std::rewind(spill_);
        rewound_ = true;
      }
      std::size_t n = std::fread(out.data(), 1, out.size(), spill_);
      if (n > 0) return n;
      if (std::ferror(spill_))
        return make_error(ErrorKind::io_error, label_ + ": cannot read its temporary file");
      spill_at_end_ = true;
    }
    if (produced_ != expected_)
      return make_error(ErrorKind::protocol_error,
                        label_ + " changed since it was scanned: " + std::to_string(produced_) +
                            " bytes instead of " + std::to_string(expected_));
    return std::size_t{0};
  }

 private:
  Result<void> keep(std::string_view line) {
    std::lock_guard lock(mutex_);
    if (abandoned_) return make_error(ErrorKind::cancelled, "reader closed");
    produced_ += line.size() + 2;
    if (!spill_ && memory_.size() + line.size() + 2 <= pool_->options().reader_buffer) {
      memory_.append(line);
      memory_.append("\r\n");
      changed_.notify_all();
      return ok();
    }
    if (!spill_ && !(spill_ = std::tmpfile()))
      return make_error(ErrorKind::io_error,
                        label_ + ": cannot create a temporary file for a large message");
    if (std::fwrite(line.data(), 1, line.size(), spill_) != line.size() ||
        std::fwrite("\r\n", 1, 2, spill_) != 2)
      return make_error(ErrorKind::io_error, label_ + ": cannot write its temporary file");
    return ok();
  }

  void run(const std::string& uid) {
    auto session = pool_->take();
    Result<void> result = ok();
    if (!session) {
      result = std::move(session).error();
    } else if (auto found = session->numbers.find(uid); found == session->numbers.end()) {
      result = make_error(ErrorKind::invalid_input,
                          "the POP3 server no longer holds the message with UIDL " + uid);
    } else {
      result = session->client->retr(
          found->second, [&](std::string_view line) { return keep(line); },
          Deadline::after(pool_->options().message_timeout));
    }
    if (session) {
      // Pop3Client reads a reply to its end even when the sink refuses a line, but a
      // transport error leaves the session out of step: only a clean RETR is reused.
      if (result) {
        pool_->give(std::move(*session));
      } else {
        pool_->discard(std::move(*session));
      }
    }
    {
      std::lock_guard lock(mutex_);
      if (!result) error_ = result.error();
      done_ = true;
    }
    changed_.notify_all();
  }

  std::shared_ptr<SessionPool> pool_;
  std::uint64_t expected_;
  std::string label_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string memory_;  // the first reader_buffer bytes
  std::size_t pos_ = 0;
  std::FILE* spill_ = nullptr;  // the rest, once memory_ is full
  bool rewound_ = false;
  bool spill_at_end_ = false;
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

  // One RETR per message not scanned before, the session taken for each and given back
  // before `sink` runs, so the sink may open() messages over the same (only) session. A
  // migration scans the folder several times (plan, upload pass, verification): what a
  // unique-id's message holds never changes (RFC 1939 section 7), so its envelope is
  // remembered and later scans cost no RETR.
  Result<void> scan(const SourceFolder&, const EnvelopeSink& sink, const ProblemSink& problems,
                    const CancelToken& cancel) override {
    std::vector<pop3::UidEntry> listing;
    {
      auto first = pool_->take();
      if (!first) return first.error();
      listing = first->listing;
      pool_->give(std::move(*first));
    }
    for (const auto& entry : listing) {
      if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "scan cancelled");
      MessageEnvelope m;
      m.key = entry.uid;
      m.location = "message " + std::to_string(entry.number) + " (UIDL " + entry.uid + ")";
      if (recall(m)) {
        if (sink && !sink(m)) break;
        continue;
      }
      auto session = pool_->take();
      if (!session) return session.error();  // cannot even reconnect: the scan ends
      auto number = session->numbers.find(entry.uid);
      if (number == session->numbers.end()) {
        pool_->give(std::move(*session));
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
        // goes on with a fresh one.
        pool_->discard(std::move(*session));
        if (problems) problems({m.location, read.error().message});
        continue;
      }
      pool_->give(std::move(*session));
      m.date = parse_rfc5322_date(headers.value(HeaderField::date));
      m.message_id = message_id_of(headers.value(HeaderField::message_id));
      remember(m);
      if (sink && !sink(m)) break;
    }
    return ok();
  }

  Result<std::unique_ptr<MessageReader>> open(const SourceFolder&,
                                              const MessageEnvelope& message) override {
    if (!pool_->known(message.key))
      return make_error(ErrorKind::invalid_input,
                        "the POP3 server no longer holds the message with UIDL " + message.key);
    return std::unique_ptr<MessageReader>(
        std::make_unique<Pop3MessageReader>(pool_, message.key, message.size, message.location));
  }

 private:
  struct Scanned {
    std::uint64_t size = 0;
    std::optional<imap::InternalDate> date;
    std::string message_id;
  };

  bool recall(MessageEnvelope& m) {
    std::lock_guard lock(scanned_mutex_);
    auto found = scanned_.find(m.key);
    if (found == scanned_.end()) return false;
    m.size = found->second.size;
    m.date = found->second.date;
    m.message_id = found->second.message_id;
    return true;
  }

  void remember(const MessageEnvelope& m) {
    std::lock_guard lock(scanned_mutex_);
    scanned_[m.key] = {m.size, m.date, m.message_id};
  }

  std::shared_ptr<SessionPool> pool_;
  std::mutex scanned_mutex_;
  std::map<std::string, Scanned> scanned_;  // unique-id -> what its RETR showed
};

}  // namespace

std::unique_ptr<MailStore> make_pop3_store(Pop3Connector connect, Pop3StoreOptions options) {
  return std::make_unique<Pop3Store>(std::move(connect), std::move(options));
}

}  // namespace mailassist::migrate
