#pragma once
// Logging: spdlog with two named loggers, "gongshu" (events) and "access" (one line per request).
#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace gongshu {

struct LogOptions {
  std::string level = "info";  // trace|debug|info|warn|error|off
  bool access_log = true;
};

void InitLogging(const LogOptions& options);
spdlog::logger& Log();
spdlog::logger& AccessLog();

}  // namespace gongshu
