#pragma once
// Canonical JSON of catalog objects: one fixed spelling per state (fixed key order, no
// whitespace, integers as integers), so that SHA-256 of it identifies the state. The audit log
// records these hashes before and after every administrative change (R-ADM-01); anyone holding
// the object can recompute them and compare with the last logged after-hash.
//
// Derived or bulky data (the quality profile of a version, search indexes) is left out: the
// state is what an administrator decides, plus the identity (table, checksum, rows) of the data.
#include <string>

#include "catalog/organisation.h"
#include "catalog/resource.h"

namespace gongshu::catalog {

std::string CanonicalResourceJson(const Resource& r);
std::string CanonicalOrganisationJson(const Organisation& o);

}  // namespace gongshu::catalog
