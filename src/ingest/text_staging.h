#pragma once
// Text sources (CSV, JSON, NDJSON) enter the engine as UTF-8 without a byte-order mark. This step
// detects the encoding (BOM, UTF-8 validity, else GB18030 — GBK and GB2312 are subsets; Chinese
// government CSVs are very often GBK), converts with iconv block by block in constant memory,
// validates, and hashes the UTF-8 bytes in the same pass. Invalid bytes are reported with their
// byte offset and line.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gongshu::ingest {

enum class TextEncoding { kUtf8, kGb18030, kUtf16, kUtf16Le, kUtf16Be };

// "utf-8", "gb18030", "utf-16", "utf-16le", "utf-16be".
std::string_view EncodingName(TextEncoding e);
// Accepts common aliases (utf8, gbk, gb2312, cp936, gb18030, utf-16…), case-insensitive.
// "" → nullopt (detect); unknown names → kInvalidArgument "ingest.unknown_encoding".
Result<std::optional<TextEncoding>> ParseEncoding(std::string_view name);

struct StagedText {
  TextEncoding encoding = TextEncoding::kUtf8;
  bool had_bom = false;
  bool in_place = false;     // the source was used as is (already staged UTF-8, no BOM)
  std::string checksum;      // SHA-256 hex of the UTF-8 bytes handed to the engine
  int64_t source_bytes = 0;  // size of the source file
  int64_t utf8_bytes = 0;    // size of the UTF-8 text
  std::string head;          // the first bytes of the UTF-8 text (up to kHeadBytes), for sniffing
  char first_char = 0;       // first and last non-whitespace bytes (0 when blank)
  char last_char = 0;
};

inline constexpr size_t kHeadBytes = 1 << 20;

struct TextStagingOptions {
  std::optional<TextEncoding> declared;  // overrides detection
  // When true and the source turns out to be UTF-8 without a BOM, it is validated and hashed
  // where it is and `dest` is not written (the source is already in the staging directory).
  bool allow_in_place = false;
  std::function<bool()> cancelled;  // polled between blocks
};

// Reads `source` and writes its UTF-8 form to `dest` (unless in place). Errors:
// kUnprocessable "ingest.invalid_encoding" (offset and line), "ingest.unknown_encoding_content"
// (neither UTF-8 nor GB18030), kNotFound "ingest.source_not_found", kRequestTimeout
// "ingest.cancelled", kUnavailable "ingest.staging_write".
Result<StagedText> StageText(const std::filesystem::path& source, const std::filesystem::path& dest,
                             const TextStagingOptions& options);

// Streams `source` unchanged to `dest` (binary formats), hashing it on the way.
struct StagedBinary {
  std::string checksum;
  int64_t bytes = 0;
  bool in_place = false;
};
Result<StagedBinary> StageBinary(const std::filesystem::path& source,
                                 const std::filesystem::path& dest, bool allow_in_place,
                                 const std::function<bool()>& cancelled);

// Shared errors.
Error CancelledError();
Error SourceNotFound(const std::filesystem::path& p);

}  // namespace gongshu::ingest
