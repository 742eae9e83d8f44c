#pragma once
// CatalogChange: an administrative change of the catalog (a resource created, updated, published
// or withdrawn, a data version published, an organisation changed), as handed to the change
// recorder the application installs (R-ADM-01: admin changes go into the same tamper-evident log
// as data access).
//
// The recorder runs INSIDE the change's database transaction, just before commit: if it fails
// (the audit log cannot be written) the change is rolled back and its error returned, so no
// change is ever acknowledged without its durable log entry. The reverse can happen (the entry
// is durable, then the commit fails): the log then holds an attempt that did not take effect,
// which an auditor sees as an entry whose after-state never appeared — never a silent change.
#include <functional>
#include <string>

#include "core/result.h"

namespace gongshu::catalog {

// Who made a change. Empty principal id: the platform itself or the local console (CLI, demo).
struct ChangeActor {
  std::string principal_id;     // the user (or token) acting; never a name
  std::string organisation_id;  // the organisation it acts for
  std::string request_id;       // the HTTP request, "" outside HTTP
};

struct CatalogChange {
  std::string kind;              // "resource.created" | "resource.updated" | "resource.published" |
                                 // "resource.withdrawn" | "version.published" | "organisation.created" |
                                 // "organisation.updated"
  std::string object_id;         // the resource or organisation id
  std::string resource_id;       // the resource concerned ("" for organisations)
  std::string resource_version;  // the version published / current, "" when none
  std::string before;            // canonical JSON of the object before ("" when it did not exist)
  std::string after;             // canonical JSON after
  ChangeActor actor;
};

// Returns OK once the change is durably recorded; an error aborts (rolls back) the change.
using ChangeRecorder = std::function<Status(const CatalogChange&)>;

}  // namespace gongshu::catalog
