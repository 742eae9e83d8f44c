#pragma once
// An organisation as identity sees it: the catalog's organisation (id, names, kind, region,
// parent) plus the administrative level of a department and whether the organisation is active.
// A disabled organisation's users cannot sign in and its credentials stop working at once.
#include <string>

#include "identity/roles.h"
#include "policy/principal.h"

namespace gongshu::identity {

enum class OrganisationStatus { kActive, kDisabled };

struct OrganisationRecord {
  std::string id;  // slug, as resource ids
  std::string name_zh;
  std::string name_en;
  policy::OrganisationKind kind = policy::OrganisationKind::kPublic;
  std::string region;     // GB/T 2260 code or ""
  AdminLevel admin_level = AdminLevel::kUnspecified;
  std::string parent_id;  // "" = top level
  OrganisationStatus status = OrganisationStatus::kActive;

  bool active() const { return status == OrganisationStatus::kActive; }
};

}  // namespace gongshu::identity
