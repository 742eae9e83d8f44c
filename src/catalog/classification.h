#pragma once
// 分类分级: classification levels of information items (信息项) and the share/open attributes of
// resources (共享属性 / 开放属性). A resource's level is the highest level of its fields (就高从严).
#include <optional>
#include <string_view>

namespace gongshu::catalog {

// 一般1级 … 一般4级, 重要数据, 核心数据 — ordered from least to most sensitive.
enum class ClassificationLevel { kGeneral1 = 1, kGeneral2, kGeneral3, kGeneral4, kImportant, kCore };

// 共享属性: 无条件共享 / 有条件共享 / 不予共享.
enum class ShareAttribute { kUnconditional, kConditional, kNotShared };

// 开放属性: 无条件开放 / 有条件开放 / 不予开放.
enum class OpenAttribute { kUnconditional, kConditional, kNotOpen };

// Stable codes used in the API and storage: "L1".."L4", "important", "core".
std::string_view LevelCode(ClassificationLevel l);
std::string_view LevelNameZh(ClassificationLevel l);  // 一般1级 …
std::string_view LevelNameEn(ClassificationLevel l);  // General level 1 …
std::optional<ClassificationLevel> ParseLevel(std::string_view code);  // accepts code or 中文名

std::string_view ShareCode(ShareAttribute a);  // "unconditional" | "conditional" | "not_shared"
std::string_view ShareNameZh(ShareAttribute a);
std::string_view ShareNameEn(ShareAttribute a);
std::optional<ShareAttribute> ParseShare(std::string_view code);

std::string_view OpenCode(OpenAttribute a);  // "unconditional" | "conditional" | "not_open"
std::string_view OpenNameZh(OpenAttribute a);
std::string_view OpenNameEn(OpenAttribute a);
std::optional<OpenAttribute> ParseOpen(std::string_view code);

}  // namespace gongshu::catalog
