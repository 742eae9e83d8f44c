#pragma once
// The catalog service: validates and persists resources, and serves reads and searches from an
// immutable in-memory snapshot that is rebuilt and swapped atomically after every change.
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_change.h"
#include "catalog/catalog_search.h"
#include "catalog/organisation.h"
#include "catalog/resource.h"
#include "core/clock.h"
#include "core/result.h"
#include "storage/engine.h"

namespace gongshu::catalog {

class CatalogSnapshot {
 public:
  CatalogSnapshot(std::vector<Resource> resources, std::vector<Organisation> organisations);

  const std::vector<Resource>& resources() const { return resources_; }
  const std::vector<Organisation>& organisations() const { return organisations_; }
  const Resource* Find(std::string_view id) const;
  const Organisation* FindOrganisation(std::string_view id) const;
  const SearchIndex& index() const { return index_; }

 private:
  std::vector<Resource> resources_;
  std::vector<Organisation> organisations_;
  std::map<std::string, size_t, std::less<>> by_id_;
  std::map<std::string, size_t, std::less<>> org_by_id_;
  SearchIndex index_;
};

class Catalog {
 public:
  Catalog(storage::Engine& engine, const Clock& clock);

  // Loads everything from the store (at start-up).
  Status Load();
  std::shared_ptr<const CatalogSnapshot> Snapshot() const { return std::atomic_load(&snapshot_); }

  // Every change below is handed to the change recorder (if set) inside its transaction, just
  // before commit; a recorder error rolls the change back (catalog_change.h). `actor` says who.
  void SetChangeRecorder(ChangeRecorder recorder) { recorder_ = std::move(recorder); }

  // Creates a draft resource after validating it (ids, vocabularies, attributes, provider).
  Result<Resource> Create(Resource draft, const ChangeActor& actor = {});
  // Replaces the metadata of a resource (id, status, versions and timestamps are kept).
  Result<Resource> Update(const std::string& id, Resource changes, const ChangeActor& actor = {});
  // Makes a resource visible in the catalog; it must have a published data version.
  Result<Resource> Publish(const std::string& id, const ChangeActor& actor = {});
  Result<Resource> Withdraw(const std::string& id, const ChangeActor& actor = {});
  Status UpsertOrganisation(const Organisation& org, const ChangeActor& actor = {});

  // Re-reads one resource from the store into a new snapshot (after ingest published a version).
  Status Refresh(const std::string& id);

  storage::Engine& engine() { return engine_; }
  const Clock& clock() const { return clock_; }

 private:
  Status Validate(const Resource& r, const CatalogSnapshot& snap) const;
  Status ReloadAll();
  // Calls the recorder, if any, for a resource change (before: nullptr when created).
  Status RecordResourceChange(std::string kind, const Resource* before, const Resource& after,
                              const ChangeActor& actor) const;
  void Swap(std::shared_ptr<const CatalogSnapshot> next) { std::atomic_store(&snapshot_, std::move(next)); }

  storage::Engine& engine_;
  const Clock& clock_;
  std::mutex write_mu_;  // serializes writers; readers use the snapshot lock-free
  std::shared_ptr<const CatalogSnapshot> snapshot_;
  ChangeRecorder recorder_;  // set once at start-up, before any writer runs
};

}  // namespace gongshu::catalog
