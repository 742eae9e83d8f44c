#pragma once
// Helpers shared by the audit unit tests.
#include <cstdint>
#include <string>

#include "audit/audit_event.h"
#include "core/crypto.h"

namespace gongshu::audit::testutil {

// A realistic data-access event, distinct for every i.
inline AuditEvent SampleEvent(uint64_t i) {
  AuditEvent e;
  e.time_micros = 1'764'000'000'000'000 + static_cast<int64_t>(i) * 1'000'000;  // 2025-11
  e.request_id = "req-" + std::to_string(i);
  e.decision_id = "dec-" + std::to_string(i % 97);
  e.principal_id = "user-" + std::to_string(i % 13);
  e.organisation_id = "org-" + std::to_string(i % 5);
  e.channel = static_cast<Channel>(1 + i % 3);
  e.action = "records.read";
  e.resource_id = "res-" + std::to_string(i % 7);
  e.resource_version = "3";
  e.fields = {"name", "id_number", "district"};
  e.masks = {"id_number:mask_middle"};
  e.purpose = "case-2025-" + std::to_string(i % 11);
  e.grant_id = "grant-" + std::to_string(i % 3);
  e.decision = i % 10 == 0 ? Decision::kDeny : (i % 4 == 0 ? Decision::kMasked : Decision::kAllow);
  e.rows_returned = e.decision == Decision::kDeny ? 0 : i % 100;
  auto h = Sha256("response " + std::to_string(i));
  std::copy(h.begin(), h.end(), e.response_hash.begin());
  return e;
}

inline AuditEvent SampleAdminEvent(uint64_t i) {
  AuditEvent e = SampleEvent(i);
  e.channel = Channel::kAdmin;
  e.action = "grant.approve";
  e.kind = "grant.approved";
  e.object_id = "grant-" + std::to_string(i);
  auto b = Sha256("before " + std::to_string(i));
  auto a = Sha256("after " + std::to_string(i));
  std::copy(b.begin(), b.end(), e.before_hash.begin());
  std::copy(a.begin(), a.end(), e.after_hash.begin());
  return e;
}

}  // namespace gongshu::audit::testutil
