#include "catalog/catalog.h"

#include "catalog/canonical_json.h"
#include "catalog/catalog_store.h"
#include "catalog/vocabulary.h"
#include "core/strings.h"
#include "core/utf8.h"

namespace gongshu::catalog {

CatalogSnapshot::CatalogSnapshot(std::vector<Resource> resources, std::vector<Organisation> organisations)
    : resources_(std::move(resources)), organisations_(std::move(organisations)), index_(resources_) {
  for (size_t i = 0; i < resources_.size(); ++i) by_id_.emplace(resources_[i].id, i);
  for (size_t i = 0; i < organisations_.size(); ++i) org_by_id_.emplace(organisations_[i].id, i);
}

const Resource* CatalogSnapshot::Find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &resources_[it->second];
}

const Organisation* CatalogSnapshot::FindOrganisation(std::string_view id) const {
  auto it = org_by_id_.find(id);
  return it == org_by_id_.end() ? nullptr : &organisations_[it->second];
}

Catalog::Catalog(storage::Engine& engine, const Clock& clock)
    : engine_(engine),
      clock_(clock),
      snapshot_(std::make_shared<const CatalogSnapshot>(std::vector<Resource>{}, std::vector<Organisation>{})) {}

Status Catalog::Load() {
  std::lock_guard lock(write_mu_);
  return ReloadAll();
}

Status Catalog::ReloadAll() {
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_ASSIGN_OR_RETURN(std::vector<Resource> resources, CatalogStore::LoadResources(*s));
  GS_ASSIGN_OR_RETURN(std::vector<Organisation> orgs, CatalogStore::LoadOrganisations(*s));
  Swap(std::make_shared<const CatalogSnapshot>(std::move(resources), std::move(orgs)));
  return Ok();
}

namespace {

Error Invalid(const std::string& code, const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kUnprocessable, code, en, zh);
}

bool IsValidFieldName(const std::string& name) {
  if (name.empty() || name.size() > 128 || !IsValidUtf8(name)) return false;
  // Reserved: the engine's row id (keyset cursors order by it) and the platform's hidden columns.
  const std::string lower = AsciiLower(name);
  if (lower == "rowid" || lower.starts_with("_gs_")) return false;
  for (unsigned char c : name) {
    if (c < 0x20 || c == '`' || c == '"' || c == 0x7F) return false;
  }
  return true;
}

}  // namespace

Status Catalog::Validate(const Resource& r, const CatalogSnapshot& snap) const {
  if (!IsValidResourceId(r.id)) {
    return Invalid("resource.invalid_id",
                   "Resource id must be 2-64 lowercase letters, digits or '-', starting with a letter or digit.",
                   "资源标识须为2至64位小写字母、数字或连字符，且以字母或数字开头。");
  }
  for (const std::string* s : {&r.title_zh, &r.title_en, &r.description_zh, &r.description_en, &r.share_basis,
                               &r.open_condition, &r.license, &r.industry, &r.region}) {
    if (!IsValidUtf8(*s) || s->size() > 20000) {
      return Invalid("resource.invalid_text", "Text fields must be valid UTF-8 and at most 20000 bytes.",
                     "文本字段须为有效的UTF-8编码且不超过20000字节。");
    }
  }
  if (r.title_zh.empty()) return Invalid("resource.title_required", "A Chinese title is required.", "必须填写中文名称。");
  if (FindTerm(Subjects(), r.subject) == nullptr) {
    return Invalid("resource.unknown_subject", "Unknown subject category '" + r.subject + "'.",
                   "未知的主题分类“" + r.subject + "”。");
  }
  if (FindTerm(UpdateCycles(), r.update_cycle) == nullptr) {
    return Invalid("resource.unknown_update_cycle", "Unknown update cycle '" + r.update_cycle + "'.",
                   "未知的更新周期“" + r.update_cycle + "”。");
  }
  if (snap.FindOrganisation(r.provider_id) == nullptr) {
    return Invalid("resource.unknown_provider", "Unknown provider organisation '" + r.provider_id + "'.",
                   "未知的提供部门“" + r.provider_id + "”。");
  }
  // 不予共享 needs its legal basis; 有条件共享 needs its condition (共享责任清单).
  if (r.share != ShareAttribute::kUnconditional && r.share_basis.empty()) {
    return Invalid("resource.share_basis_required",
                   "Conditional or no sharing requires the condition or legal basis text.",
                   "有条件共享或不予共享须填写共享条件或法律依据。");
  }
  if (r.open != OpenAttribute::kUnconditional && r.open_condition.empty()) {
    return Invalid("resource.open_condition_required",
                   "Conditional or no opening requires the condition or reason text.",
                   "有条件开放或不予开放须填写开放条件或不予开放理由。");
  }
  if (r.tags.size() > 50) return Invalid("resource.too_many_tags", "At most 50 tags.", "标签最多50个。");
  for (const auto& t : r.tags) {
    if (t.empty() || t.size() > 100 || !IsValidUtf8(t)) {
      return Invalid("resource.invalid_tag", "Tags must be 1-100 bytes of UTF-8.", "标签须为1至100字节的UTF-8文本。");
    }
  }
  std::map<std::string, int> seen;
  for (const auto& f : r.fields) {
    if (!IsValidFieldName(f.name)) {
      return Invalid("resource.invalid_field_name",
                     "Invalid field name '" + f.name +
                         "': 1-128 bytes of UTF-8 without quotes or control characters; rowid and _gs_* are reserved.",
                     "信息项名称“" + f.name + "”无效：须为1至128字节的UTF-8文本，不含引号和控制字符；rowid与_gs_*为保留名称。");
    }
    if (++seen[f.name] > 1) {
      return Invalid("resource.duplicate_field", "Duplicate field '" + f.name + "'.", "信息项“" + f.name + "”重复。");
    }
  }
  return Ok();
}

Status Catalog::RecordResourceChange(std::string kind, const Resource* before, const Resource& after,
                                     const ChangeActor& actor) const {
  if (!recorder_) return Ok();
  CatalogChange change;
  change.kind = std::move(kind);
  change.object_id = after.id;
  change.resource_id = after.id;
  if (after.current) change.resource_version = std::to_string(after.current->version);
  if (before != nullptr) change.before = CanonicalResourceJson(*before);
  change.after = CanonicalResourceJson(after);
  change.actor = actor;
  return recorder_(change);
}

Result<Resource> Catalog::Create(Resource draft, const ChangeActor& actor) {
  std::lock_guard lock(write_mu_);
  auto snap = Snapshot();
  GS_RETURN_IF_ERROR(Validate(draft, *snap));
  if (snap->Find(draft.id) != nullptr) {
    return MakeError(ErrorKind::kConflict, "resource.exists", "A resource with id '" + draft.id + "' already exists.",
                     "标识为“" + draft.id + "”的数据资源已存在。");
  }
  draft.status = ResourceStatus::kDraft;
  draft.current.reset();
  draft.created_at = draft.updated_at = clock_.NowMicros();
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(CatalogStore::InsertResource(*s, draft));
    return RecordResourceChange("resource.created", nullptr, draft, actor);
  }));
  GS_RETURN_IF_ERROR(ReloadAll());
  return *Snapshot()->Find(draft.id);
}

Result<Resource> Catalog::Update(const std::string& id, Resource changes, const ChangeActor& actor) {
  std::lock_guard lock(write_mu_);
  auto snap = Snapshot();
  const Resource* existing = snap->Find(id);
  if (existing == nullptr) {
    return MakeError(ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + id + "'.",
                     "数据资源“" + id + "”不存在。");
  }
  changes.id = id;
  changes.status = existing->status;
  changes.current = existing->current;
  changes.created_at = existing->created_at;
  changes.updated_at = clock_.NowMicros();
  GS_RETURN_IF_ERROR(Validate(changes, *snap));
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(CatalogStore::UpdateResource(*s, changes));
    return RecordResourceChange("resource.updated", existing, changes, actor);
  }));
  GS_RETURN_IF_ERROR(ReloadAll());
  return *Snapshot()->Find(id);
}

Result<Resource> Catalog::Publish(const std::string& id, const ChangeActor& actor) {
  std::lock_guard lock(write_mu_);
  auto snap = Snapshot();  // keeps `existing` alive
  const Resource* existing = snap->Find(id);
  if (existing == nullptr) {
    return MakeError(ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + id + "'.",
                     "数据资源“" + id + "”不存在。");
  }
  if (!existing->current) {
    return MakeError(ErrorKind::kConflict, "resource.no_version",
                     "The resource has no data version yet; import data before publishing.",
                     "该数据资源尚无数据版本，请先导入数据再发布。");
  }
  Resource r = *existing;
  r.status = ResourceStatus::kPublished;
  r.updated_at = clock_.NowMicros();
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(CatalogStore::UpdateResource(*s, r));
    return RecordResourceChange("resource.published", existing, r, actor);
  }));
  GS_RETURN_IF_ERROR(ReloadAll());
  return *Snapshot()->Find(id);
}

Result<Resource> Catalog::Withdraw(const std::string& id, const ChangeActor& actor) {
  std::lock_guard lock(write_mu_);
  auto snap = Snapshot();  // keeps `existing` alive
  const Resource* existing = snap->Find(id);
  if (existing == nullptr) {
    return MakeError(ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + id + "'.",
                     "数据资源“" + id + "”不存在。");
  }
  Resource r = *existing;
  r.status = ResourceStatus::kWithdrawn;
  r.updated_at = clock_.NowMicros();
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(CatalogStore::UpdateResource(*s, r));
    return RecordResourceChange("resource.withdrawn", existing, r, actor);
  }));
  GS_RETURN_IF_ERROR(ReloadAll());
  return *Snapshot()->Find(id);
}

Status Catalog::UpsertOrganisation(const Organisation& org, const ChangeActor& actor) {
  std::lock_guard lock(write_mu_);
  if (!IsValidResourceId(org.id) || org.name_zh.empty() || !IsValidUtf8(org.name_zh) || !IsValidUtf8(org.name_en)) {
    return Invalid("organisation.invalid", "Organisation needs a slug id and a Chinese name.",
                   "机构须有规范标识和中文名称。");
  }
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  auto snap = Snapshot();  // keeps `before` alive
  const Organisation* before = snap->FindOrganisation(org.id);
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(CatalogStore::UpsertOrganisation(*s, org));
    if (!recorder_) return Ok();
    CatalogChange change;
    change.kind = before != nullptr ? "organisation.updated" : "organisation.created";
    change.object_id = org.id;
    if (before != nullptr) change.before = CanonicalOrganisationJson(*before);
    change.after = CanonicalOrganisationJson(org);
    change.actor = actor;
    return recorder_(change);
  }));
  return ReloadAll();
}

Status Catalog::Refresh(const std::string& /*id*/) {
  // The whole snapshot is rebuilt: simple and fast enough for catalogs of tens of thousands.
  std::lock_guard lock(write_mu_);
  return ReloadAll();
}

}  // namespace gongshu::catalog
