#pragma once
// Checks shared by share and open applications: purposes, free texts, fields, row scopes. Each
// error's code starts with the workflow's prefix ("share", "open"); messages are bilingual.
#include <string>
#include <string_view>
#include <vector>

#include "catalog/resource.h"
#include "core/result.h"
#include "policy/grant.h"

namespace gongshu::workflow::internal {

inline constexpr size_t kMaxPurposes = 10;
inline constexpr size_t kMaxText = 4000;  // bytes of a scenario, measures, reason

// 1–10 distinct purpose codes (policy::IsValidPurposeCode).
Status CheckPurposes(const std::vector<std::string>& purposes, std::string_view prefix);
// 1–4000 bytes of valid UTF-8 without control characters other than newlines and tabs.
Status CheckText(std::string_view text, std::string_view key, std::string_view key_zh, std::string_view prefix);
Status CheckOptionalText(std::string_view text, std::string_view key, std::string_view key_zh, std::string_view prefix);
// Distinct fields of the resource, none above `max_level`.
Status CheckFields(const catalog::Resource& r, const std::vector<std::string>& fields,
                   catalog::ClassificationLevel max_level, std::string_view prefix);
// Empty, or a field of the resource with 1–50 prefixes of 1–32 ASCII letters and digits.
Status CheckRowScope(const catalog::Resource& r, const policy::RowScope& rows, std::string_view prefix);

}  // namespace gongshu::workflow::internal
