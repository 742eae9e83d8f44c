// gongshu — the command line of the Gongshu public data platform. Thin: parses arguments and
// hands over to the verbs in src/cli/.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Gongshu (公数) public data resource platform / 公共数据资源平台"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(gongshu::cli::kVersion));
  gongshu::cli::RegisterCommands(app);
  CLI11_PARSE(app, argc, argv);
  return gongshu::cli::ExitCode();
}
