#include "demo/staging_writer.h"

#include <gtest/gtest.h>

#include "demo/population_generator.h"
#include "gazetteer_fixture.h"
#include "ingest/identifier_checks.h"
#include "storage/duckdb/duckdb_engine.h"
#include "storage/migrations.h"
#include "support/temp_dir.h"

namespace gongshu::demo {
namespace {

class StagingWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::DuckDbOptions o;
    o.path = (dir_.path() / "gongshu.duckdb").string();
    o.allowed_directories = {dir_.str()};
    o.temp_directory = (dir_.path() / "tmp").string();
    auto e = storage::DuckDbEngine::Open(o);
    ASSERT_TRUE(e.ok()) << e.error().message;
    engine_ = std::move(e).value();
  }

  int64_t Count(const std::filesystem::path& parquet) {
    auto s = engine_->Acquire();
    EXPECT_TRUE(s.ok());
    auto t = (*s)->Query("SELECT count(*) FROM read_parquet(" + StagingWriter::QuoteLiteral(parquet.string()) + ")");
    EXPECT_TRUE(t.ok()) << t.error().message;
    return t->rows[0][0].as_int();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::DuckDbEngine> engine_;
};

TEST_F(StagingWriterTest, QuotesLiterals) {
  EXPECT_EQ(StagingWriter::QuoteLiteral("a'b"), "'a''b'");
  EXPECT_EQ(StagingWriter::QuoteLiteral(""), "''");
}

TEST_F(StagingWriterTest, WritesASyntheticTableToParquet) {
  PopulationGenerator gen(TestGazetteer(), 11);
  StagingWriter w(*engine_, dir_.path() / "staging");
  // More rows than one appender batch, so the loop runs several times.
  auto out = w.WriteSynthetic(PopulationGenerator::Columns(), 70000, [&](size_t n) { return gen.NextBatch(n); },
                              "people");
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->filename(), "people.parquet");
  EXPECT_EQ(Count(*out), 70000);

  auto s = std::move(engine_->Acquire()).value();
  auto t = s->Query("SELECT resident_id, typeof(birth_date) FROM read_parquet(" +
                    StagingWriter::QuoteLiteral(out->string()) + ") LIMIT 5");
  ASSERT_TRUE(t.ok()) << t.error().message;
  for (const auto& row : t->rows) {
    EXPECT_TRUE(ingest::IsValidResidentId(row[0].as_text()));
    EXPECT_EQ(row[1].as_text(), "DATE");
  }
  // The temporary table is gone.
  auto gone = s->Query("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'demo_staging_%'");
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(gone->rows[0][0].as_int(), 0);
}

TEST_F(StagingWriterTest, ConvertsAFileFromOutsideTheDataDir) {
  testing::TempDir outside;
  auto csv = outside.Write("src.csv", "code,name\n11,\"北京市\"\n12,\"天津市\"\n");
  StagingWriter w(*engine_, dir_.path() / "staging");
  auto out = w.Convert(csv, "SELECT code || '0000' AS code, name FROM read_csv({source}, all_varchar = true)", "prov");
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(Count(*out), 2);
  auto s = std::move(engine_->Acquire()).value();
  auto t = s->Query("SELECT code, name FROM read_parquet(" + StagingWriter::QuoteLiteral(out->string()) +
                    ") ORDER BY code");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows[0][0].as_text(), "110000");
  EXPECT_EQ(t->rows[1][1].as_text(), "天津市");
  // Only the Parquet result stays in staging; the copy of the source is removed.
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_.path() / "staging")) {
    ++files;
    EXPECT_EQ(e.path().extension(), ".parquet");
  }
  EXPECT_EQ(files, 1u);
}

TEST_F(StagingWriterTest, RejectsBadNamesAndReportsSqlErrors) {
  StagingWriter w(*engine_, dir_.path() / "staging");
  testing::TempDir outside;
  auto csv = outside.Write("src.csv", "a\n1\n");
  auto bad = w.Convert(csv, "SELECT 1", "../escape");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "demo.staging");
  auto sql = w.Convert(csv, "SELECT no_such_column FROM read_csv({source})", "broken");
  EXPECT_FALSE(sql.ok());
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "staging" / "broken.parquet"));
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "staging" / "broken.source.csv"));
  auto missing = w.Convert(outside.path() / "missing.csv", "SELECT 1", "missing");
  EXPECT_FALSE(missing.ok());
}

}  // namespace
}  // namespace gongshu::demo
