#include "query/export_stream.h"

#include <gtest/gtest.h>

#include <fstream>

#include "query_test_db.h"

namespace gongshu::query {
namespace {

using testing::QueryDb;

// Drains an export; checks that no single Next() call produced much more than the flush size.
struct Drained {
  std::string bytes;
  size_t calls = 0;
  size_t max_piece = 0;
};

Drained Drain(ExportStream& s) {
  Drained d;
  std::string piece;
  for (;;) {
    piece.clear();
    auto more = s.Next(piece);
    EXPECT_TRUE(more.ok()) << (more.ok() ? "" : more.error().message);
    ++d.calls;
    d.max_piece = std::max(d.max_piece, piece.size());
    d.bytes += piece;
    if (!more.ok() || !*more) break;
  }
  return d;
}

std::unique_ptr<ExportStream> Start(QueryDb& db, const RecordsRequest& r, const QueryScope& scope,
                                    std::string_view format, ExportOptions options = {}) {
  auto q = CompileExport(r, scope);
  EXPECT_TRUE(q.ok()) << q.error().message;
  auto s = StartExport(db.Lease(), *q, format, db.dir().path() / "staging", {}, options);
  EXPECT_TRUE(s.ok()) << s.error().message;
  return s.ok() ? std::move(s).value() : nullptr;
}

TEST(ExportStream, CsvWithHeaderMasksAndRowFilters) {
  QueryDb db;
  db.CreatePeople();
  QueryScope scope = QueryDb::PeopleScope();
  scope.row_filters.push_back({"city", RowFilter::Op::kEquals, {storage::Value::Text("北京")}});
  RecordsRequest r;
  r.select = "id, name, resident_id, mobile";
  r.order_by = "id";
  auto s = Start(db, r, scope, "csv");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->content_type(), "text/csv; charset=utf-8");
  Drained d = Drain(*s);
  EXPECT_EQ(d.bytes,
            "id,name,resident_id,mobile\r\n"
            "1,张三,110105********002X,138****8000\r\n"
            "3,王五,310115********0534,139****5678\r\n"
            "6,Bob,110105********002X,138****8001\r\n"
            "11,吴十,,133****0000\r\n");
  EXPECT_EQ(s->rows(), 4u);
}

TEST(ExportStream, CsvBomForExcel) {
  QueryDb db;
  db.CreatePeople();
  RecordsRequest r;
  r.select = "id";
  r.where = "id = 1";
  auto s = Start(db, r, QueryDb::PeopleScope(), "csv", ExportOptions{.bom = true});
  ASSERT_TRUE(s);
  EXPECT_EQ(Drain(*s).bytes, "\xEF\xBB\xBFid\r\n1\r\n");
}

TEST(ExportStream, JsonAndNdjsonParse) {
  QueryDb db;
  db.CreatePeople();
  RecordsRequest r;
  r.select = "id, name, amount, born";
  r.order_by = "id desc";
  auto json = Start(db, r, QueryDb::PeopleScope(), "json");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->content_type(), "application/json");
  auto v = boost::json::parse(Drain(*json).bytes);
  ASSERT_EQ(v.as_array().size(), 12u);
  EXPECT_EQ(v.as_array()[0].at("id").as_int64(), 12);
  EXPECT_EQ(v.as_array()[0].at("name").as_string(), "O'Brien, \"Jr\"");

  auto nd = Start(db, r, QueryDb::PeopleScope(), "ndjson");
  ASSERT_TRUE(nd);
  EXPECT_EQ(nd->content_type(), "application/x-ndjson");
  std::string text = Drain(*nd).bytes;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 12);
  auto first = boost::json::parse(text.substr(0, text.find('\n')));
  EXPECT_EQ(first.at("born").as_string(), "1986-04-04");

  RecordsRequest none = r;
  none.where = "id < 0";
  auto empty = Start(db, none, QueryDb::PeopleScope(), "json");
  ASSERT_TRUE(empty);
  EXPECT_EQ(boost::json::parse(Drain(*empty).bytes).as_array().size(), 0u);
}

TEST(ExportStream, ParquetIsWrittenByDuckDbStreamedAndRemoved) {
  QueryDb db;
  db.CreatePeople();
  RecordsRequest r;
  r.select = "id, name AS 姓名, resident_id, amount";
  r.where = "age >= 30";
  r.order_by = "id";
  auto s = Start(db, r, QueryDb::PeopleScope(), "parquet");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->content_type(), "application/vnd.apache.parquet");
  Drained d = Drain(*s);
  ASSERT_GT(d.bytes.size(), 8u);
  EXPECT_EQ(d.bytes.substr(0, 4), "PAR1");
  s.reset();
  // The staging file is gone; a copy of the streamed bytes reads back with the output names.
  size_t staged = 0;
  for ([[maybe_unused]] const auto& e :
       std::filesystem::directory_iterator(db.dir().path() / "staging"))
    ++staged;
  EXPECT_EQ(staged, 0u);
  auto path = db.dir().Write("copy.parquet", d.bytes);
  auto t = db.Query("SELECT id, \"姓名\", resident_id, amount FROM read_parquet('" + path.string() +
                    "') ORDER BY id");
  ASSERT_EQ(t.rows.size(), 8u);
  EXPECT_EQ(t.rows[0][1].as_text(), "张三");
  EXPECT_EQ(t.rows[0][2].as_text(), "110105********002X");
  EXPECT_DOUBLE_EQ(t.rows[0][3].as_double(), 1200.5);
}

TEST(ExportStream, ParquetWithAHostileAliasKeepsItAsAName) {
  QueryDb db;
  db.CreatePeople();
  RecordsRequest r;
  r.select = "id AS `x\"); DROP TABLE y; --`";
  auto s = Start(db, r, QueryDb::PeopleScope(), "parquet");
  ASSERT_TRUE(s);
  auto path = db.dir().Write("alias.parquet", Drain(*s).bytes);
  auto t = db.Query("SELECT name FROM parquet_schema('" + path.string() +
                    "') WHERE name <> 'duckdb_schema'");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][0].as_text(), "x\"); DROP TABLE y; --");
}

TEST(ExportStream, UnsupportedFormatAndEngineErrorsSurfaceBeforeAnyByte) {
  QueryDb db;
  db.CreatePeople();
  auto q = CompileExport(RecordsRequest{}, QueryDb::PeopleScope());
  ASSERT_TRUE(q.ok());
  auto bad = StartExport(db.Lease(), *q, "xlsx", db.dir().path() / "staging", {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "query.unsupported_format");
  EXPECT_EQ(bad.error().kind, ErrorKind::kInvalidArgument);
  // Integer overflow is detected by the engine: a 4xx, reported by StartExport.
  RecordsRequest r;
  r.select = "id * 9223372036854775807 AS boom";
  auto q2 = CompileExport(r, QueryDb::PeopleScope());
  ASSERT_TRUE(q2.ok());
  auto s = StartExport(db.Lease(), *q2, "parquet", db.dir().path() / "staging", {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kUnprocessable);
}

long RssKiB() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

// Millions of rows stream through in bounded pieces: nothing accumulates in the encoder, and
// the process does not grow with the size of the output.
TEST(ExportStream, MillionsOfRowsStreamInBoundedMemory) {
  QueryDb db;
  constexpr int64_t kRows = 3000000;
  db.Exec(
      "CREATE TABLE data.\"big__v1\" AS SELECT range AS id, 'row-' || range || '-' || repeat('x', "
      "40) AS label, "
      "range * 0.5 AS half, DATE '2020-01-01' + (range % 1000)::INTEGER AS day FROM range(" +
      std::to_string(kRows) + ")");
  QueryScope scope;
  scope.table = "data.\"big__v1\"";
  scope.fields = {{"id", "integer", "", true},
                  {"label", "string", "", true},
                  {"half", "number", "", true},
                  {"day", "date", "", true}};
  auto q = CompileExport(RecordsRequest{}, scope);
  ASSERT_TRUE(q.ok());
  auto stream = StartExport(db.Lease(), *q, "csv", db.dir().path() / "staging", {});
  ASSERT_TRUE(stream.ok()) << stream.error().message;

  const long rss_before = RssKiB();
  long rss_peak = rss_before;
  uint64_t total = 0, newlines = 0;
  size_t max_piece = 0;
  std::string piece;
  for (;;) {
    piece.clear();
    auto more = (*stream)->Next(piece);
    ASSERT_TRUE(more.ok()) << more.error().message;
    total += piece.size();
    max_piece = std::max(max_piece, piece.size());
    newlines += static_cast<uint64_t>(std::count(piece.begin(), piece.end(), '\n'));
    rss_peak = std::max(rss_peak, RssKiB());
    if (!*more) break;
  }
  EXPECT_EQ(newlines, static_cast<uint64_t>(kRows) + 1);  // header + rows
  EXPECT_EQ((*stream)->rows(), static_cast<uint64_t>(kRows));
  EXPECT_GT(total, 200u * 1024 * 1024);                  // ~245 MB went through …
  EXPECT_LT(max_piece, kExportFlushBytes + 512 * 1024);  // … in bounded pieces
  EXPECT_LT(rss_peak - rss_before, 160L * 1024)
      << "RSS grew by " << (rss_peak - rss_before) << " KiB";
  RecordProperty("output_bytes", std::to_string(total));
  RecordProperty("rss_growth_kib", std::to_string(rss_peak - rss_before));
  RecordProperty("max_piece_bytes", std::to_string(max_piece));
}

}  // namespace
}  // namespace gongshu::query
