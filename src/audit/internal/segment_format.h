#pragma once
// On-disk format of audit log segments (docs/audit.md §Segment files).
//
//   header (24 bytes): "GSAUDSEG" | u8 format = 1 | u8 hash algorithm | u16 0 |
//                      u64 index of the first entry | u32 CRC-32C of the previous 20 bytes
//   record:            u32 payload length | u32 CRC-32C(length bytes || payload) | payload
//
// All integers big-endian. The CRC covers the length too, so a torn length field is caught like a
// torn payload; a valid record never starts with 8 zero bytes, so zero-filled tails are torn too.
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "audit/tree_hasher.h"

namespace gongshu::audit::internal {

inline constexpr size_t kSegmentHeaderSize = 24;
inline constexpr size_t kRecordHeaderSize = 8;
inline constexpr std::string_view kSegmentMagic = "GSAUDSEG";
inline constexpr uint8_t kSegmentFormat = 1;

struct SegmentHeader {
  HashAlgorithm hash = HashAlgorithm::kSha256;
  uint64_t first_index = 0;
};

std::string EncodeSegmentHeader(const SegmentHeader& header);
std::optional<SegmentHeader> DecodeSegmentHeader(std::string_view bytes);

// Appends one framed record to `out`.
void AppendRecord(std::string& out, std::string_view payload);

// "00000000000000001234.seg" (20-digit first index, so names sort in index order).
std::string SegmentFileName(uint64_t first_index);
std::optional<uint64_t> ParseSegmentFileName(std::string_view name);

// Reads the records of one segment sequentially through a buffer, stopping at the first record
// that is incomplete or fails its CRC.
class SegmentScanner {
 public:
  enum class Outcome { kRecord, kEnd, kTorn, kIoError };

  // `chunk` is the read size: large for scans, small for reading a few records.
  SegmentScanner(int fd, off_t offset, size_t max_payload, size_t chunk = size_t{1} << 20);

  // On kRecord, `payload` stays valid until the next call. After kRecord, offset() is the start of
  // the next record; after kTorn, the start of the bad record (where the valid data ends).
  Outcome Next(std::string_view& payload);
  off_t offset() const { return offset_; }
  int io_error() const { return io_error_; }
  std::string_view torn_reason() const { return torn_reason_; }

 private:
  // Makes at least n bytes available from offset_; false at end of file (or on error).
  bool Fill(size_t n);

  int fd_;
  off_t offset_;  // file offset of buf_[pos_]
  size_t max_payload_;
  size_t chunk_;
  std::string buf_;
  size_t pos_ = 0;  // consumed prefix of buf_
  bool eof_ = false;
  int io_error_ = 0;
  std::string_view torn_reason_;
};

}  // namespace gongshu::audit::internal
