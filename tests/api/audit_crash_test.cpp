// R-LOG-04 under crashes: the server is killed with SIGKILL at random moments while several
// client threads read records (allowed and denied). After every restart:
//   * every response a client received with X-Audit-Index has its entry at that index, naming
//     the same request id (a response is released only after its entry is durable);
//   * no index is ever handed out twice (across all rounds);
//   * the whole log verifies: the new signed checkpoint is consistent with the previous one
//     (RFC 9162 consistency proof from the API), and the root recomputed locally from every
//     leaf of the log equals the signed root.
// At the end the whole log is exported and checked by `gongshu audit verify`.
// GONGSHU_CRASH_ROUNDS overrides the number of rounds (default 20).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "audit/merkle_tree.h"
#include "audit_check.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace gongshu::testing {
namespace {

struct Ack {
  uint64_t index = 0;
  std::string request_id;
  int status = 0;
};

// Seeds one open resource with some rows, and one the public may not read.
void Seed(const ServerProcess& server) {
  HttpClient http = server.client();
  std::map<std::string, std::string> json{{"authorization", server.admin_header()}, {"content-type", "application/json"}};
  ASSERT_EQ(http.Request("POST", "/api/v1/organisations", R"({"id":"crash-bureau","name_zh":"崩溃测试局","kind":"department"})",
                         json).status,
            201);
  std::string csv = "code,value\n";
  for (int i = 0; i < 200; ++i) csv += std::to_string(100000 + i) + "," + std::to_string(i * 7) + "\n";
  for (const std::string id : {"crash-open", "crash-closed"}) {
    const std::string open = id == "crash-open" ? R"("open":"unconditional")" : R"("open":"not_open","open_condition":"内部")";
    auto c = http.Request("POST", "/api/v1/resources",
                          R"({"id":")" + id + R"(","title_zh":"崩溃测试","provider_id":"crash-bureau","subject":"population",)"
                              R"("update_cycle":"yearly","share":"unconditional",)" + open +
                              R"(,"fields":[{"name":"code","title_zh":"代码","type":"string","level":"L1"},)"
                              R"({"name":"value","title_zh":"值","type":"integer","level":"L1"}]})",
                          json);
    ASSERT_EQ(c.status, 201) << c.body;
    auto u = http.Request("POST", "/api/v1/resources/" + id + "/versions?format=csv", csv,
                          {{"authorization", server.admin_header()}, {"content-type", "text/csv"}});
    ASSERT_EQ(u.status, 201) << u.body;
    ASSERT_EQ(http.Request("POST", "/api/v1/resources/" + id + "/publish", "", json).status, 200);
  }
}

// Client threads reading until stopped; every complete response with X-Audit-Index is an ack.
class Load {
 public:
  Load(uint16_t port, int threads, uint32_t seed) {
    for (int t = 0; t < threads; ++t) {
      threads_.emplace_back([this, port, t, seed] {
        std::mt19937 rng(seed + static_cast<uint32_t>(t));
        HttpClient http("127.0.0.1", port);
        while (!stop_.load()) {
          const int kind = static_cast<int>(rng() % 10);
          std::string target = kind < 7   ? "/api/v1/resources/crash-open/records?limit=" + std::to_string(1 + rng() % 50)
                               : kind < 9 ? "/api/v1/resources/crash-closed/records"  // denied, still logged
                                          : "/api/v1/resources/crash-open/records?where=nosuch%3D1";  // error
          try {
            HttpResult r = http.Get(target);
            const std::string index = r.Header("x-audit-index");
            if (r.complete && r.status > 0 && !index.empty()) {
              std::lock_guard lock(mu_);
              acks_.push_back(Ack{std::stoull(index), r.Header("x-request-id"), r.status});
            }
          } catch (const std::exception&) {
            // The server is gone (killed) or not accepting: nothing was received, nothing to check.
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
          }
        }
      });
    }
  }
  std::vector<Ack> Stop() {
    stop_ = true;
    for (auto& t : threads_) t.join();
    threads_.clear();
    std::lock_guard lock(mu_);
    return std::move(acks_);
  }
  ~Load() {
    if (!threads_.empty()) Stop();
  }

 private:
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::vector<Ack> acks_;
};

TEST(AuditCrashTest, KillNineUnderConcurrentLoadLosesNoAcknowledgedEntry) {
  int rounds = 20;
  if (const char* env = std::getenv("GONGSHU_CRASH_ROUNDS")) rounds = std::max(1, std::atoi(env));
  const uint32_t seed = static_cast<uint32_t>(std::random_device{}());
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  TempDir dir;
  const std::filesystem::path data = dir.path() / "data";
  std::filesystem::create_directories(data);
  const std::vector<std::string> serve_args = {"--quota-off", "--no-access-log"};

  auto server = std::make_unique<ServerProcess>(data.string(), "serve", serve_args);
  const std::string admin = server->admin_header();
  Seed(*server);
  ASSERT_FALSE(HasFatalFailure());

  std::map<uint64_t, std::string> acked;  // index → request id, over all rounds
  std::vector<std::string> leaves;        // the whole log, verified round after round
  audit::MerkleTree tree;
  VerifiedCheckpoint previous;
  size_t total_acks = 0, total_denied = 0;

  for (int round = 0; round <= rounds; ++round) {
    SCOPED_TRACE("after round " + std::to_string(round));
    // Verify what the previous round (and the crash) left.
    AuditReader reader(server->client(), {{"authorization", admin}}, LogVkeyOf(data));
    const uint64_t size = reader.TreeSize();
    VerifiedCheckpoint cp = reader.Checkpoint(size);
    ASSERT_GE(cp.size, size);
    ASSERT_TRUE(reader.Consistent(previous, cp));
    for (auto& e : reader.Entries(leaves.size(), cp.size)) {
      ASSERT_EQ(e.index, leaves.size());
      tree.AppendEntry(e.leaf);
      leaves.push_back(std::move(e.leaf));
    }
    ASSERT_EQ(leaves.size(), cp.size);
    ASSERT_EQ(tree.Root(), cp.root) << "the root recomputed from every leaf differs from the signed root";
    previous = cp;
    if (round == rounds) break;

    // Load, then SIGKILL at a random moment.
    Load load(server->port(), 4, seed + static_cast<uint32_t>(round) * 101);
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 450));
    server->Kill();
    std::vector<Ack> acks = load.Stop();
    server.reset();
    server = std::make_unique<ServerProcess>(data.string(), "serve", serve_args, Bootstrap::kNone);

    // Every acknowledged response has its durable entry; no index was handed out twice.
    AuditReader after(server->client(), {{"authorization", admin}}, LogVkeyOf(data));
    const uint64_t recovered = after.TreeSize();
    uint64_t lowest = UINT64_MAX;
    for (const Ack& a : acks) lowest = std::min(lowest, a.index);
    std::vector<AuditEntryView> fresh = lowest == UINT64_MAX ? std::vector<AuditEntryView>{}
                                                              : after.Entries(lowest, recovered);
    for (const Ack& a : acks) {
      ASSERT_LT(a.index, recovered) << "acknowledged index " << a.index << " lost in the crash";
      ASSERT_GE(a.index, lowest);
      const AuditEntryView& e = fresh[a.index - lowest];
      EXPECT_EQ(e.event.request_id, a.request_id) << "entry " << a.index;
      auto [it, inserted] = acked.emplace(a.index, a.request_id);
      EXPECT_TRUE(inserted) << "index " << a.index << " handed out twice: " << it->second << " and " << a.request_id;
      if (a.status >= 400) ++total_denied;
    }
    total_acks += acks.size();
    EXPECT_GT(acks.size(), 0u) << "round " << round << " acknowledged nothing";
  }

  // The whole log, exported and verified offline.
  HttpClient http = server->client();
  auto archive = http.Get("/api/v1/audit/export?start=0&end=" + std::to_string(previous.size),
                          {{"authorization", admin}});
  ASSERT_EQ(archive.status, 200) << archive.body.substr(0, 300);
  const std::filesystem::path file = dir.Write("all.archive", archive.body);
  CliResult verified = RunGongshu({"audit", "verify", file.string(), "--log-key", LogVkeyOf(data)});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  std::printf("[ crash    ] %d rounds, %zu acknowledged responses (%zu refusals), %zu entries, all verified\n",
              rounds, total_acks, total_denied, leaves.size());
  EXPECT_EQ(server->Stop(), 0);
}

}  // namespace
}  // namespace gongshu::testing
