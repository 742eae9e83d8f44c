#include "query/records_page.h"

#include <gtest/gtest.h>

#include "query_test_db.h"

namespace gongshu::query {
namespace {

using testing::Ids;
using testing::QueryDb;

TEST(RecordsPage, ResponseShape) {
  QueryDb db;
  db.CreatePeople();
  RecordsRequest r;
  r.select = "id, name, born, seen, at, amount, active";
  r.order_by = "id";
  r.limit = 3;
  r.include_total = true;
  auto q = CompileRecords(r, QueryDb::PeopleScope());
  ASSERT_TRUE(q.ok());
  auto s = db.Lease();
  auto body = RunRecordsPage(*s, *q, r, QueryDb::PeopleScope(), {});
  ASSERT_TRUE(body.ok()) << body.error().message;
  // Field order in the body is fixed: total_count, limit, offset, fields, results, next_cursor.
  EXPECT_EQ(
      body->rfind(
          "{\"total_count\":12,\"limit\":3,\"offset\":0,\"fields\":[{\"name\":\"id\",\"type\":"
          "\"integer\"},{\"name\":\"name\",\"type\":\"string\"},",
          0),
      0u)
      << *body;
  EXPECT_NE(body->find(
                "\"results\":[{\"id\":1,\"name\":\"张三\",\"born\":\"1994-03-01\",\"seen\":"
                "\"2024-01-31T10:00:00\",\"at\":\"08:30:00\",\"amount\":1200.50,\"active\":true},"),
            std::string::npos)
      << *body;
  auto v = boost::json::parse(*body).as_object();
  EXPECT_EQ(Ids(v), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_TRUE(v.contains("next_cursor"));
  EXPECT_EQ(v.at("fields").as_array().size(), 7u);
}

TEST(RecordsPage, NoTotalUnlessAskedAndLimitZero) {
  QueryDb db;
  db.CreatePeople();
  RecordsRequest r;
  r.limit = 0;
  auto p = db.Page(r, QueryDb::PeopleScope());
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->contains("total_count"));
  EXPECT_EQ(p->at("results").as_array().size(), 0u);
  EXPECT_FALSE(p->contains("next_cursor"));
  r.include_total = true;
  p = db.Page(r, QueryDb::PeopleScope());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->at("total_count").as_int64(), 12);
}

TEST(RecordsPage, DefaultLimitAndScopeCap) {
  QueryDb db;
  db.Exec("CREATE TABLE data.\"n__v1\" AS SELECT range AS n FROM range(250)");
  QueryScope s;
  s.table = "data.\"n__v1\"";
  s.fields = {{"n", "integer", "", true}};
  s.cursor_key = "k";
  auto p = db.Page(RecordsRequest{}, s);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->at("limit").as_int64(), 100);
  EXPECT_EQ(p->at("results").as_array().size(), 100u);
  s.max_limit = 20;
  p = db.Page(RecordsRequest{}, s);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->at("limit").as_int64(), 20);
  RecordsRequest r;
  r.limit = 21;
  EXPECT_EQ(db.Page(r, s).error().code, "query.invalid_limit");
  // A scope allowing no rows fails closed: totals only.
  s.max_limit = 0;
  r.include_total = true;
  r.limit.reset();
  p = db.Page(r, s);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->at("limit").as_int64(), 0);
  EXPECT_EQ(p->at("results").as_array().size(), 0u);
  EXPECT_EQ(p->at("total_count").as_int64(), 250);
  r.limit = 1;
  EXPECT_EQ(db.Page(r, s).error().code, "query.invalid_limit");
}

}  // namespace
}  // namespace gongshu::query
