#pragma once
// 登记 (registration) of public data resources: 首次 / 变更 / 更正 / 注销 applications, submitted by
// the provider department's steward, reviewed by the data authority, publicly noticed (公示) for
// a configurable number of working days, then entered in the registry with a registration code
// (registration_code.h). Only registered resources can be named in an operation authorization;
// an approved 注销 deregisters the resource at once, which withdraws it from every authorization.
//
//   submitted ──approve (authority)──▶ approved ──(system)──▶ noticed ──(system, notice over)──▶ registered
//       │                                  └──(system, 注销)──▶ deregistered
//       ├──reject (authority)──▶ rejected ◀──reject (authority: objection upheld)── noticed
//       └──withdraw (applicant)──▶ withdrawn
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "workflow/actor.h"
#include "workflow/state_machine.h"
#include "workflow/workflow_context.h"

namespace gongshu::workflow {

enum class RegistrationKind { kInitial, kChange, kCorrection, kCancellation };
std::string_view RegistrationKindCode(RegistrationKind k);  // initial | change | correction | cancellation
std::string_view RegistrationKindZh(RegistrationKind k);    // 首次登记 | 变更登记 | 更正登记 | 注销登记
std::optional<RegistrationKind> ParseRegistrationKind(std::string_view code);

struct RegistrationApplication {
  std::string id;
  RegistrationKind kind = RegistrationKind::kInitial;
  std::string resource_id;
  std::string provider_org;
  std::string applicant_id;
  std::string description;
  std::string content;  // the registered metadata at submission (JSON)
  std::string state;
  std::string reviewer_id;
  std::string reason;
  std::optional<TimePoint> notice_until;
  std::string registration_code;
  TimePoint created_at{};
  TimePoint updated_at{};
};

// 登记簿 entry.
struct RegistryEntry {
  std::string code;
  std::string resource_id;
  std::string provider_org;
  std::string state;  // registered | deregistered
  int revision = 1;
  std::string application_id;
  TimePoint registered_at{};
  TimePoint updated_at{};
};

struct RegistrationSubmission {
  RegistrationKind kind = RegistrationKind::kInitial;
  std::string resource_id;
  std::string description;
};

class RegistrationService {
 public:
  explicit RegistrationService(WorkflowContext& ctx) : ctx_(ctx) {}
  static const StateMachine& Machine();

  Result<RegistrationApplication> Submit(const Actor& actor, const RegistrationSubmission& submission);
  Result<RegistrationApplication> Approve(const Actor& actor, std::string_view id, std::string reason);
  Result<RegistrationApplication> Reject(const Actor& actor, std::string_view id, std::string reason);
  Result<RegistrationApplication> Withdraw(const Actor& actor, std::string_view id);

  // Object-level access: the provider's members, the authority and auditors; others get 404.
  Result<RegistrationApplication> Get(const Actor& actor, std::string_view id);
  Result<std::vector<RegistrationApplication>> List(const Actor& actor, std::string_view state);

  // Public: applications under notice (公示), and the registry.
  Result<std::vector<RegistrationApplication>> Notices();
  Result<std::vector<RegistryEntry>> Registry();
  // Live registrations (for the policy snapshot).
  Result<std::vector<std::string>> RegisteredResources(storage::Session& s);

  // Ends every notice period that has passed: noticed → registered, with the code. Returns how many.
  Result<int> Tick(TimePoint now);

 private:
  Result<RegistrationApplication> Move(const Actor& actor, std::string_view id, std::string_view to,
                                             std::string reason);

  WorkflowContext& ctx_;
};

}  // namespace gongshu::workflow
