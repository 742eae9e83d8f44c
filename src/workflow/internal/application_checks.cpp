#include "workflow/internal/application_checks.h"

#include <set>

#include "catalog/classification.h"
#include "core/utf8.h"

namespace gongshu::workflow::internal {

namespace {

std::string Code(std::string_view prefix, std::string_view rest) { return std::string(prefix) + "." + std::string(rest); }

}  // namespace

Status CheckPurposes(const std::vector<std::string>& purposes, std::string_view prefix) {
  if (purposes.empty() || purposes.size() > kMaxPurposes) {
    return MakeError(ErrorKind::kInvalidArgument, Code(prefix, "bad_purpose"),
                     "Name 1 to 10 purposes (purpose codes such as 'social-assistance').",
                     "须列出1至10个用途编码（如 social-assistance）。");
  }
  std::set<std::string_view> seen;
  for (const auto& p : purposes) {
    if (!policy::IsValidPurposeCode(p)) {
      return MakeError(ErrorKind::kInvalidArgument, Code(prefix, "bad_purpose"),
                       "A purpose code is 1–64 letters, digits or . _ : - (got '" + p.substr(0, 80) + "').",
                       "用途编码须为1–64个字母、数字或 . _ : - 。");
    }
    if (!seen.insert(p).second) {
      return MakeError(ErrorKind::kInvalidArgument, Code(prefix, "bad_purpose"), "Purpose '" + p + "' is listed twice.",
                       "用途“" + p + "”重复。");
    }
  }
  return Ok();
}

Status CheckOptionalText(std::string_view text, std::string_view key, std::string_view key_zh, std::string_view prefix) {
  bool ok = text.size() <= kMaxText && IsValidUtf8(text);
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\t' && c != '\r') ok = false;
  }
  if (!ok) {
    return MakeError(ErrorKind::kInvalidArgument, Code(prefix, "bad_" + std::string(key)),
                     std::string(key) + " must be at most 4000 bytes of text.",
                     std::string(key_zh) + "须为不超过4000字节的文本。");
  }
  return Ok();
}

Status CheckText(std::string_view text, std::string_view key, std::string_view key_zh, std::string_view prefix) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return MakeError(ErrorKind::kInvalidArgument, Code(prefix, "bad_" + std::string(key)),
                     std::string(key) + " is required.", std::string(key_zh) + "不能为空。");
  }
  return CheckOptionalText(text, key, key_zh, prefix);
}

Status CheckFields(const catalog::Resource& r, const std::vector<std::string>& fields,
                   catalog::ClassificationLevel max_level, std::string_view prefix) {
  if (fields.empty()) {
    return MakeError(ErrorKind::kUnprocessable, Code(prefix, "no_fields"), "Request at least one field.",
                     "至少须申请一个信息项。");
  }
  std::set<std::string_view> seen;
  for (const auto& name : fields) {
    const catalog::Field* f = r.FindField(name);
    if (f == nullptr) {
      return MakeError(ErrorKind::kUnprocessable, Code(prefix, "unknown_field"),
                       "Resource '" + r.id + "' has no field '" + name.substr(0, 80) + "'.",
                       "数据资源“" + r.id + "”没有信息项“" + name.substr(0, 80) + "”。");
    }
    if (!seen.insert(name).second) {
      return MakeError(ErrorKind::kInvalidArgument, Code(prefix, "duplicate_field"), "Field '" + name + "' is listed twice.",
                       "信息项“" + name + "”重复。");
    }
    if (f->level > max_level) {
      return MakeError(ErrorKind::kUnprocessable, Code(prefix, "field_not_available"),
                       "Field '" + name + "' is classified " + std::string(catalog::LevelNameEn(f->level)) +
                           " and is never released through this channel.",
                       "信息项“" + name + "”为" + std::string(catalog::LevelNameZh(f->level)) + "，不通过该渠道提供。");
    }
  }
  return Ok();
}

Status CheckRowScope(const catalog::Resource& r, const policy::RowScope& rows, std::string_view prefix) {
  if (rows.field.empty()) {
    if (!rows.prefixes.empty()) {
      return MakeError(ErrorKind::kInvalidArgument, Code(prefix, "bad_row_scope"),
                       "A row scope names its field.", "行范围须指明字段。");
    }
    return Ok();
  }
  if (r.FindField(rows.field) == nullptr) {
    return MakeError(ErrorKind::kUnprocessable, Code(prefix, "unknown_field"),
                     "Resource '" + r.id + "' has no field '" + rows.field.substr(0, 80) + "'.",
                     "数据资源“" + r.id + "”没有信息项“" + rows.field.substr(0, 80) + "”。");
  }
  if (rows.prefixes.empty() || rows.prefixes.size() > 50) {
    return MakeError(ErrorKind::kInvalidArgument, Code(prefix, "bad_row_scope"),
                     "A row scope lists 1 to 50 prefixes.", "行范围须列出1至50个前缀。");
  }
  for (const auto& p : rows.prefixes) {
    bool ok = !p.empty() && p.size() <= 32;
    for (char c : p) ok = ok && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    if (!ok) {
      return MakeError(ErrorKind::kInvalidArgument, Code(prefix, "bad_row_scope"),
                       "A row prefix is 1–32 ASCII letters or digits, e.g. a division code prefix '3301'.",
                       "行范围前缀须为1–32个字母或数字，如行政区划代码前缀“3301”。");
    }
  }
  return Ok();
}

}  // namespace gongshu::workflow::internal
