// 登记编码: shape, registry level, check character (ISO/IEC 7064 MOD 37,36) and parsing.
#include <gtest/gtest.h>

#include "workflow/registration_code.h"

namespace gongshu::workflow {
namespace {

TEST(RegistrationCode, KnownVectors) {
  // Check characters computed independently (a Python implementation of ISO/IEC 7064 MOD 37,36).
  EXPECT_EQ(RegistrationCheckCharacter("1R1000002026000001"), '7');
  EXPECT_EQ(RegistrationCheckCharacter("2R3300002026000042"), 'V');
  EXPECT_EQ(RegistrationCheckCharacter("4R3301022027999999"), 'E');
  EXPECT_EQ(RegistrationCheckCharacter("1r"), '\0');
  auto code = MakeRegistrationCode({'1', RegisteredObject::kResource, "100000", 2026, 1});
  ASSERT_TRUE(code);
  EXPECT_EQ(*code, "1R10000020260000017");
  EXPECT_EQ(DisplayRegistrationCode(*code), "1R-100000-2026-000001-7");
}

TEST(RegistrationCode, LevelFollowsTheDivisionCode) {
  EXPECT_EQ(RegistryLevel("100000"), '1');
  EXPECT_EQ(RegistryLevel("330000"), '2');
  EXPECT_EQ(RegistryLevel("330100"), '3');
  EXPECT_EQ(RegistryLevel("330102"), '4');
  EXPECT_EQ(RegistryLevel("03010"), '0');
  EXPECT_EQ(RegistryLevel("0A0000"), '0');
  EXPECT_FALSE(MakeRegistrationCode({'1', RegisteredObject::kResource, "330000", 2026, 1}));  // level mismatch
  EXPECT_FALSE(MakeRegistrationCode({'2', RegisteredObject::kResource, "330000", 2026, 0}));
  EXPECT_FALSE(MakeRegistrationCode({'2', RegisteredObject::kResource, "330000", 2026, 1000000}));
  EXPECT_FALSE(MakeRegistrationCode({'2', RegisteredObject::kResource, "330000", 1999, 1}));
}

TEST(RegistrationCode, ParsesBothFormsAndRoundTrips) {
  auto code = MakeRegistrationCode({'3', RegisteredObject::kProduct, "330100", 2027, 4321});
  ASSERT_TRUE(code);
  auto parts = ParseRegistrationCode(*code);
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->level, '3');
  EXPECT_EQ(parts->object, RegisteredObject::kProduct);
  EXPECT_EQ(parts->region, "330100");
  EXPECT_EQ(parts->year, 2027);
  EXPECT_EQ(parts->serial, 4321);
  EXPECT_TRUE(ParseRegistrationCode(DisplayRegistrationCode(*code)));
  EXPECT_FALSE(ParseRegistrationCode(""));
  EXPECT_FALSE(ParseRegistrationCode(code->substr(1)));
  EXPECT_FALSE(ParseRegistrationCode(*code + "0"));
}

TEST(RegistrationCode, EverySingleSubstitutionAndAdjacentTranspositionIsDetected) {
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (int serial : {1, 42, 99999, 123456}) {
    std::string code = *MakeRegistrationCode({'2', RegisteredObject::kResource, "330000", 2026, serial});
    ASSERT_TRUE(ParseRegistrationCode(code));
    for (size_t i = 0; i < code.size(); ++i) {
      for (char c : alphabet) {
        if (c == code[i]) continue;
        std::string bad = code;
        bad[i] = c;
        EXPECT_FALSE(ParseRegistrationCode(bad)) << bad;
      }
      if (i + 1 < code.size() && code[i] != code[i + 1]) {
        std::string swapped = code;
        std::swap(swapped[i], swapped[i + 1]);
        EXPECT_FALSE(ParseRegistrationCode(swapped)) << swapped;
      }
    }
  }
}

}  // namespace
}  // namespace gongshu::workflow
