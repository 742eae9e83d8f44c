#pragma once
// 工作日历: which days are working days, for the deadlines (时限) of workflows.
//
// A day is a working day when it is Monday–Friday and not declared a holiday, or when it is a
// weekend day declared a make-up working day (调休上班). Days are civil days in China Standard
// Time (UTC+8, no daylight saving), whatever the server's time zone.
//
// Deadline rule (the one every SLA uses): a period of n working days starts the day after the
// event (the day of the event is not counted, as 《民法典》第二百零一条 counts periods) and ends at the
// END of the n-th working day, i.e. at 00:00 CST of the next calendar day. A deadline is passed
// when now >= AddWorkingDays(start, n): at that instant, not a microsecond earlier.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace gongshu::workflow {

enum class CalendarDayKind { kHoliday, kWorkday };
std::string_view CalendarDayKindCode(CalendarDayKind k);  // "holiday" | "workday"
std::optional<CalendarDayKind> ParseCalendarDayKind(std::string_view code);

class WorkingCalendar {
 public:
  static constexpr int64_t kUtcOffsetMicros = int64_t{8} * 3600 * 1000000;  // China Standard Time
  static constexpr int kMaxWorkingDays = 3650;                              // ten years of days at most

  WorkingCalendar() = default;
  WorkingCalendar(std::set<int32_t> holidays, std::set<int32_t> workdays)
      : holidays_(std::move(holidays)), workdays_(std::move(workdays)) {}

  // Days are counted since 1970-01-01 (as core/time_format.h), in China Standard Time.
  static int32_t LocalDay(TimePoint t);
  static TimePoint StartOfLocalDay(int32_t day);
  static bool IsWeekend(int32_t day);

  bool IsWorkingDay(int32_t day) const;
  // The deadline of n working days after `start` (n >= 0; 0 = the end of start's own day).
  TimePoint AddWorkingDays(TimePoint start, int n) const;

  const std::set<int32_t>& holidays() const { return holidays_; }
  const std::set<int32_t>& workdays() const { return workdays_; }

 private:
  std::set<int32_t> holidays_;  // weekdays declared off
  std::set<int32_t> workdays_;  // weekend days declared worked (调休)
};

}  // namespace gongshu::workflow
