#include "identity/demo_users.h"

#include "core/crypto.h"
#include "core/secret_file.h"

namespace gongshu::identity {

namespace {

// 16 characters without look-alikes (0/O, 1/l/I): easy to type from the printed table.
std::string DemoPassword() {
  static constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  while (out.size() < 16) {
    for (unsigned char b : RandomBytes(32)) {
      // Rejection sampling keeps every character equally likely.
      if (b < 256 - 256 % kAlphabet.size() && out.size() < 16) out.push_back(kAlphabet[b % kAlphabet.size()]);
    }
  }
  return out;
}

struct DemoUser {
  std::string_view role, username, display_name, organisation_id;
};

// The steward belongs to a provider of conditionally shared resources (省公安厅) and the consumer
// to another department (省民政厅), so that a share application can be tried end to end.
constexpr DemoUser kDemoUsers[] = {
    {"authority_admin", "admin", "数据局管理员", "data-bureau"},
    {"auditor", "auditor", "审计人员", "data-bureau"},
    {"department_steward", "steward", "公安厅数据管理员", "public-security"},
    {"department_consumer", "consumer", "民政厅数据使用人员", "civil-affairs"},
    {"operator_admin", "operator-admin", "数据集团管理员", "data-group"},
    {"operator_analyst", "analyst", "数据集团分析人员", "data-group"},
    {"public_user", "citizen", "社会公众用户", "public"},
};

}  // namespace

Result<std::vector<DemoCredential>> SeedDemoUsers(IdentityService& identity,
                                                  const std::filesystem::path& credentials_file) {
  const Actor console = Actor::Console();
  GS_RETURN_IF_ERROR(identity.Load());  // the demo loader created organisations through the catalog
  if (!identity.FindOrganisation("public")) {
    OrganisationInput pub;
    pub.id = "public";
    pub.name_zh = "社会公众";
    pub.name_en = "The public";
    pub.kind = "public";
    GS_RETURN_IF_ERROR(identity.UpsertOrganisation(console, pub));
  }
  std::vector<DemoCredential> out;
  for (const auto& d : kDemoUsers) {
    NewUser u;
    u.username = std::string(d.username);
    u.display_name = std::string(d.display_name);
    u.organisation_id = std::string(d.organisation_id);
    u.roles = {std::string(d.role)};
    u.password = DemoPassword();
    GS_RETURN_IF_ERROR(identity.CreateUser(console, u));
    out.push_back(DemoCredential{std::string(d.role), u.username, u.password, u.organisation_id});
  }
  std::string text =
      "# Gongshu demo users / 演示用户 — sign in at the portal or POST /api/v1/auth/login\n"
      "# role\tusername\tpassword\torganisation\n";
  for (const auto& c : out) text += c.role + "\t" + c.username + "\t" + c.password + "\t" + c.organisation_id + "\n";
  GS_RETURN_IF_ERROR(WriteFileAtomically(credentials_file, text, true));
  return out;
}

}  // namespace gongshu::identity
