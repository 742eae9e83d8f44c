#pragma once
// Identity verbs of the `gongshu` command, run on a stopped data directory by the machine's
// operator: `orgs create|list`, `users create|list|passwd|disable|enable`, `tokens create|list|revoke`.
// This is how the first authority administrator is made.
#include <CLI/CLI.hpp>
#include <string>

#include "api/app.h"

namespace gongshu::cli {

void RegisterIdentityCommands(CLI::App& app);

// `gongshu demo`: creates one user per role, prints the credentials and writes
// DATA_DIR/keys/demo-users.txt. Returns the exit code (0 on success).
int SeedDemoUsers(api::Application& app, const std::string& data_dir);

}  // namespace gongshu::cli
