#include "demo/enterprise_generator.h"

#include <gtest/gtest.h>

#include <set>

#include "core/time_format.h"
#include "gazetteer_fixture.h"
#include "ingest/identifier_checks.h"

namespace gongshu::demo {
namespace {

TEST(EnterpriseGenerator, CreditCodesAreValidOnRealCounties) {
  const auto& g = TestGazetteer();
  EnterpriseGenerator gen(g, 1);
  std::set<std::string> codes, names;
  const int32_t ma_from = DaysFromCivil({2015, 10, 1});
  int ma = 0;
  for (int i = 0; i < 3000; ++i) {
    Enterprise e = gen.Next();
    ASSERT_TRUE(ingest::IsValidUscc(e.uscc)) << e.uscc;
    EXPECT_EQ(e.uscc.substr(0, 2), "91");  // market regulation, enterprise
    EXPECT_EQ(e.uscc.substr(2, 6), g.counties()[e.county].code);
    EXPECT_TRUE(ingest::IsValidOrganisationCode(e.uscc.substr(8, 9))) << e.uscc;
    EXPECT_EQ(e.uscc.substr(8, 2) == "MA", e.established_on >= ma_from) << e.uscc;
    ma += e.uscc.substr(8, 2) == "MA";
    EXPECT_TRUE(codes.insert(e.uscc).second);
    EXPECT_TRUE(names.insert(e.name).second) << e.name;
    EXPECT_EQ(e.name.rfind(g.TradePlaceName(e.county), 0), 0u) << e.name;
    EXPECT_TRUE(e.name.ends_with("有限公司")) << e.name;
    EXPECT_GT(e.registered_capital, 0);
    ASSERT_EQ(e.industry_code.size(), 1u);
    EXPECT_GE(e.industry_code[0], 'A');
    EXPECT_LE(e.industry_code[0], 'R');
    EXPECT_FALSE(e.industry.empty());
    EXPECT_LE(e.established_on, EnterpriseGenerator::kReferenceDate);
    EXPECT_GE(e.established_on, DaysFromCivil({1995, 1, 1}));
    EXPECT_TRUE(e.status == "存续" || e.status == "在业" || e.status == "注销" || e.status == "吊销") << e.status;
    EXPECT_TRUE(ingest::IsValidMobile(e.contact_phone));
    EXPECT_GE(e.legal_representative.size(), 6u);
    EXPECT_EQ(e.address.rfind(g.CountyFullName(e.county), 0), 0u);
  }
  // Registrations grew fast after the 2014 reform: most enterprises have a post-2015 code.
  EXPECT_GT(ma, 1500);
}

TEST(EnterpriseGenerator, IsDeterministicPerSeed) {
  const auto& g = TestGazetteer();
  EnterpriseGenerator a(g, 5), b(g, 5);
  for (int i = 0; i < 200; ++i) {
    Enterprise x = a.Next(), y = b.Next();
    EXPECT_EQ(x.uscc, y.uscc);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.registered_capital, y.registered_capital);
  }
}

TEST(EnterpriseGenerator, BatchMatchesTheColumnLayout) {
  const auto& g = TestGazetteer();
  EnterpriseGenerator gen(g, 3);
  storage::AppendBatch batch = gen.NextBatch(300);
  const auto columns = EnterpriseGenerator::Columns();
  ASSERT_EQ(batch.columns.size(), columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    const auto& col = batch.columns[c];
    EXPECT_EQ(col.kind, columns[c].kind);
    size_t n = col.texts.size();
    if (col.kind == storage::AppendColumn::Kind::kDate) n = col.dates.size();
    if (col.kind == storage::AppendColumn::Kind::kDouble) n = col.doubles.size();
    EXPECT_EQ(n, 300u) << columns[c].name;
  }
  for (size_t r = 0; r < batch.rows; ++r) {
    EXPECT_TRUE(ingest::IsValidUscc(batch.columns[0].texts[r]));
    EXPECT_EQ(batch.columns[0].texts[r].substr(2, 6), batch.columns[8].texts[r]);
  }
}

}  // namespace
}  // namespace gongshu::demo
