#pragma once
// 有条件开放申请: a member of the public or an enterprise applies for a conditionally open resource
// with purposes, scenario and security measures, accepting the data use agreement (the SHA-256 of
// the exact text version is stored). The provider's steward reviews; approval yields an
// open-access grant scoped to the resource and (a subset of) the requested fields, for a term,
// with a usage report due. A grant to a person binds that person; a grant to an enterprise binds
// the enterprise.
//
//   submitted ──approve (provider steward)──▶ approved ─▶ open-access grant
//       ├──────reject (provider steward)───▶ rejected
//       └──────withdraw (applicant)────────▶ withdrawn
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "policy/grant.h"
#include "workflow/actor.h"
#include "workflow/grant_service.h"
#include "workflow/share_application_service.h"
#include "workflow/state_machine.h"
#include "workflow/workflow_context.h"

namespace gongshu::workflow {

namespace internal {
template <typename Record>
struct ApplicationKind;
}  // namespace internal

struct OpenApplication {
  std::string id;
  std::string resource_id;
  std::string provider_org;
  std::string applicant_org;
  std::string applicant_id;
  bool individual = true;  // a member of the public: the grant binds the person
  std::vector<std::string> purposes;
  std::string scenario;
  std::string security_measures;
  std::vector<std::string> fields;
  int term_days = 365;
  std::string agreement_version;
  std::string agreement_sha256;
  std::string state;
  std::string reviewer_id;
  std::string reason;
  std::string grant_id;
  TimePoint created_at{};
  TimePoint updated_at{};
};

struct OpenRequest {
  std::string resource_id;
  std::vector<std::string> purposes;
  std::string scenario;
  std::string security_measures;
  std::vector<std::string> fields;  // empty: every field conditional opening can release
  int term_days = 365;
  std::string agreement_version;
  std::string agreement_sha256;
  bool agreement_accepted = false;
};

struct OpenApproval {
  std::optional<std::vector<std::string>> fields;
  std::optional<int> term_days;
  std::string reason;
};

inline constexpr int kMaxOpenTermDays = 1095;  // three years

class OpenApplicationService {
 public:
  OpenApplicationService(WorkflowContext& ctx, GrantService& grants) : ctx_(ctx), grants_(grants) {}
  static const StateMachine& Machine();

  Result<OpenApplication> Submit(const Actor& actor, OpenRequest request);
  Result<OpenApplication> Approve(const Actor& actor, std::string_view id, const OpenApproval& approval);
  Result<OpenApplication> Reject(const Actor& actor, std::string_view id, std::string reason);
  Result<OpenApplication> Withdraw(const Actor& actor, std::string_view id);

  Result<OpenApplication> Get(const Actor& actor, std::string_view id);
  Result<std::vector<OpenApplication>> List(const Actor& actor, ApplicationView view, std::string_view state);

  static Result<std::vector<policy::PendingApplication>> LoadPending(storage::Session& s);

 private:
  // Record access for the steps every application kind shares (internal/application_steps.h).
  static const internal::ApplicationKind<OpenApplication>& Kind();
  WorkflowContext& ctx_;
  GrantService& grants_;
};

}  // namespace gongshu::workflow
