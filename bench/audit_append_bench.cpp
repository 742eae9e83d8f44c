// Durable audit appends vs the disk's own fsync floor, and append-to-checkpoint latency.
//
//   cmake -S . -B build/audit-release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build/audit-release --target bench_audit && build/audit-release/bench/bench_audit
//
// Options: --seconds=N (per configuration, default 3), --threads=8,16,32,64,128 (blocking
// appenders), --inflight=N (async window, default 4096), --dir=PATH (default $TMPDIR or /tmp;
// use the disk that will hold DATA_DIR), --interval-ms=N (checkpoint interval, default 500).
//
// For each configuration the log runs for N seconds with a Checkpointer signing in the
// background; then, on the same disk, the floor runs: one pwrite + fdatasync per batch of the
// same size as the log's average batch. PERFORMANCE.md: report the ratio, because absolute
// numbers on a shared disk drift by 10x within an hour.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "audit/audit_log.h"
#include "audit/checkpointer.h"
#include "audit/note_signer.h"
#include "core/log.h"

namespace {

using gongshu::audit::AuditEvent;
using gongshu::audit::AuditLog;
using gongshu::audit::Checkpointer;
using gongshu::audit::StoredCheckpoint;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

struct Config {
  double seconds = 3;
  std::vector<int> threads = {8, 16, 32, 64, 128};
  size_t inflight = 4096;
  fs::path dir;
  int interval_ms = 500;
};

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

// A realistic data-access event (about 250 bytes encoded).
AuditEvent MakeEvent(uint64_t i) {
  AuditEvent e;
  e.time_micros = 1'764'000'000'000'000 + static_cast<int64_t>(i);
  e.request_id = "01JD6K" + std::to_string(1'000'000'000 + i);
  e.decision_id = "dec-" + std::to_string(i % 1000);
  e.principal_id = "user-" + std::to_string(i % 5000);
  e.organisation_id = "330100-" + std::to_string(i % 40);
  e.channel = gongshu::audit::Channel::kShare;
  e.action = "records.read";
  e.resource_id = "hz-business-registrations";
  e.resource_version = "12";
  e.fields = {"uscc", "name", "legal_rep", "district", "registered_capital"};
  e.masks = {"legal_rep:mask_name"};
  e.purpose = "case-2025-" + std::to_string(i % 977);
  e.grant_id = "grant-" + std::to_string(i % 300);
  e.decision = gongshu::audit::Decision::kMasked;
  e.rows_returned = 100;
  e.response_hash.fill(static_cast<uint8_t>(i));
  return e;
}

struct RunResult {
  std::string mode;
  int threads = 0;
  double entries_per_s = 0;
  double avg_batch = 0;
  double floor_entries_per_s = 0;
  double null_entries_per_s = 0;  // blocking mode only
  double append_p50_ms = 0, append_p99_ms = 0;
  double cp_p50_ms = 0, cp_p99_ms = 0, cp_max_ms = 0;
  uint64_t checkpoints = 0;
  uint64_t uncovered = 0;
};

// The disk's floor: one pwrite + fdatasync per batch of `batch_bytes`, appending to a new file.
double FloorSyncsPerSecond(const fs::path& dir, size_t batch_bytes, double seconds) {
  const fs::path file = dir / ("gongshu-bench-floor-" + std::to_string(::getpid()));
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) std::abort();
  const std::string buf(std::max<size_t>(batch_bytes, 1), 'x');
  off_t off = 0;
  uint64_t n = 0;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(seconds);
  while (Clock::now() < deadline) {
    if (::pwrite(fd, buf.data(), buf.size(), off) != static_cast<ssize_t>(buf.size())) std::abort();
    if (::fdatasync(fd) != 0) std::abort();
    off += static_cast<off_t>(buf.size());
    ++n;
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  ::close(fd);
  fs::remove(file);
  return static_cast<double>(n) / elapsed;
}

// The same group commit without the audit log's own work: `threads` callers each queue a
// `record_bytes` record and wait; one writer writes everything queued with one pwrite, calls
// fdatasync and wakes them. No encoding, hashing, CRC or tree: what is left is the disk plus
// the thread hand-offs, so log / null-log isolates the cost of the log itself.
double NullLogEntriesPerSecond(const fs::path& dir, int threads, size_t record_bytes,
                               double seconds) {
  const fs::path file = dir / ("gongshu-bench-null-" + std::to_string(::getpid()));
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) std::abort();
  struct Waiter {
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
  };
  std::mutex qmu;
  std::condition_variable qcv;
  std::vector<Waiter*> queue;
  bool closing = false;
  std::atomic<uint64_t> entries{0};
  std::thread writer([&] {
    std::vector<Waiter*> batch;
    std::string buf;
    off_t off = 0;
    for (;;) {
      {
        std::unique_lock lock(qmu);
        qcv.wait(lock, [&] { return !queue.empty() || closing; });
        if (queue.empty()) return;
        batch.swap(queue);
      }
      buf.assign(batch.size() * record_bytes, 'x');
      if (::pwrite(fd, buf.data(), buf.size(), off) != static_cast<ssize_t>(buf.size()))
        std::abort();
      if (::fdatasync(fd) != 0) std::abort();
      off += static_cast<off_t>(buf.size());
      entries += batch.size();
      for (Waiter* w : batch) {
        std::lock_guard lock(w->mu);
        w->done = true;
        w->cv.notify_one();
      }
      batch.clear();
    }
  });
  std::atomic<bool> stop{false};
  std::vector<std::thread> callers;
  for (int t = 0; t < threads; ++t) {
    callers.emplace_back([&] {
      while (!stop.load(std::memory_order_relaxed)) {
        Waiter w;
        {
          std::lock_guard lock(qmu);
          queue.push_back(&w);
          if (queue.size() == 1) qcv.notify_one();
        }
        std::unique_lock lock(w.mu);
        w.cv.wait(lock, [&] { return w.done; });
      }
    });
  }
  const auto start = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& c : callers) c.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  {
    std::lock_guard lock(qmu);
    closing = true;
  }
  qcv.notify_one();
  writer.join();
  ::close(fd);
  fs::remove(file);
  return static_cast<double>(entries.load()) / elapsed;
}

// Runs one configuration in `kRounds` slices. After each log slice the floor runs for half as
// long with that slice's average batch size, so both see the same disk weather.
RunResult RunConfiguration(const Config& cfg, const std::string& mode, int threads) {
  constexpr int kRounds = 4;
  const fs::path dir = cfg.dir / ("gongshu-bench-audit-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto log = AuditLog::Open({.directory = dir / "audit", .origin = "bench.gongshu/audit"});
  if (!log.ok()) {
    std::fprintf(stderr, "cannot open log: %s\n", log.error().message.c_str());
    std::exit(1);
  }
  std::mutex cp_mu;
  std::vector<std::pair<uint64_t, int64_t>> signed_at;  // (checkpoint size, ns)
  gongshu::audit::CheckpointerOptions co;
  co.interval = std::chrono::milliseconds(cfg.interval_ms);
  co.on_checkpoint = [&](const StoredCheckpoint& cp) {
    std::lock_guard lock(cp_mu);
    signed_at.emplace_back(cp.checkpoint.size, NowNs());
  };
  auto signer = gongshu::audit::NoteSigner::Generate("bench.gongshu/audit").value();
  auto checkpointer = Checkpointer::Open(**log, std::move(signer), co).value();
  checkpointer->Start();

  constexpr size_t kMaxTracked = size_t{1} << 23;
  std::vector<int64_t> started(kMaxTracked, 0);  // append start time, by log index
  std::vector<std::vector<double>> latencies(static_cast<size_t>(std::max(threads, 1)));
  double log_seconds = 0, floor_entries = 0, floor_seconds = 0, null_entries = 0;
  uint64_t next_id = 0;
  for (int round = 0; round < kRounds; ++round) {
    const auto before = (*log)->Stats();
    std::atomic<bool> stop{false};
    std::vector<std::thread> workers;
    const int64_t t0 = NowNs();
    if (mode == "blocking") {
      for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t, base = next_id] {
          auto& lat = latencies[static_cast<size_t>(t)];
          for (uint64_t i = base + static_cast<uint64_t>(t); !stop.load(std::memory_order_relaxed);
               i += 4096) {
            AuditEvent e = MakeEvent(i);
            const int64_t s = NowNs();
            auto r = (*log)->Append(e);
            const int64_t d = NowNs() - s;
            if (!r.ok()) std::abort();
            if (*r < kMaxTracked) started[*r] = s;
            lat.push_back(static_cast<double>(d) / 1e6);
          }
        });
      }
    } else {
      // One producer keeps `inflight` appends outstanding: the shape of an asynchronous server
      // whose requests each wait for their own entry.
      workers.emplace_back([&, base = next_id] {
        std::mutex mu;
        std::condition_variable cv;
        size_t outstanding = 0;
        auto& lat = latencies[0];
        for (uint64_t i = base; !stop.load(std::memory_order_relaxed); ++i) {
          {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return outstanding < cfg.inflight; });
            ++outstanding;
          }
          const int64_t s = NowNs();
          (*log)->AppendAsync(MakeEvent(i), [&, s](gongshu::Result<uint64_t> r) {
            if (!r.ok()) std::abort();
            if (*r < kMaxTracked) started[*r] = s;
            std::lock_guard lock(mu);
            lat.push_back(static_cast<double>(NowNs() - s) / 1e6);
            --outstanding;
            cv.notify_one();
          });
        }
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return outstanding == 0; });
      });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(cfg.seconds / kRounds));
    stop = true;
    for (auto& w : workers) w.join();
    log_seconds += static_cast<double>(NowNs() - t0) / 1e9;
    next_id += 1'000'000'000;
    const auto after = (*log)->Stats();
    const double entries = static_cast<double>(after.entries - before.entries);
    const double batches = static_cast<double>(after.batches - before.batches);
    const double batch = batches > 0 ? entries / batches : 1;
    const double record =
        entries > 0 ? static_cast<double>(after.bytes_written - before.bytes_written) / entries
                    : 256;
    const double slice = cfg.seconds / kRounds / 2;
    floor_entries +=
        FloorSyncsPerSecond(cfg.dir, static_cast<size_t>(batch * record), slice) * batch * slice;
    if (mode == "blocking") {
      null_entries +=
          NullLogEntriesPerSecond(cfg.dir, threads, static_cast<size_t>(record), slice) * slice;
    }
    floor_seconds += slice;
  }
  const auto stats = (*log)->Stats();
  const uint64_t total = (*log)->Size();
  checkpointer->WaitForCheckpoint(total, std::chrono::seconds(10));
  checkpointer->Stop();

  RunResult r;
  r.mode = mode;
  r.threads = mode == "blocking" ? threads : static_cast<int>(cfg.inflight);
  r.entries_per_s = static_cast<double>(stats.entries) / log_seconds;
  r.avg_batch =
      stats.batches ? static_cast<double>(stats.entries) / static_cast<double>(stats.batches) : 0;
  r.floor_entries_per_s = floor_entries / floor_seconds;
  r.null_entries_per_s = null_entries / floor_seconds;
  std::vector<double> all;
  for (auto& v : latencies) all.insert(all.end(), v.begin(), v.end());
  r.append_p50_ms = Percentile(all, 0.50);
  r.append_p99_ms = Percentile(all, 0.99);
  // Entries appended during a floor slice do not exist, so every entry's latency is measured
  // under log load; the checkpointer keeps signing during floor slices, which only helps it.
  std::vector<double> cp_lat;
  r.checkpoints = signed_at.size();
  size_t k = 0;
  for (uint64_t i = 0; i < std::min<uint64_t>(total, kMaxTracked); ++i) {
    while (k < signed_at.size() && signed_at[k].first <= i) ++k;
    if (k == signed_at.size()) {
      ++r.uncovered;
      continue;
    }
    cp_lat.push_back(static_cast<double>(signed_at[k].second - started[i]) / 1e6);
  }
  r.cp_p50_ms = Percentile(cp_lat, 0.50);
  r.cp_p99_ms = Percentile(cp_lat, 0.99);
  r.cp_max_ms = cp_lat.empty() ? 0 : *std::max_element(cp_lat.begin(), cp_lat.end());
  checkpointer.reset();
  log->reset();
  fs::remove_all(dir);
  return r;
}

Config ParseArgs(int argc, char** argv) {
  Config cfg;
  const char* tmp = std::getenv("TMPDIR");
  cfg.dir = tmp != nullptr ? tmp : "/tmp";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* key) -> const char* {
      const std::string k = std::string(key) + "=";
      return a.rfind(k, 0) == 0 ? argv[i] + k.size() : nullptr;
    };
    if (const char* v = value("--seconds")) {
      cfg.seconds = std::atof(v);
    } else if (const char* v2 = value("--threads")) {
      cfg.threads.clear();
      std::string s = v2;
      for (size_t p = 0; p <= s.size();) {
        size_t c = s.find(',', p);
        if (c == std::string::npos) c = s.size();
        if (c > p) cfg.threads.push_back(std::atoi(s.substr(p, c - p).c_str()));
        p = c + 1;
      }
    } else if (const char* v3 = value("--inflight")) {
      cfg.inflight = static_cast<size_t>(std::atol(v3));
    } else if (const char* v4 = value("--dir")) {
      cfg.dir = v4;
    } else if (const char* v5 = value("--interval-ms")) {
      cfg.interval_ms = std::atoi(v5);
    } else {
      std::fprintf(stderr,
                   "usage: %s [--seconds=N] [--threads=8,16,...] [--inflight=N] [--dir=PATH] "
                   "[--interval-ms=N]\n",
                   argv[0]);
      std::exit(2);
    }
  }
  return cfg;
}

}  // namespace

int main(int argc, char** argv) {
  const Config cfg = ParseArgs(argc, argv);
  gongshu::InitLogging({.level = "warn", .access_log = false});
  std::printf(
      "audit append benchmark: dir=%s, %.1f s per configuration, checkpoint interval %d ms\n",
      cfg.dir.c_str(), cfg.seconds, cfg.interval_ms);
  const double raw = FloorSyncsPerSecond(cfg.dir, 256, std::min(cfg.seconds, 2.0));
  std::printf("disk floor now, one 256-byte write+fdatasync: %.0f/s (%.3f ms)\n\n", raw, 1e3 / raw);
  std::printf("%-9s %7s %10s %7s %8s %8s | %10s %6s | %10s %6s | %6s %6s %6s %4s\n", "mode",
              "writers", "entries/s", "batch", "app p50", "app p99", "floor e/s", "ratio",
              "null e/s", "ratio", "cp p50", "cp p99", "cp max", "cps");
  std::vector<std::pair<std::string, int>> runs;
  for (int t : cfg.threads) runs.emplace_back("blocking", t);
  runs.emplace_back("async", 0);
  bool throughput_met = false, checkpoint_met = true;
  for (const auto& [mode, threads] : runs) {
    RunResult r = RunConfiguration(cfg, mode, threads);
    const double ratio = r.floor_entries_per_s > 0 ? r.entries_per_s / r.floor_entries_per_s : 0;
    char null_cols[32] = "         - |      -";
    if (r.null_entries_per_s > 0) {
      std::snprintf(null_cols, sizeof null_cols, "%10.0f | %6.2f", r.null_entries_per_s,
                    r.entries_per_s / r.null_entries_per_s);
    }
    std::printf(
        "%-9s %7d %10.0f %7.1f %8.2f %8.2f | %10.0f %6.2f | %s | %6.0f %6.0f %6.0f %4llu%s\n",
        r.mode.c_str(), r.threads, r.entries_per_s, r.avg_batch, r.append_p50_ms, r.append_p99_ms,
        r.floor_entries_per_s, ratio, null_cols, r.cp_p50_ms, r.cp_p99_ms, r.cp_max_ms,
        static_cast<unsigned long long>(r.checkpoints),
        r.uncovered ? "  (entries never covered!)" : "");
    std::fflush(stdout);
    if (r.entries_per_s >= 20000) throughput_met = true;
    if (r.cp_p99_ms > 1000 || r.uncovered) checkpoint_met = false;
  }
  std::printf(
      "\nAll comparators run in slices interleaved with the log's own, on the same disk (app = "
      "append latency,\n"
      "ms). floor e/s: one thread doing one write+fdatasync per batch of the log's average batch "
      "size (bytes),\n"
      "times that batch size. null e/s: the same group commit (same writer threads, one syncing "
      "thread) with\n"
      "no encoding, hashing, CRC or tree. ratio = log entries/s divided by that comparator (1.00 = "
      "the log\n"
      "costs nothing beyond it). On virtual machines a lone syncing thread can wait several ms per "
      "I/O\n"
      "completion for its vCPU to wake, which busy appender threads avoid: then floor ratios "
      "exceed 1 and\n"
      "the null log is the meaningful reference. cp = time from the start of an append to the "
      "first signed\n"
      "checkpoint covering it.\n"
      "targets: >= 20,000 entries/s: %s; checkpoint p99 <= 1 s: %s\n",
      throughput_met ? "met" : "NOT met", checkpoint_met ? "met" : "NOT met");
  return 0;
}
