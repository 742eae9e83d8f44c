#include "workflow/settings_service.h"

#include <charconv>

#include "core/json_writer.h"
#include "workflow/internal/store_util.h"

namespace gongshu::workflow {

using storage::Value;

namespace {

struct IntSetting {
  std::string_view key;
  int WorkflowSettings::*member;
  int min;
  int max;
};

constexpr IntSetting kIntSettings[] = {
    {"notice_working_days", &WorkflowSettings::notice_working_days, 1, 60},
    {"share_compliance_working_days", &WorkflowSettings::share_compliance_working_days, 1, 60},
    {"share_reply_working_days", &WorkflowSettings::share_reply_working_days, 1, 120},
    {"share_reply_unpublished_working_days", &WorkflowSettings::share_reply_unpublished_working_days, 1, 120},
    {"open_report_working_days", &WorkflowSettings::open_report_working_days, 1, 250},
};

bool IsRegionCode(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return s[0] != '0';
}

Status Apply(WorkflowSettings& s, const std::string& key, const std::string& value) {
  if (key == "registration_region") {
    if (!IsRegionCode(value)) {
      return MakeError(ErrorKind::kUnprocessable, "settings.bad_value",
                       "registration_region must be a 6-digit GB/T 2260 division code.",
                       "registration_region 须为6位 GB/T 2260 行政区划代码。");
    }
    s.registration_region = value;
    return Ok();
  }
  for (const auto& is : kIntSettings) {
    if (is.key != key) continue;
    int n = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || ptr != value.data() + value.size() || n < is.min || n > is.max) {
      return MakeError(ErrorKind::kUnprocessable, "settings.bad_value",
                       key + " must be a whole number of working days from " + std::to_string(is.min) + " to " +
                           std::to_string(is.max) + ".",
                       key + " 须为 " + std::to_string(is.min) + " 到 " + std::to_string(is.max) + " 之间的工作日数。");
    }
    s.*is.member = n;
    return Ok();
  }
  return MakeError(ErrorKind::kInvalidArgument, "settings.unknown_key", "Unknown setting '" + key + "'.",
                   "未知的设置项“" + key + "”。");
}

}  // namespace

std::string SettingsService::Canonical(const WorkflowSettings& s) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  for (const auto& is : kIntSettings) w.Field(is.key, s.*is.member);
  w.Field("registration_region", s.registration_region);
  w.EndObject();
  return out;
}

Status SettingsService::Load() {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, engine_.Acquire());
  GS_ASSIGN_OR_RETURN(storage::Table t, session->Query("SELECT key, value FROM workflow_settings ORDER BY key"));
  WorkflowSettings loaded;
  for (const auto& row : t.rows) {
    internal::RowView v(t, row);
    // A stored value the code no longer accepts keeps the default rather than stopping start-up.
    (void)Apply(loaded, v.Text("key"), v.Text("value"));
  }
  std::lock_guard lock(mu_);
  settings_ = std::move(loaded);
  return Ok();
}

WorkflowSettings SettingsService::Get() const {
  std::lock_guard lock(mu_);
  return settings_;
}

Result<WorkflowSettings> SettingsService::Update(const Actor& actor, const std::map<std::string, std::string>& changes) {
  if (!actor.IsAuthority()) {
    return MakeError(ErrorKind::kForbidden, "workflow.not_permitted",
                     "Only the data authority may change workflow settings.", "仅数据管理机构可修改流程设置。");
  }
  std::lock_guard lock(mu_);
  WorkflowSettings next = settings_;
  for (const auto& [k, v] : changes) GS_RETURN_IF_ERROR(Apply(next, k, v));
  TimePoint now = clock_.Now();
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    for (const auto& [k, v] : changes) {
      GS_RETURN_IF_ERROR(session->Execute(
          "INSERT INTO workflow_settings (key, value, updated_by, updated_at) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, "
          "updated_at = excluded.updated_at",
          {Value::Text(k), Value::Text(v), Value::Text(actor.Id()), internal::TimeValue(now)}));
    }
    GS_ASSIGN_OR_RETURN(uint64_t index, log_.RecordAdmin(actor, "workflow.settings_changed", "workflow_settings",
                                                         Canonical(settings_), Canonical(next), now));
    (void)index;
    return Ok();
  }));
  settings_ = next;
  return next;
}

}  // namespace gongshu::workflow
