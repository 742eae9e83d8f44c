#pragma once
// 数据脱敏 (masking): deterministic, irreversible display masks for personal identifiers, in two
// forms that must agree character for character: a C++ function for values the platform already
// holds, and a DuckDB SQL expression so that masked fields leave the engine masked (the raw value
// never reaches the result encoders). Both count Unicode code points, not bytes, so Chinese names
// and addresses are masked by character.
//
// Rules (n = number of code points in the value):
//   resident_id 身份证号  n >= 11: first 6 + '*' x (n-10) + last 4   110105********002X
//   bank_card   银行卡号  same rule as resident_id                   622202*********1234
//   mobile      手机号码  n >= 8:  first 3 + '*' x (n-7) + last 4    138****8000
//   name        姓名      surname kept (two characters for a listed compound surname such as 欧阳
//                         when n > 2), every other character '*'      张*  欧阳**  欧阳*
//   address     地址      kept through the first 区/县/旗 found at character 2..10 (district
//                         level), otherwise the first min(6, n/2) characters; then "****"
//   full        全部遮蔽  "****" whatever the value (its length is hidden too)
// Values too short for their rule are replaced by '*' x n (nothing is kept).
#include <optional>
#include <string>
#include <string_view>

namespace gongshu::privacy {

enum class MaskKind { kNone, kResidentId, kMobile, kName, kAddress, kBankCard, kFull };

// Stable codes used in policy obligations and scopes: "" (none), "resident_id", "mobile", "name",
// "address", "bank_card", "full".
std::string_view MaskKindCode(MaskKind kind);
std::optional<MaskKind> ParseMaskKind(std::string_view code);

// Masks a value (UTF-8; an invalid byte counts as one character). kNone returns the value as is.
std::string Mask(MaskKind kind, std::string_view value);

// The DuckDB SQL expression computing Mask(kind, column) for a non-NULL column and NULL for NULL.
// `quoted_column` must be trusted SQL (an identifier already quoted with storage::QuoteIdentifier
// or an expression built from such); the rest of the text is constant. Non-text columns are cast
// to VARCHAR first. kNone returns the column unchanged.
std::string MaskSql(MaskKind kind, std::string_view quoted_column);

}  // namespace gongshu::privacy
