#pragma once
// Versioned schema migrations for the platform's own tables. Each migration is a SQL file in
// src/storage/migrations/NNNN_name.sql, embedded at build time and applied once, in order, each in
// its own transaction together with its row in schema_migrations.
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/engine.h"

namespace gongshu::storage {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
};

// The embedded migrations, sorted by version. Fails on a malformed or duplicate version.
Result<std::vector<Migration>> PlatformMigrations();

// Applies the pending migrations; returns how many ran. Refuses a database newer than the code.
Result<int> ApplyMigrations(Session& session, const std::vector<Migration>& migrations);

}  // namespace gongshu::storage
