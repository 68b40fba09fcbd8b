#include "protocols/imap/namespace_response.hpp"

#include <gtest/gtest.h>

#include "parser_rows.hpp"

namespace mailassist::imap {
namespace {

using Ns = NamespaceDescription;

struct Row {
  std::string name;
  std::string response;
  NamespaceData expected;
};

void PrintTo(const Row& row, std::ostream* out) {
  *out << row.name;
}

class NamespaceParses : public ::testing::TestWithParam<Row> {};

TEST_P(NamespaceParses, IntoPersonalOtherAndShared) {
  auto parsed = parse_namespace_response(GetParam().response);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, NamespaceParses,
    ::testing::Values(
        // Dovecot's default.
        Row{"dovecot", R"(* NAMESPACE (("" "/")) NIL NIL)", {{Ns{"", '/'}}, {}, {}}},
        // Courier and Cyrus without altnamespace (RFC 2342 section 5 examples 5.2, 5.3).
        Row{"courier",
            R"(* NAMESPACE (("INBOX." ".")) NIL (("#shared." ".")("shared." ".")))",
            {{Ns{"INBOX.", '.'}}, {}, {Ns{"#shared.", '.'}, Ns{"shared.", '.'}}}},
        Row{"rfc2342_example_5_5",
            R"(* NAMESPACE (("" "/")) (("~" "/")) (("#shared/" "/")("#public/" "/")("#ftp/" "/")("#news." ".")))",
            {{Ns{"", '/'}},
             {Ns{"~", '/'}},
             {Ns{"#shared/", '/'}, Ns{"#public/", '/'}, Ns{"#ftp/", '/'}, Ns{"#news.", '.'}}}},
        Row{"nil_delimiter", R"(* NAMESPACE (("" NIL)) NIL NIL)", {{Ns{"", std::nullopt}}, {}, {}}},
        Row{"escaped_backslash_delimiter",
            R"(* NAMESPACE (("" "\\")) NIL NIL)",
            {{Ns{"", '\\'}}, {}, {}}},
        Row{"all_nil", "* NAMESPACE NIL NIL NIL", {}},
        Row{"lower_case_keyword",
            R"(* namespace (("INBOX." ".")) nil nil)",
            {{Ns{"INBOX.", '.'}}, {}, {}}},
        // RFC 4466-style extension data inside a description is skipped.
        Row{"extension",
            R"(* NAMESPACE (("" "/" "X-PARAM" ("FLAG1" "FLAG2"))) NIL NIL)",
            {{Ns{"", '/'}}, {}, {}}},
        Row{"literal_prefix",
            "* NAMESPACE (({6}\r\nINBOX. \".\")) NIL NIL",
            {{Ns{"INBOX.", '.'}}, {}, {}}}),
    RowName{});

class NamespaceRejects : public ::testing::TestWithParam<RejectedRow> {};

TEST_P(NamespaceRejects, WithTheByteOffsetAndWhatWasExpected) {
  expect_rejected_as_row_says(parse_namespace_response(GetParam().raw), GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    Rows, NamespaceRejects,
    ::testing::Values(
        RejectedRow{"two_lists_not_three", R"(* NAMESPACE (("" "/")) NIL)", 26, "space"},
        RejectedRow{"long_delimiter", R"(* NAMESPACE (("" "//")) NIL NIL)", 17,
                    "one-character hierarchy delimiter"},
        RejectedRow{"empty_delimiter", R"(* NAMESPACE (("" "")) NIL NIL)", 17,
                    "one-character hierarchy delimiter"},
        RejectedRow{"empty_list", R"(* NAMESPACE () NIL NIL)", 13, "'(' before a namespace"},
        RejectedRow{"unclosed", R"(* NAMESPACE (("" "/") NIL NIL)", 21, "')' after the namespaces"},
        RejectedRow{"trailing_bytes", R"(* NAMESPACE (("" "/")) NIL NIL x)", 30, "end"},
        RejectedRow{"another_reply", R"(* LIST () "/" INBOX)", 2, "NAMESPACE"},
        RejectedRow{"atom_prefix", R"(* NAMESPACE ((INBOX "/")) NIL NIL)", 14, "string"}),
    RowName{});

TEST(NamespaceParser, BoundsTheNumberOfNamespaces) {
  std::string response = "* NAMESPACE (";
  for (int i = 0; i < 65; ++i) response += R"(("p" "/"))";
  response += ") NIL NIL";
  EXPECT_FALSE(parse_namespace_response(response));
}

}  // namespace
}  // namespace mailassist::imap
