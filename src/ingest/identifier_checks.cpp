#include "ingest/identifier_checks.h"

#include <array>

namespace gongshu::ingest {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int Num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[static_cast<size_t>(m - 1)];
}

// YYYYMMDD, digits already checked.
bool IsValidBirthDate(std::string_view d, bool strict) {
  int y = Num(d.substr(0, 4));
  int m = Num(d.substr(4, 2));
  int day = Num(d.substr(6, 2));
  if (y < 1800 || y > 2199 || m < 1 || m > 12 || day < 1) return false;
  return day <= (strict ? DaysInMonth(y, m) : 31);
}

// GB 32100-2015 alphabet: digits and upper-case letters without I, O, S, V, Z.
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int UsccValue(char c) {
  if (c >= 'a' && c <= 'z') return -1;
  size_t pos = kUsccAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::optional<char> ResidentIdCheckChar(std::string_view first17) {
  // ISO 7064 MOD 11-2: weight of position i (1-based from the left) is 2^(18-i) mod 11.
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  if (first17.size() != 17 || !AllDigits(first17)) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[static_cast<size_t>(sum % 11)];
}

bool IsValidResidentId(std::string_view id) {
  if (id.size() != 18 || id[0] == '0') return false;
  auto check = ResidentIdCheckChar(id.substr(0, 17));
  if (!check || *check != id[17]) return false;
  return IsValidBirthDate(id.substr(6, 8), /*strict=*/true);
}

bool IsValidMobile(std::string_view n) {
  return n.size() == 11 && AllDigits(n) && n[0] == '1' && n[1] >= '3';
}

std::optional<char> UsccCheckChar(std::string_view first17) {
  // Weight of position i (0-based) is 3^i mod 31.
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  int weight = 1;
  for (char c : first17) {
    int v = UsccValue(c);
    if (v < 0) return std::nullopt;
    sum += v * weight;
    weight = weight * 3 % 31;
  }
  return kUsccAlphabet[static_cast<size_t>((31 - sum % 31) % 31)];
}

bool IsValidUscc(std::string_view code) {
  if (code.size() != 18 || !AllDigits(code.substr(2, 6))) return false;
  if (UsccValue(code[17]) < 0) return false;
  auto check = UsccCheckChar(code.substr(0, 17));
  return check && *check == code[17];
}

std::optional<char> OrganisationCodeCheckChar(std::string_view first8) {
  static constexpr std::array<int, 8> kWeights = {3, 7, 9, 10, 5, 8, 4, 2};
  if (first8.size() != 8) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    char c = first8[i];
    int v = 0;
    if (IsDigit(c)) {
      v = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      v = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    sum += v * kWeights[i];
  }
  int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

bool IsValidOrganisationCode(std::string_view code) {
  std::string_view body;
  char last = 0;
  if (code.size() == 9) {
    body = code.substr(0, 8);
    last = code[8];
  } else if (code.size() == 10 && code[8] == '-') {
    body = code.substr(0, 8);
    last = code[9];
  } else {
    return false;
  }
  auto check = OrganisationCodeCheckChar(body);
  return check && *check == last;
}

bool IsValidDivisionCode(std::string_view code) {
  if ((code.size() != 6 && code.size() != 12) || !AllDigits(code)) return false;
  if (code == "100000") return true;  // 全国, used for national coverage
  int p = Num(code.substr(0, 2));
  return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
         (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 ||
         p == 81 || p == 82;
}

bool LooksLikeResidentId(std::string_view s) {
  if (s.size() != 18 || !AllDigits(s.substr(0, 17))) return false;
  char last = s[17];
  if (!IsDigit(last) && last != 'X' && last != 'x') return false;
  return IsValidBirthDate(s.substr(6, 8), /*strict=*/false);
}

bool LooksLikeMobile(std::string_view s) { return s.size() == 11 && AllDigits(s) && s[0] == '1'; }

bool LooksLikeUscc(std::string_view s) {
  if (s.size() != 18 || !AllDigits(s.substr(2, 6))) return false;
  for (char c : s) {
    char u = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    if (UsccValue(u) < 0) return false;
  }
  return true;
}

}  // namespace gongshu::ingest
