#pragma once
// The working-day calendar as the platform keeps it: exceptions (holidays, make-up working days)
// stored in calendar_days, edited by the data authority (each edit audited), and served to the
// deadline computations from an immutable WorkingCalendar swapped atomically after every edit.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/engine.h"
#include "workflow/actor.h"
#include "workflow/transition_log.h"
#include "workflow/working_calendar.h"

namespace gongshu::workflow {

struct CalendarDay {
  int32_t day = 0;  // days since 1970-01-01 (China Standard Time)
  CalendarDayKind kind = CalendarDayKind::kHoliday;
  std::string name;  // e.g. 国庆节, 国庆节调休
  std::string updated_by;
};

class CalendarService {
 public:
  CalendarService(storage::Engine& engine, TransitionLog& log, const Clock& clock)
      : engine_(engine), log_(log), clock_(clock), calendar_(std::make_shared<const WorkingCalendar>()) {}

  Status Load();
  std::shared_ptr<const WorkingCalendar> Calendar() const { return std::atomic_load(&calendar_); }

  // Exceptions within [from, to] (days), in order.
  Result<std::vector<CalendarDay>> List(int32_t from, int32_t to) const;
  // Declares a day a holiday or a make-up working day (replacing an earlier declaration).
  // Authority only. A holiday on a weekend or a workday on a weekday changes nothing and is
  // refused (422 calendar.redundant_day), so that the table says what it means.
  Result<CalendarDay> SetDay(const Actor& actor, CalendarDay day);
  Status RemoveDay(const Actor& actor, int32_t day);

 private:
  Status Reload(storage::Session& s);

  storage::Engine& engine_;
  TransitionLog& log_;
  const Clock& clock_;
  std::mutex write_mu_;  // serializes edits
  std::shared_ptr<const WorkingCalendar> calendar_;
};

}  // namespace gongshu::workflow
