// AuditLog: group commit, recovery, torn tails, fail-closed writes, segments, crash safety.
#include "audit/audit_log.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "audit/internal/crc32c.h"
#include "audit/merkle_proof.h"
#include "audit_test_util.h"
#include "support/temp_dir.h"

namespace gongshu::audit {
namespace {

namespace fs = std::filesystem;
using testutil::SampleEvent;

AuditLogOptions Options(const testing::TempDir& dir) {
  AuditLogOptions o;
  o.directory = dir.path() / "audit";
  o.origin = "gongshu.test/audit";
  return o;
}

std::unique_ptr<AuditLog> OpenLog(AuditLogOptions o) {
  auto log = AuditLog::Open(std::move(o));
  EXPECT_TRUE(log.ok()) << log.error().message;
  return log.ok() ? std::move(*log) : nullptr;
}

std::vector<fs::path> Segments(const fs::path& audit_dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(audit_dir / "segments")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Rebuilds the tree from the entries on disk and checks it against the log's own head.
void ExpectTreeMatchesDisk(const AuditLog& log) {
  MerkleTree tree(log.hash_algorithm());
  ASSERT_TRUE(log.ForEachEntry(0, log.Size(),
                               [&](uint64_t, std::string_view e) {
                                 tree.AppendEntry(e);
                                 return Ok();
                               })
                  .ok());
  EXPECT_EQ(tree.size(), log.Size());
  EXPECT_EQ(tree.Root(), log.Head().root);
}

TEST(Crc32c, KnownAnswers) {
  EXPECT_EQ(internal::Crc32c("123456789"), 0xE3069283u);  // RFC 3720 check value
  EXPECT_EQ(internal::Crc32c(""), 0u);
  EXPECT_EQ(internal::Crc32c(std::string(32, '\0')), 0x8A9136AAu);  // RFC 3720 B.4
  EXPECT_EQ(internal::Crc32c("56789", internal::Crc32c("1234")), 0xE3069283u);
}

TEST(AuditLog, ConcurrentAppendersGetUniqueConsecutiveIndexes) {
  testing::TempDir dir;
  auto log = OpenLog(Options(dir));
  constexpr int kThreads = 8, kPerThread = 250;
  std::vector<std::vector<std::pair<uint64_t, uint64_t>>> got(kThreads);  // (index, event id)
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const uint64_t id = static_cast<uint64_t>(t * kPerThread + i);
        auto r = log->Append(SampleEvent(id));
        ASSERT_TRUE(r.ok()) << r.error().message;
        got[t].emplace_back(*r, id);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::vector<uint64_t> all;
  for (const auto& v : got) {
    for (auto [index, id] : v) {
      all.push_back(index);
      EXPECT_EQ(log->ReadEntry(index).value(), EncodeEntry(SampleEvent(id))) << index;
    }
    // One thread's appends are ordered.
    for (size_t i = 1; i < v.size(); ++i) EXPECT_LT(v[i - 1].first, v[i].first);
  }
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), size_t{kThreads * kPerThread});
  for (size_t i = 0; i < all.size(); ++i) ASSERT_EQ(all[i], i);
  EXPECT_EQ(log->Size(), all.size());
  ExpectTreeMatchesDisk(*log);
  const TreeHead head = log->Head();
  for (uint64_t i : {uint64_t{0}, uint64_t{999}, uint64_t{1999}}) {
    auto proof = log->InclusionProof(i, head.size).value();
    EXPECT_TRUE(
        VerifyInclusion(TreeHasher(), i, head.size, log->LeafHash(i).value(), proof, head.root)
            .ok());
  }
  const auto stats = log->Stats();
  EXPECT_EQ(stats.entries, all.size());
  EXPECT_LE(stats.batches, stats.entries);
  EXPECT_EQ(stats.failed_batches, 0u);
}

TEST(AuditLog, AppendAsyncAndDurabilityListener) {
  testing::TempDir dir;
  auto o = Options(dir);
  std::atomic<uint64_t> durable{0};
  o.on_durable = [&](uint64_t, const AuditEvent& e) {
    EXPECT_FALSE(e.request_id.empty());
    ++durable;
  };
  auto log = OpenLog(o);
  std::mutex mu;
  std::condition_variable cv;
  std::set<uint64_t> indexes;
  for (uint64_t i = 0; i < 300; ++i) {
    log->AppendAsync(SampleEvent(i), [&](Result<uint64_t> r) {
      ASSERT_TRUE(r.ok());
      std::lock_guard lock(mu);
      indexes.insert(*r);
      cv.notify_all();
    });
  }
  ASSERT_TRUE(log->Append(SampleEvent(300)).ok());
  std::unique_lock lock(mu);
  cv.wait_for(lock, std::chrono::seconds(10), [&] { return indexes.size() == 300; });
  EXPECT_EQ(indexes.size(), 300u);
  EXPECT_EQ(*indexes.rbegin(), 299u);  // async appends queued first, in order
  EXPECT_EQ(durable.load(), 301u);
}

TEST(AuditLog, ReopenYieldsTheSameRootAndContinues) {
  testing::TempDir dir;
  TreeHead before;
  {
    auto log = OpenLog(Options(dir));
    for (uint64_t i = 0; i < 137; ++i) ASSERT_EQ(log->Append(SampleEvent(i)).value(), i);
    before = log->Head();
  }
  auto log = OpenLog(Options(dir));
  EXPECT_EQ(log->Head().size, before.size);
  EXPECT_EQ(log->Head().root, before.root);
  EXPECT_EQ(log->Stats().recovered_entries, 137u);
  EXPECT_EQ(log->Append(SampleEvent(137)).value(), 137u);
  EXPECT_EQ(log->RootAt(137).value(), before.root);
  ExpectTreeMatchesDisk(*log);
}

TEST(AuditLog, IdentityIsFixedForTheLogsLife) {
  testing::TempDir dir;
  { OpenLog(Options(dir))->Append(SampleEvent(0)).value(); }
  auto other_origin = Options(dir);
  other_origin.origin = "other.test/audit";
  auto r1 = AuditLog::Open(other_origin);
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(r1.error().code, "audit.identity_mismatch");
  auto other_hash = Options(dir);
  other_hash.hash = HashAlgorithm::kSm3;
  EXPECT_FALSE(AuditLog::Open(other_hash).ok());
  auto bad = Options(dir);
  bad.origin = "has space";
  EXPECT_EQ(AuditLog::Open(bad).error().code, "audit.origin_invalid");
}

TEST(AuditLog, Sm3LogMatchesAnSm3Tree) {
  testing::TempDir dir;
  auto o = Options(dir);
  o.hash = HashAlgorithm::kSm3;
  auto log = OpenLog(o);
  MerkleTree tree(HashAlgorithm::kSm3);
  for (uint64_t i = 0; i < 20; ++i) {
    log->Append(SampleEvent(i)).value();
    tree.AppendEntry(EncodeEntry(SampleEvent(i)));
  }
  EXPECT_EQ(log->Head().root, tree.Root());
  log.reset();
  EXPECT_EQ(OpenLog(o)->Head().root, tree.Root());
}

TEST(AuditLog, TornTailIsTruncatedAtRecovery) {
  testing::TempDir dir;
  std::vector<Hash> roots;
  {
    auto log = OpenLog(Options(dir));
    for (uint64_t i = 0; i < 50; ++i) {
      log->Append(SampleEvent(i)).value();
      roots.push_back(log->Head().root);  // roots[i] = root of size i + 1
    }
  }
  const fs::path seg = Segments(dir.path() / "audit").back();
  // 1) Cut the last record in the middle.
  fs::resize_file(seg, fs::file_size(seg) - 17);
  {
    auto log = OpenLog(Options(dir));
    EXPECT_EQ(log->Size(), 49u);
    EXPECT_EQ(log->Head().root, roots[48]);
    EXPECT_GT(log->Stats().truncated_tail_bytes, 0u);
    EXPECT_EQ(log->Append(SampleEvent(1000)).value(), 49u);  // index 49 is assigned afresh
    ExpectTreeMatchesDisk(*log);
  }
  // 2) Garbage after the last complete record.
  {
    std::ofstream out(seg, std::ios::binary | std::ios::app);
    out << "\x00\x00\x01\x00garbage that is not a record";
  }
  {
    auto log = OpenLog(Options(dir));
    EXPECT_EQ(log->Size(), 50u);
    EXPECT_EQ(log->RootAt(49).value(), roots[48]);
    ExpectTreeMatchesDisk(*log);
  }
  // 3) A zero-filled tail (as after a crash on some file systems).
  {
    std::ofstream out(seg, std::ios::binary | std::ios::app);
    out << std::string(4096, '\0');
  }
  auto log = OpenLog(Options(dir));
  EXPECT_EQ(log->Size(), 50u);
  EXPECT_EQ(log->Stats().truncated_tail_bytes, 4096u);
}

TEST(AuditLog, WriteFailureFailsClosedAndNeverReusesAnAcknowledgedIndex) {
  testing::TempDir dir;
  std::atomic<int> fail_writes{0}, fail_syncs{0}, fail_truncates{0};
  auto o = Options(dir);
  o.fault_hook = [&](IoStep step) -> int {
    if (step == IoStep::kWrite && fail_writes > 0) return --fail_writes, ENOSPC;
    if (step == IoStep::kSync && fail_syncs > 0) return --fail_syncs, EIO;
    if (step == IoStep::kTruncate && fail_truncates > 0) return --fail_truncates, EIO;
    return 0;
  };
  std::map<uint64_t, std::string> acknowledged;  // index → entry bytes
  auto append = [&](AuditLog& log, uint64_t id) {
    auto r = log.Append(SampleEvent(id));
    if (r.ok()) {
      EXPECT_FALSE(acknowledged.count(*r)) << "index " << *r << " handed out twice";
      acknowledged[*r] = EncodeEntry(SampleEvent(id));
    }
    return r;
  };
  {
    auto log = OpenLog(o);
    for (uint64_t i = 0; i < 10; ++i) ASSERT_TRUE(append(*log, i).ok());
    // A torn write (half a record reaches the file, then ENOSPC): the append fails closed.
    fail_writes = 1;
    auto r = append(*log, 100);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kUnavailable);
    EXPECT_EQ(r.error().code, "audit.log_unwritable");
    EXPECT_FALSE(r.error().message_zh.empty());
    EXPECT_TRUE(log->Healthy());  // the torn bytes were cut back
    EXPECT_EQ(log->Size(), 10u);
    // fdatasync failure: same outcome.
    fail_syncs = 1;
    EXPECT_EQ(append(*log, 101).error().kind, ErrorKind::kUnavailable);
    EXPECT_EQ(append(*log, 11).value(), 10u);
    ExpectTreeMatchesDisk(*log);
    // Now the repair fails too: the log stays unavailable.
    fail_writes = 1;
    fail_truncates = 100;
    EXPECT_FALSE(append(*log, 102).ok());
    EXPECT_FALSE(log->Healthy());
    EXPECT_EQ(append(*log, 103).error().kind, ErrorKind::kUnavailable);
    EXPECT_EQ(log->Stats().failed_entries, 4u);
  }
  // Restart: recovery cuts the torn record; every acknowledged index still holds its entry,
  // and new entries get fresh indexes.
  fail_truncates = 0;
  auto log = OpenLog(o);
  EXPECT_EQ(log->Size(), acknowledged.size());
  for (const auto& [index, bytes] : acknowledged) EXPECT_EQ(log->ReadEntry(index).value(), bytes);
  auto r = append(*log, 12);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, acknowledged.size() - 1);
  ExpectTreeMatchesDisk(*log);
}

TEST(AuditLog, SegmentsRollAndEntriesReadAcrossThem) {
  testing::TempDir dir;
  auto o = Options(dir);
  o.segment_max_bytes = 4096;
  TreeHead head;
  {
    auto log = OpenLog(o);
    for (uint64_t i = 0; i < 300; ++i) log->Append(SampleEvent(i)).value();
    head = log->Head();
  }
  const auto segs = Segments(o.directory);
  EXPECT_GT(segs.size(), 10u);
  for (const auto& s : segs) EXPECT_LE(fs::file_size(s), 4096u + 400u);
  auto log = OpenLog(o);
  EXPECT_EQ(log->Head().root, head.root);
  for (uint64_t i : {0, 1, 63, 64, 65, 150, 299}) {
    EXPECT_EQ(log->ReadEntry(i).value(), EncodeEntry(SampleEvent(i))) << i;
  }
  uint64_t next = 37;
  ASSERT_TRUE(log->ForEachEntry(37, 250,
                                [&](uint64_t idx, std::string_view e) {
                                  EXPECT_EQ(idx, next++);
                                  EXPECT_EQ(e, EncodeEntry(SampleEvent(idx)));
                                  return Ok();
                                })
                  .ok());
  EXPECT_EQ(next, 250u);
  EXPECT_FALSE(log->ReadEntry(300).ok());
  EXPECT_FALSE(log->ForEachEntry(10, 301, [](uint64_t, std::string_view) { return Ok(); }).ok());
}

TEST(AuditLog, DamageBeforeTheTailRefusesToOpen) {
  testing::TempDir dir;
  auto o = Options(dir);
  o.segment_max_bytes = 4096;
  {
    auto log = OpenLog(o);
    for (uint64_t i = 0; i < 100; ++i) log->Append(SampleEvent(i)).value();
  }
  const fs::path first = Segments(o.directory).front();
  {
    std::fstream f(first, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(200);
    f.put('\x5a');
  }
  auto r = AuditLog::Open(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "audit.log_corrupt");
  // A missing middle segment is detected too.
  testing::TempDir dir2;
  auto o2 = Options(dir2);
  o2.segment_max_bytes = 4096;
  {
    auto log = OpenLog(o2);
    for (uint64_t i = 0; i < 100; ++i) log->Append(SampleEvent(i)).value();
  }
  fs::remove(Segments(o2.directory)[1]);
  EXPECT_EQ(AuditLog::Open(o2).error().code, "audit.log_corrupt");
}

TEST(AuditLog, ClosedLogRefusesAppends) {
  testing::TempDir dir;
  auto log = OpenLog(Options(dir));
  log->Append(SampleEvent(0)).value();
  log->Close();
  auto r = log->Append(SampleEvent(1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kUnavailable);
  bool called = false;
  log->AppendAsync(SampleEvent(2), [&](Result<uint64_t> r2) { called = !r2.ok(); });
  EXPECT_TRUE(called);
  AuditEvent huge = SampleEvent(3);
  huge.purpose.assign(2 << 20, 'x');
  testing::TempDir dir2;
  EXPECT_EQ(OpenLog(Options(dir2))->Append(huge).error().code, "audit.entry_too_large");
}

// kill -9 while appending: every acknowledged entry survives with its index.
TEST(AuditLog, SurvivesKillNineWhileAppending) {
  testing::TempDir dir;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(fds[0]);
    auto log = AuditLog::Open(Options(dir));
    if (!log.ok()) ::_exit(2);
    std::vector<std::thread> threads;
    for (uint64_t t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (uint64_t seq = 0;; ++seq) {
          auto r = (*log)->Append(SampleEvent(t * 1'000'000 + seq));
          if (!r.ok()) ::_exit(3);
          uint64_t msg[2] = {*r, t * 1'000'000 + seq};
          if (::write(fds[1], msg, sizeof msg) != sizeof msg) ::_exit(4);
        }
      });
    }
    for (auto& th : threads) th.join();
    ::_exit(0);
  }
  ::close(fds[1]);
  std::map<uint64_t, uint64_t> acked;
  uint64_t msg[2];
  while (acked.size() < 3000 && ::read(fds[0], msg, sizeof msg) == sizeof msg)
    acked[msg[0]] = msg[1];
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  while (::read(fds[0], msg, sizeof msg) == sizeof msg) acked[msg[0]] = msg[1];
  ::close(fds[0]);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  ASSERT_GE(acked.size(), 3000u);

  auto log = OpenLog(Options(dir));
  ASSERT_GE(log->Size(), acked.rbegin()->first + 1);
  for (const auto& [index, id] : acked) {
    ASSERT_EQ(log->ReadEntry(index).value(), EncodeEntry(SampleEvent(id))) << index;
  }
  const uint64_t size = log->Size();
  EXPECT_EQ(log->Append(SampleEvent(42)).value(), size);
  ExpectTreeMatchesDisk(*log);
}

}  // namespace
}  // namespace gongshu::audit
