#pragma once
// Starts the real `gongshu` binary on 127.0.0.1 port 0 for HTTP tests and stops it afterwards.
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "support/http_client.h"

namespace gongshu::testing {

// The authority administrator the test servers are bootstrapped with (serve verb).
inline constexpr const char* kTestAuthorityOrg = "test-authority";
inline constexpr const char* kTestAdminUsername = "test-admin";
inline constexpr const char* kTestAdminPassword = "test-admin-password-0123";

// What a `gongshu` command run printed and returned.
struct CliResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};
// Runs the gongshu binary with `args`, writing `input` to its standard input.
CliResult RunGongshu(const std::vector<std::string>& args, const std::string& input = "");

enum class Bootstrap {
  kAuthorityAdmin,  // an authority_admin user and an API token for it (admin_header())
  kNone,            // nothing: anonymous requests only (benchmarks on existing data dirs)
};

class ServerProcess {
 public:
  // verb: "serve" or "demo"; data_dir must exist (may be empty). With kAuthorityAdmin and "serve",
  // `gongshu orgs create`, `users create` and `tokens create` run on the data dir first (as an
  // operator bootstraps a real platform); with "demo", the demo's authority_admin signs in over
  // HTTP and creates the token.
  ServerProcess(const std::string& data_dir, const std::string& verb = "serve",
                std::vector<std::string> extra_args = {}, Bootstrap bootstrap = Bootstrap::kAuthorityAdmin);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  uint16_t port() const { return port_; }
  HttpClient client() const { return HttpClient("127.0.0.1", port_); }
  // "Bearer gst_…" of the bootstrapped authority administrator (empty with Bootstrap::kNone).
  std::string admin_header() const { return admin_token_.empty() ? std::string() : "Bearer " + admin_token_; }
  const std::string& admin_token() const { return admin_token_; }
  pid_t pid() const { return pid_; }
  bool Alive() const;
  // Graceful stop (SIGTERM); returns the exit status.
  int Stop();
  // Crash (SIGKILL), for durability tests.
  void Kill();
  // Everything the server wrote to stdout/stderr so far.
  std::string Output() const;

 private:
  void BootstrapFromDemo(const std::string& data_dir);

  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string log_path_;
  std::string admin_token_;
};

}  // namespace gongshu::testing
