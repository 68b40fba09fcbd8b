#include "core/base64.hpp"

#include <gtest/gtest.h>

namespace mailassist {
namespace {

struct Vector {
  std::string plain;
  std::string encoded;
};

void PrintTo(const Vector& v, std::ostream* out) { *out << '"' << v.plain << '"'; }


// RFC 4648 section 10 test vectors.
class Base64Vectors : public ::testing::TestWithParam<Vector> {};

TEST_P(Base64Vectors, EncodesAndDecodes) {
  EXPECT_EQ(base64_encode(GetParam().plain), GetParam().encoded);
  EXPECT_EQ(base64_decode(GetParam().encoded), GetParam().plain);
}

INSTANTIATE_TEST_SUITE_P(Rfc4648, Base64Vectors,
                         ::testing::Values(Vector{"", ""}, Vector{"f", "Zg=="},
                                           Vector{"fo", "Zm8="}, Vector{"foo", "Zm9v"},
                                           Vector{"foob", "Zm9vYg=="}, Vector{"fooba", "Zm9vYmE="},
                                           Vector{"foobar", "Zm9vYmFy"}));

TEST(Base64, KeepsBinaryBytes) {
  std::string bytes("\0\xff\x01", 3);
  EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
}

TEST(Base64, RejectsMalformedInput) {
  EXPECT_FALSE(base64_decode("Zm9"));       // length not a multiple of 4
  EXPECT_FALSE(base64_decode("Zm9v!A=="));  // outside the alphabet
  EXPECT_FALSE(base64_decode("Z==="));
  EXPECT_FALSE(base64_decode("Zg==Zm9v"));  // padding before the end
  EXPECT_FALSE(base64_decode("Zm 9"));      // whitespace
}

}  // namespace
}  // namespace mailassist
