#include "query/cursor.h"

#include <gtest/gtest.h>

#include <set>

#include "core/encoding.h"
#include "query_test_db.h"

namespace gongshu::query {
namespace {

using testing::Ids;
using testing::QueryDb;

// A table with heavy ties, NULLs in every key and mixed types.
class CursorPaging : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.Exec(R"sql(
      CREATE TABLE data."ties__v1" AS
      SELECT i AS id,
             CASE WHEN i % 11 = 0 THEN NULL ELSE i % 5 END AS a,
             CASE WHEN i % 7 = 0 THEN NULL ELSE 'k' || (i % 3) END AS b,
             CASE WHEN i % 13 = 0 THEN NULL ELSE (i % 4) * 1.25 END::DECIMAL(10,2) AS c,
             DATE '2024-01-01' + (i % 6)::INTEGER AS d,
             CASE WHEN i % 2 = 0 THEN NULL ELSE TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i % 9) HOUR END AS t,
             (i % 4) / 3.0 AS x,
             '1380013' || lpad(CAST(i % 10 AS VARCHAR), 4, '0') AS phone
      FROM range(1, 401) r(i)
      ORDER BY hash(i);  -- physical order differs from id order
    )sql");
  }

  static QueryScope Scope() {
    QueryScope s;
    s.table = "data.\"ties__v1\"";
    s.fields = {{"id", "integer", "", true}, {"a", "integer", "", true},
                {"b", "string", "", true},   {"c", "number", "", true},
                {"d", "date", "", true},     {"t", "datetime", "", true},
                {"x", "number", "", true},   {"phone", "string", "mobile", true}};
    s.cursor_key = "k1";
    return s;
  }

  // Pages through with the cursor; returns ids in visit order.
  std::vector<int64_t> Walk(RecordsRequest r, const QueryScope& scope, int* pages) {
    std::vector<int64_t> ids;
    *pages = 0;
    for (;;) {
      auto p = db_.Page(r, scope);
      EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().code + ": " + p.error().message);
      if (!p.ok()) break;
      ++*pages;
      for (int64_t id : Ids(*p)) ids.push_back(id);
      if (!p->contains("next_cursor")) break;
      r.cursor = std::string(p->at("next_cursor").as_string());
      if (*pages > 1000) break;
    }
    return ids;
  }

  QueryDb db_;
};

TEST_F(CursorPaging, VisitsEveryRowExactlyOnceInTheSameOrderAsOneBigPage) {
  const std::vector<std::string> orders = {
      "",  // rowid only
      "a",
      "a DESC",
      "a DESC, b ASC",
      "b, a DESC, c",
      "c DESC, t, b DESC",
      "t DESC, d",
      "d DESC, x DESC, a",
      "phone DESC, a",         // a masked key: ordered (and keyed) by its masked value
      "a + c DESC, lower(b)",  // expressions as keys
      "year(d), date_trunc('hour', t) DESC",
  };
  for (const auto& order : orders) {
    SCOPED_TRACE("order_by=" + order);
    RecordsRequest all;
    all.select = "id";
    all.order_by = order;
    all.limit = 10000;
    auto full = db_.Page(all, Scope());
    ASSERT_TRUE(full.ok()) << full.error().message;
    std::vector<int64_t> expected = Ids(*full);
    ASSERT_EQ(expected.size(), 400u);

    // Page size 1 exercises every boundary; keep it to a few orders to bound the test's time.
    std::vector<int64_t> sizes = {13, 64};
    if (&order == &orders[3] || &order == &orders[9]) sizes.push_back(1);
    for (int64_t page_size : sizes) {
      RecordsRequest r = all;
      r.limit = page_size;
      int pages = 0;
      std::vector<int64_t> got = Walk(r, Scope(), &pages);
      EXPECT_EQ(got, expected) << "page size " << page_size;
      std::set<int64_t> unique(got.begin(), got.end());
      EXPECT_EQ(unique.size(), 400u);
      EXPECT_EQ(pages, static_cast<int>((400 + page_size - 1) / page_size));
    }
  }
}

TEST_F(CursorPaging, WorksTogetherWithWhereAndRowFilters) {
  QueryScope s = Scope();
  s.row_filters.push_back(
      {"b", RowFilter::Op::kIn, {storage::Value::Text("k1"), storage::Value::Text("k2")}});
  RecordsRequest r;
  r.select = "id, b";
  r.where = "a >= 2 or a is null";
  r.order_by = "b DESC, a";
  r.limit = 9;
  int pages = 0;
  std::vector<int64_t> got = Walk(r, s, &pages);
  auto expected = db_.Query(
      "SELECT count(*) FROM data.\"ties__v1\" WHERE b IN ('k1', 'k2') AND (a >= 2 OR a IS NULL)");
  EXPECT_EQ(static_cast<int64_t>(got.size()), expected.rows[0][0].as_int());
  EXPECT_EQ(std::set<int64_t>(got.begin(), got.end()).size(), got.size());
}

TEST_F(CursorPaging, NoCursorOnTheLastPageOrForAggregates) {
  RecordsRequest r;
  r.select = "id";
  r.limit = 400;
  auto p = db_.Page(r, Scope());
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->contains("next_cursor"));
  r.limit = 399;
  p = db_.Page(r, Scope());
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->contains("next_cursor"));

  RecordsRequest agg;
  agg.select = "a, count(*) as n";
  agg.group_by = "a";
  agg.limit = 2;
  p = db_.Page(agg, Scope());
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_FALSE(p->contains("next_cursor"));

  QueryScope no_key = Scope();
  no_key.cursor_key.clear();  // cursors disabled: offset paging only
  p = db_.Page(r, no_key);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->contains("next_cursor"));
}

TEST_F(CursorPaging, TamperedForeignAndMismatchedCursorsAreRejected) {
  RecordsRequest r;
  r.select = "id";
  r.order_by = "a DESC";
  r.limit = 10;
  auto p = db_.Page(r, Scope());
  ASSERT_TRUE(p.ok());
  std::string cursor(p->at("next_cursor").as_string());

  auto expect_invalid = [&](RecordsRequest req, const QueryScope& scope) {
    auto q = CompileRecords(req, scope);
    ASSERT_FALSE(q.ok());
    EXPECT_EQ(q.error().code, "query.invalid_cursor");
    EXPECT_EQ(q.error().kind, ErrorKind::kInvalidArgument);
  };

  // Every single-character change is caught by the MAC.
  for (size_t i = 0; i < cursor.size(); i += 3) {
    RecordsRequest t = r;
    t.cursor = cursor;
    t.cursor[i] = t.cursor[i] == 'A' ? 'B' : 'A';
    expect_invalid(t, Scope());
  }
  RecordsRequest truncated = r;
  truncated.cursor = cursor.substr(0, cursor.size() - 4);
  expect_invalid(truncated, Scope());

  // Same token with another query (where, order) or another table or key.
  RecordsRequest other_where = r;
  other_where.cursor = cursor;
  other_where.where = "a > 0";
  expect_invalid(other_where, Scope());
  RecordsRequest other_order = r;
  other_order.cursor = cursor;
  other_order.order_by = "a ASC";
  expect_invalid(other_order, Scope());
  RecordsRequest same = r;
  same.cursor = cursor;
  QueryScope other_table = Scope();
  other_table.table = "data.\"ties__v2\"";
  expect_invalid(same, other_table);
  QueryScope other_key = Scope();
  other_key.cursor_key = "k2";
  expect_invalid(same, other_key);
  QueryScope masked_differently = Scope();
  masked_differently.fields[1].mask = "full";
  expect_invalid(same, masked_differently);

  // The genuine cursor still works, also with a different page size.
  same.limit = 3;
  EXPECT_TRUE(CompileRecords(same, Scope()).ok());
}

TEST_F(CursorPaging, KeysetPredicateBindsTheCursorValues) {
  RecordsRequest r;
  r.select = "id";
  r.order_by = "a DESC, b";
  r.limit = 5;
  auto p = db_.Page(r, Scope());
  ASSERT_TRUE(p.ok());
  r.cursor = std::string(p->at("next_cursor").as_string());
  auto q = CompileRecords(r, Scope());
  ASSERT_TRUE(q.ok()) << q.error().message;
  // (a after) OR (a = v AND b after) OR (a = v AND b = w AND rowid > r), values as parameters.
  EXPECT_NE(q->sql.find("((\"a\" < CAST($1 AS BIGINT) OR \"a\" IS NULL)) OR"), std::string::npos)
      << q->sql;
  EXPECT_NE(q->sql.find("rowid > CAST($3 AS BIGINT)"), std::string::npos) << q->sql;
}

TEST(CursorCodec, RoundTripsEveryValueType) {
  testing::QueryDb db;
  auto s = db.Lease();
  auto stream = s->Stream(
      "SELECT true, -5::TINYINT, 123456789012::BIGINT, 18446744073709551615::UBIGINT, "
      "(2::HUGEINT ** 100)::HUGEINT, 1.5::FLOAT, 0.1::DOUBLE, -12345.678::DECIMAL(20,3), "
      "'中文 text', DATE '2024-02-29', TIME '10:11:12.5', TIMESTAMP '2024-01-31 10:00:00.123456', "
      "TIMESTAMPTZ '2024-01-31 10:00:00+00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID, "
      "NULL::INTEGER");
  ASSERT_TRUE(stream.ok()) << stream.error().message;
  auto chunk = (*stream)->Next();
  ASSERT_TRUE(chunk.ok() && *chunk != nullptr);
  const auto& cols = (*stream)->columns();
  CursorPayload p;
  p.binding = std::string(kCursorBindingBytes, 'b');
  p.rowid = 42;
  for (size_t c = 0; c < cols.size(); ++c) {
    auto v = CursorValue::FromCell(cols[c], (*chunk)->columns[c], 0);
    ASSERT_TRUE(v.has_value()) << c;
    p.keys.push_back(*v);
  }
  std::string token = EncodeCursor(p, "key");
  auto back = DecodeCursor(token, "key");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->rowid, 42);
  EXPECT_EQ(back->binding, p.binding);
  ASSERT_EQ(back->keys.size(), p.keys.size());
  for (size_t i = 0; i < p.keys.size(); ++i) EXPECT_TRUE(back->keys[i] == p.keys[i]) << i;

  // The bound values compare equal to the originals inside DuckDB.
  std::string sql = "SELECT ";
  storage::Params params;
  const char* originals[] = {"true",
                             "-5::TINYINT",
                             "123456789012::BIGINT",
                             "18446744073709551615::UBIGINT",
                             "(2::HUGEINT ** 100)::HUGEINT",
                             "1.5::FLOAT",
                             "0.1::DOUBLE",
                             "-12345.678::DECIMAL(20,3)",
                             "'中文 text'",
                             "DATE '2024-02-29'",
                             "TIME '10:11:12.5'",
                             "TIMESTAMP '2024-01-31 10:00:00.123456'",
                             "TIMESTAMPTZ '2024-01-31 10:00:00+00'",
                             "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID"};
  for (size_t i = 0; i < 14; ++i) {
    params.push_back(back->keys[i].ToValue());
    if (i > 0) sql += " AND ";
    sql += "(" + std::string(originals[i]) + " = CAST($" + std::to_string(i + 1) + " AS " +
           back->keys[i].SqlType() + "))";
  }
  (*stream).reset();
  auto t = s->Query(sql, params);
  ASSERT_TRUE(t.ok()) << t.error().message << "\n" << sql;
  EXPECT_TRUE(t->rows[0][0].as_bool()) << sql;
  EXPECT_TRUE(back->keys[14].is_null());
}

TEST(CursorCodec, RejectsWrongKeyGarbageAndOversizedTokens) {
  CursorPayload p;
  p.binding = std::string(kCursorBindingBytes, 'x');
  std::string token = EncodeCursor(p, "right");
  EXPECT_TRUE(DecodeCursor(token, "right").ok());
  EXPECT_EQ(DecodeCursor(token, "wrong").error().code, "query.invalid_cursor");
  EXPECT_EQ(DecodeCursor(token, "").error().code, "query.invalid_cursor");
  EXPECT_EQ(DecodeCursor("", "right").error().code, "query.invalid_cursor");
  EXPECT_EQ(DecodeCursor("!!!!", "right").error().code, "query.invalid_cursor");
  EXPECT_EQ(DecodeCursor(std::string(5000, 'A'), "right").error().code, "query.invalid_cursor");
  EXPECT_EQ(DecodeCursor(token + "==", "right").error().code, "query.invalid_cursor");
}

}  // namespace
}  // namespace gongshu::query
