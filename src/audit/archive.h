#pragma once
// Self-contained audit archives and their offline verification (R-LOG-10).
//
// ExportArchive writes entries [start, end) of a log to one text file that carries everything
// needed to check them without the platform: the entries' bytes, the log's and witnesses'
// public keys, signed checkpoints (with cosignatures) covering the range, consistency proofs
// between those checkpoints, and an inclusion proof for every entry. VerifyArchive re-derives
// every root from the entries and proofs, checks every signature and cosignature and the
// consistency of the checkpoints with one another, and names each problem it finds, e.g.
//   "entry 17: leaf hash not included in checkpoint size 40".
//
// Format (docs/audit.md §Archive format): UTF-8 lines ending in "\n", single spaces, fixed order:
//   gongshu-audit-archive 1
//   origin <log origin>
//   hash <sha256|sm3>
//   range <start> <end>
//   log-key <vkey>
//   witness-key <vkey>                                    zero or more
//   checkpoint <base64(signed note with cosignatures)>   one or more, sizes increasing
//   consistency <size1> <size2> <base64(hashes)>          one per consecutive checkpoint pair
//   entry <index> <base64(entry)> <tree size> <base64(inclusion proof hashes)>   start..end-1
//   end <number of entries>
// Numbers are canonical decimals, base64 is standard and padded, "-" stands for empty bytes.
// Every value has exactly one spelling, so any single-byte change is either a syntax error or
// a different value that fails a cryptographic check.
#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>
#include <vector>

#include "audit/checkpointer.h"
#include "audit/tree_hasher.h"
#include "core/error.h"
#include "core/result.h"

namespace gongshu::audit {

struct ArchiveExportOptions {
  std::filesystem::path path;  // written atomically (temporary file + rename)
  uint64_t start = 0;
  uint64_t end = 0;  // exclusive; must be covered by a signed checkpoint
};

// Errors: "audit.range_invalid" (kInvalidArgument), "audit.range_not_checkpointed" (kConflict:
// wait for the next checkpoint), "audit.checkpoint_fork" (the log no longer matches a stored
// checkpoint), I/O errors (kUnavailable).
Status ExportArchive(const Checkpointer& checkpointer, const ArchiveExportOptions& options);

struct ArchiveVerifyOptions {
  // The log's vkey(s) obtained out of band. When empty, the key inside the archive is used and
  // the report notes that it was not pinned.
  std::vector<std::string> trusted_log_keys;
  // Witness vkeys that count towards min_cosignatures; empty = the archive's witness keys.
  std::vector<std::string> trusted_witness_keys;
  // Cosignatures by distinct trusted witnesses required on the newest checkpoint.
  size_t min_cosignatures = 0;
  size_t max_problems = 100;  // stop listing after this many
};

struct ArchiveReport {
  std::string origin;
  HashAlgorithm hash = HashAlgorithm::kSha256;
  uint64_t start = 0;
  uint64_t end = 0;
  uint64_t entries_verified = 0;
  uint64_t checkpoints_verified = 0;
  uint64_t cosignatures_verified = 0;
  uint64_t consistency_proofs_verified = 0;
  std::vector<Error> problems;     // empty ⇔ the archive verified
  std::vector<std::string> notes;  // informational (e.g. unpinned keys)

  bool ok() const { return problems.empty(); }
  std::string Summary() const;  // multi-line, for the CLI
};

ArchiveReport VerifyArchive(const std::filesystem::path& path,
                            const ArchiveVerifyOptions& options = {});
// Same, reading the archive from a stream (e.g. an uploaded body).
ArchiveReport VerifyArchive(std::istream& in, const ArchiveVerifyOptions& options = {});

}  // namespace gongshu::audit
