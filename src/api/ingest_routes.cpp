#include "api/change_actor.h"
#include "api/error_response.h"
#include "api/request_params.h"
#include "api/resource_access.h"
#include "api/resource_json.h"
#include "api/routes.h"
#include "core/strings.h"
#include "core/utf8.h"

namespace gongshu::api {

namespace {

// POST /api/v1/resources/{id}/versions — the request body (streamed to the staging directory)
// becomes the next version of the resource, published atomically.
Result<HttpResponse> UploadVersion(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(policy::Principal principal, ctx.auth.Authenticate(req));
  std::string id(req.PathParam("id"));
  // Data is published by the provider department's stewards or the data authority.
  GS_RETURN_IF_ERROR(ResourceForChange(ctx, principal, *ctx.catalog.Snapshot(), id));
  GS_RETURN_IF_ERROR(OnlyParams(req, {"format", "encoding", "delimiter", "header", "note", "filename"}));
  if (req.body_file.empty() || req.body_size == 0) {
    return BadRequest("ingest.empty_upload", "The upload is empty: send the file as the request body.",
                      "上传内容为空：请将文件作为请求体发送。");
  }
  ingest::ImportOptions options;
  if (auto f = req.Query("format")) {
    if (*f != "csv" && *f != "json" && *f != "ndjson" && *f != "parquet") {
      return BadRequest("ingest.bad_format", "format must be csv, json, ndjson or parquet.",
                        "format 须为 csv、json、ndjson 或 parquet。");
    }
    options.format = std::string(*f);
  }
  if (auto e = req.Query("encoding")) {
    std::string enc = AsciiLower(*e);
    if (enc == "gbk" || enc == "gb2312") enc = "gb18030";  // GB18030 is a superset of both
    if (enc != "utf-8" && enc != "utf8" && enc != "gb18030") {
      return BadRequest("ingest.bad_encoding", "encoding must be utf-8, gbk or gb18030.",
                        "encoding 须为 utf-8、gbk 或 gb18030。");
    }
    options.encoding = enc == "utf8" ? "utf-8" : enc;
  }
  if (auto d = req.Query("delimiter")) {
    std::string_view v = *d;
    if (v == "tab" || v == "\\t") v = "\t";
    if (v.size() != 1 || (v[0] != ',' && v[0] != ';' && v[0] != '\t' && v[0] != '|')) {
      return BadRequest("ingest.bad_delimiter", "delimiter must be one of , ; | or tab.", "分隔符须为 , ; | 或 tab。");
    }
    options.delimiter = v[0];
  }
  if (req.Query("header")) {
    GS_ASSIGN_OR_RETURN(bool header, BoolParam(req, "header", true));
    options.header = header;
  }
  options.note = std::string(req.Query("note").value_or(""));
  options.actor = ChangeActorOf(principal, req);  // the version's audit entry names who published it
  options.source_name = std::string(req.Query("filename").value_or("upload"));
  if (options.note.size() > 2000 || options.source_name.size() > 255) {
    return BadRequest("ingest.param_too_long", "note is limited to 2000 bytes and filename to 255.",
                      "note 不超过2000字节，filename 不超过255字节。");
  }
  GS_ASSIGN_OR_RETURN(ingest::ImportResult result, ctx.importer.ImportFile(id, req.body_file, options));
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Field("resource_id", id).Key("version");
  WriteVersion(w, result.version);
  w.Field("detected_format", result.detected_format).Field("detected_encoding", result.detected_encoding);
  w.Field("delimiter", std::string(1, result.delimiter)).Field("header", result.header);
  w.Key("warnings").BeginArray();
  for (const auto& warning : result.warnings) w.String(warning);
  w.EndArray().Key("fields").BeginArray();
  for (const auto& f : result.fields) {
    w.BeginObject().Field("name", f.name).Field("type", f.type).Field("title_zh", f.title_zh);
    w.Field("level", catalog::LevelCode(f.level)).EndObject();
  }
  w.EndArray().EndObject();
  return HttpResponse::Json(std::move(body), 201);
}

}  // namespace

void RegisterIngestRoutes(Router& router, AppContext& ctx) {
  router.Add(Route{HttpMethod::kPost, "/api/v1/resources/{id}/versions",
                   [&ctx](HttpRequest& req) { return UploadVersion(ctx, req); }, BodyKind::kUpload});
}

}  // namespace gongshu::api
