#pragma once
// The HTTP/1.1 server: Boost.Beast with C++20 coroutines on a few I/O threads; handlers run on a
// worker pool (they may block on the engine or the audit log) unless marked inline. Enforces
// limits on header and body size and on read/idle time, assigns request ids, logs one access line
// per request, records metrics, streams chunked responses, and shuts down gracefully on SIGTERM.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "api/metrics.h"
#include "api/router.h"
#include "core/result.h"

namespace gongshu::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;                     // 0 picks a free port
  int io_threads = 1;
  int worker_threads = 16;
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 1 << 20;          // JSON bodies
  uint64_t max_upload_bytes = 4ULL << 30;   // streamed uploads
  std::chrono::seconds header_timeout{15};  // to receive a complete request header
  std::chrono::seconds idle_timeout{60};    // keep-alive connection with no request
  std::chrono::seconds io_timeout{60};      // any single body read or response write
  std::chrono::seconds shutdown_grace{15};  // in-flight requests may finish within this time
  std::filesystem::path upload_dir;         // where kUpload bodies are streamed to
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, const Router& router, Metrics& metrics);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; port() is valid afterwards.
  Status Listen();
  uint16_t port() const;
  // Serves until Stop() or SIGTERM/SIGINT, then drains in-flight requests and returns.
  void Run();
  // Thread-safe graceful stop.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongshu::api
