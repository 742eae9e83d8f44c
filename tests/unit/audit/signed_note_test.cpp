// C2SP signed notes, checkpoints and keys: interop vectors (Go sumdb/note, a real witnessed CT
// checkpoint), Ed25519 and SM2 signing, strict parsing and tamper detection.
#include "audit/signed_note.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/json.hpp>

#include "audit/checkpoint.h"
#include "audit/internal/bytes.h"
#include "audit/note_signer.h"
#include "audit/note_verifier.h"
#include "support/temp_dir.h"

namespace gongshu::audit {
namespace {

// golang.org/x/mod/sumdb/note: the package documentation's example key and signed note.
constexpr std::string_view kGoSignerKey =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr std::string_view kGoVerifierKey =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr std::string_view kGoText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr std::string_view kGoSignatureLine =
    "\xe2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

// A checkpoint of the arche2025h1.staging.ct.transparency.dev log, signed by the log (a type
// 0x05 RFC 6962 signature and an Ed25519 one) and cosigned by four public witnesses.
constexpr std::string_view kWitnessedCheckpoint =
    "arche2025h1.staging.ct.transparency.dev\n"
    "1432088532\n"
    "U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=\n"
    "\n"
    "\xe2\x80\x94 arche2025h1.staging.ct.transparency.dev "
    "zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFb"
    "on5Ch9MNL5zRNZ55lvGt0=\n"
    "\xe2\x80\x94 arche2025h1.staging.ct.transparency.dev "
    "ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=\n"
    "\xe2\x80\x94 transparency.dev/DEV:witness-little-garden "
    "2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/"
    "KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==\n"
    "\xe2\x80\x94 witness1.smartit.nu/witness1 "
    "pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/"
    "iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==\n"
    "\xe2\x80\x94 remora.n621.de "
    "2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/"
    "zZ0WBxtqB0DrAWfBw==\n"
    "\xe2\x80\x94 witness.stagemole.eu "
    "Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/"
    "2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==\n";
constexpr std::string_view kArcheLogKey =
    "arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f";
constexpr std::string_view kRemoraWitnessKey =
    "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2";

TEST(SignedNote, ReproducesGoSumdbNoteSignatureExactly) {
  auto signer = NoteSigner::Parse(kGoSignerKey);
  ASSERT_TRUE(signer.ok()) << signer.error().message;
  EXPECT_EQ(signer->VerifierKey(), kGoVerifierKey);
  EXPECT_EQ(signer->PrivateKey(), kGoSignerKey);
  EXPECT_EQ(signer->SignatureLine(kGoText).value(), kGoSignatureLine);

  auto verifier = NoteVerifier::Parse(kGoVerifierKey);
  ASSERT_TRUE(verifier.ok());
  std::string note = std::string(kGoText) + "\n" + std::string(kGoSignatureLine);
  auto parsed = ParseSignedNote(note);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->Serialize(), note);
  std::vector<NoteVerifier> vs{*verifier};
  EXPECT_TRUE(VerifySignedNote(*parsed, vs).ok());
  parsed->text[3] = 'Y';
  EXPECT_FALSE(VerifySignedNote(*parsed, vs).ok());
}

TEST(SignedNote, VerifiesARealWitnessedCheckpoint) {
  auto note = ParseSignedNote(kWitnessedCheckpoint);
  ASSERT_TRUE(note.ok()) << note.error().message;
  EXPECT_EQ(note->signatures.size(), 6u);
  EXPECT_EQ(note->Serialize(), kWitnessedCheckpoint);
  auto cp = ParseCheckpointBody(note->text);
  ASSERT_TRUE(cp.ok());
  EXPECT_EQ(cp->size, 1432088532u);
  EXPECT_EQ(cp->Body(), note->text);

  auto log_key = NoteVerifier::Parse(kArcheLogKey);
  auto witness_key = NoteVerifier::Parse(kRemoraWitnessKey);
  ASSERT_TRUE(log_key.ok() && witness_key.ok());
  EXPECT_EQ(witness_key->type(), NoteKeyType::kCosignatureV1);
  std::vector<NoteVerifier> both{*log_key, *witness_key};
  auto verified = VerifySignedNote(*note, both);
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_TRUE((*verified)[0]);  // Ed25519 log signature
  EXPECT_TRUE((*verified)[1]);  // cosignature/v1 (the unknown 0x05 signature is ignored)

  // Changing the tree size breaks both signatures.
  auto forged = *note;
  forged.text = Checkpoint{cp->origin, 42, cp->root}.Body();
  EXPECT_FALSE(VerifySignedNote(forged, both).ok());
}

TEST(SignedNote, Ed25519AndSm2SignVerifyAndRejectTampering) {
  for (NoteKeyType type : {NoteKeyType::kEd25519, NoteKeyType::kSm2}) {
    SCOPED_TRACE(std::string(NoteKeyTypeName(type)));
    auto signer = NoteSigner::Generate("gongshu.example/audit", type);
    ASSERT_TRUE(signer.ok()) << signer.error().message;
    Checkpoint cp{"gongshu.example/audit", 12345, TreeHasher().Digest("root")};
    auto note_text = SignCheckpoint(cp, *signer);
    ASSERT_TRUE(note_text.ok());
    auto verifier = NoteVerifier::Parse(signer->VerifierKey());
    ASSERT_TRUE(verifier.ok()) << verifier.error().message;
    EXPECT_EQ(verifier->key_id(), signer->key_id());
    std::vector<NoteVerifier> vs{*verifier};
    auto note = ParseSignedNote(*note_text);
    ASSERT_TRUE(note.ok());
    EXPECT_TRUE(VerifySignedNote(*note, vs).ok());
    EXPECT_EQ(ParseCheckpointBody(note->text).value(), cp);
    // Re-parsing the private key gives the same signer.
    auto again = NoteSigner::Parse(signer->PrivateKey());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->VerifierKey(), signer->VerifierKey());

    // Every single-byte change of the serialized note is rejected: either it no longer parses
    // as a checkpoint note, or its signature fails, or no known key signed it.
    const std::string& original = *note_text;
    for (size_t i = 0; i < original.size(); ++i) {
      std::string bad = original;
      bad[i] = static_cast<char>(bad[i] ^ 0x01);
      auto parsed = ParseSignedNote(bad);
      bool accepted = parsed.ok() && ParseCheckpointBody(parsed->text).ok() &&
                      VerifySignedNote(*parsed, vs).ok();
      EXPECT_FALSE(accepted) << "byte " << i;
    }
  }
}

TEST(SignedNote, Sm2UsesTheExplicitDistinguishingId) {
  auto signer = NoteSigner::Generate("gongshu.example/sm2", NoteKeyType::kSm2);
  ASSERT_TRUE(signer.ok());
  auto sig = signer->Sign("message\n");
  ASSERT_TRUE(sig.ok());
  EXPECT_TRUE(signer->Verifier().Verify("message\n", *sig));
  EXPECT_FALSE(signer->Verifier().Verify("messagf\n", *sig));
  // Signatures are randomized (fresh k), both verify.
  auto sig2 = signer->Sign("message\n");
  EXPECT_NE(*sig, *sig2);
  EXPECT_TRUE(signer->Verifier().Verify("message\n", *sig2));
  // An Ed25519 verifier with the same name never matches the SM2 key id.
  auto ed = NoteSigner::Generate("gongshu.example/sm2");
  EXPECT_NE(ed->key_id(), signer->key_id());
}

TEST(SignedNote, CosignatureV1RoundTrip) {
  auto witness = NoteSigner::Generate("witness.example/w1", NoteKeyType::kCosignatureV1);
  ASSERT_TRUE(witness.ok());
  const std::string text = Checkpoint{"log.example", 7, TreeHasher().Digest("x")}.Body();
  auto sig = witness->Sign(text, 1700000000);
  ASSERT_TRUE(sig.ok());
  ASSERT_EQ(sig->size(), 72u);
  EXPECT_EQ(NoteVerifier::CosignatureTimestamp(*sig), 1700000000u);
  EXPECT_TRUE(witness->Verifier().Verify(text, *sig));
  std::string other_time = *sig;
  other_time[7] = static_cast<char>(other_time[7] + 1);
  EXPECT_FALSE(witness->Verifier().Verify(text, other_time));
  // The same Ed25519 key material under type 0x01 has another key id.
  EXPECT_NE(witness->Verifier().key_id(), ComputeNoteKeyId(witness->name(), NoteKeyType::kEd25519,
                                                           witness->Verifier().public_key()));
}

TEST(SignedNote, StrictParsing) {
  const std::string good = std::string(kGoText) + "\n" + std::string(kGoSignatureLine);
  ASSERT_TRUE(ParseSignedNote(good).ok());
  EXPECT_FALSE(ParseSignedNote(std::string(kGoText)).ok()) << "no signatures";
  EXPECT_FALSE(ParseSignedNote(good.substr(0, good.size() - 1)).ok()) << "no final newline";
  EXPECT_FALSE(ParseSignedNote(std::string(kGoText) + "\n").ok());
  std::string tab = good;
  tab[5] = '\t';
  EXPECT_FALSE(ParseSignedNote(tab).ok()) << "control character";
  std::string dash = good;
  dash.replace(dash.find(kEmDash), kEmDash.size(), "-");
  EXPECT_FALSE(ParseSignedNote(dash).ok()) << "hyphen instead of em dash";
  std::string urlsafe = good;
  urlsafe.replace(urlsafe.find("go/Z"), 4, "go_Z");
  EXPECT_FALSE(ParseSignedNote(urlsafe).ok()) << "URL-safe base64 is not canonical";
  std::string nopad = good;
  nopad.erase(nopad.rfind('='), 1);
  EXPECT_FALSE(ParseSignedNote(nopad).ok()) << "missing padding";
  std::string spaces = good;
  spaces.insert(spaces.find(" x08go"), " ");
  EXPECT_FALSE(ParseSignedNote(spaces).ok());
  EXPECT_FALSE(ParseSignedNote("text\n\n\xe2\x80\x94 a+b AAAAAAA=\n").ok()) << "'+' in key name";
  EXPECT_FALSE(ParseSignedNote("text\xff\n\n" + std::string(kGoSignatureLine)).ok()) << "bad UTF-8";
}

TEST(Checkpoint, StrictBodyParsing) {
  const Hash root = TreeHasher().Digest("r");
  Checkpoint cp{"gongshu.example/audit", 10, root};
  ASSERT_EQ(ParseCheckpointBody(cp.Body()).value(), cp);
  EXPECT_EQ(ParseCheckpointBody(Checkpoint{"o", 0, root}.Body()).value().size, 0u);
  const std::string b64 = cp.Body().substr(cp.Body().rfind('\n', cp.Body().size() - 2) + 1);
  EXPECT_FALSE(ParseCheckpointBody("gongshu.example/audit\n010\n" + b64).ok()) << "leading zero";
  EXPECT_FALSE(ParseCheckpointBody("gongshu.example/audit\n+10\n" + b64).ok());
  EXPECT_FALSE(ParseCheckpointBody("gongshu.example/audit\n10\n" + b64 + "ext\n").ok())
      << "extension";
  EXPECT_FALSE(ParseCheckpointBody("\n10\n" + b64).ok()) << "empty origin";
  EXPECT_FALSE(ParseCheckpointBody("o\n10\nAAAA\n").ok()) << "short root";
  EXPECT_FALSE(ParseCheckpointBody("o\n10\n").ok());
}

TEST(NoteKeys, VerifierKeyParsingRejectsManglings) {
  ASSERT_TRUE(NoteVerifier::Parse(kGoVerifierKey).ok());
  const std::string vkey(kGoVerifierKey);
  for (size_t i = 0; i < vkey.size(); ++i) {
    std::string bad = vkey;
    bad[i] = static_cast<char>(bad[i] + 1);
    EXPECT_FALSE(NoteVerifier::Parse(bad).ok()) << i;
  }
  EXPECT_FALSE(NoteVerifier::Parse(vkey.substr(0, vkey.size() - 4)).ok());
  EXPECT_FALSE(NoteVerifier::Parse("").ok());
}

TEST(NoteKeys, LoadOrCreateWritesA0600KeyAndReloadsIt) {
  testing::TempDir dir;
  const auto file = dir.path() / "keys" / "audit-log.key";
  auto created = NoteSigner::LoadOrCreate(file, "gongshu.example/audit");
  ASSERT_TRUE(created.ok()) << created.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(file.parent_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_EQ(testing::ReadFile(file.string() + ".vkey"), created->VerifierKey() + "\n");

  auto loaded = NoteSigner::LoadOrCreate(file, "gongshu.example/audit");
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->VerifierKey(), created->VerifierKey());
  auto wrong_name = NoteSigner::LoadOrCreate(file, "other.example/audit");
  ASSERT_FALSE(wrong_name.ok());
  EXPECT_EQ(wrong_name.error().code, "audit.key_mismatch");
  auto wrong_type = NoteSigner::LoadOrCreate(file, "gongshu.example/audit", NoteKeyType::kSm2);
  EXPECT_FALSE(wrong_type.ok());

  ::chmod(file.c_str(), 0644);
  auto exposed = NoteSigner::LoadOrCreate(file, "gongshu.example/audit");
  ASSERT_FALSE(exposed.ok());
  EXPECT_EQ(exposed.error().code, "audit.key_permissions");

  auto sm2 = NoteSigner::LoadOrCreate(dir.path() / "keys" / "sm2.key", "gongshu.example/sm2",
                                      NoteKeyType::kSm2);
  ASSERT_TRUE(sm2.ok()) << sm2.error().message;
  auto sm2_again = NoteSigner::LoadOrCreate(dir.path() / "keys" / "sm2.key", "gongshu.example/sm2",
                                            NoteKeyType::kSm2);
  ASSERT_TRUE(sm2_again.ok());
  EXPECT_EQ(sm2_again->VerifierKey(), sm2->VerifierKey());
}

}  // namespace
}  // namespace gongshu::audit
