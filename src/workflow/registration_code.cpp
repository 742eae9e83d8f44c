#include "workflow/registration_code.h"

#include <cstdio>

namespace gongshu::workflow {

namespace {

constexpr int kM = 36;  // ISO/IEC 7064 MOD 37,36: M = 36, M + 1 = 37

int CharValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

char ValueChar(int v) { return v < 10 ? static_cast<char>('0' + v) : static_cast<char>('A' + v - 10); }

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

}  // namespace

char RegistryLevel(std::string_view region) {
  if (region.size() != 6 || !AllDigits(region) || region[0] == '0') return '0';
  if (region == "100000") return '1';
  if (region.substr(2) == "0000") return '2';
  if (region.substr(4) == "00") return '3';
  return '4';
}

char RegistrationCheckCharacter(std::string_view payload) {
  int t = kM;
  for (char c : payload) {
    int a = CharValue(c);
    if (a < 0) return '\0';
    t = (t + a) % kM;
    if (t == 0) t = kM;
    t = (2 * t) % (kM + 1);
  }
  return ValueChar((kM + 1 - t) % kM);
}

std::optional<std::string> MakeRegistrationCode(const RegistrationCodeParts& p) {
  if (RegistryLevel(p.region) == '0' || p.level != RegistryLevel(p.region)) return std::nullopt;
  if (p.year < 2000 || p.year > 9999 || p.serial < 1 || p.serial > 999999) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%c%c%s%04d%06d", p.level, p.object == RegisteredObject::kResource ? 'R' : 'P',
                p.region.c_str(), p.year, p.serial);
  std::string code(buf);
  code.push_back(RegistrationCheckCharacter(code));
  return code;
}

std::optional<RegistrationCodeParts> ParseRegistrationCode(std::string_view input) {
  std::string code;
  for (char c : input) {
    if (c != '-') code.push_back(c);
  }
  if (code.size() != 19) return std::nullopt;
  RegistrationCodeParts p;
  p.level = code[0];
  if (code[1] == 'R') {
    p.object = RegisteredObject::kResource;
  } else if (code[1] == 'P') {
    p.object = RegisteredObject::kProduct;
  } else {
    return std::nullopt;
  }
  p.region = code.substr(2, 6);
  std::string_view year = std::string_view(code).substr(8, 4);
  std::string_view serial = std::string_view(code).substr(12, 6);
  if (!AllDigits(year) || !AllDigits(serial)) return std::nullopt;
  p.year = std::stoi(std::string(year));
  p.serial = std::stoi(std::string(serial));
  auto rebuilt = MakeRegistrationCode(p);
  if (!rebuilt || *rebuilt != code) return std::nullopt;  // level, ranges or check character wrong
  return p;
}

std::string DisplayRegistrationCode(std::string_view code) {
  if (code.size() != 19) return std::string(code);
  std::string out;
  out.append(code.substr(0, 2)).push_back('-');
  out.append(code.substr(2, 6)).push_back('-');
  out.append(code.substr(8, 4)).push_back('-');
  out.append(code.substr(12, 6)).push_back('-');
  out.append(code.substr(18, 1));
  return out;
}

}  // namespace gongshu::workflow
