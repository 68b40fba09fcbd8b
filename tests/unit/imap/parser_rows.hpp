#pragma once
// The table scaffolding the IMAP parser tests share (response_parser_test,
// fetch_response_test): rows named for gtest, and rows of malformed server bytes that say
// where the parser must place the problem and which words its message must use.
#include <gtest/gtest.h>

#include <cstddef>
#include <ostream>
#include <string>

#include "core/result.hpp"

namespace mailassist::imap {

struct RejectedRow {
  std::string name;
  std::string raw;
  std::size_t offset;  // the error names "at byte N:", counted from the response's start
  std::string words;   // and says this
};

// gtest shows a row by its name: the bytes may hold NUL, CRLF or a literal.
inline void PrintTo(const RejectedRow& row, std::ostream* os) {
  *os << row.name;
}

// Names each instance of a parameterised test after its row (INSTANTIATE_TEST_SUITE_P).
struct RowName {
  template <typename ParamInfo>
  std::string operator()(const ParamInfo& info) const {
    return info.param.name;
  }
};

// `parsed` is the parser's answer to row.raw: a protocol error where and as the row says.
template <typename T>
void expect_rejected_as_row_says(const Result<T>& parsed, const RejectedRow& row) {
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().kind, ErrorKind::protocol_error);
  const auto& message = parsed.error().message;
  EXPECT_NE(message.find("at byte " + std::to_string(row.offset) + ":"), std::string::npos)
      << message;
  EXPECT_NE(message.find(row.words), std::string::npos) << message;
}

}  // namespace mailassist::imap
