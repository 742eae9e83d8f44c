#include "api/resource_json.h"

#include <boost/json.hpp>
#include <set>

#include "catalog/vocabulary.h"
#include "core/time_format.h"

namespace gongshu::api {

using catalog::Resource;

namespace {

void WriteTerm(JsonWriter& w, std::string_view key, std::span<const catalog::Term> terms, std::string_view code) {
  const catalog::Term* t = catalog::FindTerm(terms, code);
  w.Key(key).BeginObject().Field("code", code);
  w.Field("zh", t ? t->zh : code).Field("en", t ? t->en : code).EndObject();
}

void WriteLevel(JsonWriter& w, catalog::ClassificationLevel l) {
  w.Key("level").BeginObject().Field("code", catalog::LevelCode(l)).Field("zh", catalog::LevelNameZh(l));
  w.Field("en", catalog::LevelNameEn(l)).EndObject();
}

void WriteTime(JsonWriter& w, std::string_view key, int64_t micros) {
  if (micros == 0) {
    w.Key(key).Null();
  } else {
    w.Field(key, FormatIsoTime(micros));
  }
}

void WriteCommon(JsonWriter& w, const Resource& r, const catalog::CatalogSnapshot& snap) {
  w.Field("id", r.id);
  w.Key("title").BeginObject().Field("zh", r.title_zh).Field("en", r.title_en).EndObject();
  w.Key("description").BeginObject().Field("zh", r.description_zh).Field("en", r.description_en).EndObject();
  const catalog::Organisation* org = snap.FindOrganisation(r.provider_id);
  w.Key("provider").BeginObject().Field("id", r.provider_id);
  w.Field("name_zh", org ? org->name_zh : r.provider_id).Field("name_en", org ? org->name_en : r.provider_id).EndObject();
  WriteTerm(w, "subject", catalog::Subjects(), r.subject);
  WriteTerm(w, "update_cycle", catalog::UpdateCycles(), r.update_cycle);
  w.Field("industry", r.industry).Field("region", r.region);
  w.Key("tags").BeginArray();
  for (const auto& t : r.tags) w.String(t);
  w.EndArray();
  w.Field("license", r.license);
  w.Key("share").BeginObject().Field("code", catalog::ShareCode(r.share)).Field("zh", catalog::ShareNameZh(r.share));
  w.Field("en", catalog::ShareNameEn(r.share)).Field("basis", r.share_basis).EndObject();
  w.Key("open").BeginObject().Field("code", catalog::OpenCode(r.open)).Field("zh", catalog::OpenNameZh(r.open));
  w.Field("en", catalog::OpenNameEn(r.open)).Field("condition", r.open_condition).EndObject();
  WriteLevel(w, r.Level());
  w.Field("status", catalog::StatusCode(r.status));
  w.Field("format", r.current ? std::string_view(r.current->source_format) : std::string_view());
  w.Field("row_count", r.current ? r.current->row_count : int64_t{0});
  w.Field("field_count", static_cast<int64_t>(r.fields.size()));
  w.Field("version", r.current ? int64_t{r.current->version} : int64_t{0});
  WriteTime(w, "created_at", r.created_at);
  WriteTime(w, "updated_at", r.updated_at);
  WriteTime(w, "published_at", r.current ? r.current->published_at : 0);
}

}  // namespace

void WriteResourceSummary(JsonWriter& w, const Resource& r, const catalog::CatalogSnapshot& snap) {
  w.BeginObject();
  WriteCommon(w, r, snap);
  w.EndObject();
}

void WriteVersion(JsonWriter& w, const catalog::ResourceVersion& v) {
  w.BeginObject().Field("version", int64_t{v.version}).Field("row_count", v.row_count);
  w.Field("byte_size", v.byte_size).Field("checksum", v.checksum).Field("source_format", v.source_format);
  w.Field("source_name", v.source_name).Field("source_encoding", v.source_encoding).Field("note", v.note);
  WriteTime(w, "published_at", v.published_at);
  w.Key("quality");
  if (v.profile_json.empty()) {
    w.Null();
  } else {
    w.Raw(v.profile_json);
  }
  w.EndObject();
}

void WriteResourceDetail(JsonWriter& w, const Resource& r, const catalog::CatalogSnapshot& snap,
                         const FieldAvailability& available) {
  w.BeginObject();
  WriteCommon(w, r, snap);
  w.Key("fields").BeginArray();
  for (const auto& f : r.fields) {
    w.BeginObject().Field("name", f.name).Field("title_zh", f.title_zh).Field("title_en", f.title_en);
    w.Field("type", f.type).Field("description_zh", f.description_zh).Field("description_en", f.description_en);
    w.Field("unit", f.unit);
    WriteLevel(w, f.level);
    w.Field("semantic", f.semantic).Field("available", available(f)).EndObject();
  }
  w.EndArray();
  w.Key("current_version");
  if (r.current) {
    WriteVersion(w, *r.current);
  } else {
    w.Null();
  }
  w.Key("links").BeginObject();
  std::string base = "/api/v1/resources/" + r.id;
  w.Field("self", base).Field("records", base + "/records").Field("versions", base + "/versions");
  w.Key("exports").BeginObject();
  for (const char* fmt : {"csv", "json", "ndjson", "parquet"}) w.Field(fmt, base + "/export." + fmt);
  w.EndObject().EndObject();
  w.EndObject();
}

namespace {

Error BodyError(std::string en, std::string zh) {
  return MakeError(ErrorKind::kInvalidArgument, "body.invalid", std::move(en), std::move(zh));
}

Result<std::string> GetString(const boost::json::object& o, std::string_view key, bool required) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) {
    if (required) return BodyError("Missing required field '" + std::string(key) + "'.", "缺少必填字段“" + std::string(key) + "”。");
    return std::string();
  }
  if (!it->value().is_string()) {
    return BodyError("Field '" + std::string(key) + "' must be a string.", "字段“" + std::string(key) + "”必须为字符串。");
  }
  return std::string(it->value().as_string());
}

Status CheckKeys(const boost::json::object& o, const std::set<std::string_view>& allowed, std::string_view where) {
  for (const auto& kv : o) {
    if (!allowed.contains(kv.key())) {
      return BodyError("Unknown field '" + std::string(kv.key()) + "' in " + std::string(where) + ".",
                       std::string(where) + " 中存在未知字段“" + std::string(kv.key()) + "”。");
    }
  }
  return Ok();
}

}  // namespace

Result<Resource> ParseResourceJson(std::string_view body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) {
    return BodyError("The request body must be a JSON object.", "请求体必须是JSON对象。");
  }
  const auto& o = v.as_object();
  GS_RETURN_IF_ERROR(CheckKeys(o,
                               {"id", "title_zh", "title_en", "description_zh", "description_en", "provider_id", "subject",
                                "industry", "region", "update_cycle", "tags", "license", "share", "share_basis", "open",
                                "open_condition", "fields"},
                               "resource"));
  Resource r;
  GS_ASSIGN_OR_RETURN(r.id, GetString(o, "id", false));
  GS_ASSIGN_OR_RETURN(r.title_zh, GetString(o, "title_zh", true));
  GS_ASSIGN_OR_RETURN(r.title_en, GetString(o, "title_en", false));
  GS_ASSIGN_OR_RETURN(r.description_zh, GetString(o, "description_zh", false));
  GS_ASSIGN_OR_RETURN(r.description_en, GetString(o, "description_en", false));
  GS_ASSIGN_OR_RETURN(r.provider_id, GetString(o, "provider_id", true));
  GS_ASSIGN_OR_RETURN(r.subject, GetString(o, "subject", true));
  GS_ASSIGN_OR_RETURN(r.industry, GetString(o, "industry", false));
  GS_ASSIGN_OR_RETURN(r.region, GetString(o, "region", false));
  GS_ASSIGN_OR_RETURN(r.update_cycle, GetString(o, "update_cycle", true));
  GS_ASSIGN_OR_RETURN(r.license, GetString(o, "license", false));
  GS_ASSIGN_OR_RETURN(r.share_basis, GetString(o, "share_basis", false));
  GS_ASSIGN_OR_RETURN(r.open_condition, GetString(o, "open_condition", false));
  GS_ASSIGN_OR_RETURN(std::string share, GetString(o, "share", true));
  GS_ASSIGN_OR_RETURN(std::string open, GetString(o, "open", true));
  auto sa = catalog::ParseShare(share);
  auto oa = catalog::ParseOpen(open);
  if (!sa) return BodyError("Unknown share attribute '" + share + "' (unconditional, conditional, not_shared).", "未知的共享属性“" + share + "”。");
  if (!oa) return BodyError("Unknown open attribute '" + open + "' (unconditional, conditional, not_open).", "未知的开放属性“" + open + "”。");
  r.share = *sa;
  r.open = *oa;
  if (auto it = o.find("tags"); it != o.end()) {
    if (!it->value().is_array()) return BodyError("'tags' must be an array of strings.", "“tags”必须为字符串数组。");
    for (const auto& t : it->value().as_array()) {
      if (!t.is_string()) return BodyError("'tags' must be an array of strings.", "“tags”必须为字符串数组。");
      r.tags.emplace_back(t.as_string());
    }
  }
  if (auto it = o.find("fields"); it != o.end()) {
    if (!it->value().is_array()) return BodyError("'fields' must be an array of objects.", "“fields”必须为对象数组。");
    for (const auto& fv : it->value().as_array()) {
      if (!fv.is_object()) return BodyError("'fields' must be an array of objects.", "“fields”必须为对象数组。");
      const auto& fo = fv.as_object();
      GS_RETURN_IF_ERROR(CheckKeys(fo, {"name", "title_zh", "title_en", "type", "description_zh", "description_en", "unit", "level", "semantic"}, "field"));
      catalog::Field f;
      GS_ASSIGN_OR_RETURN(f.name, GetString(fo, "name", true));
      GS_ASSIGN_OR_RETURN(f.title_zh, GetString(fo, "title_zh", false));
      GS_ASSIGN_OR_RETURN(f.title_en, GetString(fo, "title_en", false));
      GS_ASSIGN_OR_RETURN(f.type, GetString(fo, "type", false));
      GS_ASSIGN_OR_RETURN(f.description_zh, GetString(fo, "description_zh", false));
      GS_ASSIGN_OR_RETURN(f.description_en, GetString(fo, "description_en", false));
      GS_ASSIGN_OR_RETURN(f.unit, GetString(fo, "unit", false));
      GS_ASSIGN_OR_RETURN(f.semantic, GetString(fo, "semantic", false));
      GS_ASSIGN_OR_RETURN(std::string level, GetString(fo, "level", true));
      auto l = catalog::ParseLevel(level);
      if (!l) return BodyError("Unknown classification level '" + level + "' (L1, L2, L3, L4, important, core).", "未知的分级“" + level + "”。");
      f.level = *l;
      if (f.type.empty()) f.type = "string";
      static const std::set<std::string_view> kTypes = {"string", "integer", "number", "boolean", "date", "datetime", "time"};
      if (!kTypes.contains(f.type)) return BodyError("Unknown field type '" + f.type + "'.", "未知的字段类型“" + f.type + "”。");
      r.fields.push_back(std::move(f));
    }
  }
  return r;
}

}  // namespace gongshu::api
