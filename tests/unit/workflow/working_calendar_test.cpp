// 工作日历: weekends, holidays, make-up working days, and the end-of-working-day deadline rule.
#include <gtest/gtest.h>

#include "workflow/working_calendar.h"
#include "workflow_fixture.h"

namespace gongshu::workflow {
namespace {

using testing::Cst;

int32_t Day(int y, unsigned m, unsigned d) { return DaysFromCivil(CivilDate{y, m, d}); }

// National Day 2026 as the tests configure it: Oct 1–7 off (the weekdays among them declared
// holidays), Saturday Oct 10 worked (调休).
WorkingCalendar NationalDay() {
  std::set<int32_t> holidays{Day(2026, 10, 1), Day(2026, 10, 2), Day(2026, 10, 5), Day(2026, 10, 6), Day(2026, 10, 7)};
  std::set<int32_t> workdays{Day(2026, 10, 10)};
  return WorkingCalendar(holidays, workdays);
}

TEST(WorkingCalendar, WeekdaysWeekendsAndTheChinaTimeZone) {
  WorkingCalendar plain;
  EXPECT_TRUE(plain.IsWorkingDay(Day(2026, 9, 28)));   // Monday
  EXPECT_TRUE(plain.IsWorkingDay(Day(2026, 10, 2)));   // Friday
  EXPECT_FALSE(plain.IsWorkingDay(Day(2026, 10, 3)));  // Saturday
  EXPECT_FALSE(plain.IsWorkingDay(Day(2026, 10, 4)));  // Sunday
  EXPECT_TRUE(WorkingCalendar::IsWeekend(Day(1970, 1, 3)));
  EXPECT_FALSE(WorkingCalendar::IsWeekend(Day(1970, 1, 1)));  // a Thursday
  EXPECT_TRUE(WorkingCalendar::IsWeekend(Day(1969, 12, 28)));  // before the epoch too
  // 2026-09-30 23:30 CST is 15:30 UTC the same day; 00:30 CST on Oct 1 is still Sep 30 in UTC.
  EXPECT_EQ(WorkingCalendar::LocalDay(Cst(2026, 9, 30, 23, 30)), Day(2026, 9, 30));
  EXPECT_EQ(WorkingCalendar::LocalDay(Cst(2026, 10, 1, 0, 30)), Day(2026, 10, 1));
  EXPECT_EQ(WorkingCalendar::StartOfLocalDay(Day(2026, 10, 1)), Cst(2026, 10, 1, 0));
}

TEST(WorkingCalendar, HolidaysAndMakeUpDays) {
  WorkingCalendar cal = NationalDay();
  EXPECT_FALSE(cal.IsWorkingDay(Day(2026, 10, 1)));
  EXPECT_FALSE(cal.IsWorkingDay(Day(2026, 10, 7)));
  EXPECT_TRUE(cal.IsWorkingDay(Day(2026, 10, 8)));
  EXPECT_TRUE(cal.IsWorkingDay(Day(2026, 10, 10)));   // Saturday, worked
  EXPECT_FALSE(cal.IsWorkingDay(Day(2026, 10, 11)));  // Sunday
}

TEST(WorkingCalendar, DeadlineIsTheEndOfTheNthWorkingDayAfterTheStartDay) {
  WorkingCalendar plain;
  // Monday 10:00 + 2 working days → end of Wednesday.
  EXPECT_EQ(plain.AddWorkingDays(Cst(2026, 9, 28, 10), 2), Cst(2026, 10, 1, 0));
  // Friday 23:59 + 1 → end of Monday (the weekend does not count).
  EXPECT_EQ(plain.AddWorkingDays(Cst(2026, 10, 2, 23, 59), 1), Cst(2026, 10, 6, 0));
  // Saturday + 1 → end of Monday.
  EXPECT_EQ(plain.AddWorkingDays(Cst(2026, 10, 3, 12), 1), Cst(2026, 10, 6, 0));
  // 0 days: the end of the start day itself.
  EXPECT_EQ(plain.AddWorkingDays(Cst(2026, 9, 28, 10), 0), Cst(2026, 9, 29, 0));
  // Negative counts are treated as 0; absurdly large ones are capped, never loop forever.
  EXPECT_EQ(plain.AddWorkingDays(Cst(2026, 9, 28, 10), -5), Cst(2026, 9, 29, 0));
  EXPECT_LT(plain.AddWorkingDays(Cst(2026, 9, 28, 10), 1 << 30), Cst(2050, 1, 1, 0));
}

TEST(WorkingCalendar, DeadlineAcrossNationalDay) {
  WorkingCalendar cal = NationalDay();
  // Wednesday Sep 30 14:00 + 5 working days: Oct 8, 9, 10 (make-up Saturday), 12, 13.
  EXPECT_EQ(cal.AddWorkingDays(Cst(2026, 9, 30, 14), 5), Cst(2026, 10, 14, 0));
  // + 2: Oct 8, Oct 9.
  EXPECT_EQ(cal.AddWorkingDays(Cst(2026, 9, 30, 14), 2), Cst(2026, 10, 10, 0));
  // + 10 (not yet published): Oct 8, 9, 10, 12, 13, 14, 15, 16, 19, 20.
  EXPECT_EQ(cal.AddWorkingDays(Cst(2026, 9, 30, 14), 10), Cst(2026, 10, 21, 0));
}

class CalendarServiceTest : public testing::WorkflowTest {};

TEST_F(CalendarServiceTest, TheAuthorityEditsTheCalendarAndEveryEditIsAudited) {
  CalendarService& cal = wf_->calendar();
  size_t events = trail_.Count();
  auto holiday = cal.SetDay(As(authority_), CalendarDay{Day(2026, 10, 1), CalendarDayKind::kHoliday, "国庆节", ""});
  ASSERT_TRUE(holiday.ok()) << holiday.error().message;
  ASSERT_TRUE(cal.SetDay(As(authority_), {Day(2026, 10, 10), CalendarDayKind::kWorkday, "国庆节调休", ""}).ok());
  EXPECT_EQ(trail_.Count(), events + 2);
  EXPECT_EQ(trail_.Events().back().kind, "calendar.day_set");
  EXPECT_EQ(trail_.Events().back().channel, audit::Channel::kAdmin);
  EXPECT_FALSE(cal.Calendar()->IsWorkingDay(Day(2026, 10, 1)));
  EXPECT_TRUE(cal.Calendar()->IsWorkingDay(Day(2026, 10, 10)));

  // Persistent: a fresh service reads the same calendar.
  TransitionLog log2(trail_);
  CalendarService again(*engine_, log2, clock_);
  ASSERT_TRUE(again.Load().ok());
  EXPECT_FALSE(again.Calendar()->IsWorkingDay(Day(2026, 10, 1)));
  auto listed = cal.List(Day(2026, 9, 1), Day(2026, 10, 31));
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "国庆节");
  EXPECT_EQ((*listed)[0].updated_by, "u-auth");

  ASSERT_TRUE(cal.RemoveDay(As(authority_), Day(2026, 10, 1)).ok());
  EXPECT_TRUE(cal.Calendar()->IsWorkingDay(Day(2026, 10, 1)));
  EXPECT_EQ(cal.RemoveDay(As(authority_), Day(2026, 10, 1)).error().code, "calendar.day_not_found");
}

TEST_F(CalendarServiceTest, OthersCannotEditAndRedundantDaysAreRefused) {
  CalendarService& cal = wf_->calendar();
  size_t events = trail_.Count();
  EXPECT_EQ(cal.SetDay(As(steward_a_), {Day(2026, 10, 1), CalendarDayKind::kHoliday, "x", ""}).error().code,
            "workflow.not_permitted");
  EXPECT_EQ(cal.SetDay(As(authority_), {Day(2026, 10, 3), CalendarDayKind::kHoliday, "x", ""}).error().code,
            "calendar.redundant_day");  // a Saturday
  EXPECT_EQ(cal.SetDay(As(authority_), {Day(2026, 10, 5), CalendarDayKind::kWorkday, "x", ""}).error().code,
            "calendar.redundant_day");  // a Monday
  EXPECT_EQ(trail_.Count(), events);
  EXPECT_EQ(CountRows("calendar_days"), 0);
  trail_.SetFailing(true);
  auto st = cal.SetDay(As(authority_), {Day(2026, 10, 1), CalendarDayKind::kHoliday, "国庆节", ""});
  EXPECT_EQ(st.error().code, "audit.unavailable");
  EXPECT_EQ(CountRows("calendar_days"), 0);  // rolled back
  EXPECT_TRUE(cal.Calendar()->IsWorkingDay(Day(2026, 10, 1)));
}

TEST_F(CalendarServiceTest, SettingsAreValidatedAndAudited) {
  auto& settings = wf_->settings();
  EXPECT_EQ(settings.Get().share_reply_working_days, 5);
  EXPECT_EQ(settings.Update(As(consumer_b_), {{"notice_working_days", "3"}}).error().code, "workflow.not_permitted");
  EXPECT_EQ(settings.Update(As(authority_), {{"nope", "3"}}).error().code, "settings.unknown_key");
  EXPECT_EQ(settings.Update(As(authority_), {{"notice_working_days", "0"}}).error().code, "settings.bad_value");
  EXPECT_EQ(settings.Update(As(authority_), {{"notice_working_days", "3x"}}).error().code, "settings.bad_value");
  EXPECT_EQ(settings.Update(As(authority_), {{"registration_region", "33000"}}).error().code, "settings.bad_value");
  auto ok = settings.Update(As(authority_), {{"notice_working_days", "3"}, {"registration_region", "330000"}});
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->notice_working_days, 3);
  EXPECT_EQ(trail_.Events().back().kind, "workflow.settings_changed");
  TransitionLog log2(trail_);
  SettingsService again(*engine_, log2, clock_);
  ASSERT_TRUE(again.Load().ok());
  EXPECT_EQ(again.Get().notice_working_days, 3);
  EXPECT_EQ(again.Get().registration_region, "330000");
}

}  // namespace
}  // namespace gongshu::workflow
