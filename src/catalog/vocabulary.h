#pragma once
// Controlled vocabularies of the catalog: subject categories (主题分类), update cycles (更新周期).
#include <span>
#include <string_view>

namespace gongshu::catalog {

struct Term {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
};

// 主题分类, following the subject classes used by Chinese provincial open-data portals.
std::span<const Term> Subjects();
// 更新周期.
std::span<const Term> UpdateCycles();

const Term* FindTerm(std::span<const Term> terms, std::string_view code);

}  // namespace gongshu::catalog
