#include "privacy/masking.h"

#include <algorithm>
#include <array>
#include <vector>

#include "core/utf8.h"

namespace gongshu::privacy {

namespace {

// 复姓: compound surnames kept whole by the name mask. The SQL form lists the same strings.
constexpr std::array<std::string_view, 30> kCompoundSurnames = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "申屠",
    "太史", "公羊", "澹台", "闻人", "呼延", "万俟", "拓跋", "百里", "钟离", "东郭"};

// Address markers of the district level (区 district, 县 county, 旗 banner).
constexpr std::array<std::string_view, 3> kDistrictMarkers = {"区", "县", "旗"};
constexpr size_t kAddressMarkerFirst = 1;  // marker may be the 2nd..10th character
constexpr size_t kAddressMarkerLast = 9;
constexpr size_t kAddressKeepMax = 6;
constexpr std::string_view kHidden = "****";

// Byte offsets of each code point (plus the end). An invalid byte counts as one character, so the
// function never fails and never splits inside a valid sequence.
std::vector<size_t> CodePointOffsets(std::string_view s) {
  std::vector<size_t> offsets;
  offsets.reserve(s.size() + 1);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    offsets.push_back(i);
    size_t n = Utf8SequenceLength(p + i, s.size() - i);
    i += n == 0 ? 1 : n;
  }
  offsets.push_back(s.size());
  return offsets;
}

std::string Stars(size_t n) { return std::string(n, '*'); }

// first `keep_front` + stars + last `keep_back` when the value has at least `min_chars`.
std::string KeepEnds(std::string_view v, size_t keep_front, size_t keep_back, size_t min_chars) {
  std::vector<size_t> off = CodePointOffsets(v);
  const size_t n = off.size() - 1;
  if (n < min_chars) return Stars(n);
  std::string out(v.substr(0, off[keep_front]));
  out.append(n - keep_front - keep_back, '*');
  out.append(v.substr(off[n - keep_back]));
  return out;
}

std::string MaskName(std::string_view v) {
  std::vector<size_t> off = CodePointOffsets(v);
  const size_t n = off.size() - 1;
  if (n <= 1) return Stars(n);
  size_t keep = 1;
  if (n > 2) {
    std::string_view first_two = v.substr(0, off[2]);
    if (std::find(kCompoundSurnames.begin(), kCompoundSurnames.end(), first_two) !=
        kCompoundSurnames.end()) {
      keep = 2;
    }
  }
  std::string out(v.substr(0, off[keep]));
  out.append(n - keep, '*');
  return out;
}

std::string MaskAddress(std::string_view v) {
  std::vector<size_t> off = CodePointOffsets(v);
  const size_t n = off.size() - 1;
  for (size_t i = kAddressMarkerFirst; i <= kAddressMarkerLast && i < n; ++i) {
    std::string_view ch = v.substr(off[i], off[i + 1] - off[i]);
    if (std::find(kDistrictMarkers.begin(), kDistrictMarkers.end(), ch) != kDistrictMarkers.end()) {
      std::string out(v.substr(0, off[i + 1]));
      out.append(kHidden);
      return out;
    }
  }
  size_t keep = std::min(kAddressKeepMax, n / 2);
  std::string out(v.substr(0, off[keep]));
  out.append(kHidden);
  return out;
}

// SQL: first `a` + stars + last `b` when length >= min, else all stars (NULL stays NULL).
std::string KeepEndsSql(const std::string& v, int a, int b, int min_chars) {
  std::string as = std::to_string(a), bs = std::to_string(b);
  return "CASE WHEN length(" + v + ") >= " + std::to_string(min_chars) + " THEN left(" + v + ", " +
         as + ") || repeat('*', length(" + v + ") - " + std::to_string(a + b) + ") || right(" + v +
         ", " + bs + ") ELSE repeat('*', length(" + v + ")) END";
}

}  // namespace

std::string_view MaskKindCode(MaskKind kind) {
  switch (kind) {
    case MaskKind::kNone:
      return "";
    case MaskKind::kResidentId:
      return "resident_id";
    case MaskKind::kMobile:
      return "mobile";
    case MaskKind::kName:
      return "name";
    case MaskKind::kAddress:
      return "address";
    case MaskKind::kBankCard:
      return "bank_card";
    case MaskKind::kFull:
      return "full";
  }
  return "";
}

std::optional<MaskKind> ParseMaskKind(std::string_view code) {
  for (MaskKind k : {MaskKind::kNone, MaskKind::kResidentId, MaskKind::kMobile, MaskKind::kName,
                     MaskKind::kAddress, MaskKind::kBankCard, MaskKind::kFull}) {
    if (MaskKindCode(k) == code) return k;
  }
  return std::nullopt;
}

std::string Mask(MaskKind kind, std::string_view value) {
  switch (kind) {
    case MaskKind::kNone:
      return std::string(value);
    case MaskKind::kResidentId:
    case MaskKind::kBankCard:
      return KeepEnds(value, 6, 4, 11);
    case MaskKind::kMobile:
      return KeepEnds(value, 3, 4, 8);
    case MaskKind::kName:
      return MaskName(value);
    case MaskKind::kAddress:
      return MaskAddress(value);
    case MaskKind::kFull:
      return std::string(kHidden);
  }
  return std::string(kHidden);
}

std::string MaskSql(MaskKind kind, std::string_view quoted_column) {
  if (kind == MaskKind::kNone) return std::string(quoted_column);
  const std::string v = "CAST(" + std::string(quoted_column) + " AS VARCHAR)";
  switch (kind) {
    case MaskKind::kNone:
      break;
    case MaskKind::kResidentId:
    case MaskKind::kBankCard:
      return "(" + KeepEndsSql(v, 6, 4, 11) + ")";
    case MaskKind::kMobile:
      return "(" + KeepEndsSql(v, 3, 4, 8) + ")";
    case MaskKind::kName: {
      std::string list;
      for (std::string_view s : kCompoundSurnames) {
        if (!list.empty()) list += ", ";
        list += "'" + std::string(s) + "'";
      }
      return "(CASE WHEN length(" + v + ") > 2 AND left(" + v + ", 2) IN (" + list +
             ") THEN left(" + v + ", 2) || repeat('*', length(" + v + ") - 2) WHEN length(" + v +
             ") >= 2 THEN left(" + v + ", 1) || repeat('*', length(" + v +
             ") - 1) ELSE repeat('*', length(" + v + ")) END)";
    }
    case MaskKind::kAddress: {
      std::string markers;
      for (std::string_view m : kDistrictMarkers) markers += m;
      const std::string re = "'(?s)^(.{" + std::to_string(kAddressMarkerFirst) + "," +
                             std::to_string(kAddressMarkerLast) + "}?[" + markers + "])'";
      return "(CASE WHEN regexp_matches(" + v + ", " + re + ") THEN regexp_extract(" + v + ", " +
             re + ", 1) || '" + std::string(kHidden) + "' ELSE left(" + v + ", least(" +
             std::to_string(kAddressKeepMax) + ", length(" + v + ") // 2)) || '" +
             std::string(kHidden) + "' END)";
    }
    case MaskKind::kFull:
      return "(CASE WHEN " + std::string(quoted_column) + " IS NULL THEN NULL ELSE '" +
             std::string(kHidden) + "' END)";
  }
  return "NULL";
}

}  // namespace gongshu::privacy
