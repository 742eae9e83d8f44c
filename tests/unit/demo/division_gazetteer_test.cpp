#include "demo/division_gazetteer.h"

#include <gtest/gtest.h>

#include "gazetteer_fixture.h"
#include "support/temp_dir.h"

namespace gongshu::demo {
namespace {

const DivisionGazetteer& Gazetteer() { return TestGazetteer(); }

TEST(DivisionGazetteer, LoadsEveryLevelOfChinaDivision) {
  const auto& g = Gazetteer();
  EXPECT_EQ(g.provinces().size(), 31u);
  EXPECT_GT(g.cities().size(), 300u);
  EXPECT_GT(g.counties().size(), 2900u);
  EXPECT_GT(g.townships().size(), 40000u);
  size_t townships = 0;
  for (size_t i = 0; i < g.counties().size(); ++i) {
    for (uint32_t t : g.TownshipsOf(i)) {
      EXPECT_EQ(g.townships()[t].code.substr(0, 6), g.counties()[i].code);
      ++townships;
    }
  }
  EXPECT_EQ(townships, g.townships().size());
}

TEST(DivisionGazetteer, LinksCountiesToTheirCityAndProvince) {
  const auto& g = Gazetteer();
  const int64_t xihu = g.FindCounty("330106");
  ASSERT_GE(xihu, 0);
  EXPECT_EQ(g.counties()[xihu].name, "西湖区");
  EXPECT_EQ(g.CityOfCounty(xihu).name, "杭州市");
  EXPECT_EQ(g.ProvinceOfCounty(xihu).name, "浙江省");
  EXPECT_EQ(g.CountyFullName(xihu), "浙江省杭州市西湖区");
  EXPECT_EQ(g.TradePlaceName(xihu), "杭州");
  EXPECT_EQ(g.FindCounty("999999"), -1);
  EXPECT_EQ(g.FindCounty("3301"), -1);
}

TEST(DivisionGazetteer, SkipsStatisticalPlaceholdersInNames) {
  const auto& g = Gazetteer();
  const int64_t dongcheng = g.FindCounty("110101");
  ASSERT_GE(dongcheng, 0);
  EXPECT_EQ(g.CountyFullName(dongcheng), "北京市东城区");  // not 北京市市辖区东城区
  EXPECT_EQ(g.TradePlaceName(dongcheng), "北京");
  const int64_t dongguan = g.FindCounty("441900");
  ASSERT_GE(dongguan, 0);
  EXPECT_EQ(g.CountyFullName(dongguan), "广东省东莞市");  // the city has no county level
  const int64_t xiantao = g.FindCounty("429004");
  ASSERT_GE(xiantao, 0);
  EXPECT_EQ(g.CountyFullName(xiantao), "湖北省仙桃市");
  EXPECT_EQ(g.TradePlaceName(xiantao), "仙桃");
}

TEST(DivisionGazetteer, ShortensProvinceNames) {
  EXPECT_EQ(DivisionGazetteer::ProvinceShortName("浙江省"), "浙江");
  EXPECT_EQ(DivisionGazetteer::ProvinceShortName("广西壮族自治区"), "广西");
  EXPECT_EQ(DivisionGazetteer::ProvinceShortName("新疆维吾尔自治区"), "新疆");
  EXPECT_EQ(DivisionGazetteer::ProvinceShortName("内蒙古自治区"), "内蒙古");
  EXPECT_EQ(DivisionGazetteer::ProvinceShortName("上海市"), "上海");
  EXPECT_TRUE(DivisionGazetteer::IsPlaceholderCity("市辖区"));
  EXPECT_TRUE(DivisionGazetteer::IsPlaceholderCity("自治区直辖县级行政区划"));
  EXPECT_FALSE(DivisionGazetteer::IsPlaceholderCity("杭州市"));
}

TEST(DivisionGazetteer, MissingOrMalformedFilesAreErrors) {
  testing::TempDir dir;
  auto missing = DivisionGazetteer::Load(dir.path());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "demo.division_source");
  EXPECT_FALSE(missing.error().message_zh.empty());

  dir.Write("provinces.csv", "code,name\n11,\"北京市\"\n");
  dir.Write("cities.csv", "code,name,provinceCode\n1101,\"市辖区\",11\n");
  dir.Write("areas.csv", "code,name,cityCode,provinceCode\n110101,\"东城区\",9999,11\n");  // unknown parent
  dir.Write("streets.csv", "code,name,areaCode,provinceCode,cityCode\n");
  auto orphan = DivisionGazetteer::Load(dir.path());
  ASSERT_FALSE(orphan.ok());
  EXPECT_NE(orphan.error().message.find("unknown parent"), std::string::npos);

  dir.Write("areas.csv", "code,name,cityCode,provinceCode\n110101,\"东城区\",1101,11\n");
  auto ok = DivisionGazetteer::Load(dir.path());
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_TRUE(ok->TownshipsOf(0).empty());

  dir.Write("cities.csv", "id,label\n1101,x\n");  // wrong header
  EXPECT_FALSE(DivisionGazetteer::Load(dir.path()).ok());
}

}  // namespace
}  // namespace gongshu::demo
