// Canonical audit entry encoding: round trips, determinism, rejection of malformed input.
#include "audit/audit_event.h"

#include <gtest/gtest.h>

#include "audit/internal/bytes.h"
#include "audit_test_util.h"

namespace gongshu::audit {
namespace {

using testutil::SampleAdminEvent;
using testutil::SampleEvent;

TEST(AuditEvent, RoundTripsAccessAndAdminEvents) {
  for (uint64_t i = 0; i < 50; ++i) {
    for (const AuditEvent& e : {SampleEvent(i), SampleAdminEvent(i)}) {
      const std::string bytes = EncodeEntry(e);
      auto decoded = DecodeEntry(bytes);
      ASSERT_TRUE(decoded.ok()) << decoded.error().message;
      EXPECT_EQ(*decoded, e);
      EXPECT_EQ(EncodeEntry(*decoded), bytes);  // canonical
    }
  }
  AuditEvent empty;
  EXPECT_EQ(DecodeEntry(EncodeEntry(empty)).value(), empty);
  AuditEvent negative_time = SampleEvent(1);
  negative_time.time_micros = -5;
  EXPECT_EQ(DecodeEntry(EncodeEntry(negative_time)).value().time_micros, -5);
}

TEST(AuditEvent, EncodingIsDeterministicAndVersioned) {
  const AuditEvent e = SampleEvent(42);
  EXPECT_EQ(EncodeEntry(e), EncodeEntry(AuditEvent(e)));
  const std::string bytes = EncodeEntry(e);
  EXPECT_EQ(static_cast<uint8_t>(bytes[0]), kAuditEntryVersion);
  EXPECT_EQ(internal::LoadU64(bytes.data() + 1), static_cast<uint64_t>(e.time_micros));
  // The last byte is the (absent) admin-section flag.
  EXPECT_EQ(bytes.back(), '\0');
  AuditEvent other = e;
  other.fields = {"name", "district", "id_number"};  // order matters
  EXPECT_NE(EncodeEntry(other), bytes);
  // Moving a byte between adjacent strings changes the encoding (length prefixes).
  AuditEvent a = e, b = e;
  a.request_id = "ab";
  a.decision_id = "c";
  b.request_id = "a";
  b.decision_id = "bc";
  EXPECT_NE(EncodeEntry(a), EncodeEntry(b));
}

TEST(AuditEvent, RejectsTruncatedExtendedAndUnknownInput) {
  for (const AuditEvent& e : {SampleEvent(7), SampleAdminEvent(7)}) {
    const std::string bytes = EncodeEntry(e);
    for (size_t n = 0; n < bytes.size(); ++n) {
      auto r = DecodeEntry(std::string_view(bytes).substr(0, n));
      ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes";
      EXPECT_EQ(r.error().code, "audit.entry_malformed");
    }
    EXPECT_FALSE(DecodeEntry(bytes + '\0').ok());
    EXPECT_FALSE(DecodeEntry(bytes + "trailing").ok());
    std::string v2 = bytes;
    v2[0] = 2;
    auto r = DecodeEntry(v2);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("version"), std::string::npos);
    EXPECT_FALSE(r.error().message_zh.empty());
  }
}

TEST(AuditEvent, RejectsOutOfRangeEnumsAndNonCanonicalAdminSection) {
  const AuditEvent e = SampleEvent(3);
  const std::string bytes = EncodeEntry(e);
  // Offset of the channel byte: version(1) + time(8) + 4 strings.
  size_t off = 9;
  for (const std::string* s :
       {&e.request_id, &e.decision_id, &e.principal_id, &e.organisation_id}) {
    off += 4 + s->size();
  }
  for (uint8_t bad : {0, 7, 255}) {
    std::string b = bytes;
    b[off] = static_cast<char>(bad);
    EXPECT_FALSE(DecodeEntry(b).ok()) << "channel " << int(bad);
  }
  // The decision byte sits 8 + 32 + 1 bytes before the end (rows, response hash, flag).
  for (uint8_t bad : {0, 6}) {
    std::string b = bytes;
    b[b.size() - 42] = static_cast<char>(bad);
    EXPECT_FALSE(DecodeEntry(b).ok()) << "decision " << int(bad);
  }
  std::string flag2 = bytes;
  flag2.back() = 2;
  EXPECT_FALSE(DecodeEntry(flag2).ok());
  // An admin section that carries nothing must be encoded as absent.
  std::string empty_admin = bytes;
  empty_admin.back() = 1;
  empty_admin.append(std::string(4 + 4 + 32 + 32, '\0'));
  auto r = DecodeEntry(empty_admin);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("non-canonical"), std::string::npos);
}

TEST(AuditEvent, HugeCountsDoNotAllocate) {
  std::string bytes = EncodeEntry(SampleEvent(1));
  // Turn the fields count into 0xFFFFFFFF: decoding must fail fast, not reserve 4 G strings.
  size_t off = 9;
  const AuditEvent e = SampleEvent(1);
  for (const std::string* s :
       {&e.request_id, &e.decision_id, &e.principal_id, &e.organisation_id}) {
    off += 4 + s->size();
  }
  off += 1;
  for (const std::string* s : {&e.action, &e.resource_id, &e.resource_version})
    off += 4 + s->size();
  bytes.replace(off, 4, "\xff\xff\xff\xff");
  EXPECT_FALSE(DecodeEntry(bytes).ok());
}

TEST(AuditEvent, NamesParse) {
  for (uint8_t c = 1; c <= 6; ++c) {
    EXPECT_EQ(ParseChannel(ChannelName(static_cast<Channel>(c))), static_cast<Channel>(c));
  }
  for (uint8_t d = 1; d <= 5; ++d) {
    EXPECT_EQ(ParseDecision(DecisionName(static_cast<Decision>(d))), static_cast<Decision>(d));
  }
  EXPECT_FALSE(ParseChannel("bogus"));
  EXPECT_FALSE(ParseDecision(""));
}

}  // namespace
}  // namespace gongshu::audit
