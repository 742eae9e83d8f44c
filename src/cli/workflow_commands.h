#pragma once
// Workflow verbs of the `gongshu` command, run on a stopped data directory by the machine's
// operator, who acts with the data authority's capacity (the console):
//   grants list, authorizations list|exit, registrations list|notices,
//   calendar holidays list|add|remove, workflows tick.
#include <CLI/CLI.hpp>
#include <string>

#include "api/app.h"

namespace gongshu::cli {

void RegisterWorkflowCommands(CLI::App& app);

// `gongshu demo`: the workflow story of the demo (registrations, a share grant, a pending share
// application, an approved open application, an active operation authorization), after the demo
// users exist. Returns the exit code (0 on success).
int SeedDemoWorkflows(api::Application& app, const std::string& data_dir);

}  // namespace gongshu::cli
