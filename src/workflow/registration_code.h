#pragma once
// 登记编码: the registration code of a registered resource or product (docs/registration.md).
//
//   1R10000020260000017       19 characters, no separators (display: 1R-100000-2026-000001-7)
//   │││     │   │     └ check character, ISO/IEC 7064 MOD 37,36 (hybrid) over 0-9 A-Z
//   │││     │   └ serial number within (level, object, region, year), 000001–999999
//   │││     └ year of first registration (China Standard Time)
//   ││└ GB/T 2260 division code of the registering authority (100000 = national)
//   │└ object: R 数据资源 (resource), P 数据产品 (product)
//   └ registry level from the division code: 1 national, 2 provincial, 3 municipal, 4 county
//
// A code is assigned once, at the end of the public notice of a first registration, and never
// changes or is reused: changes and corrections keep it (the revision counts them), a
// cancellation (注销) marks it deregistered, and a later first registration gets a new code.
#include <optional>
#include <string>
#include <string_view>

namespace gongshu::workflow {

enum class RegisteredObject { kResource, kProduct };

struct RegistrationCodeParts {
  char level = '1';
  RegisteredObject object = RegisteredObject::kResource;
  std::string region;  // 6 digits
  int year = 0;
  int serial = 0;      // 1..999999
};

// The registry level digit of a division code (1–4); '0' when the code is not 6 digits.
char RegistryLevel(std::string_view region);
// The ISO/IEC 7064 MOD 37,36 check character of `payload` (digits and upper-case letters);
// '\0' when the payload has any other character.
char RegistrationCheckCharacter(std::string_view payload);
// Builds the canonical code; nullopt when a part is out of range.
std::optional<std::string> MakeRegistrationCode(const RegistrationCodeParts& parts);
// Parses the canonical or the hyphenated display form; checks shape, level, region, year,
// serial and the check character.
std::optional<RegistrationCodeParts> ParseRegistrationCode(std::string_view code);
// "1R-100000-2026-000001-7"
std::string DisplayRegistrationCode(std::string_view code);

}  // namespace gongshu::workflow
