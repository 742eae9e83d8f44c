#include "policy/classification_rules.h"

#include <array>

namespace gongshu::policy {

namespace {

using L = catalog::ClassificationLevel;
constexpr FieldView A = FieldView::kAbsent;
constexpr FieldView M = FieldView::kMasked;
constexpr FieldView R = FieldView::kRaw;

// Rows: basis (enum order); columns: L1, L2, L3, L4, important, core.
constexpr std::array<std::array<FieldView, 6>, 6> kTable{{
    /* open_public   */ {R, A, A, A, A, A},
    /* open_grant    */ {R, R, M, A, A, A},
    /* share_grant   */ {R, R, R, M, M, A},
    /* operation     */ {R, R, R, M, A, A},
    /* provider      */ {R, R, R, R, R, R},
    /* administrator */ {R, R, R, R, R, R},
}};

}  // namespace

std::string_view AccessBasisCode(AccessBasis b) {
  switch (b) {
    case AccessBasis::kOpenPublic: return "open_public";
    case AccessBasis::kOpenGrant: return "open_grant";
    case AccessBasis::kShareGrant: return "share_grant";
    case AccessBasis::kOperation: return "operation";
    case AccessBasis::kProvider: return "provider";
    case AccessBasis::kAdministrator: return "administrator";
  }
  return "";
}

FieldView ViewFor(AccessBasis basis, catalog::ClassificationLevel level) {
  auto row = static_cast<size_t>(basis);
  auto col = static_cast<size_t>(static_cast<int>(level) - static_cast<int>(L::kGeneral1));
  // Fail closed: a level or basis outside the table releases nothing.
  if (row >= kTable.size() || col >= kTable[0].size()) return FieldView::kAbsent;
  return kTable[row][col];
}

privacy::MaskKind MaskForSemantic(std::string_view semantic) {
  if (semantic == "resident_id") return privacy::MaskKind::kResidentId;
  if (semantic == "mobile") return privacy::MaskKind::kMobile;
  if (semantic == "name" || semantic == "person_name") return privacy::MaskKind::kName;
  if (semantic == "address") return privacy::MaskKind::kAddress;
  if (semantic == "bank_card") return privacy::MaskKind::kBankCard;
  return privacy::MaskKind::kFull;
}

}  // namespace gongshu::policy
