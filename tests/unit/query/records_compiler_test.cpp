#include "query/records_compiler.h"

#include <gtest/gtest.h>

#include "query_test_db.h"

namespace gongshu::query {
namespace {

using storage::Value;
using testing::Column;
using testing::Ids;
using testing::QueryDb;

RecordsRequest Where(std::string where) {
  RecordsRequest r;
  r.where = std::move(where);
  r.select = "id";
  r.order_by = "id";
  return r;
}

CompiledQuery MustCompile(const RecordsRequest& r, const QueryScope& s = QueryDb::PeopleScope()) {
  auto q = CompileRecords(r, s);
  EXPECT_TRUE(q.ok()) << (q.ok() ? "" : q.error().code + ": " + q.error().message);
  return q.ok() ? std::move(q).value() : CompiledQuery{};
}

// ---- SQL and parameters ----

TEST(RecordsCompiler, ValuesAreBoundTypedAndIdentifiersQuoted) {
  RecordsRequest r;
  r.select = "id, name";
  r.where =
      "age > 30 and city = '北京' and born >= \"1990-01-01\" and score < 90.5 and active = true";
  CompiledQuery q = MustCompile(r);
  EXPECT_EQ(
      q.sql,
      "SELECT \"id\" AS \"_gs_0\", \"name\" AS \"_gs_1\", rowid AS \"_gs_rowid\" FROM "
      "data.\"people__v1\" WHERE ((\"age\" > CAST($1 AS BIGINT)) AND (\"city\" = CAST($2 AS "
      "VARCHAR)) AND (\"born\" >= CAST($3 AS DATE)) AND (\"score\" < CAST($4 AS DOUBLE)) AND "
      "(\"active\" = CAST($5 AS BOOLEAN))) ORDER BY rowid ASC LIMIT CAST($6 AS BIGINT) OFFSET "
      "CAST($7 AS BIGINT)");
  ASSERT_EQ(q.params.size(), 7u);
  EXPECT_EQ(q.params[0], Value::Int(30));
  EXPECT_EQ(q.params[1], Value::Text("北京"));
  EXPECT_EQ(q.params[2], Value::Date(7305));  // "1990-01-01" parsed as a date for a date field
  EXPECT_EQ(q.params[3], Value::Double(90.5));
  EXPECT_EQ(q.params[4], Value::Bool(true));
  EXPECT_EQ(q.params[5], Value::Int(101));  // default limit 100, one more to detect a next page
  EXPECT_EQ(q.params[6], Value::Int(0));
  EXPECT_EQ(q.limit, 100);
  EXPECT_EQ(q.hidden_columns, 1u);
  ASSERT_EQ(q.columns.size(), 2u);
  EXPECT_EQ(q.columns[1].name, "name");
  EXPECT_EQ(q.columns[1].type, "string");
  EXPECT_FALSE(q.cursor_binding.empty());
}

TEST(RecordsCompiler, HostileTextStaysInParameters) {
  RecordsRequest r;
  r.where = "name = \"x'); DROP TABLE t; --\" or city = '\" OR 1=1 --'";
  CompiledQuery q = MustCompile(r);
  EXPECT_EQ(q.sql.find("DROP"), std::string::npos);
  EXPECT_EQ(q.sql.find("1=1"), std::string::npos);
  EXPECT_EQ(q.params[0], Value::Text("x'); DROP TABLE t; --"));
}

TEST(RecordsCompiler, DefaultSelectIsAllFieldsInCatalogOrderWithMasks) {
  CompiledQuery q = MustCompile(RecordsRequest{});
  ASSERT_EQ(q.columns.size(), 14u);
  EXPECT_EQ(q.columns[0].name, "id");
  EXPECT_EQ(q.columns[10].name, "resident_id");
  EXPECT_EQ(q.columns[12].name, "行政区划代码");
  EXPECT_NE(q.sql.find("repeat('*'"), std::string::npos);  // the mask runs inside the engine
  EXPECT_NE(q.sql.find("\"行政区划代码\" AS \"_gs_12\""), std::string::npos);
}

TEST(RecordsCompiler, OrderByAddsRowidTiebreakerAndHiddenKeys) {
  RecordsRequest r;
  r.select = "id, age";
  r.order_by = "age DESC, name";
  CompiledQuery q = MustCompile(r);
  EXPECT_NE(q.sql.find("ORDER BY \"age\" DESC NULLS LAST, \"name\" ASC NULLS LAST, rowid ASC"),
            std::string::npos)
      << q.sql;
  EXPECT_NE(q.sql.find("\"age\" AS \"_gs_k0\", \"name\" AS \"_gs_k1\", rowid AS \"_gs_rowid\""),
            std::string::npos);
  EXPECT_EQ(q.hidden_columns, 3u);
}

TEST(RecordsCompiler, AggregateQueryShapeAndCount) {
  RecordsRequest r;
  r.select = "city, count(*) AS n, avg(age)";
  r.group_by = "city";
  r.order_by = "n DESC";
  r.include_total = true;
  CompiledQuery q = MustCompile(r);
  EXPECT_TRUE(q.aggregate);
  EXPECT_EQ(q.hidden_columns, 0u);
  EXPECT_NE(
      q.sql.find("GROUP BY \"city\" ORDER BY count(*) DESC NULLS LAST, \"city\" ASC NULLS LAST"),
      std::string::npos)
      << q.sql;
  EXPECT_EQ(q.count_sql,
            "SELECT count(*) FROM (SELECT 1 FROM data.\"people__v1\" GROUP BY \"city\") AS "
            "\"_gs_groups\"");
  ASSERT_EQ(q.columns.size(), 3u);
  EXPECT_EQ(q.columns[1].name, "n");
  EXPECT_EQ(q.columns[1].type, "integer");
  EXPECT_EQ(q.columns[2].name, "avg(age)");
  EXPECT_EQ(q.columns[2].type, "number");
}

TEST(RecordsCompiler, RowFiltersAreAlwaysAppliedWithBoundValues) {
  QueryScope s = QueryDb::PeopleScope();
  s.row_filters.push_back({"行政区划代码", RowFilter::Op::kPrefix, {Value::Text("11")}});
  s.row_filters.push_back(
      {"id", RowFilter::Op::kIn, {Value::Int(1), Value::Int(3), Value::Int(6)}});
  RecordsRequest r;
  r.include_total = true;
  CompiledQuery q = MustCompile(r, s);
  EXPECT_NE(q.sql.find("starts_with(CAST(\"行政区划代码\" AS VARCHAR), CAST($1 AS VARCHAR))"),
            std::string::npos);
  EXPECT_NE(q.sql.find("(\"id\" IN (CAST($2 AS BIGINT), CAST($3 AS BIGINT), CAST($4 AS BIGINT)))"),
            std::string::npos);
  EXPECT_NE(q.count_sql.find("starts_with"), std::string::npos);
  EXPECT_EQ(q.count_params.size(), 4u);
}

TEST(RecordsCompiler, ExportHasNoCapNoHiddenColumnsAndOptionalLimit) {
  RecordsRequest r;
  r.limit = 5000000;
  CompiledQuery q;
  auto e = CompileExport(r, QueryDb::PeopleScope());
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->hidden_columns, 0u);
  EXPECT_EQ(e->sql.find("ORDER BY"), std::string::npos);  // table order, streamed
  EXPECT_NE(e->sql.find("LIMIT"), std::string::npos);
  auto all = CompileExport(RecordsRequest{}, QueryDb::PeopleScope());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->sql.find("LIMIT"), std::string::npos);
  EXPECT_EQ(all->limit, -1);
}

// ---- execution on a real DuckDB table ----

class RecordsExec : public ::testing::Test {
 protected:
  void SetUp() override { db_.CreatePeople(); }
  std::vector<int64_t> IdsWhere(const std::string& where) {
    auto p = db_.Page(Where(where), QueryDb::PeopleScope());
    EXPECT_TRUE(p.ok()) << where << " → "
                        << (p.ok() ? "" : p.error().code + ": " + p.error().message);
    return p.ok() ? Ids(*p) : std::vector<int64_t>{};
  }
  QueryDb db_;
};

using V = std::vector<int64_t>;

TEST_F(RecordsExec, Comparisons) {
  EXPECT_EQ(IdsWhere("age = 30"), (V{1, 4, 9}));
  EXPECT_EQ(IdsWhere("age != 30"), (V{2, 3, 6, 7, 8, 10, 11, 12}));
  EXPECT_EQ(IdsWhere("age <> 30 and age < 30"), (V{2, 6, 11}));
  EXPECT_EQ(IdsWhere("age >= 47"), (V{7, 10}));
  EXPECT_EQ(IdsWhere("score <= 60"), (V{5, 6, 11}));
  EXPECT_EQ(IdsWhere("amount > 999.99"), (V{1, 7}));
  EXPECT_EQ(IdsWhere("amount < 0"), (V{11}));
  EXPECT_EQ(IdsWhere("30 = age"), (V{1, 4, 9}));
  EXPECT_EQ(IdsWhere("active"), (V{1, 3, 5, 7, 8, 10, 12}));
  EXPECT_EQ(IdsWhere("not active"), (V{2, 6, 9}));
  EXPECT_EQ(IdsWhere("active = false or id = 1"), (V{1, 2, 6, 9}));
}

TEST_F(RecordsExec, TemporalComparisons) {
  EXPECT_EQ(IdsWhere("born >= '2000-01-01'"), (V{11}));
  EXPECT_EQ(IdsWhere("born < date'1980-01-01'"), (V{7, 10}));
  EXPECT_EQ(IdsWhere("seen >= '2024-03-01'"), (V{6, 10}));
  EXPECT_EQ(IdsWhere("seen > timestamp'2024-02-29T16:00:00' and seen < \"2024-03-01T00:00:00\""),
            (V{9}));
  EXPECT_EQ(IdsWhere("seen < date'2024-01-01'"), (V{5}));
  EXPECT_EQ(IdsWhere("at >= '18:00' "), (V{5, 12}));
  EXPECT_EQ(IdsWhere("at between '09:00:00' and '10:15:30'"), (V{2, 3}));
  EXPECT_EQ(IdsWhere("year(born) = 1994"), (V{1, 4, 9}));
  EXPECT_EQ(IdsWhere("month(seen) = 2 and day(seen) >= 14"), (V{9, 12}));
  EXPECT_EQ(IdsWhere("hour(seen) = 0 and minute(seen) = 0"), (V{6}));
  EXPECT_EQ(IdsWhere("hour(at) = 23"), (V{5}));
  EXPECT_EQ(IdsWhere("date_trunc('month', seen) = date'2024-03-01'"), (V{6, 10}));
  EXPECT_EQ(IdsWhere("date_trunc('year', born) = '1994-01-01'"), (V{1, 4, 9}));
  EXPECT_EQ(IdsWhere("date_trunc('hour', seen) = timestamp'2024-01-15T09:00:00'"), (V{8}));
  EXPECT_EQ(IdsWhere("date_trunc('quarter', born) = date'1994-10-01'"), (V{4}));
}

TEST_F(RecordsExec, SetsRangesNullsAndPatterns) {
  EXPECT_EQ(IdsWhere("city in ('北京', '深圳')"), (V{1, 3, 6, 7, 11, 12}));
  EXPECT_EQ(IdsWhere("city not in ('北京', '深圳')"), (V{2, 4, 5, 9, 10}));  // NULL city excluded
  EXPECT_EQ(IdsWhere("id in (1, 2.0, 3)"), (V{1, 2, 3}));
  EXPECT_EQ(IdsWhere("age between 30 and 38"), (V{1, 4, 8, 9, 12}));
  EXPECT_EQ(IdsWhere("age not between 20 and 50"), (V{7, 11}));
  EXPECT_EQ(IdsWhere("city is null"), (V{8}));
  EXPECT_EQ(IdsWhere("score is null or age is null"), (V{3, 5}));
  EXPECT_EQ(IdsWhere("active is not null and born is null"), (V{5}));
  EXPECT_EQ(IdsWhere("name like '欧阳%'"), (V{4}));
  EXPECT_EQ(IdsWhere("name not like '%o%'"), (V{1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12}));
  EXPECT_EQ(IdsWhere("name like 'O''Brien, \"Jr\"'"), (V{12}));
  EXPECT_EQ(IdsWhere("startswith(行政区划代码, '4401')"), (V{4, 9}));
  EXPECT_EQ(IdsWhere("`odd name` = 'c' or `odd name` = \"d\""), (V{3, 4}));
}

TEST_F(RecordsExec, SearchIsCaseInsensitiveOverVisibleFilterableText) {
  EXPECT_EQ(IdsWhere("search('alice')"), (V{5}));
  EXPECT_EQ(IdsWhere("search(\"BOB\")"), (V{6}));
  EXPECT_EQ(IdsWhere("search('广州')"), (V{4, 9}));
  EXPECT_EQ(IdsWhere("search('440305')"), (V{12}));  // division codes
  // mobile is not filterable: its digits are not searchable.
  EXPECT_EQ(IdsWhere("search('13800138000')"), (V{}));
  // resident_id is searched through its mask only: hidden digits never match.
  EXPECT_EQ(IdsWhere("search('19491231')"), (V{}));
  EXPECT_EQ(IdsWhere("search('110105')"), (V{1, 6}));
}

TEST_F(RecordsExec, StringAndNumericFunctionsAndArithmetic) {
  EXPECT_EQ(IdsWhere("lower(name) = 'alice'"), (V{5}));
  EXPECT_EQ(IdsWhere("upper(name) = 'BOB'"), (V{6}));
  EXPECT_EQ(IdsWhere("length(name) = 4"), (V{4}));
  EXPECT_EQ(IdsWhere("abs(amount) = 20.5"), (V{11}));
  EXPECT_EQ(IdsWhere("round(score) = 89"), (V{1, 9}));
  EXPECT_EQ(IdsWhere("round(amount, -3) = 1000"), (V{1, 4, 10}));
  EXPECT_EQ(IdsWhere("age * 2 + 1 = 61"), (V{1, 4, 9}));
  EXPECT_EQ(IdsWhere("age / 2 = 15"), (V{1, 4, 9}));
  EXPECT_EQ(IdsWhere("-age < -50"), (V{7}));
  EXPECT_EQ(IdsWhere("score - age > 60"), (V{2}));
}

TEST_F(RecordsExec, MaskedFieldsAreMaskedInOutputAndFilters) {
  RecordsRequest r;
  r.select = "id, resident_id, mobile";
  r.where = "resident_id = '110105********002X'";  // the masked form is what can be matched
  r.order_by = "id";
  auto p = db_.Page(r, QueryDb::PeopleScope());
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(Ids(*p), (V{1, 6}));
  auto rows = p->at("results").as_array();
  EXPECT_EQ(rows[0].at("resident_id").as_string(), "110105********002X");
  EXPECT_EQ(rows[0].at("mobile").as_string(), "138****8000");
  EXPECT_EQ(IdsWhere("resident_id = '11010519491231002X'"), (V{}));
}

TEST_F(RecordsExec, SelectExpressionsAliasesAndTypes) {
  RecordsRequest r;
  r.select = "id, name AS 姓名, age + 1 AS next_age, year(born), score * 2, `odd name`";
  r.where = "id <= 2";
  r.order_by = "id";
  auto p = db_.Page(r, QueryDb::PeopleScope());
  ASSERT_TRUE(p.ok()) << p.error().message;
  const auto& row = p->at("results").as_array()[0].as_object();
  EXPECT_EQ(row.at("姓名").as_string(), "张三");
  EXPECT_EQ(row.at("next_age").as_int64(), 31);
  EXPECT_EQ(row.at("year(born)").as_int64(), 1994);
  EXPECT_DOUBLE_EQ(row.at("score * 2").to_number<double>(), 177.0);
  EXPECT_EQ(row.at("odd name").as_string(), "a");
  const auto& fields = p->at("fields").as_array();
  EXPECT_EQ(fields[2].at("type").as_string(), "integer");
  EXPECT_EQ(fields[4].at("type").as_string(), "number");
}

TEST_F(RecordsExec, OrderingWithNullsLastAndAliases) {
  RecordsRequest r;
  r.select = "id, age AS a";
  r.order_by = "a DESC, id DESC";
  auto p = db_.Page(r, QueryDb::PeopleScope());
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(Ids(*p), (V{7, 10, 3, 12, 8, 9, 4, 1, 6, 2, 11, 5}));
  r.order_by = "city, amount desc";
  p = db_.Page(r, QueryDb::PeopleScope());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Ids(*p), (V{10, 2, 5, 1, 3, 6, 11, 4, 9, 7, 12, 8}));
}

TEST_F(RecordsExec, GroupByWithAggregates) {
  RecordsRequest r;
  r.select =
      "city, count(*) AS n, sum(amount) AS total, min(age), max(born), count_distinct(age) AS "
      "ages, "
      "count(score) AS scored";
  r.group_by = "city";
  r.order_by = "n DESC, city";
  r.include_total = true;
  auto p = db_.Page(r, QueryDb::PeopleScope());
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->at("total_count").as_int64(), 5);
  EXPECT_FALSE(p->contains("next_cursor"));
  const auto& rows = p->at("results").as_array();
  ASSERT_EQ(rows.size(), 5u);  // 北京 上海 广州 深圳 + the NULL city group
  EXPECT_EQ(rows[0].at("city").as_string(), "北京");
  EXPECT_EQ(rows[0].at("n").as_int64(), 4);
  EXPECT_DOUBLE_EQ(rows[0].at("total").to_number<double>(), 1240.25);
  EXPECT_EQ(rows[0].at("min(age)").as_int64(), 19);
  EXPECT_EQ(rows[0].at("max(born)").as_string(), "2005-09-09");
  EXPECT_EQ(rows[0].at("ages").as_int64(), 4);
  EXPECT_EQ(rows[1].at("city").as_string(), "上海");
  EXPECT_EQ(rows[1].at("scored").as_int64(), 3);
}

TEST_F(RecordsExec, GroupByDateFunctionWithAliasAndHugeintSum) {
  RecordsRequest r;
  r.select = "m, count(*) as n, sum(age) as ages";
  r.group_by = "date_trunc('month', seen) AS m";
  r.where = "seen is not null";
  r.order_by = "m";
  auto p = db_.Page(r, QueryDb::PeopleScope());
  ASSERT_TRUE(p.ok()) << p.error().message;
  const auto& rows = p->at("results").as_array();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].at("m").as_string(), "2023-12-01");
  EXPECT_EQ(rows[1].at("m").as_string(), "2024-01-01");
  EXPECT_EQ(rows[1].at("n").as_int64(), 4);
  EXPECT_EQ(rows[1].at("ages").as_int64(), 30 + 52 + 33 + 19);  // sum(INTEGER) is HUGEINT
  EXPECT_EQ(p->at("fields").as_array()[0].at("type").as_string(), "date");
}

TEST_F(RecordsExec, EmptySelectWithGroupByReturnsKeysAndGroupExpressionsMatch) {
  RecordsRequest r;
  r.group_by = "year(born), active";
  r.where = "born is not null and active is not null";
  r.order_by = "year(born) desc, active";
  auto p = db_.Page(r, QueryDb::PeopleScope());
  ASSERT_TRUE(p.ok()) << p.error().message;
  const auto& rows = p->at("results").as_array();
  ASSERT_GE(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("year(born)").as_int64(), 1999);
  EXPECT_EQ(rows[0].as_object().size(), 2u);
}

TEST_F(RecordsExec, GroupKeysWithBoundLiteralsMatchSelectAndOrderItems) {
  // The same parameter is reused for a group key wherever it appears, so the engine sees one
  // expression (a fresh $n in select would not be "in GROUP BY").
  RecordsRequest r;
  r.select = "round(score, -1), count(*) AS n";
  r.group_by = "round(score, -1)";
  r.where = "score is not null";
  r.order_by = "round(score, -1) desc";
  r.include_total = true;
  auto p = db_.Page(r, QueryDb::PeopleScope());
  ASSERT_TRUE(p.ok()) << p.error().message;
  const auto& rows = p->at("results").as_array();
  ASSERT_EQ(rows.size(), 5u);  // 100, 90, 80, 70, 60
  EXPECT_DOUBLE_EQ(rows[0].at("round(score, -1)").to_number<double>(), 100.0);
  EXPECT_EQ(rows[0].at("n").as_int64(), 1);  // 99.9
  EXPECT_EQ(rows[1].at("n").as_int64(), 3);  // 88.5, 92.0, 88.5
  EXPECT_EQ(p->at("total_count").as_int64(), 5);

  RecordsRequest alias;
  alias.select = "bucket, count(*) AS n";
  alias.group_by = "round(score, -1) AS bucket";
  alias.order_by = "bucket";
  auto q = db_.Page(alias, QueryDb::PeopleScope());
  ASSERT_TRUE(q.ok()) << q.error().message;
  EXPECT_EQ(q->at("results").as_array().size(), 6u);  // including the NULL group
}

TEST_F(RecordsExec, AggregatesWithoutGroupByGiveOneRow) {
  RecordsRequest r;
  r.select = "count(*) AS n, avg(score) AS avg_score, sum(age) / count(age) AS mean_age";
  r.where = "city = '北京'";
  r.include_total = true;
  auto p = db_.Page(r, QueryDb::PeopleScope());
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->at("total_count").as_int64(), 1);
  const auto& row = p->at("results").as_array()[0];
  EXPECT_EQ(row.at("n").as_int64(), 4);
  EXPECT_DOUBLE_EQ(row.at("mean_age").to_number<double>(), (30 + 41 + 25 + 19) / 4.0);
}

TEST_F(RecordsExec, RowFiltersRestrictEverythingIncludingTotals) {
  QueryScope s = QueryDb::PeopleScope();
  s.row_filters.push_back({"行政区划代码", RowFilter::Op::kPrefix, {Value::Text("31")}});
  RecordsRequest r;
  r.select = "id";
  r.order_by = "id";
  r.include_total = true;
  auto p = db_.Page(r, s);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(Ids(*p), (V{2, 5, 10}));
  EXPECT_EQ(p->at("total_count").as_int64(), 3);
  r.where = "city = '北京'";  // outside the grant: nothing, not an error
  p = db_.Page(r, s);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Ids(*p), (V{}));
  // The row filter field need not be visible to the caller.
  s.fields.erase(s.fields.begin() + 12);
  r.where = "";
  p = db_.Page(r, s);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(Ids(*p), (V{2, 5, 10}));
  s.row_filters = {{"city", RowFilter::Op::kEquals, {Value::Text("深圳")}}};
  p = db_.Page(r, s);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Ids(*p), (V{7, 12}));
  s.row_filters = {{"city", RowFilter::Op::kIn, {}}};
  p = db_.Page(r, s);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Ids(*p), (V{}));
}

TEST_F(RecordsExec, LimitAndOffsetPaging) {
  RecordsRequest r;
  r.select = "id";
  r.order_by = "id";
  r.limit = 5;
  r.offset = 10;
  r.include_total = true;
  auto p = db_.Page(r, QueryDb::PeopleScope());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Ids(*p), (V{11, 12}));
  EXPECT_EQ(p->at("total_count").as_int64(), 12);
  EXPECT_EQ(p->at("limit").as_int64(), 5);
  EXPECT_EQ(p->at("offset").as_int64(), 10);
  EXPECT_FALSE(p->contains("next_cursor"));
}

TEST_F(RecordsExec, AggregateOnlyScopeAllowsAggregates) {
  QueryScope s = QueryDb::PeopleScope();
  s.aggregate_only = true;
  RecordsRequest r;
  r.select = "city, count(*) AS n";
  r.group_by = "city";
  auto p = db_.Page(r, s);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->at("results").as_array().size(), 5u);
  auto denied = CompileRecords(RecordsRequest{}, s);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(denied.error().code, "query.aggregate_only");
}

TEST_F(RecordsExec, NonFilterableFieldsCanBeSelectedButNotUsedToSteer) {
  RecordsRequest r;
  r.select = "id, mobile";
  r.order_by = "id";
  EXPECT_TRUE(db_.Page(r, QueryDb::PeopleScope()).ok());
  for (std::string where : {"mobile = '138****8000'", "startswith(mobile, '138')"}) {
    auto q = CompileRecords(Where(where), QueryDb::PeopleScope());
    ASSERT_FALSE(q.ok());
    EXPECT_EQ(q.error().kind, ErrorKind::kForbidden);
    EXPECT_EQ(q.error().code, "query.field_not_filterable");
  }
  RecordsRequest o;
  o.select = "mobile AS m";
  o.order_by = "m";
  auto q = CompileRecords(o, QueryDb::PeopleScope());
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().code, "query.field_not_filterable");
}

}  // namespace
}  // namespace gongshu::query
