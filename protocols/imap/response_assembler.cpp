#include "protocols/imap/response_assembler.hpp"

#include <cassert>

namespace mailassist::imap {

namespace {
// 4 GiB - 1 is the largest literal RFC 9051 allows (number is 32-bit); ten digits hold it,
// and refusing longer digit runs keeps the arithmetic below from overflowing.
constexpr std::size_t kMaxLiteralDigits = 10;
}  // namespace

Result<LiteralAnnouncement> trailing_literal(std::string_view line) {
  if (line.empty() || line.back() != '}') return LiteralAnnouncement{};
  std::size_t end = line.size() - 1;  // position of '}'
  bool non_sync = false;
  if (end > 0 && line[end - 1] == '+') {
    non_sync = true;
    --end;
  }
  std::size_t begin = end;
  while (begin > 0 && line[begin - 1] >= '0' && line[begin - 1] <= '9') --begin;
  if (begin == end || begin == 0 || line[begin - 1] != '{') return LiteralAnnouncement{};
  if (non_sync) {
    return make_error(ErrorKind::protocol_error,
                      "the server sent a non-synchronizing literal at byte " +
                          std::to_string(begin - 1) + ", which only clients may send");
  }
  if (end - begin > kMaxLiteralDigits) {
    return make_error(
        ErrorKind::protocol_error,
        "the server announced an impossibly large literal at byte " + std::to_string(begin - 1));
  }
  std::size_t size = 0;
  for (std::size_t i = begin; i < end; ++i)
    size = size * 10 + static_cast<std::size_t>(line[i] - '0');
  return LiteralAnnouncement{true, size};
}

Result<void> ResponseAssembler::too_big(std::size_t wanted) const {
  return make_error(ErrorKind::protocol_error, "the server sent a response larger than " +
                                                   std::to_string(limits_.max_bytes) + " bytes (" +
                                                   std::to_string(wanted) + " bytes and counting)");
}

Result<void> ResponseAssembler::add_line(std::string_view line) {
  assert(need_ == Need::line);
  // text_ never exceeds max_bytes, so the subtraction cannot wrap; +2 for the CRLF kept
  // before a literal.
  if (line.size() + 2 > limits_.max_bytes - text_.size()) {
    return too_big(text_.size() + line.size());
  }
  auto announced = trailing_literal(line);
  if (!announced) return std::move(announced).error();
  text_.append(line);
  if (!announced->present) {
    need_ = Need::complete;
    return ok();
  }
  if (++literals_ > limits_.max_literals) {
    return make_error(ErrorKind::protocol_error, "the server sent a response with more than " +
                                                     std::to_string(limits_.max_literals) +
                                                     " literals");
  }
  text_.append("\r\n");
  if (announced->size > limits_.max_bytes - text_.size()) {
    return too_big(text_.size() + announced->size);
  }
  literal_size_ = announced->size;
  need_ = Need::literal;
  return ok();
}

Result<void> ResponseAssembler::add_literal(std::string_view bytes) {
  assert(need_ == Need::literal);
  if (bytes.size() != literal_size_) {
    return make_error(ErrorKind::internal, "literal of " + std::to_string(bytes.size()) +
                                               " bytes given where " +
                                               std::to_string(literal_size_) + " were announced");
  }
  text_.append(bytes);
  literal_size_ = 0;
  need_ = Need::line;
  return ok();
}

std::string ResponseAssembler::take() {
  assert(need_ == Need::complete);
  std::string out = std::move(text_);
  reset();
  return out;
}

void ResponseAssembler::reset() {
  text_.clear();
  literals_ = 0;
  literal_size_ = 0;
  need_ = Need::line;
}

}  // namespace mailassist::imap
