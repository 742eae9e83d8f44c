#include "workflow/working_calendar.h"

#include <algorithm>

namespace gongshu::workflow {

namespace {

constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

}  // namespace

std::string_view CalendarDayKindCode(CalendarDayKind k) {
  return k == CalendarDayKind::kHoliday ? "holiday" : "workday";
}

std::optional<CalendarDayKind> ParseCalendarDayKind(std::string_view code) {
  if (code == "holiday") return CalendarDayKind::kHoliday;
  if (code == "workday") return CalendarDayKind::kWorkday;
  return std::nullopt;
}

int32_t WorkingCalendar::LocalDay(TimePoint t) {
  int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  return static_cast<int32_t>(FloorDiv(micros + kUtcOffsetMicros, kMicrosPerDay));
}

TimePoint WorkingCalendar::StartOfLocalDay(int32_t day) {
  return TimePoint(std::chrono::microseconds(int64_t{day} * kMicrosPerDay - kUtcOffsetMicros));
}

bool WorkingCalendar::IsWeekend(int32_t day) {
  // 1970-01-01 was a Thursday: with Sunday = 0, weekday = (day + 4) mod 7.
  int64_t wd = FloorDiv(int64_t{day} + 4, 7);
  int weekday = static_cast<int>(int64_t{day} + 4 - wd * 7);
  return weekday == 0 || weekday == 6;
}

bool WorkingCalendar::IsWorkingDay(int32_t day) const {
  if (IsWeekend(day)) return workdays_.contains(day);
  return !holidays_.contains(day);
}

TimePoint WorkingCalendar::AddWorkingDays(TimePoint start, int n) const {
  n = std::clamp(n, 0, kMaxWorkingDays);
  int32_t day = LocalDay(start);
  for (int counted = 0; counted < n;) {
    ++day;
    if (IsWorkingDay(day)) ++counted;
  }
  return StartOfLocalDay(day + 1);
}

}  // namespace gongshu::workflow
