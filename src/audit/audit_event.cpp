#include "audit/audit_event.h"

#include <cstring>

#include "audit/internal/bytes.h"

namespace gongshu::audit {
namespace {

using internal::ByteReader;
using internal::PutU32;
using internal::PutU64;
using internal::PutU8;

constexpr Digest32 kZeroDigest{};

void PutString(std::string& out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

void PutList(std::string& out, const std::vector<std::string>& list) {
  PutU32(out, static_cast<uint32_t>(list.size()));
  for (const auto& s : list) PutString(out, s);
}

void PutDigest(std::string& out, const Digest32& d) {
  out.append(reinterpret_cast<const char*>(d.data()), d.size());
}

Error Malformed(const std::string& what_en, const std::string& what_zh) {
  return MakeError(ErrorKind::kInvalidArgument, "audit.entry_malformed",
                   "malformed audit entry: " + what_en, "审计条目格式错误: " + what_zh);
}

bool GetString(ByteReader& r, std::string& out) {
  uint32_t n = 0;
  std::string_view v;
  if (!r.U32(n) || !r.Bytes(n, v)) return false;
  out.assign(v);
  return true;
}

bool GetList(ByteReader& r, std::vector<std::string>& out) {
  uint32_t count = 0;
  if (!r.U32(count)) return false;
  // Each element needs at least its 4-byte length: bound the count before reserving so a
  // corrupt count cannot trigger a huge allocation.
  if (count > r.remaining() / 4) return false;
  out.resize(count);
  for (auto& s : out) {
    if (!GetString(r, s)) return false;
  }
  return true;
}

bool GetDigest(ByteReader& r, Digest32& out) {
  std::string_view v;
  if (!r.Bytes(out.size(), v)) return false;
  std::memcpy(out.data(), v.data(), out.size());
  return true;
}

}  // namespace

std::string_view ChannelName(Channel c) {
  switch (c) {
    case Channel::kShare:
      return "share";
    case Channel::kOpen:
      return "open";
    case Channel::kOperation:
      return "operation";
    case Channel::kAdmin:
      return "admin";
    case Channel::kWorkflow:
      return "workflow";
    case Channel::kSystem:
      return "system";
  }
  return "unknown";
}

std::optional<Channel> ParseChannel(std::string_view s) {
  for (uint8_t v = 1; v <= 6; ++v) {
    if (ChannelName(static_cast<Channel>(v)) == s) return static_cast<Channel>(v);
  }
  return std::nullopt;
}

std::string_view DecisionName(Decision d) {
  switch (d) {
    case Decision::kAllow:
      return "allow";
    case Decision::kDeny:
      return "deny";
    case Decision::kMasked:
      return "masked";
    case Decision::kFiltered:
      return "filtered";
    case Decision::kError:
      return "error";
  }
  return "unknown";
}

std::optional<Decision> ParseDecision(std::string_view s) {
  for (uint8_t v = 1; v <= 5; ++v) {
    if (DecisionName(static_cast<Decision>(v)) == s) return static_cast<Decision>(v);
  }
  return std::nullopt;
}

bool AuditEvent::HasAdminSection() const {
  return !kind.empty() || !object_id.empty() || before_hash != kZeroDigest ||
         after_hash != kZeroDigest;
}

std::string EncodeEntry(const AuditEvent& e) {
  std::string out;
  out.reserve(160 + e.request_id.size() + e.decision_id.size() + e.principal_id.size() +
              e.organisation_id.size() + e.action.size() + e.resource_id.size() + e.purpose.size() +
              e.grant_id.size() + 8 * (e.fields.size() + e.masks.size()));
  PutU8(out, kAuditEntryVersion);
  PutU64(out, static_cast<uint64_t>(e.time_micros));  // two's complement, big-endian
  PutString(out, e.request_id);
  PutString(out, e.decision_id);
  PutString(out, e.principal_id);
  PutString(out, e.organisation_id);
  PutU8(out, static_cast<uint8_t>(e.channel));
  PutString(out, e.action);
  PutString(out, e.resource_id);
  PutString(out, e.resource_version);
  PutList(out, e.fields);
  PutList(out, e.masks);
  PutString(out, e.purpose);
  PutString(out, e.grant_id);
  PutU8(out, static_cast<uint8_t>(e.decision));
  PutU64(out, e.rows_returned);
  PutDigest(out, e.response_hash);
  // The admin section is present iff it carries something, so each event has one encoding.
  if (e.HasAdminSection()) {
    PutU8(out, 1);
    PutString(out, e.kind);
    PutString(out, e.object_id);
    PutDigest(out, e.before_hash);
    PutDigest(out, e.after_hash);
  } else {
    PutU8(out, 0);
  }
  return out;
}

Result<AuditEvent> DecodeEntry(std::string_view bytes) {
  ByteReader r(bytes);
  uint8_t version = 0;
  if (!r.U8(version)) return Malformed("empty input", "输入为空");
  if (version != kAuditEntryVersion) {
    return Malformed("unknown version " + std::to_string(version),
                     "未知版本 " + std::to_string(version));
  }
  AuditEvent e;
  uint64_t time = 0;
  uint8_t channel = 0, decision = 0, has_admin = 0;
  bool ok = r.U64(time) && GetString(r, e.request_id) && GetString(r, e.decision_id) &&
            GetString(r, e.principal_id) && GetString(r, e.organisation_id) && r.U8(channel) &&
            GetString(r, e.action) && GetString(r, e.resource_id) &&
            GetString(r, e.resource_version) && GetList(r, e.fields) && GetList(r, e.masks) &&
            GetString(r, e.purpose) && GetString(r, e.grant_id) && r.U8(decision) &&
            r.U64(e.rows_returned) && GetDigest(r, e.response_hash) && r.U8(has_admin);
  if (!ok) return Malformed("truncated", "数据被截断");
  e.time_micros = static_cast<int64_t>(time);
  if (channel < 1 || channel > 6) {
    return Malformed("unknown channel " + std::to_string(channel),
                     "未知渠道 " + std::to_string(channel));
  }
  e.channel = static_cast<Channel>(channel);
  if (decision < 1 || decision > 5) {
    return Malformed("unknown decision " + std::to_string(decision),
                     "未知决定 " + std::to_string(decision));
  }
  e.decision = static_cast<Decision>(decision);
  if (has_admin > 1) return Malformed("bad admin-section flag", "管理段标志无效");
  if (has_admin == 1) {
    if (!GetString(r, e.kind) || !GetString(r, e.object_id) || !GetDigest(r, e.before_hash) ||
        !GetDigest(r, e.after_hash)) {
      return Malformed("truncated", "数据被截断");
    }
    if (!e.HasAdminSection()) {
      return Malformed("empty admin section (non-canonical)", "管理段为空（非规范编码）");
    }
  }
  if (!r.empty()) {
    return Malformed(std::to_string(r.remaining()) + " trailing bytes",
                     "末尾多出 " + std::to_string(r.remaining()) + " 字节");
  }
  return e;
}

}  // namespace gongshu::audit
