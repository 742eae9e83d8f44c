#pragma once
// The verbs of the `gongshu` command.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "api/app.h"
#include "core/result.h"

namespace gongshu::cli {

inline constexpr std::string_view kVersion = "0.1.0";

void RegisterCommands(CLI::App& app);
// The exit code set by the verb that ran.
int ExitCode();

// Shared by the verb files: opens a data directory for an offline verb (the server must be stopped),
// prints an error in both languages, and sets the exit code.
Result<std::unique_ptr<api::Application>> OpenDataDir(const std::string& data_dir, const std::string& log_level);
int Fail(const Error& e);
void SetExitCode(int code);

}  // namespace gongshu::cli
