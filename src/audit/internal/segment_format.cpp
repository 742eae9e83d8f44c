#include "audit/internal/segment_format.h"

#include <algorithm>
#include <cstdio>

#include "audit/internal/bytes.h"
#include "audit/internal/crc32c.h"
#include "audit/internal/file_io.h"

namespace gongshu::audit::internal {

std::string EncodeSegmentHeader(const SegmentHeader& header) {
  std::string out(kSegmentMagic);
  PutU8(out, kSegmentFormat);
  PutU8(out, static_cast<uint8_t>(header.hash));
  PutU8(out, 0);
  PutU8(out, 0);
  PutU64(out, header.first_index);
  PutU32(out, Crc32c(out));
  return out;
}

std::optional<SegmentHeader> DecodeSegmentHeader(std::string_view bytes) {
  if (bytes.size() < kSegmentHeaderSize) return std::nullopt;
  if (bytes.substr(0, kSegmentMagic.size()) != kSegmentMagic) return std::nullopt;
  if (LoadU32(bytes.data() + 20) != Crc32c(bytes.substr(0, 20))) return std::nullopt;
  if (static_cast<uint8_t>(bytes[8]) != kSegmentFormat) return std::nullopt;
  uint8_t alg = static_cast<uint8_t>(bytes[9]);
  if (alg != static_cast<uint8_t>(HashAlgorithm::kSha256) &&
      alg != static_cast<uint8_t>(HashAlgorithm::kSm3)) {
    return std::nullopt;
  }
  if (bytes[10] != 0 || bytes[11] != 0) return std::nullopt;
  return SegmentHeader{static_cast<HashAlgorithm>(alg), LoadU64(bytes.data() + 12)};
}

void AppendRecord(std::string& out, std::string_view payload) {
  const size_t start = out.size();
  PutU32(out, static_cast<uint32_t>(payload.size()));
  const uint32_t crc = Crc32c(payload, Crc32c(std::string_view(out).substr(start, 4)));
  PutU32(out, crc);
  out.append(payload);
}

std::string SegmentFileName(uint64_t first_index) {
  char name[32];
  std::snprintf(name, sizeof name, "%020llu.seg", static_cast<unsigned long long>(first_index));
  return name;
}

std::optional<uint64_t> ParseSegmentFileName(std::string_view name) {
  if (name.size() != 24 || name.substr(20) != ".seg") return std::nullopt;
  uint64_t v = 0;
  for (char c : name.substr(0, 20)) {
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

SegmentScanner::SegmentScanner(int fd, off_t offset, size_t max_payload, size_t chunk)
    : fd_(fd), offset_(offset), max_payload_(max_payload), chunk_(chunk) {}

bool SegmentScanner::Fill(size_t n) {
  while (buf_.size() - pos_ < n) {
    if (eof_ || io_error_ != 0) return false;
    // Drop the consumed prefix, then read at least one chunk (or what the record needs).
    buf_.erase(0, pos_);
    pos_ = 0;
    const size_t want = std::max<size_t>(n - buf_.size(), chunk_);
    const size_t old = buf_.size();
    buf_.resize(old + want);
    size_t got = 0;
    io_error_ = ReadAllAt(fd_, buf_.data() + old, want, offset_ + static_cast<off_t>(old), &got);
    buf_.resize(old + got);
    if (got < want) eof_ = true;
  }
  return true;
}

SegmentScanner::Outcome SegmentScanner::Next(std::string_view& payload) {
  if (!Fill(kRecordHeaderSize)) {
    if (io_error_ != 0) return Outcome::kIoError;
    if (buf_.size() == pos_) return Outcome::kEnd;
    torn_reason_ = "incomplete record header";
    return Outcome::kTorn;
  }
  const char* h = buf_.data() + pos_;
  const uint32_t len = LoadU32(h);
  const uint32_t crc = LoadU32(h + 4);
  if (len > max_payload_) {
    torn_reason_ = "record length out of range";
    return Outcome::kTorn;
  }
  if (!Fill(kRecordHeaderSize + len)) {
    if (io_error_ != 0) return Outcome::kIoError;
    torn_reason_ = "incomplete record";
    return Outcome::kTorn;
  }
  h = buf_.data() + pos_;
  std::string_view body(h + kRecordHeaderSize, len);
  if (Crc32c(body, Crc32c(std::string_view(h, 4))) != crc) {
    torn_reason_ = "record checksum mismatch";
    return Outcome::kTorn;
  }
  payload = body;
  pos_ += kRecordHeaderSize + len;
  offset_ += static_cast<off_t>(kRecordHeaderSize + len);
  return Outcome::kRecord;
}

}  // namespace gongshu::audit::internal
