// Records query benchmarks:
//   BM_CompileRecords        parse + check + compile a typical records request (no engine)
//   BM_ExportCsv/gongshu     3M rows (range()) → CompileExport → StartExport("csv") → file
//   BM_ExportCsv/duckdb_copy the same table → COPY (SELECT …) TO '…csv' (FORMAT csv, HEADER)
// After the runs, prints the throughput ratio gongshu / DuckDB COPY (target ≥ 0.8).
//
//   cmake --build build/release --target bench_query && build/release/bench/bench_query
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "query/query.h"
#include "storage/duckdb/duckdb_engine.h"
#include "storage/migrations.h"

namespace {

using namespace gongshu;
using namespace gongshu::query;

constexpr int64_t kRows = 3000000;

query::QueryScope PeopleScope() {
  QueryScope s;
  s.table = "data.\"people__v1\"";
  s.fields = {{"id", "integer", "", true},         {"name", "string", "name", true},
              {"city", "string", "", true},        {"age", "integer", "", true},
              {"score", "number", "", true},       {"born", "date", "", true},
              {"seen", "datetime", "", true},      {"mobile", "string", "mobile", false},
              {"行政区划代码", "string", "", true}};
  s.row_filters = {{"行政区划代码", RowFilter::Op::kPrefix, {storage::Value::Text("11")}}};
  s.cursor_key = "bench-key";
  return s;
}

void BM_CompileRecords(benchmark::State& state) {
  RecordsRequest r;
  r.select = "id, name, city, age, score, born";
  r.where =
      "age >= 18 and city in ('北京', '上海', '广州') and born >= '1990-01-01' and "
      "(search('张') or startswith(行政区划代码, '1101'))";
  r.order_by = "age desc, born, id";
  r.limit = 50;
  r.include_total = true;
  const QueryScope scope = PeopleScope();
  for (auto _ : state) {
    auto q = CompileRecords(r, scope);
    if (!q.ok()) state.SkipWithError(q.error().message.c_str());
    benchmark::DoNotOptimize(q);
  }
}
BENCHMARK(BM_CompileRecords);

void BM_CompileAggregate(benchmark::State& state) {
  RecordsRequest r;
  r.select = "city, m, count(*) AS n, avg(score) AS avg_score, max(born)";
  r.group_by = "city, date_trunc('month', seen) AS m";
  r.where = "age between 18 and 65";
  r.order_by = "n desc";
  const QueryScope scope = PeopleScope();
  for (auto _ : state) {
    auto q = CompileRecords(r, scope);
    if (!q.ok()) state.SkipWithError(q.error().message.c_str());
    benchmark::DoNotOptimize(q);
  }
}
BENCHMARK(BM_CompileAggregate);

// One engine and one 3M-row table for the export comparison.
class ExportFixture {
 public:
  static ExportFixture& Get() {
    if (!instance_) instance_.reset(new ExportFixture());
    return *instance_;
  }
  static ExportFixture* Peek() { return instance_.get(); }
  static void Destroy() { instance_.reset(); }
  storage::Engine& engine() { return *engine_; }
  const std::filesystem::path& dir() const { return dir_; }
  const QueryScope& scope() const { return scope_; }
  uint64_t csv_bytes = 0;
  double gongshu_seconds = 0;  // best run
  double duckdb_seconds = 0;   // best run

  ~ExportFixture() {
    engine_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

 private:
  ExportFixture() {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("gongshu-bench-query-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    storage::DuckDbOptions o;
    o.path = (dir_ / "bench.duckdb").string();
    o.allowed_directories = {dir_.string()};
    o.temp_directory = (dir_ / "tmp").string();
    engine_ = std::move(storage::DuckDbEngine::Open(o)).value();
    auto s = std::move(engine_->Acquire()).value();
    auto migrations = std::move(storage::PlatformMigrations()).value();
    (void)storage::ApplyMigrations(*s, migrations);
    Status st = s->Execute(
        "CREATE TABLE data.\"export__v1\" AS SELECT range AS id, 'name-' || range AS label, "
        "range * 0.25 AS amount, DATE '2020-01-01' + (range % 3650)::INTEGER AS day, "
        "TIMESTAMP '2024-01-01 00:00:00' + to_seconds(range) AS ts, range % 3 = 0 AS flag, "
        "CASE WHEN range % 10 = 0 THEN NULL ELSE 'city, \"' || (range % 50) || '\"' END AS city "
        "FROM range(" +
        std::to_string(kRows) + ")");
    if (!st.ok()) std::fprintf(stderr, "setup failed: %s\n", st.error().message.c_str());
    scope_.table = "data.\"export__v1\"";
    scope_.fields = {{"id", "integer", "", true},    {"label", "string", "", true},
                     {"amount", "number", "", true}, {"day", "date", "", true},
                     {"ts", "datetime", "", true},   {"flag", "boolean", "", true},
                     {"city", "string", "", true}};
  }

  static inline std::unique_ptr<ExportFixture> instance_;
  std::filesystem::path dir_;
  std::unique_ptr<storage::DuckDbEngine> engine_;
  QueryScope scope_;
};

void BM_ExportCsv_Gongshu(benchmark::State& state) {
  auto& f = ExportFixture::Get();
  auto q = CompileExport(RecordsRequest{}, f.scope());
  if (!q.ok()) {
    state.SkipWithError(q.error().message.c_str());
    return;
  }
  const auto out_path = f.dir() / "gongshu.csv";
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    auto stream =
        StartExport(std::move(f.engine().Acquire()).value(), *q, "csv", f.dir() / "staging", {});
    if (!stream.ok()) {
      state.SkipWithError(stream.error().message.c_str());
      return;
    }
    std::FILE* out = std::fopen(out_path.c_str(), "wb");
    std::string piece;
    uint64_t bytes = 0;
    for (;;) {
      piece.clear();
      auto more = (*stream)->Next(piece);
      if (!more.ok()) {
        state.SkipWithError(more.error().message.c_str());
        break;
      }
      std::fwrite(piece.data(), 1, piece.size(), out);
      bytes += piece.size();
      if (!*more) break;
    }
    // DuckDB syncs the file it wrote when the COPY finishes; do the same for a fair comparison.
    std::fflush(out);
    ::fsync(::fileno(out));
    std::fclose(out);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (f.gongshu_seconds == 0 || secs < f.gongshu_seconds) f.gongshu_seconds = secs;
    f.csv_bytes = bytes;
    state.counters["MB/s"] = static_cast<double>(bytes) / 1e6 / secs;
    state.counters["rows"] = static_cast<double>(kRows);
  }
}
BENCHMARK(BM_ExportCsv_Gongshu)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_ExportCsv_DuckDbCopy(benchmark::State& state) {
  auto& f = ExportFixture::Get();
  const auto out_path = f.dir() / "duckdb.csv";
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    auto s = std::move(f.engine().Acquire()).value();
    Status st = s->Execute("COPY (SELECT * FROM data.\"export__v1\") TO '" + out_path.string() +
                           "' (FORMAT csv, HEADER)");
    if (!st.ok()) {
      state.SkipWithError(st.error().message.c_str());
      return;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (f.duckdb_seconds == 0 || secs < f.duckdb_seconds) f.duckdb_seconds = secs;
    state.counters["MB/s"] = static_cast<double>(std::filesystem::file_size(out_path)) / 1e6 / secs;
    state.counters["rows"] = static_cast<double>(kRows);
  }
}
BENCHMARK(BM_ExportCsv_DuckDbCopy)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  ExportFixture* fp = ExportFixture::Peek();
  if (fp != nullptr && fp->gongshu_seconds > 0 && fp->duckdb_seconds > 0) {
    const ExportFixture& f = *fp;
    std::printf(
        "\nCSV export of %lld rows (%.1f MB): gongshu %.3f s, DuckDB COPY %.3f s → "
        "throughput ratio gongshu/DuckDB = %.2f (target ≥ 0.80)\n",
        static_cast<long long>(kRows), static_cast<double>(f.csv_bytes) / 1e6, f.gongshu_seconds,
        f.duckdb_seconds, f.duckdb_seconds / f.gongshu_seconds);
  }
  ExportFixture::Destroy();
  benchmark::Shutdown();
  return 0;
}
