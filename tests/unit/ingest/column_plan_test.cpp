#include "ingest/column_plan.h"

#include <gtest/gtest.h>

namespace gongshu::ingest {
namespace {

TEST(ColumnPlan, NormalizesNames) {
  auto n = NormalizeColumnNames({" 名称 ", "名称", "a\"b", "", "x`y'z", "Name", "name", "tab\there",
                                 "\xE3\x80\x80全角\xE3\x80\x80"});
  ASSERT_EQ(n.size(), 9u);
  EXPECT_EQ(n[0], "名称");
  EXPECT_EQ(n[1], "名称_2");
  EXPECT_EQ(n[2], "a_b");
  EXPECT_EQ(n[3], "column_4");
  EXPECT_EQ(n[4], "x_y_z");
  EXPECT_EQ(n[5], "Name");
  EXPECT_EQ(n[6], "name_2");  // the engine matches names case-insensitively
  EXPECT_EQ(n[7], "tab_here");
  EXPECT_EQ(n[8], "全角");
  // Dedupe does not collide with a later literal name.
  auto d = NormalizeColumnNames({"a", "a", "a_2"});
  EXPECT_EQ(d[1], "a_2");
  EXPECT_EQ(d[2], "a_2_2");
  // Long names are cut at a character boundary within 128 bytes.
  std::string longname;
  for (int i = 0; i < 60; ++i) longname += "长";
  auto l = NormalizeColumnNames({longname});
  EXPECT_LE(l[0].size(), 128u);
  EXPECT_EQ(l[0].size() % 3, 0u);
  // The engine's row id and the platform's hidden prefix are never taken as column names.
  auto r = NormalizeColumnNames({"rowid", "ROWID", "_gs_rowid", "row_id"});
  EXPECT_EQ(r[0], "rowid_");
  EXPECT_EQ(r[1], "ROWID__2");
  EXPECT_EQ(r[2], "_gs_rowid_");
  EXPECT_EQ(r[3], "row_id");
}

TEST(ColumnPlan, IdentifierNames) {
  for (const char* yes : {"id", "ID", "user_id", "userId", "streetCode", "zip", "zip_code",
                          "adcode", "Tel", "phone_number", "身份证号码", "联系电话", "手机",
                          "统一社会信用代码", "企业编号", "邮编", "IDNumber", "uscc"}) {
    EXPECT_TRUE(IsIdentifierLikeName(yes)) << yes;
  }
  for (const char* no : {"valid", "paid", "name", "amount", "width", "名称", "人口", "video",
                         "identity", "decode_time"}) {
    EXPECT_FALSE(IsIdentifierLikeName(no)) << no;
  }
}

TEST(ColumnPlan, DetectsSemantics) {
  EXPECT_EQ(DetectSemantic("x", {"11010519491231002X", "440304199001011233", "310115198812120534"}),
            "resident_id");
  // Shape, not validity: a column of bad IDs is still an ID column.
  EXPECT_EQ(DetectSemantic("x", {"110105194912310020", "11010519491231002X"}), "resident_id");
  EXPECT_EQ(DetectSemantic("x", {"13800138000", "19912345678"}), "mobile");
  EXPECT_EQ(DetectSemantic("x", {"91350100M000100Y43", "91110108551385082Q"}), "uscc");
  EXPECT_EQ(DetectSemantic("x", {"110101001001", "440304003001"}), "division_code");
  EXPECT_EQ(DetectSemantic("x", {"110101", "440304"}), "");  // six digits need a name hint
  EXPECT_EQ(DetectSemantic("areaCode", {"110101", "440304"}), "division_code");
  EXPECT_EQ(DetectSemantic("行政区划", {"110101", "440304"}), "division_code");
  std::vector<std::string> mixed = {"13800138000", "13800138001", "hello", "world"};
  EXPECT_EQ(DetectSemantic("x", mixed), "");
  EXPECT_EQ(DetectSemantic("x", {}), "");
}

TEST(ColumnPlan, NormalizesTypes) {
  EXPECT_EQ(NormalizeSqlType("INTEGER"), "BIGINT");
  EXPECT_EQ(NormalizeSqlType("TINYINT"), "BIGINT");
  EXPECT_EQ(NormalizeSqlType("UBIGINT"), "VARCHAR");
  EXPECT_EQ(NormalizeSqlType("HUGEINT"), "VARCHAR");
  EXPECT_EQ(NormalizeSqlType("DECIMAL(18,3)"), "DOUBLE");
  EXPECT_EQ(NormalizeSqlType("FLOAT"), "DOUBLE");
  EXPECT_EQ(NormalizeSqlType("TIMESTAMP_NS"), "TIMESTAMP");
  EXPECT_EQ(NormalizeSqlType("TIMESTAMP WITH TIME ZONE"), "TIMESTAMP");
  EXPECT_EQ(NormalizeSqlType("DATE"), "DATE");
  EXPECT_EQ(NormalizeSqlType("TIME"), "TIME");
  EXPECT_EQ(NormalizeSqlType("BOOLEAN"), "BOOLEAN");
  EXPECT_EQ(NormalizeSqlType("STRUCT(a INTEGER)"), "VARCHAR");
  EXPECT_EQ(NormalizeSqlType("BIGINT[]"), "VARCHAR");
  EXPECT_EQ(NormalizeSqlType("MAP(VARCHAR, INTEGER)"), "VARCHAR");
  EXPECT_EQ(NormalizeSqlType("ENUM('a', 'b')"), "VARCHAR");
  EXPECT_EQ(NormalizeSqlType("BLOB"), "VARCHAR");
  EXPECT_EQ(CatalogTypeOf("BIGINT"), "integer");
  EXPECT_EQ(CatalogTypeOf("TIMESTAMP"), "datetime");
  EXPECT_EQ(StorageTypeForCatalogType("datetime").value(), "TIMESTAMP");
  EXPECT_EQ(StorageTypeForCatalogType("Number").value(), "DOUBLE");
  EXPECT_FALSE(StorageTypeForCatalogType("money").ok());
}

TEST(ColumnPlan, PlansTypesWithHintsAndOverrides) {
  std::vector<SourceColumn> cols = {
      {"code", "BIGINT", {"110101", "110102"}},
      {"amount", "BIGINT", {"10", "20"}},
      {"zipish", "BIGINT", {"010010", "100080"}},
      {"ratio", "DOUBLE", {"0.5", "1.5"}},
      {"label", "BIGINT", {"1", "2"}},
      {"at", "TIMESTAMP WITH TIME ZONE", {"2024-01-01 00:00:00+08"}},
  };
  std::map<std::string, ColumnHint> hints = {{"label", ColumnHint{"", true}}};
  auto plan = PlanColumns(cols, {{"amount", "number"}}, hints, /*text_source=*/true);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ((*plan)[0].storage_type, "VARCHAR");  // identifier name
  EXPECT_TRUE((*plan)[0].kept_as_string);
  EXPECT_EQ((*plan)[1].storage_type, "DOUBLE");  // override
  EXPECT_TRUE((*plan)[1].overridden);
  EXPECT_EQ((*plan)[2].storage_type, "VARCHAR");  // leading zero in the text
  EXPECT_EQ((*plan)[3].storage_type, "DOUBLE");
  EXPECT_EQ((*plan)[4].storage_type, "VARCHAR");  // text in earlier versions
  EXPECT_EQ((*plan)[5].storage_type, "TIMESTAMP");
  EXPECT_EQ((*plan)[5].read_type, "TIMESTAMPTZ");
  EXPECT_EQ(StorageExpression("c6", (*plan)[5], true), "timezone('UTC', c6)");
  EXPECT_EQ(StorageExpression("c1", (*plan)[0], true), "c1");
  // The same sample from a structured source: numbers have no leading zeros to keep.
  auto structured = PlanColumns(cols, {}, {}, /*text_source=*/false);
  ASSERT_TRUE(structured.ok());
  EXPECT_EQ((*structured)[2].storage_type, "BIGINT");
  EXPECT_EQ(StorageExpression("#1", (*structured)[0], false), "CAST(#1 AS VARCHAR)");
  EXPECT_EQ(StorageExpression("#6", (*structured)[5], false), "timezone('UTC', #6)");
  // Overrides may name the original header.
  auto by_header = PlanColumns({{" 金额 ", "VARCHAR", {}}}, {{" 金额 ", "integer"}}, {}, true);
  ASSERT_TRUE(by_header.ok());
  EXPECT_EQ((*by_header)[0].storage_type, "BIGINT");
  auto unknown = PlanColumns(cols, {{"nope", "string"}}, {}, true);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "ingest.unknown_override_column");
}

TEST(ColumnPlan, NestedValuesBecomeJsonText) {
  ColumnPlan p;
  p.source_type = "STRUCT(a BIGINT)";
  p.storage_type = "VARCHAR";
  EXPECT_EQ(StorageExpression("#2", p, false), "CAST(to_json(#2) AS VARCHAR)");
  p.source_type = "DECIMAL(10,2)";
  p.storage_type = "DOUBLE";
  EXPECT_EQ(StorageExpression("#2", p, false), "CAST(#2 AS DOUBLE)");
}

}  // namespace
}  // namespace gongshu::ingest

namespace gongshu::ingest {
namespace {

TEST(ColumnPlan, HighCardinalityIdentifiersAreStoredUncompressed) {
  SourceColumn codes{"code", "BIGINT", {}};
  SourceColumn provinces{"provinceCode", "BIGINT", {}};
  SourceColumn names{"name", "VARCHAR", {}};
  for (int i = 0; i < 100; ++i) {
    codes.sample.push_back(std::to_string(110101001001LL + i));
    provinces.sample.push_back(i % 2 ? "11" : "12");
    names.sample.push_back("name" + std::to_string(i));
  }
  auto plan = PlanColumns({codes, provinces, names}, {}, {}, true);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE((*plan)[0].uncompressed);   // unique codes
  EXPECT_FALSE((*plan)[1].uncompressed);  // few distinct values: dictionary compression pays
  EXPECT_FALSE((*plan)[2].uncompressed);  // not an identifier
  auto small = PlanColumns({{"code", "BIGINT", {"1", "2"}}}, {}, {}, true);
  EXPECT_FALSE((*small)[0].uncompressed);  // too few values to judge
}

}  // namespace
}  // namespace gongshu::ingest
