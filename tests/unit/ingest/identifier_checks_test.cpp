#include "ingest/identifier_checks.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>

#include "support/temp_dir.h"

namespace gongshu::ingest {
namespace {

boost::json::object Vectors() {
  return boost::json::parse(
             testing::ReadFile(testing::TestDataPath("cn_crypto_and_identifiers.json")))
      .as_object();
}

TEST(IdentifierChecks, ResidentIdVectors) {
  auto v = Vectors();
  const auto& id = v.at("cn_resident_id").as_object();
  for (const auto& s : id.at("valid").as_array()) {
    std::string text(s.as_string());
    EXPECT_TRUE(IsValidResidentId(text)) << text;
    EXPECT_EQ(ResidentIdCheckChar(text.substr(0, 17)), text[17]) << text;
    EXPECT_TRUE(LooksLikeResidentId(text)) << text;
  }
  for (const auto& s : id.at("invalid").as_array()) {
    EXPECT_FALSE(IsValidResidentId(std::string(s.as_string()))) << s.as_string();
  }
}

TEST(IdentifierChecks, ResidentIdEdgeCases) {
  EXPECT_FALSE(IsValidResidentId("11010519491231002x"));  // check character must be upper case
  EXPECT_TRUE(LooksLikeResidentId("11010519491231002x"));
  EXPECT_FALSE(ResidentIdCheckChar("1101051949123100"));  // 16 digits
  EXPECT_FALSE(ResidentIdCheckChar("1101051949123100A"));
  // 2023-02-29 does not exist, 2024-02-29 does.
  std::string body = "11010520230229001";
  std::string id = body + *ResidentIdCheckChar(body);
  EXPECT_FALSE(IsValidResidentId(id));
  body = "11010520240229001";
  id = body + *ResidentIdCheckChar(body);
  EXPECT_TRUE(IsValidResidentId(id));
  // Leading zero: no province code starts with 0.
  body = "01010519491231002";
  EXPECT_FALSE(IsValidResidentId(body + *ResidentIdCheckChar(body)));
  EXPECT_FALSE(IsValidResidentId(""));
  EXPECT_FALSE(IsValidResidentId("110105491231002"));  // first generation, 15 digits
}

TEST(IdentifierChecks, MobileVectors) {
  auto v = Vectors();
  const auto& m = v.at("cn_mobile").as_object();
  for (const auto& s : m.at("valid").as_array())
    EXPECT_TRUE(IsValidMobile(std::string(s.as_string()))) << s;
  for (const auto& s : m.at("invalid").as_array())
    EXPECT_FALSE(IsValidMobile(std::string(s.as_string()))) << s;
  EXPECT_FALSE(IsValidMobile("1380013800a"));
  EXPECT_TRUE(LooksLikeMobile("12800138000"));  // shape only
}

TEST(IdentifierChecks, UsccKnownCodes) {
  // The example of GB 32100-2015 and codes of well-known companies (public registrations).
  for (const char* code :
       {"91350100M000100Y43", "91110000802100433B", "91110108551385082Q", "9144030071526726XG"}) {
    EXPECT_TRUE(IsValidUscc(code)) << code;
    EXPECT_EQ(UsccCheckChar(std::string_view(code).substr(0, 17)), code[17]) << code;
    EXPECT_TRUE(LooksLikeUscc(code)) << code;
    // Positions 9–17 are a GB 11714 organisation code.
    EXPECT_TRUE(IsValidOrganisationCode(std::string_view(code).substr(8, 9))) << code;
  }
  EXPECT_FALSE(IsValidUscc("91350100M000100Y44"));  // wrong check character
  EXPECT_FALSE(IsValidUscc("91350100M000100Y4"));   // 17 characters
  EXPECT_FALSE(IsValidUscc("9135010OM000100Y43"));  // letter O in the division code
  EXPECT_FALSE(IsValidUscc("91350100I000100Y43"));  // I is not in the alphabet
  EXPECT_FALSE(IsValidUscc("91350100m000100y43"));  // lower case
  EXPECT_TRUE(LooksLikeUscc("91350100m000100y43"));
  EXPECT_FALSE(UsccCheckChar("91350100M000100YZ"));
}

TEST(IdentifierChecks, OrganisationCode) {
  EXPECT_EQ(OrganisationCodeCheckChar("M000100Y"), '4');
  EXPECT_EQ(OrganisationCodeCheckChar("71526726"), 'X');
  EXPECT_EQ(OrganisationCodeCheckChar("80210043"), '3');
  EXPECT_TRUE(IsValidOrganisationCode("71526726-X"));
  EXPECT_TRUE(IsValidOrganisationCode("71526726X"));
  EXPECT_FALSE(IsValidOrganisationCode("715267263"));
  EXPECT_FALSE(OrganisationCodeCheckChar("7152672a"));
  // The "11 → 0" branch: find a body whose sum is a multiple of 11.
  bool saw_zero = false;
  for (int i = 0; i < 100 && !saw_zero; ++i) {
    char body[9];
    std::snprintf(body, sizeof body, "%08d", i);
    saw_zero = OrganisationCodeCheckChar(body) == '0';
  }
  EXPECT_TRUE(saw_zero);
}

TEST(IdentifierChecks, DivisionCode) {
  EXPECT_TRUE(IsValidDivisionCode("110105"));
  EXPECT_TRUE(IsValidDivisionCode("110101001001"));
  EXPECT_TRUE(IsValidDivisionCode("820000"));
  EXPECT_TRUE(IsValidDivisionCode("100000"));   // national
  EXPECT_FALSE(IsValidDivisionCode("101000"));  // 10 is not a province
  EXPECT_FALSE(IsValidDivisionCode("11010"));
  EXPECT_FALSE(IsValidDivisionCode("110101001"));  // 9-digit town codes are not division codes here
  EXPECT_FALSE(IsValidDivisionCode("11010a"));
}

}  // namespace
}  // namespace gongshu::ingest
