#pragma once
// The verbs of the `gongshu` command.
#include <CLI/CLI.hpp>
#include <string_view>

namespace gongshu::cli {

inline constexpr std::string_view kVersion = "0.1.0";

void RegisterCommands(CLI::App& app);
// The exit code set by the verb that ran.
int ExitCode();

}  // namespace gongshu::cli
