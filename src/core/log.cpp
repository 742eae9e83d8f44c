#include "core/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace gongshu {
namespace {

std::shared_ptr<spdlog::logger> MakeLogger(const std::string& name) {
  auto existing = spdlog::get(name);
  if (existing) return existing;
  auto logger = spdlog::stderr_color_mt(name);
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%n] %v");
  return logger;
}

}  // namespace

void InitLogging(const LogOptions& options) {
  auto level = spdlog::level::from_str(options.level);
  Log().set_level(level);
  AccessLog().set_level(options.access_log ? spdlog::level::info : spdlog::level::off);
}

spdlog::logger& Log() {
  static std::shared_ptr<spdlog::logger> logger = MakeLogger("gongshu");
  return *logger;
}

spdlog::logger& AccessLog() {
  static std::shared_ptr<spdlog::logger> logger = MakeLogger("access");
  return *logger;
}

}  // namespace gongshu
