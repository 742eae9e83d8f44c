#include "catalog/classification.h"

#include <array>
#include <type_traits>

namespace gongshu::catalog {

namespace {

struct LevelNames {
  ClassificationLevel level;
  std::string_view code, zh, en;
};
constexpr std::array<LevelNames, 6> kLevels{{
    {ClassificationLevel::kGeneral1, "L1", "一般1级", "General level 1"},
    {ClassificationLevel::kGeneral2, "L2", "一般2级", "General level 2"},
    {ClassificationLevel::kGeneral3, "L3", "一般3级", "General level 3"},
    {ClassificationLevel::kGeneral4, "L4", "一般4级", "General level 4"},
    {ClassificationLevel::kImportant, "important", "重要数据", "Important data"},
    {ClassificationLevel::kCore, "core", "核心数据", "Core data"},
}};

struct ShareNames {
  ShareAttribute attr;
  std::string_view code, zh, en;
};
constexpr std::array<ShareNames, 3> kShare{{
    {ShareAttribute::kUnconditional, "unconditional", "无条件共享", "Unconditional sharing"},
    {ShareAttribute::kConditional, "conditional", "有条件共享", "Conditional sharing"},
    {ShareAttribute::kNotShared, "not_shared", "不予共享", "Not shared"},
}};

struct OpenNames {
  OpenAttribute attr;
  std::string_view code, zh, en;
};
constexpr std::array<OpenNames, 3> kOpen{{
    {OpenAttribute::kUnconditional, "unconditional", "无条件开放", "Open"},
    {OpenAttribute::kConditional, "conditional", "有条件开放", "Conditionally open"},
    {OpenAttribute::kNotOpen, "not_open", "不予开放", "Not open"},
}};

template <typename Table, typename Key>
const auto& Find(const Table& table, Key key) {
  for (const auto& e : table) {
    if constexpr (std::is_same_v<Key, ClassificationLevel>) {
      if (e.level == key) return e;
    } else {
      if (e.attr == key) return e;
    }
  }
  return table[0];
}

}  // namespace

std::string_view LevelCode(ClassificationLevel l) { return Find(kLevels, l).code; }
std::string_view LevelNameZh(ClassificationLevel l) { return Find(kLevels, l).zh; }
std::string_view LevelNameEn(ClassificationLevel l) { return Find(kLevels, l).en; }
std::optional<ClassificationLevel> ParseLevel(std::string_view code) {
  for (const auto& e : kLevels) {
    if (e.code == code || e.zh == code) return e.level;
  }
  return std::nullopt;
}

std::string_view ShareCode(ShareAttribute a) { return Find(kShare, a).code; }
std::string_view ShareNameZh(ShareAttribute a) { return Find(kShare, a).zh; }
std::string_view ShareNameEn(ShareAttribute a) { return Find(kShare, a).en; }
std::optional<ShareAttribute> ParseShare(std::string_view code) {
  for (const auto& e : kShare) {
    if (e.code == code || e.zh == code) return e.attr;
  }
  return std::nullopt;
}

std::string_view OpenCode(OpenAttribute a) { return Find(kOpen, a).code; }
std::string_view OpenNameZh(OpenAttribute a) { return Find(kOpen, a).zh; }
std::string_view OpenNameEn(OpenAttribute a) { return Find(kOpen, a).en; }
std::optional<OpenAttribute> ParseOpen(std::string_view code) {
  for (const auto& e : kOpen) {
    if (e.code == code || e.zh == code) return e.attr;
  }
  return std::nullopt;
}

}  // namespace gongshu::catalog
