#pragma once
// Starts the real `gongshu` binary on 127.0.0.1 port 0 for HTTP tests and stops it afterwards.
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "support/http_client.h"

namespace gongshu::testing {

inline constexpr const char* kTestAdminToken = "test-admin-token-0123456789abcdef";

class ServerProcess {
 public:
  // verb: "serve" or "demo"; data_dir must exist (may be empty).
  ServerProcess(const std::string& data_dir, const std::string& verb = "serve",
                std::vector<std::string> extra_args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  uint16_t port() const { return port_; }
  HttpClient client() const { return HttpClient("127.0.0.1", port_); }
  std::string admin_header() const { return std::string("Bearer ") + kTestAdminToken; }
  pid_t pid() const { return pid_; }
  bool Alive() const;
  // Graceful stop (SIGTERM); returns the exit status.
  int Stop();
  // Crash (SIGKILL), for durability tests.
  void Kill();
  // Everything the server wrote to stdout/stderr so far.
  std::string Output() const;

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string log_path_;
};

}  // namespace gongshu::testing
