#include "workflow/calendar_service.h"

#include "core/json_writer.h"
#include "core/time_format.h"
#include "workflow/internal/store_util.h"

namespace gongshu::workflow {

using storage::Value;

namespace {

std::string Canonical(const CalendarDay& d) {
  std::string out;
  JsonWriter w(out);
  std::string date;
  AppendIsoDate(date, d.day);
  w.BeginObject().Field("day", date).Field("kind", CalendarDayKindCode(d.kind)).Field("name", d.name).EndObject();
  return out;
}

std::string DayText(int32_t day) {
  std::string s;
  AppendIsoDate(s, day);
  return s;
}

Status RequireAuthority(const Actor& actor) {
  if (actor.IsAuthority()) return Ok();
  return MakeError(ErrorKind::kForbidden, "workflow.not_permitted",
                   "Only the data authority may edit the working-day calendar.", "仅数据管理机构可编辑工作日历。");
}

Result<std::vector<CalendarDay>> ReadDays(storage::Session& s, int32_t from, int32_t to) {
  GS_ASSIGN_OR_RETURN(storage::Table t, s.Query("SELECT day, kind, name, updated_by FROM calendar_days "
                                                "WHERE day BETWEEN $1 AND $2 ORDER BY day",
                                                {Value::Date(from), Value::Date(to)}));
  std::vector<CalendarDay> out;
  for (const auto& row : t.rows) {
    internal::RowView v(t, row);
    CalendarDay d;
    size_t i = t.ColumnIndex("day");
    if (i == SIZE_MAX || !row[i].is_date()) continue;
    d.day = row[i].as_date();
    auto kind = ParseCalendarDayKind(v.Text("kind"));
    if (!kind) continue;  // unknown kinds are ignored: the weekday rule applies
    d.kind = *kind;
    d.name = v.Text("name");
    d.updated_by = v.Text("updated_by");
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

Status CalendarService::Reload(storage::Session& s) {
  GS_ASSIGN_OR_RETURN(auto days, ReadDays(s, INT32_MIN / 2, INT32_MAX / 2));
  std::set<int32_t> holidays, workdays;
  for (const auto& d : days) (d.kind == CalendarDayKind::kHoliday ? holidays : workdays).insert(d.day);
  std::atomic_store(&calendar_, std::make_shared<const WorkingCalendar>(std::move(holidays), std::move(workdays)));
  return Ok();
}

Status CalendarService::Load() {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, engine_.Acquire());
  return Reload(*session);
}

Result<std::vector<CalendarDay>> CalendarService::List(int32_t from, int32_t to) const {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, engine_.Acquire());
  return ReadDays(*session, from, to);
}

Result<CalendarDay> CalendarService::SetDay(const Actor& actor, CalendarDay day) {
  GS_RETURN_IF_ERROR(RequireAuthority(actor));
  bool weekend = WorkingCalendar::IsWeekend(day.day);
  if (day.kind == CalendarDayKind::kHoliday && weekend) {
    return MakeError(ErrorKind::kUnprocessable, "calendar.redundant_day",
                     DayText(day.day) + " is a weekend day: it is already not a working day.",
                     DayText(day.day) + " 是周末，本来就不是工作日。");
  }
  if (day.kind == CalendarDayKind::kWorkday && !weekend) {
    return MakeError(ErrorKind::kUnprocessable, "calendar.redundant_day",
                     DayText(day.day) + " is a weekday: only weekend days can be make-up working days.",
                     DayText(day.day) + " 是工作日，只有周末才能设为调休上班日。");
  }
  if (day.name.size() > 200) {
    return MakeError(ErrorKind::kInvalidArgument, "calendar.bad_name", "The day's name is limited to 200 bytes.",
                     "名称不能超过200字节。");
  }
  day.updated_by = actor.Id();
  std::lock_guard lock(write_mu_);
  TimePoint now = clock_.Now();
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, engine_.Acquire());
  GS_ASSIGN_OR_RETURN(auto existing, ReadDays(*session, day.day, day.day));
  std::string before = existing.empty() ? std::string() : Canonical(existing.front());
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    GS_RETURN_IF_ERROR(session->Execute(
        "INSERT INTO calendar_days (day, kind, name, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        {Value::Date(day.day), Value::Text(std::string(CalendarDayKindCode(day.kind))), Value::Text(day.name),
         Value::Text(day.updated_by), internal::TimeValue(now)}));
    auto index = log_.RecordAdmin(actor, "calendar.day_set", DayText(day.day), before, Canonical(day), now);
    if (!index.ok()) return index.error();
    return Ok();
  }));
  GS_RETURN_IF_ERROR(Reload(*session));
  return day;
}

Status CalendarService::RemoveDay(const Actor& actor, int32_t day) {
  GS_RETURN_IF_ERROR(RequireAuthority(actor));
  std::lock_guard lock(write_mu_);
  TimePoint now = clock_.Now();
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, engine_.Acquire());
  GS_ASSIGN_OR_RETURN(auto existing, ReadDays(*session, day, day));
  if (existing.empty()) {
    return MakeError(ErrorKind::kNotFound, "calendar.day_not_found",
                     DayText(day) + " is not declared in the calendar.", DayText(day) + " 未在工作日历中设置。");
  }
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    GS_RETURN_IF_ERROR(session->Execute("DELETE FROM calendar_days WHERE day = $1", {Value::Date(day)}));
    auto index = log_.RecordAdmin(actor, "calendar.day_removed", DayText(day), Canonical(existing.front()), "", now);
    if (!index.ok()) return index.error();
    return Ok();
  }));
  return Reload(*session);
}

}  // namespace gongshu::workflow
