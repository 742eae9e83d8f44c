#include "core/time_format.h"

#include <charconv>

#include "core/clock.h"

namespace gongshu {

int32_t DaysFromCivil(CivilDate d) {
  int32_t y = d.year - (d.month <= 2 ? 1 : 0);
  const int32_t era = (y >= 0 ? y : y - 399) / 400;
  const uint32_t yoe = static_cast<uint32_t>(y - era * 400);
  const uint32_t doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

CivilDate CivilFromDays(int32_t z) {
  z += 719468;
  const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const uint32_t doe = static_cast<uint32_t>(z - era * 146097);
  const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int32_t y = static_cast<int32_t>(yoe) + era * 400;
  const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const uint32_t mp = (5 * doy + 2) / 153;
  const uint32_t d = doy - (153 * mp + 2) / 5 + 1;
  const uint32_t m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{y + (m <= 2 ? 1 : 0), m, d};
}

namespace {

void AppendPadded(std::string& out, int64_t v, int width) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v < 0 ? -v : v);
  (void)ec;
  if (v < 0) out.push_back('-');
  for (int n = static_cast<int>(end - buf); n < width; ++n) out.push_back('0');
  out.append(buf, end);
}

constexpr int64_t kMicrosPerDay = 86400LL * 1000000LL;

bool IsLeap(int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

uint32_t DaysInMonth(int32_t y, uint32_t m) {
  static constexpr uint32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ParseDigits(std::string_view s, size_t pos, size_t n, int64_t& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

void AppendIsoDate(std::string& out, int32_t days) {
  CivilDate c = CivilFromDays(days);
  AppendPadded(out, c.year, 4);
  out.push_back('-');
  AppendPadded(out, c.month, 2);
  out.push_back('-');
  AppendPadded(out, c.day, 2);
}

void AppendIsoTime(std::string& out, int64_t micros) {
  int64_t secs = micros / 1000000;
  int64_t frac = micros % 1000000;
  AppendPadded(out, secs / 3600, 2);
  out.push_back(':');
  AppendPadded(out, (secs / 60) % 60, 2);
  out.push_back(':');
  AppendPadded(out, secs % 60, 2);
  if (frac != 0) {
    out.push_back('.');
    AppendPadded(out, frac, 6);
    while (out.back() == '0') out.pop_back();
  }
}

void AppendIsoTimestamp(std::string& out, int64_t micros, bool zulu) {
  int64_t days = micros / kMicrosPerDay;
  int64_t rem = micros % kMicrosPerDay;
  if (rem < 0) {
    rem += kMicrosPerDay;
    --days;
  }
  AppendIsoDate(out, static_cast<int32_t>(days));
  out.push_back('T');
  AppendIsoTime(out, rem);
  if (zulu) out.push_back('Z');
}

std::optional<int32_t> ParseIsoDate(std::string_view s) {
  int64_t y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!ParseDigits(s, 0, 4, y) || !ParseDigits(s, 5, 2, m) || !ParseDigits(s, 8, 2, d)) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(static_cast<int32_t>(y), static_cast<uint32_t>(m))) {
    return std::nullopt;
  }
  return DaysFromCivil({static_cast<int32_t>(y), static_cast<uint32_t>(m), static_cast<uint32_t>(d)});
}

std::optional<int64_t> ParseIsoTimestamp(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  auto date = ParseIsoDate(s.substr(0, 10));
  if (!date) return std::nullopt;
  int64_t micros = static_cast<int64_t>(*date) * kMicrosPerDay;
  if (s.size() == 10) return micros;
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int64_t hh = 0, mm = 0, ss = 0;
  if (!ParseDigits(s, 11, 2, hh) || s.size() < 16 || s[13] != ':' || !ParseDigits(s, 14, 2, mm)) {
    return std::nullopt;
  }
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!ParseDigits(s, pos + 1, 2, ss)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      int64_t frac = 0;
      int digits = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (digits == 6) return std::nullopt;
        frac = frac * 10 + (s[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0) return std::nullopt;
      for (; digits < 6; ++digits) frac *= 10;
      micros += frac;
    }
  }
  if (pos < s.size() && s[pos] == 'Z') ++pos;
  if (pos != s.size() || hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  return micros + ((hh * 60 + mm) * 60 + ss) * 1000000;
}

std::string FormatIsoTime(int64_t micros_since_epoch) {
  std::string out;
  int64_t millis_only = micros_since_epoch - micros_since_epoch % 1000;
  AppendIsoTimestamp(out, millis_only, true);
  return out;
}

}  // namespace gongshu
