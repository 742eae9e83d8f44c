#include "storage/duckdb/query_watchdog.h"

namespace gongshu::storage {

QueryWatchdog::QueryWatchdog() : thread_([this] { Run(); }) {}

QueryWatchdog::~QueryWatchdog() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

uint64_t QueryWatchdog::Arm(duckdb_connection con, std::chrono::steady_clock::time_point deadline) {
  uint64_t ticket = 0;
  {
    std::lock_guard lock(mu_);
    ticket = next_++;
    entries_.emplace(ticket, Entry{con, deadline});
  }
  cv_.notify_all();
  return ticket;
}

bool QueryWatchdog::Disarm(uint64_t ticket) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(ticket);
  if (it == entries_.end()) return false;
  bool fired = it->second.fired;
  entries_.erase(it);
  return fired;
}

void QueryWatchdog::Run() {
  using namespace std::chrono_literals;
  std::unique_lock lock(mu_);
  while (!stop_) {
    auto now = std::chrono::steady_clock::now();
    auto next_wake = now + 1h;
    for (auto& [ticket, e] : entries_) {
      if (e.deadline <= now) {
        e.fired = true;
        duckdb_interrupt(e.con);  // repeated every 20 ms until disarmed
        next_wake = std::min(next_wake, now + 20ms);
      } else {
        next_wake = std::min(next_wake, e.deadline);
      }
    }
    cv_.wait_until(lock, next_wake);
  }
}

}  // namespace gongshu::storage
