#pragma once
// Persistence of the catalog in the platform database (tables from migration 0001). Methods take
// the caller's Session so that a change and the rest of a use case commit in one transaction.
#include <string>
#include <vector>

#include "catalog/organisation.h"
#include "catalog/resource.h"
#include "core/result.h"
#include "storage/engine.h"

namespace gongshu::catalog {

class CatalogStore {
 public:
  // Every resource with its fields and current version (if any).
  static Result<std::vector<Resource>> LoadResources(storage::Session& s);
  static Result<Resource> LoadResource(storage::Session& s, const std::string& id);  // kNotFound
  static Result<std::vector<Organisation>> LoadOrganisations(storage::Session& s);

  static Status UpsertOrganisation(storage::Session& s, const Organisation& org);
  static Status InsertResource(storage::Session& s, const Resource& r);  // kConflict if the id exists
  // Updates metadata and replaces the fields; the current version is left as is.
  static Status UpdateResource(storage::Session& s, const Resource& r);
  static Status ReplaceFields(storage::Session& s, const std::string& id, const std::vector<Field>& fields);

  // Records a published version and makes it current. Call inside the transaction that created
  // its data table, so that both become visible together (atomic publish).
  static Status InsertVersion(storage::Session& s, const std::string& id, const ResourceVersion& v);
  static Result<std::vector<ResourceVersion>> ListVersions(storage::Session& s, const std::string& id);
  static Result<int> NextVersionNumber(storage::Session& s, const std::string& id);

  // Name of the data table of a version: data."<id>__v<version>" (ids are validated slugs).
  static std::string DataTableName(const std::string& id, int version);
};

}  // namespace gongshu::catalog
