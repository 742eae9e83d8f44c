#pragma once
// Audit verbs of the `gongshu` command (docs/audit.md, "How an auditor verifies"):
//   audit verify ARCHIVE [--log-key VKEY] [--witness-key VKEY…] [--quorum N]   offline, no platform
//   audit witness init|cosign|show                                            the auditor's witness
//   audit export --data DIR --start S --end E --out FILE                     on a stopped server
#include <CLI/CLI.hpp>

namespace gongshu::cli {

void RegisterAuditCommands(CLI::App& app);

}  // namespace gongshu::cli
