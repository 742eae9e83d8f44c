#pragma once
// Injectable clock: production reads the system clock; tests drive a ManualClock.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace gongshu {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  // Microseconds since the Unix epoch (UTC).
  int64_t NowMicros() const {
    return std::chrono::duration_cast<std::chrono::microseconds>(Now().time_since_epoch()).count();
  }
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
  static const SystemClock& Instance() {
    static const SystemClock clock;
    return clock;
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : micros_(ToMicros(start)) {}
  TimePoint Now() const override { return TimePoint(std::chrono::microseconds(micros_.load())); }
  void Set(TimePoint t) { micros_ = ToMicros(t); }
  void Advance(std::chrono::microseconds d) { micros_ += d.count(); }

 private:
  static int64_t ToMicros(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  }
  std::atomic<int64_t> micros_;
};

// ISO 8601 UTC with microseconds trimmed to milliseconds: 2026-11-27T19:13:54.123Z
std::string FormatIsoTime(int64_t micros_since_epoch);

}  // namespace gongshu
