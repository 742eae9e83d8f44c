#include "privacy/masking.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/temp_dir.h"

namespace gongshu::privacy {
namespace {

TEST(Masking, ResidentIdKeepsRegionAndCheckDigits) {
  EXPECT_EQ(Mask(MaskKind::kResidentId, "11010519491231002X"), "110105********002X");
  EXPECT_EQ(Mask(MaskKind::kResidentId, "110105490101002"), "110105*****1002");  // 15-digit
  EXPECT_EQ(Mask(MaskKind::kResidentId, "12345"), "*****");
  EXPECT_EQ(Mask(MaskKind::kResidentId, ""), "");
}

TEST(Masking, ResidentIdVectorsNeverRevealTheBirthDate) {
  auto doc = boost::json::parse(
      gongshu::testing::ReadFile(gongshu::testing::TestDataPath("cn_crypto_and_identifiers.json")));
  for (const auto& v : doc.at("cn_resident_id").at("valid").as_array()) {
    std::string id(v.as_string());
    std::string m = Mask(MaskKind::kResidentId, id);
    EXPECT_EQ(m.size(), id.size());
    EXPECT_EQ(m.substr(0, 6), id.substr(0, 6));
    EXPECT_EQ(m.substr(14), id.substr(14));
    EXPECT_EQ(m.substr(6, 8), "********");
  }
}

TEST(Masking, Mobile) {
  EXPECT_EQ(Mask(MaskKind::kMobile, "13800138000"), "138****8000");
  EXPECT_EQ(Mask(MaskKind::kMobile, "19912345678"), "199****5678");
  EXPECT_EQ(Mask(MaskKind::kMobile, "1380013"), "*******");
}

TEST(Masking, ChineseNamesIncludingCompoundSurnames) {
  EXPECT_EQ(Mask(MaskKind::kName, "张三"), "张*");
  EXPECT_EQ(Mask(MaskKind::kName, "张小明"), "张**");
  EXPECT_EQ(Mask(MaskKind::kName, "欧阳娜娜"), "欧阳**");
  EXPECT_EQ(Mask(MaskKind::kName, "欧阳修"), "欧阳*");
  EXPECT_EQ(Mask(MaskKind::kName, "欧阳"), "欧*");
  EXPECT_EQ(Mask(MaskKind::kName, "张"), "*");
  EXPECT_EQ(Mask(MaskKind::kName, "John"), "J***");
}

TEST(Masking, AddressKeepsTheDistrictLevel) {
  EXPECT_EQ(Mask(MaskKind::kAddress, "北京市朝阳区建国路88号"), "北京市朝阳区****");
  EXPECT_EQ(Mask(MaskKind::kAddress, "浙江省杭州市西湖区文三路"), "浙江省杭州市西湖区****");
  EXPECT_EQ(Mask(MaskKind::kAddress, "河北省石家庄市正定县城关"), "河北省石家庄市正定县****");
  EXPECT_EQ(Mask(MaskKind::kAddress, "Room 5, 10 Main Street"), "Room 5****");
  EXPECT_EQ(Mask(MaskKind::kAddress, "short"), "sh****");
}

TEST(Masking, BankCardAndFull) {
  EXPECT_EQ(Mask(MaskKind::kBankCard, "6222021234567891234"), "622202*********1234");
  EXPECT_EQ(Mask(MaskKind::kFull, "anything"), "****");
  EXPECT_EQ(Mask(MaskKind::kFull, ""), "****");
  EXPECT_EQ(Mask(MaskKind::kNone, "raw"), "raw");
}

TEST(Masking, CountsCharactersNotBytesAndSurvivesInvalidUtf8) {
  EXPECT_EQ(Mask(MaskKind::kMobile, "一二三四五六七八九十"), "一二三***七八九十");
  std::string bad = "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8";
  EXPECT_EQ(Mask(MaskKind::kMobile, bad), "\xff\xfe\xfd*\xfb\xfa\xf9\xf8");
}

TEST(Masking, CodesRoundTrip) {
  for (MaskKind k : {MaskKind::kNone, MaskKind::kResidentId, MaskKind::kMobile, MaskKind::kName,
                     MaskKind::kAddress, MaskKind::kBankCard, MaskKind::kFull}) {
    EXPECT_EQ(ParseMaskKind(MaskKindCode(k)), k);
  }
  EXPECT_EQ(MaskKindCode(MaskKind::kResidentId), "resident_id");
  EXPECT_EQ(MaskKindCode(MaskKind::kBankCard), "bank_card");
  EXPECT_FALSE(ParseMaskKind("RESIDENT_ID").has_value());
  EXPECT_FALSE(ParseMaskKind("unknown").has_value());
}

}  // namespace
}  // namespace gongshu::privacy
