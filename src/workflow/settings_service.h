#pragma once
// Workflow settings the data authority may change: the public notice period of registrations,
// the share SLAs (compliance check, provider reply, reply for unpublished resources), when usage
// reports of open-access grants are due, and the region code that registration codes carry.
// Defaults follow REQUIREMENTS.md; stored overrides live in workflow_settings.
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/result.h"
#include "storage/engine.h"
#include "workflow/actor.h"
#include "workflow/transition_log.h"

namespace gongshu::workflow {

struct WorkflowSettings {
  int notice_working_days = 5;                    // 公示期
  int share_compliance_working_days = 2;          // 合规审查
  int share_reply_working_days = 5;               // 提供部门答复
  int share_reply_unpublished_working_days = 10;  // 答复 (资源尚未发布)
  int open_report_working_days = 60;              // 使用情况报告期限
  std::string registration_region = "100000";     // GB/T 2260 code in registration codes

  bool operator==(const WorkflowSettings&) const = default;
};

class SettingsService {
 public:
  SettingsService(storage::Engine& engine, TransitionLog& log, const Clock& clock)
      : engine_(engine), log_(log), clock_(clock) {}

  Status Load();
  WorkflowSettings Get() const;
  // Changes some settings (keys as in WorkflowSettings, values as text). Authority only;
  // unknown keys → 400 settings.unknown_key; out-of-range values → 422 settings.bad_value.
  Result<WorkflowSettings> Update(const Actor& actor, const std::map<std::string, std::string>& changes);

  static std::string Canonical(const WorkflowSettings& s);

 private:
  storage::Engine& engine_;
  TransitionLog& log_;
  const Clock& clock_;
  mutable std::mutex mu_;  // guards settings_ and serializes updates
  WorkflowSettings settings_;
};

}  // namespace gongshu::workflow
