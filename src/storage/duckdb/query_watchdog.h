#pragma once
// Deadlines for DuckDB queries: DuckDB has no statement timeout, so one thread interrupts the
// connection of any query that runs past its deadline. An interrupt that arrives before execution
// starts is ignored by DuckDB, so the watchdog repeats it until the query is disarmed.
#include <duckdb.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

namespace gongshu::storage {

class QueryWatchdog {
 public:
  QueryWatchdog();
  ~QueryWatchdog();
  QueryWatchdog(const QueryWatchdog&) = delete;
  QueryWatchdog& operator=(const QueryWatchdog&) = delete;

  // Returns a ticket; Disarm(ticket) before the connection is reused. Fired() tells whether the
  // deadline passed (the query's error then means "deadline exceeded").
  uint64_t Arm(duckdb_connection con, std::chrono::steady_clock::time_point deadline);
  bool Disarm(uint64_t ticket);  // true if the deadline fired

 private:
  struct Entry {
    duckdb_connection con;
    std::chrono::steady_clock::time_point deadline;
    bool fired = false;
  };
  void Run();

  std::mutex mu_;  // guards entries_, next_, stop_
  std::condition_variable cv_;
  std::map<uint64_t, Entry> entries_;
  uint64_t next_ = 1;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace gongshu::storage
