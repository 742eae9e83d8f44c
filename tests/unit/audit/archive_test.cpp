// Archive export and offline verification: genuine archives verify; any single-byte change
// fails with a message that names what failed.
#include "audit/archive.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <thread>

#include "audit/signed_note.h"
#include "audit/witness.h"
#include "audit_test_util.h"
#include "core/encoding.h"
#include "support/temp_dir.h"

namespace gongshu::audit {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;
using testutil::SampleAdminEvent;
using testutil::SampleEvent;

constexpr std::string_view kOrigin = "gongshu.test/audit";

// A log of 45 entries with checkpoints at 12, 30 and 45, the last two cosigned by a witness.
class ArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AuditLogOptions o;
    o.directory = dir_.path() / "audit";
    o.origin = std::string(kOrigin);
    log_ = AuditLog::Open(o).value();
    auto log_key =
        NoteSigner::LoadOrCreate(dir_.path() / "keys" / "log.key", std::string(kOrigin)).value();
    auto witness_key = NoteSigner::Generate("witness.test/w1", NoteKeyType::kCosignatureV1).value();
    witness_vkey_ = witness_key.VerifierKey();
    witness_ = Witness::Open(std::move(witness_key), {dir_.path() / "w1.state", log_key.Verifier(),
                                                      "", HashAlgorithm::kSha256, &clock_})
                   .value();
    CheckpointerOptions co;
    co.clock = &clock_;
    co.witnesses = {witness_->Verifier()};
    log_vkey_ = log_key.VerifierKey();
    checkpointer_ = Checkpointer::Open(*log_, std::move(log_key), co).value();
    uint64_t cosigned = 0;
    for (uint64_t size : {12, 30, 45}) {
      while (log_->Size() < size) {
        const uint64_t i = log_->Size();
        log_->Append(i % 9 == 4 ? SampleAdminEvent(i) : SampleEvent(i)).value();
      }
      clock_.Advance(seconds(61));
      auto cp = checkpointer_->Tick(true).value().value();
      if (size >= 30) {
        auto proof =
            cosigned == 0 ? std::vector<Hash>{} : log_->ConsistencyProof(cosigned, size).value();
        auto line = witness_->Cosign(cp.note, proof).value();
        ASSERT_TRUE(checkpointer_->AddCosignature(size, line).ok());
        cosigned = size;
      }
    }
  }

  fs::path Export(uint64_t start, uint64_t end, const std::string& name = "a.gsaudit") {
    fs::path p = dir_.path() / name;
    Status s = ExportArchive(*checkpointer_, {p, start, end});
    EXPECT_TRUE(s.ok()) << s.error().message;
    return p;
  }
  fs::path WriteVariant(const std::string& content) {
    fs::path p = dir_.path() / "variant.gsaudit";
    dir_.Write("variant.gsaudit", content);
    return p;
  }
  static std::string AllProblems(const ArchiveReport& r) {
    std::string s;
    for (const auto& p : r.problems) s += p.message + "\n";
    return s;
  }
  // Replaces the `field`-th space-separated field of the first line starting with `prefix`.
  static std::string EditField(std::string archive, const std::string& prefix, size_t field,
                               const std::function<std::string(std::string)>& edit) {
    size_t pos = archive.find("\n" + prefix);
    EXPECT_NE(pos, std::string::npos) << prefix;
    pos += 1;
    const size_t end = archive.find('\n', pos);
    std::string line = archive.substr(pos, end - pos);
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string t; std::getline(ss, t, ' ');) f.push_back(t);
    f[field] = edit(f[field]);
    std::string rebuilt;
    for (size_t i = 0; i < f.size(); ++i) rebuilt += (i ? " " : "") + f[i];
    return archive.replace(pos, end - pos, rebuilt);
  }
  static std::string FlipBase64Byte(const std::string& b64, size_t index) {
    std::string raw = Base64Decode(b64).value();
    raw[index % raw.size()] ^= 0x01;
    return Base64Encode(raw);
  }

  testing::TempDir dir_;
  ManualClock clock_{TimePoint(seconds(1'764'000'000))};
  std::unique_ptr<AuditLog> log_;
  std::unique_ptr<Witness> witness_;
  std::unique_ptr<Checkpointer> checkpointer_;
  std::string log_vkey_;
  std::string witness_vkey_;
};

TEST_F(ArchiveTest, GenuineArchiveVerifies) {
  const fs::path p = Export(15, 28);
  const std::string text = testing::ReadFile(p);
  EXPECT_TRUE(text.starts_with(
      "gongshu-audit-archive 1\norigin gongshu.test/audit\nhash sha256\nrange 15 28\n"));
  EXPECT_NE(text.find("\nconsistency 12 30 "), std::string::npos);
  EXPECT_NE(text.find("\nconsistency 30 45 "), std::string::npos);
  EXPECT_TRUE(text.ends_with("\nend 13\n"));

  ArchiveReport r = VerifyArchive(p);
  EXPECT_TRUE(r.ok()) << r.Summary();
  EXPECT_EQ(r.origin, kOrigin);
  EXPECT_EQ(r.start, 15u);
  EXPECT_EQ(r.end, 28u);
  EXPECT_EQ(r.entries_verified, 13u);
  EXPECT_EQ(r.checkpoints_verified, 3u);
  EXPECT_EQ(r.consistency_proofs_verified, 2u);
  EXPECT_EQ(r.cosignatures_verified, 2u);
  EXPECT_FALSE(r.notes.empty()) << "unpinned log key is reported";
  EXPECT_NE(r.Summary().find("result: OK"), std::string::npos);

  ArchiveVerifyOptions pinned;
  pinned.trusted_log_keys = {log_vkey_};
  pinned.trusted_witness_keys = {witness_vkey_};
  pinned.min_cosignatures = 1;
  EXPECT_TRUE(VerifyArchive(p, pinned).ok()) << VerifyArchive(p, pinned).Summary();

  // Whole log, and a range ending exactly at a checkpoint.
  EXPECT_TRUE(VerifyArchive(Export(0, 45, "all.gsaudit")).ok());
  EXPECT_TRUE(VerifyArchive(Export(0, 12, "first.gsaudit")).ok());
}

TEST_F(ArchiveTest, PinnedKeysAndQuorumAreEnforced) {
  const fs::path p = Export(15, 28);
  ArchiveVerifyOptions wrong_log;
  wrong_log.trusted_log_keys = {NoteSigner::Generate(std::string(kOrigin)).value().VerifierKey()};
  ArchiveReport r = VerifyArchive(p, wrong_log);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problems[0].code, "audit.archive_key_untrusted");

  ArchiveVerifyOptions quorum;
  quorum.min_cosignatures = 2;
  r = VerifyArchive(p, quorum);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(AllProblems(r).find("1 trusted cosignature(s), 2 required"), std::string::npos);

  ArchiveVerifyOptions other_witness;
  other_witness.trusted_witness_keys = {
      NoteSigner::Generate("witness.test/w9", NoteKeyType::kCosignatureV1).value().VerifierKey()};
  other_witness.min_cosignatures = 1;
  EXPECT_FALSE(VerifyArchive(p, other_witness).ok());
}

TEST_F(ArchiveTest, EachByteClassNamesWhatFailed) {
  const std::string good = testing::ReadFile(Export(15, 28));
  struct Case {
    std::string name;
    std::string archive;
    std::string expect;  // substring of some problem message
  };
  std::vector<Case> cases;
  // Entry bytes (a flipped byte changes the leaf hash, and may break the entry's decoding).
  cases.push_back(
      {"entry",
       EditField(good, "entry 17 ", 2, [](std::string f) { return FlipBase64Byte(f, 40); }),
       "entry 17: leaf hash not included in checkpoint size 30"});
  // Inclusion proof.
  cases.push_back(
      {"inclusion proof",
       EditField(good, "entry 20 ", 4, [](std::string f) { return FlipBase64Byte(f, 70); }),
       "entry 20: leaf hash not included in checkpoint size 30"});
  cases.push_back({"proof length",
                   EditField(good, "entry 21 ", 4,
                             [](std::string f) {
                               std::string raw = Base64Decode(f).value();
                               return Base64Encode(raw.substr(32));
                             }),
                   "entry 21: inclusion proof malformed"});
  cases.push_back({"tree size of an entry",
                   EditField(good, "entry 22 ", 3, [](std::string) { return "31"; }),
                   "entry 22: refers to tree size 31"});
  // Consistency proof.
  cases.push_back(
      {"consistency proof",
       EditField(good, "consistency 12 30 ", 3, [](std::string f) { return FlipBase64Byte(f, 5); }),
       "consistency 12 -> 30"});
  // Checkpoint body (the signed text: its root hash).
  auto edit_note = [&](const std::function<void(SignedNote&)>& edit) {
    return EditField(good, "checkpoint ", 1, [&](std::string f) {
      SignedNote note = ParseSignedNote(Base64Decode(f).value()).value();
      edit(note);
      return Base64Encode(note.Serialize());
    });
  };
  cases.push_back({"checkpoint root", edit_note([](SignedNote& n) {
                     n.text[n.text.size() - 5] = n.text[n.text.size() - 5] == 'A' ? 'B' : 'A';
                   }),
                   "checkpoint size 12: log signature does not verify"});
  // Log signature and witness cosignature bytes.
  cases.push_back({"log signature",
                   edit_note([](SignedNote& n) { n.signatures[0].signature[10] ^= 0x01; }),
                   "checkpoint size 12: log signature does not verify"});
  std::string cosig = EditField(good, "checkpoint ", 1, [](std::string f) { return f; });
  {
    // The cosigned 45 checkpoint is the third checkpoint line.
    size_t pos = good.find("\ncheckpoint ");
    pos = good.find("\ncheckpoint ", pos + 1);
    pos = good.find("\ncheckpoint ", pos + 1) + 1;
    const size_t end = good.find('\n', pos);
    SignedNote n =
        ParseSignedNote(Base64Decode(good.substr(pos + 11, end - pos - 11)).value()).value();
    ASSERT_EQ(n.signatures.size(), 2u);
    n.signatures[1].signature[20] ^= 0x01;
    cosig = good.substr(0, pos) + "checkpoint " + Base64Encode(n.Serialize()) + good.substr(end);
  }
  cases.push_back(
      {"cosignature", cosig, "checkpoint size 45: cosignature by witness.test/w1 does not verify"});
  // Structure.
  std::string missing = good;
  {
    const size_t pos = missing.find("\nentry 19 ") + 1;
    missing.erase(pos, missing.find('\n', pos) - pos + 1);
  }
  cases.push_back({"missing entry", missing, "entry 19: line"});
  cases.push_back(
      {"truncated", good.substr(0, good.rfind("end ")), "archive is truncated: no end line"});
  cases.push_back({"range", EditField(good, "range ", 2, [](std::string) { return "29"; }),
                   "entries 28..28 are missing"});
  cases.push_back({"key",
                   EditField(good, "log-key ", 1,
                             [](std::string f) {
                               f[f.size() - 3] = f[f.size() - 3] == 'A' ? 'B' : 'A';
                               return f;
                             }),
                   "log key"});

  for (const Case& c : cases) {
    ArchiveReport r = VerifyArchive(WriteVariant(c.archive));
    EXPECT_FALSE(r.ok()) << c.name;
    EXPECT_NE(AllProblems(r).find(c.expect), std::string::npos)
        << c.name << ": expected a problem containing '" << c.expect << "', got:\n"
        << r.Summary();
  }
}

TEST_F(ArchiveTest, EverySingleByteChangeIsDetected) {
  // Range [31, 33): two checkpoints (30 and the cosigned 45), one consistency proof, two entries,
  // so every line type is present.
  const std::string good = testing::ReadFile(Export(31, 33, "small.gsaudit"));
  {
    std::istringstream in(good);
    ASSERT_TRUE(VerifyArchive(in).ok());
  }
  // Flip the low bit of every byte, and the high bit of every third byte (two threads).
  std::atomic<size_t> checked{0};
  std::vector<std::string> undetected[2];
  auto run = [&](int part) {
    for (size_t i = static_cast<size_t>(part); i < good.size(); i += 2) {
      for (unsigned char mask : {0x01, 0x80}) {
        if (mask == 0x80 && i % 3 != 0) continue;
        std::string bad = good;
        bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ mask);
        std::istringstream in(bad);
        ArchiveReport r = VerifyArchive(in);
        if (r.ok() || r.problems[0].message.empty()) {
          undetected[part].push_back("byte " + std::to_string(i) + " ^ " + std::to_string(mask));
        }
        ++checked;
      }
    }
  };
  std::thread t0(run, 0), t1(run, 1);
  t0.join();
  t1.join();
  EXPECT_TRUE(undetected[0].empty() && undetected[1].empty())
      << (undetected[0].empty() ? undetected[1][0] : undetected[0][0]);
  EXPECT_GT(checked.load(), good.size());
}

TEST_F(ArchiveTest, ExportRefusesRangesNotYetCheckpointed) {
  log_->Append(SampleEvent(999)).value();  // entry 45, not in any checkpoint yet
  EXPECT_EQ(ExportArchive(*checkpointer_, {dir_.path() / "x", 40, 46}).error().code,
            "audit.range_not_checkpointed");
  EXPECT_EQ(ExportArchive(*checkpointer_, {dir_.path() / "x", 10, 10}).error().code,
            "audit.range_invalid");
  EXPECT_EQ(ExportArchive(*checkpointer_, {dir_.path() / "x", 10, 47}).error().code,
            "audit.range_invalid");
  EXPECT_FALSE(fs::exists(dir_.path() / "x"));
}

TEST(ArchiveVerify, RejectsNonArchives) {
  testing::TempDir dir;
  EXPECT_FALSE(VerifyArchive(dir.path() / "missing").ok());
  EXPECT_FALSE(VerifyArchive(dir.Write("x", "hello\n")).ok());
  EXPECT_FALSE(VerifyArchive(dir.Write("y", "")).ok());
}

}  // namespace
}  // namespace gongshu::audit
