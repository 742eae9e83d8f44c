#include "catalog/canonical_json.h"

#include "core/json_writer.h"

namespace gongshu::catalog {

std::string CanonicalResourceJson(const Resource& r) {
  std::string out;
  JsonWriter w(out);
  // Keys in a fixed order (the order of the struct), every key always present.
  w.BeginObject();
  w.Field("id", r.id).Field("title_zh", r.title_zh).Field("title_en", r.title_en);
  w.Field("description_zh", r.description_zh).Field("description_en", r.description_en);
  w.Field("provider_id", r.provider_id).Field("subject", r.subject).Field("industry", r.industry);
  w.Field("region", r.region).Field("update_cycle", r.update_cycle);
  w.Key("tags").BeginArray();
  for (const auto& t : r.tags) w.String(t);
  w.EndArray();
  w.Field("license", r.license).Field("share", ShareCode(r.share)).Field("share_basis", r.share_basis);
  w.Field("open", OpenCode(r.open)).Field("open_condition", r.open_condition);
  w.Field("status", StatusCode(r.status));
  w.Key("fields").BeginArray();
  for (const auto& f : r.fields) {
    w.BeginObject();
    w.Field("name", f.name).Field("title_zh", f.title_zh).Field("title_en", f.title_en).Field("type", f.type);
    w.Field("description_zh", f.description_zh).Field("description_en", f.description_en).Field("unit", f.unit);
    w.Field("level", LevelCode(f.level)).Field("semantic", f.semantic);
    w.EndObject();
  }
  w.EndArray();
  w.Key("current");
  if (r.current) {
    const ResourceVersion& v = *r.current;
    w.BeginObject();
    w.Field("version", v.version).Field("table_name", v.table_name).Field("row_count", v.row_count);
    w.Field("byte_size", v.byte_size).Field("checksum", v.checksum).Field("source_format", v.source_format);
    w.Field("source_name", v.source_name).Field("source_encoding", v.source_encoding).Field("note", v.note);
    w.Field("published_at", v.published_at);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Field("created_at", r.created_at).Field("updated_at", r.updated_at);
  w.EndObject();
  return out;
}

std::string CanonicalOrganisationJson(const Organisation& o) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Field("id", o.id).Field("name_zh", o.name_zh).Field("name_en", o.name_en).Field("kind", o.kind);
  w.Field("region", o.region).Field("parent_id", o.parent_id);
  w.EndObject();
  return out;
}

}  // namespace gongshu::catalog
