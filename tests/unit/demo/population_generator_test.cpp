#include "demo/population_generator.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/time_format.h"
#include "gazetteer_fixture.h"
#include "ingest/identifier_checks.h"

namespace gongshu::demo {
namespace {

std::string IsoDigits(int32_t days) {
  const CivilDate d = CivilFromDays(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", d.year, d.month, d.day);
  return buf;
}

TEST(PopulationGenerator, ResidentIdsAreValidAndBuiltOnRealCounties) {
  const auto& g = TestGazetteer();
  PopulationGenerator gen(g, 1);
  std::set<std::string> ids, mobiles;
  for (int i = 0; i < 3000; ++i) {
    Person p = gen.Next();
    ASSERT_TRUE(ingest::IsValidResidentId(p.resident_id)) << p.resident_id;
    // 6-digit county code of the person's household county (a real code from areas.csv).
    EXPECT_EQ(p.resident_id.substr(0, 6), g.counties()[p.county].code);
    EXPECT_GE(g.FindCounty(p.resident_id.substr(0, 6)), 0);
    // Birth date and sex are encoded in the ID (sequence: odd = male).
    EXPECT_EQ(p.resident_id.substr(6, 8), IsoDigits(p.birth_date));
    const int seq = std::stoi(p.resident_id.substr(14, 3));
    EXPECT_EQ(seq % 2 == 1, p.sex == Sex::kMale) << p.resident_id;
    EXPECT_GT(seq, 0);
    EXPECT_LE(p.birth_date, PopulationGenerator::kReferenceDate);
    EXPECT_GT(p.birth_date, PopulationGenerator::kReferenceDate - 100 * 366);
    if (p.mobile.empty()) {
      EXPECT_LT(p.birth_date, PopulationGenerator::kReferenceDate);
      EXPECT_GT(p.birth_date, PopulationGenerator::kReferenceDate - 16 * 365) << "adults have a mobile";
    } else {
      EXPECT_TRUE(ingest::IsValidMobile(p.mobile)) << p.mobile;
      EXPECT_TRUE(mobiles.insert(p.mobile).second) << "duplicate " << p.mobile;
    }
    EXPECT_TRUE(ids.insert(p.resident_id).second) << "duplicate " << p.resident_id;
    EXPECT_EQ(p.address.rfind(g.CountyFullName(p.county), 0), 0u) << p.address;
    EXPECT_NE(p.address.find("号"), std::string::npos);
    EXPECT_FALSE(p.ethnicity.empty());
  }
  EXPECT_GT(mobiles.size(), 2400u);  // children under 10–16 have none
}

TEST(PopulationGenerator, NamesFollowSurnameFrequencies) {
  const auto& g = TestGazetteer();
  PopulationGenerator gen(g, 2);
  ChineseNameGenerator names;
  const std::set<std::string> surnames(names.surnames().begin(), names.surnames().end());
  std::map<std::string, int> first_char;
  int men = 0, han = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    Person p = gen.Next();
    // 2–4 CJK characters (3 bytes each in UTF-8), starting with a known surname.
    ASSERT_GE(p.name.size(), 6u);
    ASSERT_LE(p.name.size(), 12u);
    ASSERT_EQ(p.name.size() % 3, 0u);
    const bool known = surnames.count(p.name.substr(0, 3)) > 0 || surnames.count(p.name.substr(0, 6)) > 0;
    EXPECT_TRUE(known) << p.name;
    ++first_char[p.name.substr(0, 3)];
    men += p.sex == Sex::kMale;
    han += p.ethnicity == "汉族";
  }
  // 王, 李, 张 are about 7 % each and 20.6 % together in the 2020 census; the generator's list
  // leaves out the long tail of rare surnames (~10 %), which raises the top shares a little.
  const double top3 = (first_char["王"] + first_char["李"] + first_char["张"]) / static_cast<double>(n);
  EXPECT_GT(top3, 0.19);
  EXPECT_LT(top3, 0.235);
  EXPECT_GT(first_char["王"], first_char["孙"]);
  EXPECT_NEAR(men / static_cast<double>(n), 0.512, 0.02);
  EXPECT_NEAR(han / static_cast<double>(n), 0.90, 0.025);  // 91.1 % in the 2020 census
}

TEST(PopulationGenerator, IsDeterministicPerSeed) {
  const auto& g = TestGazetteer();
  PopulationGenerator a(g, 7), b(g, 7), c(g, 8);
  bool differs = false;
  for (int i = 0; i < 200; ++i) {
    Person x = a.Next(), y = b.Next(), z = c.Next();
    EXPECT_EQ(x.resident_id, y.resident_id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.address, y.address);
    EXPECT_EQ(x.mobile, y.mobile);
    differs |= x.resident_id != z.resident_id;
  }
  EXPECT_TRUE(differs);
}

TEST(PopulationGenerator, BatchMatchesTheColumnLayout) {
  const auto& g = TestGazetteer();
  PopulationGenerator gen(g, 3);
  storage::AppendBatch batch = gen.NextBatch(500);
  const auto columns = PopulationGenerator::Columns();
  ASSERT_EQ(batch.rows, 500u);
  ASSERT_EQ(batch.columns.size(), columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    const auto& col = batch.columns[c];
    EXPECT_EQ(col.kind, columns[c].kind);
    const size_t n = col.kind == storage::AppendColumn::Kind::kDate ? col.dates.size() : col.texts.size();
    EXPECT_EQ(n, 500u) << columns[c].name;
  }
  EXPECT_EQ(columns[0].name, "resident_id");
  EXPECT_EQ(columns[9].name, "county_code");
  ASSERT_EQ(columns[5].name, "mobile");
  ASSERT_EQ(batch.columns[5].valid.size(), 500u);
  for (size_t r = 0; r < batch.rows; ++r) {
    EXPECT_TRUE(ingest::IsValidResidentId(batch.columns[0].texts[r]));
    EXPECT_EQ(batch.columns[0].texts[r].substr(0, 6), batch.columns[9].texts[r]);
    EXPECT_TRUE(batch.columns[2].texts[r] == "男" || batch.columns[2].texts[r] == "女");
    EXPECT_FALSE(batch.columns[7].texts[r].empty());
    EXPECT_NE(batch.columns[7].texts[r], "市辖区");
    EXPECT_EQ(batch.columns[5].valid[r] != 0, !batch.columns[5].texts[r].empty());
    if (batch.columns[5].valid[r]) {
      EXPECT_TRUE(ingest::IsValidMobile(batch.columns[5].texts[r]));
    }
  }
}

}  // namespace
}  // namespace gongshu::demo
