#pragma once
// Organisations known to the platform: the data authority, government departments (providers and
// consumers), licensed operators, enterprises. The catalog uses them as providers (提供部门).
#include <string>

namespace gongshu::catalog {

struct Organisation {
  std::string id;       // slug
  std::string name_zh;
  std::string name_en;
  std::string kind;     // "authority" | "department" | "operator" | "enterprise" | "public"
  std::string region;   // GB/T 2260 code
  std::string parent_id;
};

}  // namespace gongshu::catalog
