#pragma once
// `gongshu demo`: loads a realistic platform from scratch — organisations, China's administrative
// divisions, public datasets and synthetic registries — through the same services the platform
// uses (Catalog creates resources, Importer creates every version), then publishes each resource.
// A resource that already has a version is skipped, so an interrupted load can simply be rerun.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string_view>

#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/result.h"
#include "ingest/importer.h"
#include "storage/engine.h"

namespace gongshu::demo {

struct DemoOptions {
  size_t population = 300000;   // synthetic people
  size_t enterprises = 100000;  // synthetic enterprises
  // Which resources to load (by id); empty = all. Organisations are always loaded.
  std::function<bool(std::string_view)> include;
};

// `npm_dir` is third_party/node_modules; `staging_dir` must be inside the engine's allowed
// directories (the importer's staging dir). `progress` receives one line per step with its time.
Status LoadDemo(storage::Engine& engine, catalog::Catalog& catalog, ingest::Importer& importer,
                const std::filesystem::path& npm_dir, const std::filesystem::path& staging_dir, const Clock& clock,
                std::function<void(std::string_view)> progress);

Status LoadDemo(storage::Engine& engine, catalog::Catalog& catalog, ingest::Importer& importer,
                const std::filesystem::path& npm_dir, const std::filesystem::path& staging_dir, const Clock& clock,
                std::function<void(std::string_view)> progress, const DemoOptions& options);

}  // namespace gongshu::demo
