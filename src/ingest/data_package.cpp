#include "ingest/data_package.h"

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "core/strings.h"
#include "core/utf8.h"

namespace gongshu::ingest {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr uintmax_t kMaxDescriptorBytes = 16 << 20;

Error Invalid(const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kUnprocessable, "ingest.datapackage_invalid",
                   "Invalid datapackage.json: " + en, "datapackage.json 无效：" + zh);
}

Error BadPath(const std::string& path) {
  return MakeError(
      ErrorKind::kUnprocessable, "ingest.datapackage_path",
      "Resource path '" + path + "' must be a relative path inside the package directory.",
      "资源路径“" + path + "”必须是数据包目录内的相对路径。");
}

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool IsTabularFormat(const std::string& f) {
  return f == "csv" || f == "tsv" || f == "json" || f == "ndjson" || f == "jsonl" || f == "parquet";
}

std::string ExtensionFormat(const std::string& path) {
  std::string ext = AsciiLower(fs::path(path).extension().string());
  if (ext.size() > 1) return ext.substr(1);
  return "";
}

// Resolves a descriptor path, refusing anything that could leave the package directory.
Result<fs::path> ResolvePath(const fs::path& base, const std::string& rel) {
  if (rel.empty() || rel.find("://") != std::string::npos || rel.find('\\') != std::string::npos ||
      rel.find('\0') != std::string::npos) {
    return BadPath(rel);
  }
  fs::path p(rel);
  if (p.is_absolute() || p.has_root_name() || p.has_root_directory()) return BadPath(rel);
  for (const auto& part : p) {
    if (part == "..") return BadPath(rel);
  }
  std::error_code ec;
  fs::path canon_base = fs::weakly_canonical(base, ec);
  if (ec) return BadPath(rel);
  if (!canon_base.has_filename()) canon_base = canon_base.parent_path();
  fs::path resolved = fs::weakly_canonical(base / p, ec);  // follows symlinks that exist
  if (ec) return BadPath(rel);
  auto [b, r] =
      std::mismatch(canon_base.begin(), canon_base.end(), resolved.begin(), resolved.end());
  if (b != canon_base.end() || r == resolved.end()) return BadPath(rel);
  return resolved;
}

}  // namespace

std::string CatalogTypeForTableSchema(const std::string& type) {
  std::string t = AsciiLower(type);
  if (t == "string" || t == "yearmonth" || t == "duration" || t == "geopoint" || t == "geojson" ||
      t == "object" || t == "array") {
    return "string";
  }
  if (t == "integer" || t == "year") return "integer";
  if (t == "number") return "number";
  if (t == "boolean") return "boolean";
  if (t == "date") return "date";
  if (t == "datetime") return "datetime";
  if (t == "time") return "time";
  return "";  // "any" or unknown: let the engine infer
}

std::string ResourceIdFromName(const std::string& name) {
  std::string out;
  for (char c : name) {
    char l = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    bool alnum = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9');
    if (alnum) {
      out.push_back(l);
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 64) out.resize(64);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

Result<DataPackage> ParseDataPackage(const fs::path& descriptor) {
  std::error_code ec;
  auto size = fs::file_size(descriptor, ec);
  if (ec) {
    return MakeError(ErrorKind::kInvalidArgument, "ingest.source_not_found",
                     "The descriptor '" + descriptor.filename().string() + "' cannot be read.",
                     "无法读取描述文件“" + descriptor.filename().string() + "”。");
  }
  if (size > kMaxDescriptorBytes)
    return Invalid("the descriptor is larger than 16 MiB.", "描述文件超过16 MiB。");
  std::ifstream in(descriptor, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (!IsValidUtf8(text)) return Invalid("the descriptor is not UTF-8.", "描述文件不是UTF-8编码。");
  boost::system::error_code jec;
  json::value root = json::parse(text, jec);
  if (jec)
    return Invalid("not JSON (" + jec.message() + ").",
                   "不是有效的JSON（" + jec.message() + "）。");
  if (!root.is_object())
    return Invalid("the descriptor must be a JSON object.", "描述文件必须是JSON对象。");
  const json::object& pkg = root.as_object();
  DataPackage out;
  out.name = Str(pkg, "name");
  out.title = Str(pkg, "title");
  out.description = Str(pkg, "description");
  if (const auto* kw = pkg.if_contains("keywords"); kw != nullptr && kw->is_array()) {
    for (const auto& k : kw->as_array()) {
      if (k.is_string() && !k.as_string().empty()) out.keywords.emplace_back(k.as_string());
    }
  }
  if (const auto* lic = pkg.if_contains("licenses"); lic != nullptr && lic->is_array() &&
                                                     !lic->as_array().empty() &&
                                                     lic->as_array()[0].is_object()) {
    const auto& l = lic->as_array()[0].as_object();
    out.license = Str(l, "name");
    if (out.license.empty()) out.license = Str(l, "title");
    if (out.license.empty()) out.license = Str(l, "path");
  }
  const json::value* resources = pkg.if_contains("resources");
  if (resources == nullptr || !resources->is_array() || resources->as_array().empty()) {
    return Invalid("'resources' must be a non-empty array.", "“resources”必须是非空数组。");
  }
  const fs::path base = descriptor.parent_path().empty() ? fs::path(".") : descriptor.parent_path();
  for (const auto& rv : resources->as_array()) {
    if (!rv.is_object())
      return Invalid("each resource must be an object.", "每个资源必须是JSON对象。");
    const json::object& r = rv.as_object();
    DataPackageResource res;
    res.name = Str(r, "name");
    res.title = Str(r, "title");
    res.description = Str(r, "description");
    res.format = AsciiLower(Str(r, "format"));
    res.encoding = Str(r, "encoding");
    const json::value* path = r.if_contains("path");
    if (path != nullptr && path->is_array()) {
      // Multi-part paths are chunks of one file; only the single-chunk form is supported.
      if (path->as_array().size() != 1 || !path->as_array()[0].is_string()) {
        return Invalid("resource '" + res.name + "' has a multi-part path, which is not supported.",
                       "资源“" + res.name + "”使用了多段路径，暂不支持。");
      }
      path = &path->as_array()[0];
    }
    if (path == nullptr || !path->is_string()) {
      out.skipped.push_back(res.name);  // inline data or no data at all
      continue;
    }
    res.relative_path = std::string(path->as_string());
    if (res.relative_path.find("://") != std::string::npos) {
      out.skipped.push_back(res.name);  // remote data: the platform does not fetch URLs
      continue;
    }
    GS_ASSIGN_OR_RETURN(res.path, ResolvePath(base, res.relative_path));
    std::string fmt = res.format.empty() ? ExtensionFormat(res.relative_path) : res.format;
    if (!IsTabularFormat(fmt)) {
      out.skipped.push_back(res.name);
      continue;
    }
    if (res.format.empty()) res.format = fmt;
    if (const auto* d = r.if_contains("dialect"); d != nullptr && d->is_object()) {
      const auto& dialect = d->as_object();
      std::string delim = Str(dialect, "delimiter");
      if (!delim.empty()) {
        if (delim.size() != 1) {
          return Invalid("resource '" + res.name + "': the delimiter must be one character.",
                         "资源“" + res.name + "”：分隔符必须是单个字符。");
        }
        res.delimiter = delim[0];
      }
      if (const auto* h = dialect.if_contains("header"); h != nullptr && h->is_bool())
        res.header = h->as_bool();
    }
    if (const auto* s = r.if_contains("schema"); s != nullptr && s->is_object()) {
      if (const auto* fields = s->as_object().if_contains("fields");
          fields != nullptr && fields->is_array()) {
        for (const auto& fv : fields->as_array()) {
          if (!fv.is_object()) continue;
          const auto& f = fv.as_object();
          DataPackageField field;
          field.name = Str(f, "name");
          if (field.name.empty()) {
            return Invalid("resource '" + res.name + "' has a schema field without a name.",
                           "资源“" + res.name + "”的表结构中有未命名的字段。");
          }
          field.type = Str(f, "type");
          field.title = Str(f, "title");
          field.description = Str(f, "description");
          field.format = Str(f, "format");
          field.unit = Str(f, "unit");
          field.semantic = Str(f, "semantic");
          field.level = Str(f, "level");
          res.fields.push_back(std::move(field));
        }
      }
    }
    if (res.name.empty()) res.name = fs::path(res.relative_path).stem().string();
    out.resources.push_back(std::move(res));
  }
  if (out.resources.empty()) {
    return Invalid("no tabular resource with a local path (csv, tsv, json, ndjson, parquet).",
                   "没有可导入的本地表格资源（csv、tsv、json、ndjson、parquet）。");
  }
  return out;
}

}  // namespace gongshu::ingest
