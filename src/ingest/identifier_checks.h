#pragma once
// Validators for Chinese identifiers found in public data, and the check characters needed to
// generate valid synthetic ones. The same rules exist as DuckDB macros
// (src/storage/migrations/0002_ingest_macros.sql) so that the quality profile counts invalid values
// in the engine; tests hold both to the same vectors.
//
//  - 居民身份证号码 (GB 11643-1999): 6-digit division code, birth date YYYYMMDD, 3-digit sequence,
//    check character ISO 7064 MOD 11-2 over the first 17 digits.
//  - 手机号码: 11 digits, 1[3-9]…
//  - 统一社会信用代码 (GB 32100-2015): 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY"
//    (no I, O, S, V, Z); positions 3–8 are the division code; check character MOD 31.
//  - 组织机构代码 (GB 11714-1997): 8 body characters [0-9A-Z] and a MOD 11 check character;
//    positions 9–17 of a credit code.
//  - 行政区划代码 (GB/T 2260, with the 12-digit statistical extension): 6 or 12 digits starting
//  with
//    a province code.
#include <optional>
#include <string_view>

namespace gongshu::ingest {

// Check character of a resident ID ('0'-'9' or 'X') from its first 17 digits; nullopt when
// `first17` is not exactly 17 ASCII digits.
std::optional<char> ResidentIdCheckChar(std::string_view first17);
// 18 characters, 17 digits + check ('X' upper case), a real calendar birth date from 1800 on,
// a non-zero leading digit and a correct check character. 15-digit first-generation IDs are
// invalid.
bool IsValidResidentId(std::string_view id);

// 11 ASCII digits starting with 13–19.
bool IsValidMobile(std::string_view number);

// Check character of a unified social credit code from its first 17 characters; nullopt when a
// character is outside the code's alphabet or the length is not 17.
std::optional<char> UsccCheckChar(std::string_view first17);
// 18 characters of the alphabet (upper case), digits in positions 3–8, correct check character.
bool IsValidUscc(std::string_view code);

// GB 11714 check character ('0'-'9' or 'X') of an organisation code from its 8 body characters
// (digits and upper-case letters); nullopt otherwise.
std::optional<char> OrganisationCodeCheckChar(std::string_view first8);
// 9 characters (the hyphenated form "12345678-9" is accepted too) with a correct check character.
bool IsValidOrganisationCode(std::string_view code);

// 6 or 12 ASCII digits whose first two form a province-level code (11–15, 21–23, 31–37, 41–46,
// 50–54, 61–65, 71, 81, 82), or "100000" (national).
bool IsValidDivisionCode(std::string_view code);

// Shape tests used to detect a column's semantic from sampled values (cheaper than validity and
// tolerant of bad check characters: a column of mostly-invalid IDs is still an ID column).
bool LooksLikeResidentId(std::string_view s);  // 17 digits + [0-9Xx], a plausible YYYYMMDD at 7–14
bool LooksLikeMobile(std::string_view s);      // 11 digits starting with 1
bool LooksLikeUscc(std::string_view s);        // 18 alphabet characters (any case), digits at 3–8

}  // namespace gongshu::ingest
