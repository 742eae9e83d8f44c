// Checkpointer and Witness: signing, persistence, refusal to sign inconsistent checkpoints,
// cosignatures, split-view protection.
#include "audit/checkpointer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "audit/merkle_proof.h"
#include "audit/signed_note.h"
#include "audit/witness.h"
#include "audit_test_util.h"
#include "support/temp_dir.h"

namespace gongshu::audit {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;
using testutil::SampleEvent;

constexpr std::string_view kOrigin = "gongshu.test/audit";

struct Fixture {
  explicit Fixture(NoteKeyType type = NoteKeyType::kEd25519,
                   HashAlgorithm hash = HashAlgorithm::kSha256)
      : clock(TimePoint(seconds(1'764'000'000))) {
    options.directory = dir.path() / "audit";
    options.origin = std::string(kOrigin);
    options.hash = hash;
    log = AuditLog::Open(options).value();
    signer_file = dir.path() / "keys" / "audit-log.key";
    key_type = type;
  }
  std::unique_ptr<Checkpointer> Open(CheckpointerOptions o = {}) {
    o.clock = &clock;
    auto signer = NoteSigner::LoadOrCreate(signer_file, std::string(kOrigin), key_type);
    EXPECT_TRUE(signer.ok()) << signer.error().message;
    auto cp = Checkpointer::Open(*log, std::move(*signer), std::move(o));
    EXPECT_TRUE(cp.ok()) << cp.error().message;
    return cp.ok() ? std::move(*cp) : nullptr;
  }
  void Append(uint64_t n) {
    for (uint64_t i = 0; i < n; ++i) log->Append(SampleEvent(log->Size())).value();
  }
  void Reopen() {
    log.reset();
    log = AuditLog::Open(options).value();
  }

  testing::TempDir dir;
  ManualClock clock;
  AuditLogOptions options;
  std::unique_ptr<AuditLog> log;
  fs::path signer_file;
  NoteKeyType key_type;
};

StoredCheckpoint MustTick(Checkpointer& cp, bool force = true) {
  auto r = cp.Tick(force);
  EXPECT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r.ok() && r->has_value());
  return r.ok() && r->has_value() ? **r : StoredCheckpoint{};
}

void ExpectSignedBy(const StoredCheckpoint& cp, const NoteVerifier& key) {
  auto note = ParseSignedNote(cp.note);
  ASSERT_TRUE(note.ok());
  std::vector<NoteVerifier> keys{key};
  EXPECT_TRUE(VerifySignedNote(*note, keys).ok());
  EXPECT_EQ(ParseCheckpointBody(note->text).value(), cp.checkpoint);
}

TEST(Checkpointer, SignsEd25519AndSm2CheckpointsOfTheHead) {
  for (NoteKeyType type : {NoteKeyType::kEd25519, NoteKeyType::kSm2}) {
    SCOPED_TRACE(std::string(NoteKeyTypeName(type)));
    Fixture f(type, type == NoteKeyType::kSm2 ? HashAlgorithm::kSm3 : HashAlgorithm::kSha256);
    auto cp = f.Open();
    EXPECT_FALSE(cp->Tick(true).value().has_value()) << "the empty tree is not signed";
    f.Append(10);
    StoredCheckpoint c = MustTick(*cp);
    EXPECT_EQ(c.checkpoint.origin, kOrigin);
    EXPECT_EQ(c.checkpoint.size, 10u);
    EXPECT_EQ(c.checkpoint.root, f.log->Head().root);
    ExpectSignedBy(c, cp->LogVerifier());
    EXPECT_EQ(testing::ReadFile(f.options.directory / "checkpoint"), c.note);
  }
}

TEST(Checkpointer, RateLimitsWithTheClockAndPersistsAcrossRestarts) {
  Fixture f;
  CheckpointerOptions o;
  o.interval = milliseconds(500);
  o.history_interval = seconds(60);
  auto cp = f.Open(o);
  f.Append(3);
  EXPECT_EQ(MustTick(*cp, false).checkpoint.size, 3u);
  f.Append(2);
  EXPECT_EQ(MustTick(*cp, false).checkpoint.size, 3u) << "interval not elapsed";
  f.clock.Advance(milliseconds(499));
  EXPECT_EQ(MustTick(*cp, false).checkpoint.size, 3u);
  f.clock.Advance(milliseconds(1));
  EXPECT_EQ(MustTick(*cp, false).checkpoint.size, 5u);
  f.clock.Advance(seconds(10));
  EXPECT_EQ(MustTick(*cp, false).checkpoint.size, 5u) << "no growth, no new checkpoint";
  EXPECT_EQ(cp->store().HistorySize(), 1u) << "history keeps one per minute";
  f.Append(1);
  f.clock.Advance(seconds(60));
  EXPECT_EQ(MustTick(*cp, false).checkpoint.size, 6u);
  EXPECT_EQ(cp->store().HistorySize(), 2u);

  const auto latest = cp->Latest();
  cp.reset();
  f.Reopen();
  auto again = f.Open(o);
  ASSERT_TRUE(again->Latest().has_value());
  EXPECT_EQ(again->Latest()->note, latest->note);
  EXPECT_EQ(again->store().FindAtLeast(4).value()->checkpoint.size, 6u);
  EXPECT_EQ(again->store().FindAtLeast(3).value()->checkpoint.size, 3u);
  EXPECT_EQ(again->store().FindAtMost(5).value()->checkpoint.size, 3u);
  EXPECT_FALSE(again->store().FindAtLeast(7).value().has_value());
}

TEST(Checkpointer, BackgroundThreadCoversEveryEntryWithinTheInterval) {
  Fixture f;
  CheckpointerOptions o;
  o.interval = milliseconds(50);
  auto signer = NoteSigner::Generate(std::string(kOrigin)).value();
  auto cp = Checkpointer::Open(*f.log, std::move(signer), o).value();  // system clock
  cp->Start();
  for (int round = 0; round < 5; ++round) {
    f.Append(7);
    auto covering = cp->WaitForCheckpoint(f.log->Size(), seconds(10));
    ASSERT_TRUE(covering.has_value());
    EXPECT_GE(covering->checkpoint.size, f.log->Size());
  }
  cp->Stop();
  EXPECT_TRUE(cp->Health().ok());
}

TEST(Checkpointer, NeverSignsASmallerOrForkedTree) {
  Fixture f;
  {
    auto cp = f.Open();
    f.Append(20);
    MustTick(*cp);
  }
  // The log loses its last entries (e.g. an old backup restored): nothing smaller is signed.
  const fs::path seg = fs::directory_iterator(f.options.directory / "segments")->path();
  f.log.reset();
  fs::resize_file(seg, fs::file_size(seg) - 3);  // torn: entry 19 is cut at recovery
  f.log = AuditLog::Open(f.options).value();
  ASSERT_EQ(f.log->Size(), 19u);
  auto cp = f.Open();
  EXPECT_EQ(cp->Health().error().code, "audit.checkpoint_regression");
  auto r = cp->Tick(true);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "audit.checkpoint_regression");
  // Growing past the old size with different entries is a fork, also refused.
  for (uint64_t i = 0; i < 5; ++i) f.log->Append(SampleEvent(5000 + i)).value();
  cp.reset();
  auto cp2 = f.Open();
  auto r2 = cp2->Tick(true);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().code, "audit.checkpoint_fork");
  EXPECT_EQ(cp2->Latest()->checkpoint.size, 20u) << "the signed checkpoint is unchanged";
  EXPECT_FALSE(cp2->Health().ok());
}

TEST(Checkpointer, RefusesAKeyThatDidNotSignTheStoredCheckpoint) {
  Fixture f;
  {
    auto cp = f.Open();
    f.Append(2);
    MustTick(*cp);
  }
  fs::remove(f.signer_file);
  auto other = NoteSigner::Generate(std::string(kOrigin)).value();
  auto r = Checkpointer::Open(*f.log, std::move(other), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "audit.key_mismatch");
  auto wrong_name = Checkpointer::Open(*f.log, NoteSigner::Generate("other.test/log").value(), {});
  EXPECT_FALSE(wrong_name.ok());
}

struct WitnessFixture {
  WitnessFixture(const testing::TempDir& dir, const NoteVerifier& log_key, std::string name)
      : clock(TimePoint(seconds(1'764'000'000))) {
    WitnessOptions o{dir.path() / (name + ".state"), log_key, "", HashAlgorithm::kSha256, &clock};
    auto key = NoteSigner::LoadOrCreate(dir.path() / (name + ".key"), "witness.test/" + name,
                                        NoteKeyType::kCosignatureV1);
    witness = Witness::Open(std::move(*key), o).value();
  }
  ManualClock clock;
  std::unique_ptr<Witness> witness;
};

TEST(Witness, CosignsConsistentCheckpointsAndTheLogStoresTheCosignatures) {
  Fixture f;
  WitnessFixture w(f.dir,
                   NoteSigner::LoadOrCreate(f.signer_file, std::string(kOrigin)).value().Verifier(),
                   "w1");
  CheckpointerOptions o;
  o.witnesses = {w.witness->Verifier()};
  auto cp = f.Open(o);

  f.Append(5);
  StoredCheckpoint c1 = MustTick(*cp);
  auto line1 = w.witness->Cosign(c1.note, {});  // first sight: trusted as is
  ASSERT_TRUE(line1.ok()) << line1.error().message;
  ASSERT_TRUE(cp->AddCosignature(5, *line1).ok());

  f.Append(9);
  StoredCheckpoint c2 = MustTick(*cp);
  auto proof = f.log->ConsistencyProof(5, 14).value();
  auto line2 = w.witness->Cosign(c2.note, proof);
  ASSERT_TRUE(line2.ok()) << line2.error().message;
  ASSERT_TRUE(cp->AddCosignature(14, *line2).ok());
  EXPECT_EQ(w.witness->Latest()->size, 14u);

  // The latest checkpoint now carries the log signature and the cosignature.
  auto note = ParseSignedNote(cp->Latest()->note).value();
  ASSERT_EQ(note.signatures.size(), 2u);
  std::vector<NoteVerifier> keys{cp->LogVerifier(), w.witness->Verifier()};
  auto verified = VerifySignedNote(note, keys).value();
  EXPECT_TRUE(verified[0] && verified[1]);
  EXPECT_EQ(NoteVerifier::CosignatureTimestamp(note.signatures[1].signature), 1'764'000'000u);
  // Re-cosigning the same size is idempotent (same root, empty proof).
  w.clock.Advance(seconds(5));
  auto again = w.witness->Cosign(c2.note, {});
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(cp->AddCosignature(14, *again).ok());
  EXPECT_EQ(ParseSignedNote(cp->Latest()->note).value().signatures.size(), 2u)
      << "replaced, not duplicated";
  // Cosigned checkpoints are retained in the history, older ones too.
  EXPECT_TRUE(cp->store().FindExact(5).value().has_value());
  EXPECT_EQ(ParseSignedNote(cp->store().FindExact(5).value()->note).value().signatures.size(), 2u);

  // Rejections by the log: unknown witness, bad cosignature, unknown checkpoint.
  auto stranger = NoteSigner::Generate("stranger.test/w", NoteKeyType::kCosignatureV1).value();
  EXPECT_EQ(
      cp->AddCosignature(14, stranger.SignatureLine(c2.checkpoint.Body(), 1).value()).error().code,
      "audit.cosignature_unknown_witness");
  EXPECT_EQ(cp->AddCosignature(5, *line2).error().code, "audit.cosignature_invalid");
  EXPECT_EQ(cp->AddCosignature(6, *line2).error().code, "audit.checkpoint_unknown");
}

TEST(Witness, RefusesBadSignaturesRollbacksAndInconsistentCheckpoints) {
  Fixture f;
  auto log_signer = NoteSigner::LoadOrCreate(f.signer_file, std::string(kOrigin)).value();
  WitnessFixture w(f.dir, log_signer.Verifier(), "w1");
  f.Append(8);
  const Hash root8 = f.log->Head().root;
  const std::string cp8 = SignCheckpoint({std::string(kOrigin), 8, root8}, log_signer).value();
  ASSERT_TRUE(w.witness->Cosign(cp8, {}).ok());

  f.Append(8);
  const Hash root16 = f.log->Head().root;
  const std::string cp16 = SignCheckpoint({std::string(kOrigin), 16, root16}, log_signer).value();
  const auto proof = f.log->ConsistencyProof(8, 16).value();

  // Signed by someone else.
  auto impostor = NoteSigner::Generate(std::string(kOrigin)).value();
  auto forged = SignCheckpoint({std::string(kOrigin), 16, root16}, impostor).value();
  EXPECT_EQ(w.witness->Cosign(forged, proof).error().code, "audit.witness_bad_signature");
  // Wrong origin.
  auto other_origin = NoteSigner::Generate("other.test/audit").value();
  EXPECT_EQ(
      w.witness
          ->Cosign(SignCheckpoint({"other.test/audit", 16, root16}, other_origin).value(), proof)
          .error()
          .code,
      "audit.witness_wrong_origin");
  // A tree that does not extend the cosigned one (fork).
  Hash fake = root16;
  fake[0] ^= 1;
  auto fork = SignCheckpoint({std::string(kOrigin), 16, fake}, log_signer).value();
  EXPECT_EQ(w.witness->Cosign(fork, proof).error().code, "audit.witness_inconsistent");
  // A bad proof.
  auto bad_proof = proof;
  bad_proof[0][3] ^= 0x40;
  EXPECT_EQ(w.witness->Cosign(cp16, bad_proof).error().code, "audit.witness_inconsistent");
  EXPECT_EQ(w.witness->Latest()->size, 8u) << "nothing recorded on failure";
  // The honest extension is accepted; afterwards the smaller one is a rollback.
  ASSERT_TRUE(w.witness->Cosign(cp16, proof).ok());
  EXPECT_EQ(w.witness->Cosign(cp8, {}).error().code, "audit.witness_rollback");
  auto same_size_fork = SignCheckpoint({std::string(kOrigin), 16, fake}, log_signer).value();
  EXPECT_EQ(w.witness->Cosign(same_size_fork, {}).error().code, "audit.witness_fork");

  // The state survives a restart of the witness.
  WitnessFixture restarted(f.dir, log_signer.Verifier(), "w1");
  EXPECT_EQ(restarted.witness->Latest()->size, 16u);
  EXPECT_EQ(restarted.witness->Cosign(fork, {}).error().code, "audit.witness_fork");
}

TEST(Witness, SplitViewCannotGatherCosignaturesOnBothBranches) {
  // R-LOG-08: a log shows branch A to witness 1 and branch B to witness 2. Each witness cosigns
  // what it saw first, then refuses the other branch, so no branch reaches a quorum of two.
  Fixture f;
  auto log_signer = NoteSigner::LoadOrCreate(f.signer_file, std::string(kOrigin)).value();
  WitnessFixture w1(f.dir, log_signer.Verifier(), "w1");
  WitnessFixture w2(f.dir, log_signer.Verifier(), "w2");
  MerkleTree a, b;
  for (int i = 0; i < 10; ++i) {
    a.AppendEntry("common " + std::to_string(i));
    b.AppendEntry("common " + std::to_string(i));
  }
  const std::string base = SignCheckpoint({std::string(kOrigin), 10, a.Root()}, log_signer).value();
  ASSERT_TRUE(w1.witness->Cosign(base, {}).ok());
  ASSERT_TRUE(w2.witness->Cosign(base, {}).ok());
  for (int i = 0; i < 5; ++i) {
    a.AppendEntry("branch A " + std::to_string(i));
    b.AppendEntry("branch B " + std::to_string(i));
  }
  const std::string ca = SignCheckpoint({std::string(kOrigin), 15, a.Root()}, log_signer).value();
  const std::string cb = SignCheckpoint({std::string(kOrigin), 15, b.Root()}, log_signer).value();
  ASSERT_TRUE(w1.witness->Cosign(ca, a.ConsistencyProof(10, 15).value()).ok());
  ASSERT_TRUE(w2.witness->Cosign(cb, b.ConsistencyProof(10, 15).value()).ok());
  EXPECT_FALSE(w1.witness->Cosign(cb, b.ConsistencyProof(10, 15).value()).ok());
  EXPECT_FALSE(w2.witness->Cosign(ca, a.ConsistencyProof(10, 15).value()).ok());
}

}  // namespace
}  // namespace gongshu::audit
