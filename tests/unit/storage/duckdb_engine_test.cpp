#include "storage/duckdb/duckdb_engine.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "storage/migrations.h"
#include "support/temp_dir.h"

namespace gongshu::storage {
namespace {

std::unique_ptr<DuckDbEngine> OpenIn(const testing::TempDir& dir) {
  DuckDbOptions o;
  o.path = (dir.path() / "test.duckdb").string();
  o.allowed_directories = {dir.str()};
  o.temp_directory = (dir.path() / "tmp").string();
  auto e = DuckDbEngine::Open(o);
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
  return std::move(e).value();
}

TEST(DuckDbEngine, QueryBindsParametersAndReadsTypedCells) {
  testing::TempDir dir;
  auto engine = OpenIn(dir);
  auto s = engine->Acquire();
  ASSERT_TRUE(s.ok());
  auto t = (*s)->Query("SELECT $1::BIGINT + 1 AS n, $2 AS s, DATE '2024-02-29' AS d, NULL AS z, sum(x) AS h "
                       "FROM range(3) r(x)",
                       {Value::Int(41), Value::Text("公数")});
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0][0].as_int(), 42);
  EXPECT_EQ(t->rows[0][1].as_text(), "公数");
  EXPECT_EQ(t->rows[0][2].ToString(), "2024-02-29");
  EXPECT_TRUE(t->rows[0][3].is_null());
  EXPECT_EQ(t->columns[4].type, ColumnType::kHugeInt);
  EXPECT_EQ(t->rows[0][4].as_int(), 3);
}

TEST(DuckDbEngine, ValuesAreBoundNotInterpolated) {
  testing::TempDir dir;
  auto engine = OpenIn(dir);
  auto s = std::move(engine->Acquire()).value();
  ASSERT_TRUE(s->Execute("CREATE TABLE t (a VARCHAR)").ok());
  ASSERT_TRUE(s->Execute("INSERT INTO t VALUES ($1)", {Value::Text("x'); DROP TABLE t; --")}).ok());
  auto t = s->Query("SELECT a FROM t");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows[0][0].as_text(), "x'); DROP TABLE t; --");
}

TEST(DuckDbEngine, StreamsLargeResultsChunkByChunk) {
  testing::TempDir dir;
  auto engine = OpenIn(dir);
  auto s = std::move(engine->Acquire()).value();
  auto stream = s->Stream("SELECT i, 'row' || i AS label FROM range(100000) t(i)");
  ASSERT_TRUE(stream.ok()) << stream.error().message;
  int64_t rows = 0, sum = 0;
  size_t chunks = 0;
  for (;;) {
    auto c = (*stream)->Next();
    ASSERT_TRUE(c.ok());
    if (*c == nullptr) break;
    ++chunks;
    const auto* ints = (*c)->columns[0].As<int64_t>();
    for (size_t r = 0; r < (*c)->size; ++r) sum += ints[r];
    EXPECT_EQ((*c)->columns[1].String(0), "row" + std::to_string(ints[0]));
    rows += static_cast<int64_t>((*c)->size);
  }
  EXPECT_EQ(rows, 100000);
  EXPECT_EQ(sum, 100000LL * 99999 / 2);
  EXPECT_GT(chunks, 10u);
}

TEST(DuckDbEngine, DeadlineInterruptsALongQuery) {
  testing::TempDir dir;
  auto engine = OpenIn(dir);
  auto s = std::move(engine->Acquire()).value();
  QueryOptions o;
  o.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
  auto start = std::chrono::steady_clock::now();
  auto t = s->Query("SELECT sum(hash(i)) FROM range(50000000000) t(i)", {}, o);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().kind, ErrorKind::kDeadlineExceeded);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  // The session stays usable.
  EXPECT_TRUE(s->Query("SELECT 1").ok());
}

TEST(DuckDbEngine, ExternalAccessIsLockedToAllowedDirectories) {
  testing::TempDir dir;
  auto engine = OpenIn(dir);
  auto s = std::move(engine->Acquire()).value();
  dir.Write("inside.csv", "a,b\n1,2\n");
  auto inside = s->Query("SELECT count(*) FROM read_csv($1)", {Value::Text((dir.path() / "inside.csv").string())});
  EXPECT_TRUE(inside.ok()) << inside.error().message;
  EXPECT_FALSE(s->Query("SELECT * FROM read_csv('/etc/passwd')").ok());
  EXPECT_FALSE(s->Execute("SET enable_external_access = true").ok());
  EXPECT_FALSE(s->Execute("SET threads = 1").ok());
}

TEST(DuckDbEngine, AppenderWritesColumnBatchesWithNulls) {
  testing::TempDir dir;
  auto engine = OpenIn(dir);
  auto s = std::move(engine->Acquire()).value();
  ASSERT_TRUE(s->Execute("CREATE TABLE p (id BIGINT, name VARCHAR, score DOUBLE, born DATE, ok BOOLEAN)").ok());
  AppendBatch b;
  b.rows = 5000;
  b.columns.resize(5);
  b.columns[0].kind = AppendColumn::Kind::kInt64;
  b.columns[1].kind = AppendColumn::Kind::kText;
  b.columns[2].kind = AppendColumn::Kind::kDouble;
  b.columns[3].kind = AppendColumn::Kind::kDate;
  b.columns[4].kind = AppendColumn::Kind::kBool;
  for (size_t i = 0; i < b.rows; ++i) {
    b.columns[0].ints.push_back(static_cast<int64_t>(i));
    b.columns[1].texts.push_back(i % 2 ? "一个很长的名字超过十二字节" : "短");
    b.columns[2].doubles.push_back(i * 0.5);
    b.columns[3].dates.push_back(static_cast<int32_t>(i));
    b.columns[4].bools.push_back(i % 3 == 0);
    b.columns[1].valid.push_back(i % 10 != 0);
  }
  auto app = s->OpenAppender("p");
  ASSERT_TRUE(app.ok()) << app.error().message;
  ASSERT_TRUE((*app)->Append(b).ok());
  ASSERT_TRUE((*app)->Close().ok());
  auto t = s->Query("SELECT count(*), count(name), sum(id), max(born)::VARCHAR, count(*) FILTER (ok) FROM p");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows[0][0].as_int(), 5000);
  EXPECT_EQ(t->rows[0][1].as_int(), 4500);
  EXPECT_EQ(t->rows[0][2].as_int(), 5000LL * 4999 / 2);
  EXPECT_EQ(t->rows[0][3].as_text(), "1983-09-09");
  EXPECT_EQ(t->rows[0][4].as_int(), 1667);
}

TEST(DuckDbEngine, TransactionsRollBackOnFailure) {
  testing::TempDir dir;
  auto engine = OpenIn(dir);
  auto s = std::move(engine->Acquire()).value();
  ASSERT_TRUE(s->Execute("CREATE TABLE t (a INTEGER)").ok());
  Status st = InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(s->Execute("INSERT INTO t VALUES (1)"));
    return MakeError(ErrorKind::kConflict, "x", "x", "x");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(s->Query("SELECT count(*) FROM t")->rows[0][0].as_int(), 0);
}

TEST(DuckDbEngine, PoolHandsOutSessionsAndCountsThem) {
  testing::TempDir dir;
  auto engine = OpenIn(dir);
  {
    auto a = engine->Acquire();
    auto b = engine->Acquire();
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(engine->Stats().sessions_in_use, 2u);
  }
  EXPECT_EQ(engine->Stats().sessions_in_use, 0u);
}

TEST(Migrations, ApplyOnceInOrderAndRecordVersions) {
  testing::TempDir dir;
  auto engine = OpenIn(dir);
  auto s = std::move(engine->Acquire()).value();
  auto ms = PlatformMigrations();
  ASSERT_TRUE(ms.ok()) << ms.error().message;
  ASSERT_FALSE(ms->empty());
  auto n = ApplyMigrations(*s, *ms);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, static_cast<int>(ms->size()));
  auto again = ApplyMigrations(*s, *ms);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  EXPECT_TRUE(s->Query("SELECT count(*) FROM resources").ok());
}

TEST(Migrations, AFailingMigrationLeavesNoTrace) {
  testing::TempDir dir;
  auto engine = OpenIn(dir);
  auto s = std::move(engine->Acquire()).value();
  std::vector<Migration> ms = {{1, "ok", "CREATE TABLE a (x INTEGER)"},
                               {2, "bad", "CREATE TABLE b (x INTEGER); SELECT * FROM missing_table"}};
  auto r = ApplyMigrations(*s, ms);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(s->Query("SELECT * FROM a").ok());
  EXPECT_FALSE(s->Query("SELECT * FROM b").ok());
  EXPECT_EQ(s->Query("SELECT max(version) FROM schema_migrations")->rows[0][0].as_int(), 1);
}

}  // namespace
}  // namespace gongshu::storage
