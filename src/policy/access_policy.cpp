#include "policy/access_policy.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/encoding.h"
#include "policy/classification_rules.h"

namespace gongshu::policy {

std::string_view ChannelCode(Channel c) {
  switch (c) {
    case Channel::kOpen: return "open";
    case Channel::kShare: return "share";
    case Channel::kOperation: return "operation";
    case Channel::kAdmin: return "admin";
  }
  return "";
}

std::optional<Channel> ParseChannel(std::string_view code) {
  if (code == "open") return Channel::kOpen;
  if (code == "share") return Channel::kShare;
  if (code == "operation") return Channel::kOperation;
  return std::nullopt;
}

std::string_view ActionCode(Action a) {
  switch (a) {
    case Action::kDiscover: return "discover";
    case Action::kRead: return "read";
    case Action::kExport: return "export";
    case Action::kWrite: return "write";
    case Action::kVerify: return "verify";
  }
  return "";
}

std::string_view AccessModeCode(AccessMode m) {
  switch (m) {
    case AccessMode::kRows: return "rows";
    case AccessMode::kAggregateOnly: return "aggregate_only";
    case AccessMode::kVerifyOnly: return "verify_only";
  }
  return "";
}

std::string NewDecisionId() { return "dec_" + Base64Encode(RandomBytes(12), true, false); }

namespace {

using catalog::OpenAttribute;
using catalog::ResourceStatus;
using catalog::ShareAttribute;

Decision Deny(Decision d, ErrorKind kind, std::string code, std::string en, std::string zh) {
  d.allow = false;
  d.fields.clear();
  d.row_filters.clear();
  d.grant_id.clear();
  d.basis.clear();
  d.reason = MakeError(kind, std::move(code), std::move(en), std::move(zh));
  return d;
}

bool Contains(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

bool KnownKind(PrincipalKind k) {
  switch (k) {
    case PrincipalKind::kAnonymous:
    case PrincipalKind::kAdministrator:
    case PrincipalKind::kUser:
    case PrincipalKind::kApiToken:
      return true;
  }
  return false;
}

// A user or token must name its organisation, its organisation's kind and at least one role, all
// from the known vocabularies; anything else is an identity we do not understand.
bool CompleteIdentity(const Principal& p) {
  if (p.organisation_id.empty() || p.roles.empty()) return false;
  if (OrganisationKindCode(p.organisation_kind).empty()) return false;
  for (Role r : p.roles) {
    if (RoleCode(r).empty()) return false;
  }
  return true;
}

bool IsMember(const Principal& p) { return p.kind == PrincipalKind::kUser || p.kind == PrincipalKind::kApiToken; }

bool IsProviderSteward(const Principal& p, const catalog::Resource& r) {
  return IsMember(p) && p.organisation_kind == OrganisationKind::kDepartment && p.Has(Role::kDepartmentSteward) &&
         !r.provider_id.empty() && p.organisation_id == r.provider_id;
}

bool IsDepartmentConsumer(const Principal& p) {
  return IsMember(p) && p.organisation_kind == OrganisationKind::kDepartment && p.Has(Role::kDepartmentConsumer);
}

bool IsOperatorUser(const Principal& p) {
  return IsMember(p) && p.organisation_kind == OrganisationKind::kOperator &&
         (p.Has(Role::kOperatorAnalyst) || p.Has(Role::kOperatorAdmin));
}

// Why no grant could be relied on, most telling first (a live grant with another purpose says
// more than an expired one, which says more than none at all).
enum class Miss { kNone = 0, kRevoked, kPending, kNotYetValid, kExpired, kSuspended, kPurposeMissing, kPurposeOther };

Decision DenyForMiss(Decision d, Miss miss, bool operation, std::string_view purpose, const catalog::Resource& r) {
  const std::string rid = r.id;
  const std::string pur(purpose);
  switch (miss) {
    case Miss::kPurposeMissing:
      return Deny(std::move(d), ErrorKind::kInvalidArgument, "policy.purpose_required",
                  "Name the purpose of this use in the X-Purpose header; grants are bound to purposes.",
                  "请在 X-Purpose 请求头中注明本次使用的用途；授权按用途生效。");
    case Miss::kPurposeOther:
      return Deny(std::move(d), ErrorKind::kForbidden, "policy.purpose_not_granted",
                  "Purpose '" + pur + "' is not one your " + (operation ? "authorization" : "grant") + " for '" + rid +
                      "' names; use the data only for the purposes granted.",
                  "用途“" + pur + "”不在您对“" + rid + "”的" + (operation ? "运营授权" : "授权") +
                      "范围内，只能按授权用途使用数据。");
    case Miss::kSuspended:
      return Deny(std::move(d), ErrorKind::kForbidden, operation ? "policy.authorization_suspended" : "policy.grant_suspended",
                  std::string(operation ? "Your operation authorization" : "Your grant") + " for '" + rid +
                      "' is suspended.",
                  std::string(operation ? "您的运营授权" : "您对“" + rid + "”的授权") + "已暂停。");
    case Miss::kExpired:
      return Deny(std::move(d), ErrorKind::kForbidden, operation ? "policy.authorization_expired" : "policy.grant_expired",
                  std::string(operation ? "Your operation authorization" : "Your grant") + " for '" + rid +
                      "' has expired; apply again.",
                  std::string(operation ? "您的运营授权" : "您对“" + rid + "”的授权") + "已过期，请重新申请。");
    case Miss::kNotYetValid:
    case Miss::kPending:
      return Deny(std::move(d), ErrorKind::kForbidden,
                  operation ? "policy.authorization_pending" : "policy.grant_pending",
                  std::string(operation ? "Your operation authorization" : "Your application") + " for '" + rid +
                      "' is not in force yet.",
                  std::string(operation ? "您的运营授权" : "您对“" + rid + "”的申请") + "尚未生效。");
    case Miss::kRevoked:
      return Deny(std::move(d), ErrorKind::kForbidden, operation ? "policy.authorization_ended" : "policy.grant_revoked",
                  std::string(operation ? "Your operation authorization" : "Your grant") + " for '" + rid +
                      "' has been " + (operation ? "ended" : "revoked") + ".",
                  std::string(operation ? "您的运营授权" : "您对“" + rid + "”的授权") + (operation ? "已终止。" : "已被撤销。"));
    case Miss::kNone:
      break;
  }
  if (operation) {
    return Deny(std::move(d), ErrorKind::kForbidden, "policy.no_authorization",
                "No operation authorization of your organisation covers '" + rid + "'.",
                "贵机构没有覆盖“" + rid + "”的授权运营授权。");
  }
  if (d.channel == Channel::kOpen) {
    return Deny(std::move(d), ErrorKind::kForbidden, "policy.conditional_open",
                "This resource is conditionally open: apply for access before using its data.",
                "该数据资源为有条件开放，请先提交申请，获批后方可使用。");
  }
  return Deny(std::move(d), ErrorKind::kForbidden, "policy.no_grant",
              "Your department holds no share grant for '" + rid + "'; submit a share application first.",
              "贵部门没有“" + rid + "”的共享授权，请先提交共享申请。");
}

// Picks the grant a use relies on: live (not revoked or suspended, within its term) and naming
// the purpose. Grants are never merged: each carries its own fields, rows and purposes.
const Grant* SelectGrant(std::span<const Grant* const> grants, std::string_view user, std::string_view purpose,
                         TimePoint now, Miss& miss) {
  for (const Grant* g : grants) {
    if (!g->grantee_user.empty() && g->grantee_user != user) continue;  // another person's open grant
    Miss m = Miss::kNone;
    if (g->state == GrantState::kRevoked) {
      m = Miss::kRevoked;
    } else if (g->state == GrantState::kSuspended) {
      m = Miss::kSuspended;
    } else if (now >= g->valid_until) {
      m = Miss::kExpired;
    } else if (now < g->valid_from) {
      m = Miss::kNotYetValid;
    } else if (purpose.empty()) {
      m = Miss::kPurposeMissing;
    } else if (!Contains(g->purposes, purpose)) {
      m = Miss::kPurposeOther;
    } else {
      return g;
    }
    miss = std::max(miss, m);
  }
  return nullptr;
}

bool Covers(const OperationAuthorization& a, const catalog::Resource& r) {
  switch (a.mode) {
    case AuthorizationMode::kWhole: return true;
    case AuthorizationMode::kDomain: return !r.subject.empty() && Contains(a.domains, r.subject);
    case AuthorizationMode::kScenario: return Contains(a.resource_ids, r.id);
  }
  return false;
}

const OperationAuthorization* SelectAuthorization(std::span<const OperationAuthorization* const> auths,
                                                  const catalog::Resource& r, std::string_view purpose, TimePoint now,
                                                  Miss& miss) {
  for (const OperationAuthorization* a : auths) {
    if (!Covers(*a, r)) continue;
    Miss m = Miss::kNone;
    switch (a->state) {
      case AuthorizationState::kDraft:
      case AuthorizationState::kApproved: m = Miss::kPending; break;
      case AuthorizationState::kSuspended: m = Miss::kSuspended; break;
      case AuthorizationState::kExpired: m = Miss::kExpired; break;
      case AuthorizationState::kTerminated:
      case AuthorizationState::kExited: m = Miss::kRevoked; break;
      case AuthorizationState::kActive:
        if (now >= a->valid_until) {
          m = Miss::kExpired;
        } else if (now < a->valid_from) {
          m = Miss::kNotYetValid;
        } else if (purpose.empty()) {
          m = Miss::kPurposeMissing;
        } else if (!Contains(a->purposes, purpose)) {
          m = Miss::kPurposeOther;
        } else {
          return a;
        }
        break;
    }
    miss = std::max(miss, m);
  }
  return nullptr;
}

bool HasAction(const OperationAuthorization& a, OperationAction x) {
  return std::find(a.actions.begin(), a.actions.end(), x) != a.actions.end();
}

// After a failed reload grants cannot be checked: nothing that needs one is served.
Decision Unavailable(Decision d) {
  return Deny(std::move(d), ErrorKind::kUnavailable, "policy.snapshot_unavailable",
              "Grants cannot be checked right now; try again shortly.", "暂时无法核验授权，请稍后重试。");
}

Decision NotFound(Decision d, const catalog::Resource& r) {
  return Deny(std::move(d), ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + r.id + "'.",
              "数据资源“" + r.id + "”不存在。");
}

}  // namespace

AccessPolicy::AccessPolicy(const Clock& clock)
    : clock_(clock), snapshot_(std::make_shared<const PolicySnapshot>()) {}

void AccessPolicy::Install(PolicyInputs inputs) {
  auto next = std::make_shared<const PolicySnapshot>(std::move(inputs), ++generation_, false);
  std::atomic_store(&snapshot_, std::shared_ptr<const PolicySnapshot>(std::move(next)));
}

void AccessPolicy::InstallDegraded() {
  auto next = std::make_shared<const PolicySnapshot>(PolicyInputs{}, ++generation_, true);
  std::atomic_store(&snapshot_, std::shared_ptr<const PolicySnapshot>(std::move(next)));
}

Channel AccessPolicy::DefaultChannel(const Principal& p) {
  if (!IsMember(p)) return Channel::kOpen;
  switch (p.organisation_kind) {
    case OrganisationKind::kDepartment: return Channel::kShare;
    case OrganisationKind::kOperator: return Channel::kOperation;
    default: return Channel::kOpen;
  }
}

bool AccessPolicy::CanDiscover(const Principal& p, const catalog::Resource& r) const {
  if (p.IsAdministrator()) return true;
  const bool published = r.status == ResourceStatus::kPublished;
  const bool public_entry = published && r.open != OpenAttribute::kNotOpen;
  if (!KnownKind(p.kind)) return false;
  if (!IsMember(p)) return public_entry;
  if (!CompleteIdentity(p)) return false;
  if (!p.resource_scope.empty() && !Contains(p.resource_scope, r.id)) return false;
  if (IsProviderSteward(p, r)) return true;
  // The authority reviews registrations and authorizations; auditors read the whole catalog.
  if ((p.Has(Role::kAuthorityAdmin) && p.organisation_kind == OrganisationKind::kAuthority) || p.Has(Role::kAuditor)) {
    return true;
  }
  // A registered resource (登记) is public knowledge — its notice and code are published — so the
  // share catalog (共享目录) lists it even before its data is, and a department can apply for it.
  // Other departments' unregistered drafts stay private.
  const bool registered = r.status != ResourceStatus::kWithdrawn && Snapshot()->IsRegistered(r.id);
  if (p.organisation_kind == OrganisationKind::kDepartment &&
      (p.Has(Role::kDepartmentConsumer) || p.Has(Role::kDepartmentSteward))) {
    return published || registered;
  }
  if (IsOperatorUser(p)) return public_entry || registered;
  return public_entry;
}

Decision AccessPolicy::DecideCall(const Principal& p, const catalog::Resource& r, std::optional<Channel> channel,
                                  Action action, std::string_view purpose, TimePoint now) const {
  Decision d = Decide(p, r, channel.value_or(DefaultChannel(p)), action, {}, purpose, now);
  if (d.allow || channel || d.channel == Channel::kOpen) return d;
  Decision open = Decide(p, r, Channel::kOpen, action, {}, purpose, now);
  return open.allow ? open : d;
}

Decision AccessPolicy::Decide(const Principal& p, const catalog::Resource& r, Channel channel, Action action,
                              std::string_view purpose) const {
  return Decide(p, r, channel, action, {}, purpose, clock_.Now());
}

Decision AccessPolicy::Decide(const Principal& p, const catalog::Resource& r, Channel channel, Action action,
                              std::span<const std::string> requested_fields, std::string_view purpose,
                              TimePoint now) const {
  std::shared_ptr<const PolicySnapshot> snap = Snapshot();
  Decision d;
  d.id = NewDecisionId();
  d.channel = channel;
  d.purpose = std::string(purpose);
  d.snapshot_generation = snap->generation();

  // 1. Who is asking, and is it something we understand?
  if (!KnownKind(p.kind)) {
    return Deny(std::move(d), ErrorKind::kForbidden, "policy.unknown_principal",
                "The caller's identity is of an unknown kind; access is denied.", "调用方身份类型未知，拒绝访问。");
  }
  if (IsMember(p) && !CompleteIdentity(p)) {
    return Deny(std::move(d), ErrorKind::kForbidden, "policy.principal_incomplete",
                "The caller's identity lacks an organisation, its kind or a known role; access is denied.",
                "调用方身份缺少所属机构、机构类别或有效角色，拒绝访问。");
  }
  if (channel != Channel::kOpen && channel != Channel::kShare && channel != Channel::kOperation &&
      !(channel == Channel::kAdmin && p.IsAdministrator())) {
    return Deny(std::move(d), ErrorKind::kInvalidArgument, "policy.unknown_channel",
                "Unknown channel; use open, share or operation.", "未知的渠道，可选 open、share 或 operation。");
  }
  if (!purpose.empty() && !IsValidPurposeCode(purpose)) {
    return Deny(std::move(d), ErrorKind::kInvalidArgument, "policy.bad_purpose",
                "X-Purpose must be a purpose code of 1–64 letters, digits or . _ : -.",
                "X-Purpose 须为 1–64 个字母、数字或 . _ : - 组成的用途编码。");
  }

  // 2. The start-up administrator (until identity is bootstrapped) sees everything raw.
  if (p.IsAdministrator()) {
    if (action == Action::kDiscover || action == Action::kWrite) {
      d.allow = true;
      d.channel = Channel::kAdmin;
      d.basis = std::string(AccessBasisCode(AccessBasis::kAdministrator));
      return d;
    }
    d.channel = Channel::kAdmin;
    d.basis = std::string(AccessBasisCode(AccessBasis::kAdministrator));
    for (const auto& f : r.fields) d.fields.push_back(FieldObligation{f.name, ""});
  } else {
    if (action != Action::kRead && action != Action::kExport && action != Action::kVerify) {
      return Deny(std::move(d), p.IsAnonymous() ? ErrorKind::kUnauthenticated : ErrorKind::kForbidden,
                  "policy.unsupported_action", "This action is not available on data through any channel.",
                  "该操作不适用于数据访问渠道。");
    }
    if (!p.resource_scope.empty() && !Contains(p.resource_scope, r.id)) {
      return Deny(std::move(d), ErrorKind::kForbidden, "policy.token_scope",
                  "This access token is limited to other resources.", "该访问令牌仅限用于其他数据资源。");
    }
    if (p.IsAnonymous() && channel != Channel::kOpen) {
      return Deny(std::move(d), ErrorKind::kUnauthenticated, "policy.login_required",
                  "This channel requires an authenticated principal.", "该渠道需要登录后访问。");
    }
    if (action == Action::kVerify && channel != Channel::kOperation) {
      return Deny(std::move(d), ErrorKind::kForbidden, "policy.unsupported_action",
                  "Verification is offered in the operation channel only.", "数据核验仅在授权运营渠道提供。");
    }

    // 3. On what grounds, and through which grant.
    AccessBasis basis = AccessBasis::kOpenPublic;
    const Grant* grant = nullptr;
    const OperationAuthorization* authorization = nullptr;
    if (channel == Channel::kShare && IsProviderSteward(p, r)) {
      basis = AccessBasis::kProvider;  // the provider reads its own resource, any status
    } else {
      if (r.status != ResourceStatus::kPublished) return NotFound(std::move(d), r);
      Miss miss = Miss::kNone;
      switch (channel) {
        case Channel::kOpen:
          if (r.open == OpenAttribute::kUnconditional) {
            basis = AccessBasis::kOpenPublic;
            break;
          }
          if (r.open != OpenAttribute::kConditional) {
            return Deny(std::move(d), ErrorKind::kForbidden, "policy.not_open",
                        "This resource is not open to the public.", "该数据资源不予开放。");
          }
          if (p.IsAnonymous()) return DenyForMiss(std::move(d), Miss::kNone, false, purpose, r);
          if (snap->degraded()) return Unavailable(std::move(d));
          grant = SelectGrant(snap->Grants(GrantKind::kOpen, p.organisation_id, r.id), p.user_id, purpose, now, miss);
          if (grant == nullptr) {
            if (miss == Miss::kNone && snap->IsPending(GrantKind::kOpen, p.organisation_id, p.user_id, r.id)) {
              miss = Miss::kPending;
            }
            return DenyForMiss(std::move(d), miss, false, purpose, r);
          }
          basis = AccessBasis::kOpenGrant;
          break;
        case Channel::kShare:
          if (!IsDepartmentConsumer(p)) {
            return Deny(std::move(d), ErrorKind::kForbidden, "policy.channel_not_permitted",
                        "The share channel is for consumers in government departments.",
                        "共享渠道仅供政府部门的数据使用人使用。");
          }
          if (r.share != ShareAttribute::kUnconditional && r.share != ShareAttribute::kConditional) {
            return Deny(std::move(d), ErrorKind::kForbidden, "policy.not_shared",
                        "This resource is classified as not shared (不予共享) and is never served to other departments.",
                        "该数据资源为不予共享，不向其他部门提供。");
          }
          if (snap->degraded()) return Unavailable(std::move(d));
          grant = SelectGrant(snap->Grants(GrantKind::kShare, p.organisation_id, r.id), p.user_id, purpose, now, miss);
          if (grant == nullptr) {
            if (miss == Miss::kNone && snap->IsPending(GrantKind::kShare, p.organisation_id, "", r.id)) {
              miss = Miss::kPending;
            }
            return DenyForMiss(std::move(d), miss, false, purpose, r);
          }
          basis = AccessBasis::kShareGrant;
          break;
        case Channel::kOperation:
          if (!IsOperatorUser(p)) {
            return Deny(std::move(d), ErrorKind::kForbidden, "policy.channel_not_permitted",
                        "The operation channel is for licensed operators.", "授权运营渠道仅供运营机构使用。");
          }
          if (action == Action::kExport) {
            return Deny(std::move(d), ErrorKind::kForbidden, "policy.operation_export",
                        "Raw data does not leave the platform in authorized operation; compute aggregates instead.",
                        "授权运营中原始数据不出域，不能导出，请使用聚合计算。");
          }
          if (snap->degraded()) return Unavailable(std::move(d));
          if (!snap->IsRegistered(r.id)) {
            return Deny(std::move(d), ErrorKind::kForbidden, "policy.not_registered",
                        "Only registered resources can be used in authorized operation; '" + r.id + "' is not registered.",
                        "只有已登记的数据资源可用于授权运营，“" + r.id + "”未登记。");
          }
          authorization = SelectAuthorization(snap->AuthorizationsOf(p.organisation_id), r, purpose, now, miss);
          if (authorization == nullptr) return DenyForMiss(std::move(d), miss, true, purpose, r);
          basis = AccessBasis::kOperation;
          if (action == Action::kVerify) {
            if (!HasAction(*authorization, OperationAction::kVerification)) {
              return Deny(std::move(d), ErrorKind::kForbidden, "policy.operation_action",
                          "Your authorization does not include verification.", "您的运营授权不包含数据核验。");
            }
            d.mode = AccessMode::kVerifyOnly;
          } else if (HasAction(*authorization, OperationAction::kSandboxAggregate)) {
            d.mode = AccessMode::kAggregateOnly;
          } else if (HasAction(*authorization, OperationAction::kVerification)) {
            return Deny(std::move(d), ErrorKind::kForbidden, "policy.verify_only",
                        "Your authorization allows verification only; records cannot be queried.",
                        "您的运营授权仅限数据核验，不能查询记录。");
          } else {
            return Deny(std::move(d), ErrorKind::kForbidden, "policy.operation_action",
                        "Your authorization allows no computation on data.", "您的运营授权不包含数据计算。");
          }
          break;
        case Channel::kAdmin:
          return Deny(std::move(d), ErrorKind::kInvalidArgument, "policy.unknown_channel",
                      "Unknown channel; use open, share or operation.", "未知的渠道，可选 open、share 或 operation。");
      }
    }

    // 4. Obligations: fields by level (and the grant's list), masks by semantic, rows, mode.
    d.basis = std::string(AccessBasisCode(basis));
    for (const auto& f : r.fields) {
      if (grant != nullptr && !Contains(grant->fields, f.name)) continue;
      FieldView view = ViewFor(basis, f.level);
      if (view == FieldView::kAbsent) continue;
      d.fields.push_back(FieldObligation{
          f.name, view == FieldView::kRaw ? std::string() : std::string(privacy::MaskKindCode(MaskForSemantic(f.semantic)))});
    }
    if (grant != nullptr) {
      d.grant_id = grant->id;
      if (!grant->rows.empty()) {
        if (r.FindField(grant->rows.field) == nullptr || grant->rows.prefixes.empty()) {
          return Deny(std::move(d), ErrorKind::kForbidden, "policy.grant_invalid",
                      "Your grant's row scope names a field this resource no longer has; ask the provider to renew it.",
                      "您的授权的行范围所用字段已不存在，请联系提供部门重新授权。");
        }
        RowFilterObligation rf;
        rf.field = grant->rows.field;
        rf.op = RowFilterObligation::Op::kPrefix;
        for (const auto& prefix : grant->rows.prefixes) rf.values.push_back(storage::Value::Text(prefix));
        d.row_filters.push_back(std::move(rf));
      }
    }
    if (authorization != nullptr) d.grant_id = authorization->id;
    if (d.fields.empty()) {
      if (basis == AccessBasis::kOpenPublic) {
        return Deny(std::move(d), ErrorKind::kForbidden, "policy.no_open_fields",
                    "No field of this resource is open to the public.", "该数据资源没有可向社会开放的信息项。");
      }
      return Deny(std::move(d), ErrorKind::kForbidden, "policy.no_permitted_fields",
                  "No field of this resource may be released to you through this channel.",
                  "通过该渠道，该数据资源没有可向您提供的信息项。");
    }
  }

  // 5. Narrow to the requested fields.
  if (!requested_fields.empty()) {
    for (const auto& name : requested_fields) {
      if (r.FindField(name) == nullptr) {
        return Deny(std::move(d), ErrorKind::kUnprocessable, "policy.unknown_field",
                    "Resource '" + r.id + "' has no field '" + name + "'.",
                    "数据资源“" + r.id + "”没有字段“" + name + "”。");
      }
      bool permitted = std::any_of(d.fields.begin(), d.fields.end(), [&](const auto& o) { return o.name == name; });
      if (!permitted) {
        return Deny(std::move(d), ErrorKind::kForbidden, "policy.field_not_permitted",
                    "Field '" + name + "' is not released to you through this channel.",
                    "字段“" + name + "”不通过该渠道向您提供。");
      }
    }
    std::erase_if(d.fields, [&](const FieldObligation& o) {
      return std::find(requested_fields.begin(), requested_fields.end(), o.name) == requested_fields.end();
    });
  }
  if (!r.current) {
    return Deny(std::move(d), ErrorKind::kNotFound, "resource.no_data", "This resource has no published data yet.",
                "该数据资源尚无已发布的数据。");
  }
  d.allow = true;
  return d;
}

}  // namespace gongshu::policy
