// The C++ masks and their DuckDB SQL forms must agree character for character.
#include <gtest/gtest.h>

#include "privacy/masking.h"
#include "query_test_db.h"

namespace gongshu::privacy {
namespace {

const std::vector<std::string>& Samples() {
  static const std::vector<std::string> v = {"",
                                             "a",
                                             "张",
                                             "张三",
                                             "张小明",
                                             "欧阳娜娜",
                                             "欧阳修",
                                             "欧阳",
                                             "司马相如",
                                             "诸葛亮",
                                             "John Smith",
                                             "11010519491231002X",
                                             "440304199001011233",
                                             "110105490101002",
                                             "13800138000",
                                             "+8613800138000",
                                             "1380013",
                                             "6222021234567891234",
                                             "12345",
                                             "北京市朝阳区建国路88号",
                                             "浙江省杭州市西湖区文三路",
                                             "新疆维吾尔自治区乌鲁木齐市天山区",
                                             "区北京市",
                                             "上海市浦东新区世纪大道1号",
                                             "河北省石家庄市正定县",
                                             "Room 5, 10 Main Street",
                                             "内蒙古自治区呼和浩特市",
                                             "short",
                                             "e\xCC\x81x\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3y",
                                             "line\nbreak 区 here"};
  return v;
}

TEST(MaskSql, AgreesWithTheCxxMaskOnSamples) {
  query::testing::QueryDb db;
  auto s = db.Lease();
  for (MaskKind kind :
       {MaskKind::kResidentId, MaskKind::kMobile, MaskKind::kName, MaskKind::kAddress,
        MaskKind::kBankCard, MaskKind::kFull, MaskKind::kNone}) {
    std::string sql =
        "SELECT " + MaskSql(kind, "\"v\"") + " FROM (SELECT CAST($1 AS VARCHAR) AS v)";
    for (const auto& sample : Samples()) {
      auto t = s->Query(sql, {storage::Value::Text(sample)});
      ASSERT_TRUE(t.ok()) << t.error().message << "\n" << sql;
      EXPECT_EQ(t->rows[0][0].as_text(), Mask(kind, sample))
          << "kind " << MaskKindCode(kind) << " sample '" << sample << "'";
    }
    auto null =
        s->Query("SELECT " + MaskSql(kind, "\"v\"") + " FROM (SELECT CAST(NULL AS VARCHAR) AS v)");
    ASSERT_TRUE(null.ok());
    EXPECT_TRUE(null->rows[0][0].is_null()) << MaskKindCode(kind);
  }
}

TEST(MaskSql, NonTextColumnsAreCastFirst) {
  query::testing::QueryDb db;
  auto t = db.Query("SELECT " + MaskSql(MaskKind::kMobile, "\"m\"") +
                    " FROM (SELECT 13800138000::BIGINT AS m)");
  EXPECT_EQ(t.rows[0][0].as_text(), "138****8000");
}

}  // namespace
}  // namespace gongshu::privacy
