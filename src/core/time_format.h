#pragma once
// Calendar conversions shared by encoders and parsers (proleptic Gregorian, UTC).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gongshu {

struct CivilDate {
  int32_t year;
  uint32_t month;  // 1..12
  uint32_t day;    // 1..31
};

// Days since 1970-01-01 <-> civil date (Howard Hinnant's algorithms).
int32_t DaysFromCivil(CivilDate d);
CivilDate CivilFromDays(int32_t days);

// Appends "YYYY-MM-DD" for days since the epoch.
void AppendIsoDate(std::string& out, int32_t days);
// Appends "YYYY-MM-DDTHH:MM:SS[.ffffff]" for microseconds since the epoch (no zone suffix).
void AppendIsoTimestamp(std::string& out, int64_t micros, bool zulu = false);
// Appends "HH:MM:SS[.ffffff]" for microseconds since midnight.
void AppendIsoTime(std::string& out, int64_t micros);

// Parses "YYYY-MM-DD" (strict, validates the day of month).
std::optional<int32_t> ParseIsoDate(std::string_view s);
// Parses "YYYY-MM-DD[ T]HH:MM[:SS[.f{1,6}]][Z]" as UTC microseconds.
std::optional<int64_t> ParseIsoTimestamp(std::string_view s);

}  // namespace gongshu
