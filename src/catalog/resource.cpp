#include "catalog/resource.h"

namespace gongshu::catalog {

ClassificationLevel Resource::Level() const {
  ClassificationLevel max = ClassificationLevel::kGeneral1;
  for (const auto& f : fields) {
    if (f.level > max) max = f.level;
  }
  return max;
}

const Field* Resource::FindField(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string_view StatusCode(ResourceStatus s) {
  switch (s) {
    case ResourceStatus::kDraft: return "draft";
    case ResourceStatus::kPublished: return "published";
    case ResourceStatus::kWithdrawn: return "withdrawn";
  }
  return "draft";
}

std::optional<ResourceStatus> ParseStatus(std::string_view s) {
  if (s == "draft") return ResourceStatus::kDraft;
  if (s == "published") return ResourceStatus::kPublished;
  if (s == "withdrawn") return ResourceStatus::kWithdrawn;
  return std::nullopt;
}

bool IsValidResourceId(std::string_view id) {
  if (id.size() < 2 || id.size() > 64) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && !(c == '-' && i > 0)) return false;
  }
  return true;
}

}  // namespace gongshu::catalog
