#pragma once
// gongshu::audit — the tamper-evident audit log (审计日志) of access and admin events.
//
// One include for users of the module; see docs/audit.md for formats and operations.
//
// Wiring (done once at start-up, e.g. in `gongshu serve`):
//
//   using namespace gongshu::audit;
//   auto log = AuditLog::Open({.directory = data_dir / "audit",
//                              .origin = "gongshu.example.gov.cn/audit"});       // recovers
//   auto key = NoteSigner::LoadOrCreate(data_dir / "keys/audit-log.key", (*log)->origin());
//   auto checkpointer = Checkpointer::Open(**log, std::move(*key), {.witnesses = witness_vkeys});
//   (*checkpointer)->Start();                         // signed checkpoint ≤ 500 ms after growth
//
// Per request (from a worker thread; the response is released only after this returns OK):
//
//   Result<uint64_t> index = log->Append(event);      // durable: group commit + fdatasync
//   if (!index.ok()) → ErrorKind::kUnavailable "audit.log_unwritable": answer 503, serve nothing
//   (or log->AppendAsync(event, callback) from an event loop)
//
// Proof endpoints:    log->Head(), RootAt(n), InclusionProof(i, n), ConsistencyProof(m, n),
//                     checkpointer->Latest()->note (C2SP signed checkpoint, with cosignatures)
// Witnesses:          Witness::Cosign(note, proof) → line; checkpointer->AddCosignature(n, line)
// CLI `audit verify`: VerifyArchive(path, options) → ArchiveReport (.ok(), .Summary())
// Export:             ExportArchive(*checkpointer, {path, start, end})
// Statistics:         UsageStats::FromLog(*log) or AuditLogOptions::on_durable → stats.Record
//
// Headers:
//   audit_event.h       AuditEvent, EncodeEntry / DecodeEntry (canonical entry format v1)
//   tree_hasher.h       Hash, HashAlgorithm (SHA-256 | SM3), TreeHasher (RFC 6962 hashing)
//   merkle_tree.h       MerkleTree: roots and proofs for any past size in O(log n)
//   merkle_proof.h      VerifyInclusion / VerifyConsistency (RFC 9162 §2.1.3.2 / §2.1.4.2)
//   audit_log.h         AuditLog: durable segments, group commit, recovery, fail-closed
//   note_key.h          key types and encodings of C2SP signed notes (Ed25519, cosig/v1, SM2)
//   note_signer.h       NoteSigner: private keys, key files (0600), signing
//   note_verifier.h     NoteVerifier: vkeys, signature verification
//   signed_note.h       SignedNote parse / serialize / verify (c2sp.org/signed-note)
//   checkpoint.h        Checkpoint body (c2sp.org/tlog-checkpoint), SignCheckpoint
//   checkpoint_store.h  latest checkpoint + sparse durable history
//   checkpointer.h      Checkpointer: periodic signing, never inconsistent, cosignatures
//   witness.h           Witness: cosignature/v1 after a consistency check
//   (c2sp.org/tlog-cosignature) archive.h           ExportArchive / VerifyArchive (offline
//   verifier, R-LOG-10) usage_stats.h       UsageStats: calls, rows, denials per resource /
//   organisation / day

#include "audit/archive.h"
#include "audit/audit_event.h"
#include "audit/audit_log.h"
#include "audit/checkpoint.h"
#include "audit/checkpoint_store.h"
#include "audit/checkpointer.h"
#include "audit/merkle_proof.h"
#include "audit/merkle_tree.h"
#include "audit/note_key.h"
#include "audit/note_signer.h"
#include "audit/note_verifier.h"
#include "audit/signed_note.h"
#include "audit/tree_hasher.h"
#include "audit/usage_stats.h"
#include "audit/witness.h"
