#include "catalog/catalog_store.h"

#include <boost/json.hpp>
#include <map>

namespace gongshu::catalog {

using storage::Params;
using storage::Value;

namespace {

std::string TagsToJson(const std::vector<std::string>& tags) {
  boost::json::array a;
  for (const auto& t : tags) a.emplace_back(t);
  return boost::json::serialize(a);
}

std::vector<std::string> TagsFromJson(const std::string& json) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& t : v.as_array()) {
    if (t.is_string()) out.emplace_back(t.as_string().c_str());
  }
  return out;
}

const std::string& Text(const storage::Row& row, size_t i) {
  static const std::string kEmpty;
  return row[i].is_text() ? row[i].as_text() : kEmpty;
}

int64_t Micros(const Value& v) { return v.is_timestamp() ? v.as_timestamp() : 0; }

constexpr const char* kResourceColumns =
    "id, title_zh, title_en, description_zh, description_en, provider_id, subject, industry, region, "
    "update_cycle, tags, license, share_attr, share_basis, open_attr, open_condition, status, "
    "current_version, created_at, updated_at";

Resource ResourceFromRow(const storage::Row& r) {
  Resource res;
  res.id = Text(r, 0);
  res.title_zh = Text(r, 1);
  res.title_en = Text(r, 2);
  res.description_zh = Text(r, 3);
  res.description_en = Text(r, 4);
  res.provider_id = Text(r, 5);
  res.subject = Text(r, 6);
  res.industry = Text(r, 7);
  res.region = Text(r, 8);
  res.update_cycle = Text(r, 9);
  res.tags = TagsFromJson(Text(r, 10));
  res.license = Text(r, 11);
  res.share = ParseShare(Text(r, 12)).value_or(ShareAttribute::kNotShared);  // fail closed
  res.share_basis = Text(r, 13);
  res.open = ParseOpen(Text(r, 14)).value_or(OpenAttribute::kNotOpen);       // fail closed
  res.open_condition = Text(r, 15);
  res.status = ParseStatus(Text(r, 16)).value_or(ResourceStatus::kDraft);
  res.created_at = Micros(r[18]);
  res.updated_at = Micros(r[19]);
  return res;
}

Params ResourceParams(const Resource& r) {
  return {Value::Text(r.id), Value::Text(r.title_zh), Value::Text(r.title_en),
          Value::Text(r.description_zh), Value::Text(r.description_en), Value::Text(r.provider_id),
          Value::Text(r.subject), Value::Text(r.industry), Value::Text(r.region),
          Value::Text(r.update_cycle), Value::Text(TagsToJson(r.tags)), Value::Text(r.license),
          Value::Text(std::string(ShareCode(r.share))), Value::Text(r.share_basis),
          Value::Text(std::string(OpenCode(r.open))), Value::Text(r.open_condition),
          Value::Text(std::string(StatusCode(r.status))), Value::Timestamp(r.created_at),
          Value::Timestamp(r.updated_at)};
}

Field FieldFromRow(const storage::Row& r, size_t o) {
  Field f;
  f.name = Text(r, o + 0);
  f.title_zh = Text(r, o + 1);
  f.title_en = Text(r, o + 2);
  f.type = Text(r, o + 3);
  f.description_zh = Text(r, o + 4);
  f.description_en = Text(r, o + 5);
  f.unit = Text(r, o + 6);
  f.level = ParseLevel(Text(r, o + 7)).value_or(ClassificationLevel::kCore);  // fail closed
  f.semantic = Text(r, o + 8);
  return f;
}

constexpr const char* kVersionColumns =
    "version, table_name, row_count, byte_size, checksum, source_format, source_name, "
    "source_encoding, profile, note, published_at";

ResourceVersion VersionFromRow(const storage::Row& r, size_t o) {
  ResourceVersion v;
  v.version = static_cast<int>(r[o + 0].as_int());
  v.table_name = Text(r, o + 1);
  v.row_count = r[o + 2].as_int();
  v.byte_size = r[o + 3].as_int();
  v.checksum = Text(r, o + 4);
  v.source_format = Text(r, o + 5);
  v.source_name = Text(r, o + 6);
  v.source_encoding = Text(r, o + 7);
  v.profile_json = Text(r, o + 8);
  v.note = Text(r, o + 9);
  v.published_at = Micros(r[o + 10]);
  return v;
}

Error NotFound(const std::string& id) {
  return MakeError(ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + id + "'.",
                   "数据资源“" + id + "”不存在。");
}

}  // namespace

std::string CatalogStore::DataTableName(const std::string& id, int version) {
  return "data." + storage::QuoteIdentifier(id + "__v" + std::to_string(version));
}

Result<std::vector<Resource>> CatalogStore::LoadResources(storage::Session& s) {
  GS_ASSIGN_OR_RETURN(storage::Table rows,
                      s.Query(std::string("SELECT ") + kResourceColumns + " FROM resources ORDER BY id"));
  std::vector<Resource> out;
  std::map<std::string, size_t> index;
  std::map<std::string, int> current;
  for (const auto& r : rows.rows) {
    index[Text(r, 0)] = out.size();
    if (!r[17].is_null()) current[Text(r, 0)] = static_cast<int>(r[17].as_int());
    out.push_back(ResourceFromRow(r));
  }
  GS_ASSIGN_OR_RETURN(storage::Table fields,
                      s.Query("SELECT resource_id, name, title_zh, title_en, type, description_zh, "
                              "description_en, unit, level, semantic FROM resource_fields "
                              "ORDER BY resource_id, position"));
  for (const auto& r : fields.rows) {
    auto it = index.find(Text(r, 0));
    if (it != index.end()) out[it->second].fields.push_back(FieldFromRow(r, 1));
  }
  GS_ASSIGN_OR_RETURN(storage::Table versions,
                      s.Query(std::string("SELECT resource_id, ") + kVersionColumns +
                              " FROM resource_versions"));
  for (const auto& r : versions.rows) {
    auto it = index.find(Text(r, 0));
    if (it == index.end()) continue;
    auto cur = current.find(Text(r, 0));
    if (cur != current.end() && cur->second == r[1].as_int()) out[it->second].current = VersionFromRow(r, 1);
  }
  return out;
}

Result<Resource> CatalogStore::LoadResource(storage::Session& s, const std::string& id) {
  GS_ASSIGN_OR_RETURN(storage::Table rows,
                      s.Query(std::string("SELECT ") + kResourceColumns + " FROM resources WHERE id = $1",
                              {Value::Text(id)}));
  if (rows.rows.empty()) return NotFound(id);
  Resource res = ResourceFromRow(rows.rows[0]);
  GS_ASSIGN_OR_RETURN(storage::Table fields,
                      s.Query("SELECT name, title_zh, title_en, type, description_zh, description_en, unit, "
                              "level, semantic FROM resource_fields WHERE resource_id = $1 ORDER BY position",
                              {Value::Text(id)}));
  for (const auto& r : fields.rows) res.fields.push_back(FieldFromRow(r, 0));
  if (!rows.rows[0][17].is_null()) {
    GS_ASSIGN_OR_RETURN(storage::Table v,
                        s.Query(std::string("SELECT ") + kVersionColumns +
                                    " FROM resource_versions WHERE resource_id = $1 AND version = $2",
                                {Value::Text(id), rows.rows[0][17]}));
    if (!v.rows.empty()) res.current = VersionFromRow(v.rows[0], 0);
  }
  return res;
}

Result<std::vector<Organisation>> CatalogStore::LoadOrganisations(storage::Session& s) {
  GS_ASSIGN_OR_RETURN(storage::Table rows,
                      s.Query("SELECT id, name_zh, name_en, kind, region, parent_id FROM organisations ORDER BY id"));
  std::vector<Organisation> out;
  for (const auto& r : rows.rows) {
    out.push_back(Organisation{Text(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5)});
  }
  return out;
}

Status CatalogStore::UpsertOrganisation(storage::Session& s, const Organisation& o) {
  return s.Execute(
      "INSERT INTO organisations (id, name_zh, name_en, kind, region, parent_id) VALUES ($1,$2,$3,$4,$5,$6) "
      "ON CONFLICT (id) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, "
      "kind = excluded.kind, region = excluded.region, parent_id = excluded.parent_id",
      {Value::Text(o.id), Value::Text(o.name_zh), Value::Text(o.name_en), Value::Text(o.kind),
       Value::Text(o.region), Value::Text(o.parent_id)});
}

Status CatalogStore::InsertResource(storage::Session& s, const Resource& r) {
  GS_ASSIGN_OR_RETURN(storage::Table exists,
                      s.Query("SELECT count(*) FROM resources WHERE id = $1", {Value::Text(r.id)}));
  if (exists.rows[0][0].as_int() > 0) {
    return MakeError(ErrorKind::kConflict, "resource.exists", "A resource with id '" + r.id + "' already exists.",
                     "标识为“" + r.id + "”的数据资源已存在。");
  }
  GS_RETURN_IF_ERROR(s.Execute(
      "INSERT INTO resources (id, title_zh, title_en, description_zh, description_en, provider_id, subject, "
      "industry, region, update_cycle, tags, license, share_attr, share_basis, open_attr, open_condition, "
      "status, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)",
      ResourceParams(r)));
  return ReplaceFields(s, r.id, r.fields);
}

Status CatalogStore::UpdateResource(storage::Session& s, const Resource& r) {
  Params p = ResourceParams(r);
  p.erase(p.begin() + 17);  // created_at does not change
  GS_RETURN_IF_ERROR(s.Execute(
      "UPDATE resources SET title_zh=$2, title_en=$3, description_zh=$4, description_en=$5, provider_id=$6, "
      "subject=$7, industry=$8, region=$9, update_cycle=$10, tags=$11, license=$12, share_attr=$13, "
      "share_basis=$14, open_attr=$15, open_condition=$16, status=$17, updated_at=$18 WHERE id=$1",
      p));
  return ReplaceFields(s, r.id, r.fields);
}

Status CatalogStore::ReplaceFields(storage::Session& s, const std::string& id, const std::vector<Field>& fields) {
  GS_RETURN_IF_ERROR(s.Execute("DELETE FROM resource_fields WHERE resource_id = $1", {Value::Text(id)}));
  for (size_t i = 0; i < fields.size(); ++i) {
    const Field& f = fields[i];
    GS_RETURN_IF_ERROR(s.Execute(
        "INSERT INTO resource_fields (resource_id, position, name, title_zh, title_en, type, description_zh, "
        "description_en, unit, level, semantic) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
        {Value::Text(id), Value::Int(static_cast<int64_t>(i)), Value::Text(f.name), Value::Text(f.title_zh),
         Value::Text(f.title_en), Value::Text(f.type), Value::Text(f.description_zh),
         Value::Text(f.description_en), Value::Text(f.unit), Value::Text(std::string(LevelCode(f.level))),
         Value::Text(f.semantic)}));
  }
  return Ok();
}

Status CatalogStore::InsertVersion(storage::Session& s, const std::string& id, const ResourceVersion& v) {
  GS_RETURN_IF_ERROR(s.Execute(
      "INSERT INTO resource_versions (resource_id, version, table_name, row_count, byte_size, checksum, "
      "source_format, source_name, source_encoding, profile, note, published_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)",
      {Value::Text(id), Value::Int(v.version), Value::Text(v.table_name), Value::Int(v.row_count),
       Value::Int(v.byte_size), Value::Text(v.checksum), Value::Text(v.source_format),
       Value::Text(v.source_name), Value::Text(v.source_encoding), Value::Text(v.profile_json),
       Value::Text(v.note), Value::Timestamp(v.published_at)}));
  return s.Execute("UPDATE resources SET current_version = $2, updated_at = $3 WHERE id = $1",
                   {Value::Text(id), Value::Int(v.version), Value::Timestamp(v.published_at)});
}

Result<std::vector<ResourceVersion>> CatalogStore::ListVersions(storage::Session& s, const std::string& id) {
  GS_ASSIGN_OR_RETURN(storage::Table rows,
                      s.Query(std::string("SELECT ") + kVersionColumns +
                                  " FROM resource_versions WHERE resource_id = $1 ORDER BY version DESC",
                              {Value::Text(id)}));
  std::vector<ResourceVersion> out;
  for (const auto& r : rows.rows) out.push_back(VersionFromRow(r, 0));
  return out;
}

Result<int> CatalogStore::NextVersionNumber(storage::Session& s, const std::string& id) {
  GS_ASSIGN_OR_RETURN(storage::Table rows,
                      s.Query("SELECT coalesce(max(version), 0) + 1 FROM resource_versions WHERE resource_id = $1",
                              {Value::Text(id)}));
  return static_cast<int>(rows.rows[0][0].as_int());
}

}  // namespace gongshu::catalog
