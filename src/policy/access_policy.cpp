#include "policy/access_policy.h"

#include "core/crypto.h"
#include "core/encoding.h"

namespace gongshu::policy {

std::string_view ChannelCode(Channel c) {
  switch (c) {
    case Channel::kOpen: return "open";
    case Channel::kShare: return "share";
    case Channel::kOperation: return "operation";
    case Channel::kAdmin: return "admin";
  }
  return "open";
}

std::string_view ActionCode(Action a) {
  switch (a) {
    case Action::kDiscover: return "discover";
    case Action::kRead: return "read";
    case Action::kExport: return "export";
    case Action::kWrite: return "write";
  }
  return "read";
}

namespace {

Decision Deny(Decision d, ErrorKind kind, std::string code, std::string en, std::string zh) {
  d.allow = false;
  d.fields.clear();
  d.reason = MakeError(kind, std::move(code), std::move(en), std::move(zh));
  return d;
}

}  // namespace

bool AccessPolicy::CanDiscover(const Principal& p, const catalog::Resource& r) const {
  if (p.IsAdministrator()) return true;
  // The open catalog lists published resources that are open or conditionally open.
  return r.status == catalog::ResourceStatus::kPublished && r.open != catalog::OpenAttribute::kNotOpen;
}

Decision AccessPolicy::Decide(const Principal& p, const catalog::Resource& r, Channel channel, Action action,
                              std::string_view /*purpose*/) const {
  (void)clock_;
  Decision d;
  d.id = "dec_" + Base64Encode(RandomBytes(12), true, false);
  d.channel = channel;
  if (p.IsAdministrator()) {
    d.allow = true;
    d.channel = Channel::kAdmin;
    for (const auto& f : r.fields) d.fields.push_back(FieldObligation{f.name, ""});
    return d;
  }
  if (channel != Channel::kOpen) {
    return Deny(d, ErrorKind::kUnauthenticated, "policy.login_required",
                "This channel requires an authenticated principal.", "该渠道需要登录后访问。");
  }
  if (action == Action::kWrite) {
    return Deny(d, ErrorKind::kUnauthenticated, "policy.login_required", "Changes require authentication.",
                "修改操作需要登录。");
  }
  if (r.status != catalog::ResourceStatus::kPublished) {
    return Deny(d, ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + r.id + "'.",
                "数据资源“" + r.id + "”不存在。");
  }
  if (r.open == catalog::OpenAttribute::kConditional) {
    return Deny(d, ErrorKind::kForbidden, "policy.conditional_open",
                "This resource is conditionally open: apply for access before using its data.",
                "该数据资源为有条件开放，请先提交申请，获批后方可使用。");
  }
  if (r.open != catalog::OpenAttribute::kUnconditional) {
    return Deny(d, ErrorKind::kForbidden, "policy.not_open", "This resource is not open to the public.",
                "该数据资源不予开放。");
  }
  if (!r.current) {
    return Deny(d, ErrorKind::kNotFound, "resource.no_data", "This resource has no published data yet.",
                "该数据资源尚无已发布的数据。");
  }
  // Anonymous opening releases raw only 一般1级 fields; other levels are absent (masking and
  // grants arrive with the identity and policy issue).
  for (const auto& f : r.fields) {
    if (f.level == catalog::ClassificationLevel::kGeneral1) d.fields.push_back(FieldObligation{f.name, ""});
  }
  if (d.fields.empty()) {
    return Deny(d, ErrorKind::kForbidden, "policy.no_open_fields", "No field of this resource is open to the public.",
                "该数据资源没有可向社会开放的信息项。");
  }
  d.allow = true;
  return d;
}

}  // namespace gongshu::policy
