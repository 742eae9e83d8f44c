#pragma once
// 分级规则: which view of a field (信息项) each basis of access releases, by the field's
// classification level. This is the level × channel table of docs/security-model.md; the
// authorization matrix tests hold the decision point to it.
//
//   level      open (public)  open (grant)  share (grant)  operation      provider / admin
//   一般1级     raw            raw           raw            raw (agg.)     raw
//   一般2级     —              raw           raw            raw (agg.)     raw
//   一般3级     —              masked        raw            raw (agg.)     raw
//   一般4级     —              —             masked         masked (agg.)  raw
//   重要数据    —              —             masked         —              raw
//   核心数据    —              —             —              —              raw
//
// "—" means the field does not exist for the caller. Masks are chosen from the field's semantic.
#include <string_view>

#include "catalog/classification.h"
#include "privacy/masking.h"

namespace gongshu::policy {

enum class FieldView { kAbsent, kMasked, kRaw };

// On what grounds data is released, which decides the column of the table above.
enum class AccessBasis {
  kOpenPublic,     // 无条件开放: anyone, no grant
  kOpenGrant,      // 有条件开放: an open-access grant
  kShareGrant,     // 共享: a share grant (conditional or after the automatic check)
  kOperation,      // 授权运营: an active operation authorization (aggregate / verify only)
  kProvider,       // the provider department's own stewards
  kAdministrator,  // the start-up administrator
};
std::string_view AccessBasisCode(AccessBasis b);  // "open_public", "open_grant", "share_grant", …

FieldView ViewFor(AccessBasis basis, catalog::ClassificationLevel level);

// The display mask for a field's semantic: resident_id, mobile, name (person_name), address,
// bank_card; anything else is masked in full.
privacy::MaskKind MaskForSemantic(std::string_view semantic);

}  // namespace gongshu::policy
