#include "core/encoding.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "core/utf8.h"

namespace gongshu {
namespace {

TEST(Encoding, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode("\xfb\xff", true, false), "-_8");
  EXPECT_EQ(Base64Decode("Zm9vYg=="), "foob");
  EXPECT_EQ(Base64Decode("-_8"), "\xfb\xff");
  EXPECT_FALSE(Base64Decode("Zm9v!"));
  EXPECT_FALSE(Base64Decode("Zh=="));  // non-canonical trailing bits
}

TEST(Encoding, HexRoundTrip) {
  EXPECT_EQ(HexEncode(std::string_view("\x00\xff", 2)), "00ff");
  EXPECT_EQ(HexDecode("00FF"), std::string("\x00\xff", 2));
  EXPECT_FALSE(HexDecode("0g"));
  EXPECT_FALSE(HexDecode("abc"));
}

TEST(Crypto, Sha256KnownAnswer) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256Stream s;
  s.Update("a");
  s.Update("bc");
  EXPECT_EQ(s.FinishHex(), Sha256Hex("abc"));
}

TEST(Utf8, RejectsOverlongsSurrogatesAndTruncation) {
  EXPECT_TRUE(IsValidUtf8("公共数据 ok"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe5\x85"));          // truncated
  EXPECT_EQ(FirstInvalidUtf8("ab\xe5\x85", true), 4u);  // truncated tail allowed in streams
  EXPECT_EQ(FirstInvalidUtf8("ab\xff", true), 2u);
}

}  // namespace
}  // namespace gongshu
