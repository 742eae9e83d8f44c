#include "cli/identity_commands.h"

#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>

#include "cli/commands.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/encoding.h"
#include "identity/demo_users.h"
#include "identity/identity_service.h"

namespace gongshu::cli {

namespace {

using identity::Actor;

struct DataOptions {
  std::string data_dir = "data";
  std::string log_level = "warn";
};

void AddData(CLI::App* cmd, DataOptions& o) {
  cmd->add_option("--data", o.data_dir, "Data directory; the server must be stopped / 数据目录（须先停止服务）")
      ->capture_default_str();
  cmd->add_option("--log-level", o.log_level, "trace|debug|info|warn|error|off")->capture_default_str();
}

// Runs `fn` on the opened data directory's identity service; sets the exit code.
void WithIdentity(const DataOptions& o, const std::function<Status(identity::IdentityService&)>& fn) {
  auto app = OpenDataDir(o.data_dir, o.log_level);
  if (!app.ok()) {
    SetExitCode(Fail(app.error()));
    return;
  }
  Status st = fn((*app)->identity());
  SetExitCode(st.ok() ? 0 : Fail(st.error()));
}

// The password for users create / passwd: one line on standard input, or a generated one.
Result<std::string> ReadPassword(bool from_stdin, bool generate, std::string& generated) {
  if (from_stdin == generate) {
    return MakeError(ErrorKind::kInvalidArgument, "cli.password_source",
                     "Give exactly one of --password-stdin (read one line) or --generate-password.",
                     "请指定 --password-stdin（从标准输入读取一行）或 --generate-password 二者之一。");
  }
  if (generate) {
    generated = Base64Encode(RandomBytes(15), true, false);  // 20 characters, 120 bits
    return generated;
  }
  std::string line;
  if (!std::getline(std::cin, line)) {
    return MakeError(ErrorKind::kInvalidArgument, "cli.password_missing", "No password on standard input.",
                     "标准输入中没有密码。");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string Time(int64_t micros) { return micros == 0 ? "-" : FormatIsoTime(micros); }

std::string RoleList(const std::vector<policy::Role>& roles) {
  std::string out;
  for (auto r : roles) out += (out.empty() ? "" : ",") + std::string(policy::RoleCode(r));
  return out.empty() ? "-" : out;
}

void RegisterOrgs(CLI::App& app) {
  static DataOptions o;
  static identity::OrganisationInput in;
  CLI::App* orgs = app.add_subcommand("orgs", "Organisations: data authority, departments, operators, enterprises / 机构管理");
  orgs->require_subcommand(1);

  CLI::App* create = orgs->add_subcommand("create", "Create an organisation / 创建机构");
  AddData(create, o);
  create->add_option("--id", in.id, "Slug id, e.g. data-bureau / 机构标识")->required();
  create->add_option("--name-zh", in.name_zh, "Chinese name / 中文名称")->required();
  create->add_option("--name-en", in.name_en, "English name / 英文名称");
  create->add_option("--kind", in.kind, "authority|department|operator|enterprise|public / 机构类别")->required();
  create->add_option("--region", in.region, "GB/T 2260 division code / 行政区划代码");
  create->add_option("--level", in.admin_level, "national|provincial|municipal|county / 行政级别");
  create->add_option("--parent", in.parent_id, "Parent organisation id / 上级机构");
  create->callback([] {
    WithIdentity(o, [](identity::IdentityService& ids) -> Status {
      if (ids.FindOrganisation(in.id)) {
        return MakeError(ErrorKind::kConflict, "organisation.exists", "Organisation '" + in.id + "' already exists.",
                         "机构“" + in.id + "”已存在。");
      }
      GS_ASSIGN_OR_RETURN(auto change, ids.UpsertOrganisation(Actor::Console(), in));
      std::printf("Created organisation %s (%s, %s) / 已创建机构\n", change.organisation.id.c_str(),
                  change.organisation.name_zh.c_str(), std::string(policy::OrganisationKindCode(change.organisation.kind)).c_str());
      return Ok();
    });
  });

  CLI::App* list = orgs->add_subcommand("list", "List organisations / 列出机构");
  AddData(list, o);
  list->callback([] {
    WithIdentity(o, [](identity::IdentityService& ids) -> Status {
      std::printf("%-24s %-11s %-11s %-7s %-8s %s\n", "ID", "KIND", "LEVEL", "REGION", "STATUS", "NAME");
      for (const auto& org : ids.ListOrganisations()) {
        std::printf("%-24s %-11s %-11s %-7s %-8s %s\n", org.id.c_str(),
                    std::string(policy::OrganisationKindCode(org.kind)).c_str(),
                    std::string(identity::AdminLevelCode(org.admin_level)).c_str(), org.region.c_str(),
                    org.active() ? "active" : "disabled", org.name_zh.c_str());
      }
      return Ok();
    });
  });
}

void RegisterUsers(CLI::App& app) {
  static DataOptions o;
  static identity::NewUser in;
  static bool password_stdin = false, generate = false;
  static std::string username, org_filter;
  CLI::App* users = app.add_subcommand("users", "Users and their roles / 用户管理");
  users->require_subcommand(1);

  CLI::App* create = users->add_subcommand(
      "create", "Create a user; the first authority_admin is made this way / 创建用户（首个数据管理机构管理员由此创建）");
  AddData(create, o);
  create->add_option("--username", in.username, "3-64 characters: a-z 0-9 . _ - / 用户名")->required();
  create->add_option("--org", in.organisation_id, "Organisation id / 所属机构")->required();
  create->add_option("--role", in.roles,
                     "Role (repeatable): authority_admin, auditor, department_steward, department_consumer, "
                     "operator_analyst, operator_admin, public_user / 角色（可重复）")
      ->required();
  create->add_option("--display-name", in.display_name, "Display name / 显示名称");
  create->add_flag("--password-stdin", password_stdin, "Read the password from one line of standard input / 从标准输入读取密码");
  create->add_flag("--generate-password", generate, "Generate a random password and print it once / 生成随机密码并显示一次");
  create->callback([] {
    WithIdentity(o, [](identity::IdentityService& ids) -> Status {
      std::string generated;
      GS_ASSIGN_OR_RETURN(in.password, ReadPassword(password_stdin, generate, generated));
      GS_ASSIGN_OR_RETURN(identity::User u, ids.CreateUser(Actor::Console(), in));
      std::printf("Created user %s (%s) in %s with roles %s / 已创建用户\n", u.username.c_str(), u.id.c_str(),
                  u.organisation_id.c_str(), RoleList(u.roles).c_str());
      if (!generated.empty()) std::printf("Password / 密码: %s\n", generated.c_str());
      return Ok();
    });
  });

  CLI::App* list = users->add_subcommand("list", "List users / 列出用户");
  AddData(list, o);
  list->add_option("--org", org_filter, "Only this organisation / 仅列出该机构");
  list->callback([] {
    WithIdentity(o, [](identity::IdentityService& ids) -> Status {
      GS_ASSIGN_OR_RETURN(auto all, ids.ListUsers(Actor::Console(), org_filter));
      std::printf("%-20s %-24s %-22s %-8s %-24s %s\n", "USERNAME", "ID", "ORGANISATION", "STATUS", "LAST LOGIN", "ROLES");
      for (const auto& u : all) {
        std::printf("%-20s %-24s %-22s %-8s %-24s %s\n", u.username.c_str(), u.id.c_str(), u.organisation_id.c_str(),
                    u.active() ? "active" : "disabled", Time(u.last_login_at).c_str(), RoleList(u.roles).c_str());
      }
      std::printf("%zu user(s)\n", all.size());
      return Ok();
    });
  });

  CLI::App* passwd = users->add_subcommand("passwd", "Set a user's password; signs the user out everywhere / 重置用户密码");
  AddData(passwd, o);
  passwd->add_option("username", username, "Username / 用户名")->required();
  passwd->add_flag("--password-stdin", password_stdin, "Read the password from one line of standard input / 从标准输入读取密码");
  passwd->add_flag("--generate-password", generate, "Generate a random password and print it once / 生成随机密码并显示一次");
  passwd->callback([] {
    WithIdentity(o, [](identity::IdentityService& ids) -> Status {
      GS_ASSIGN_OR_RETURN(identity::User u, ids.FindUserByUsername(Actor::Console(), username));
      std::string generated;
      GS_ASSIGN_OR_RETURN(std::string password, ReadPassword(password_stdin, generate, generated));
      GS_RETURN_IF_ERROR(ids.ChangePassword(Actor::Console(), u.id, std::nullopt, password));
      std::printf("Password of %s set / 密码已重置\n", u.username.c_str());
      if (!generated.empty()) std::printf("Password / 密码: %s\n", generated.c_str());
      return Ok();
    });
  });

  for (bool disable : {true, false}) {
    CLI::App* cmd = users->add_subcommand(disable ? "disable" : "enable",
                                          disable ? "Disable a user: signs out, revokes its tokens / 停用用户（注销会话并吊销令牌）"
                                                  : "Enable a disabled user / 启用用户");
    AddData(cmd, o);
    cmd->add_option("username", username, "Username / 用户名")->required();
    cmd->callback([disable] {
      WithIdentity(o, [disable](identity::IdentityService& ids) -> Status {
        GS_ASSIGN_OR_RETURN(identity::User u, ids.FindUserByUsername(Actor::Console(), username));
        identity::UserChanges c;
        c.status = disable ? "disabled" : "active";
        GS_RETURN_IF_ERROR(ids.UpdateUser(Actor::Console(), u.id, c));
        std::printf("User %s %s / 用户已%s\n", u.username.c_str(), disable ? "disabled" : "enabled", disable ? "停用" : "启用");
        return Ok();
      });
    });
  }
}

void RegisterTokens(CLI::App& app) {
  static DataOptions o;
  static identity::NewToken in;
  static std::vector<std::string> roles;
  static std::string username, token_id;
  CLI::App* tokens = app.add_subcommand("tokens", "API tokens for machines / API令牌管理");
  tokens->require_subcommand(1);

  CLI::App* create = tokens->add_subcommand(
      "create", "Create an API token for a user; the token is printed once on standard output / 创建API令牌（仅显示一次）");
  AddData(create, o);
  create->add_option("--user", username, "Username the token acts for / 令牌所属用户")->required();
  create->add_option("--name", in.name, "What the token is for / 令牌名称")->required();
  create->add_option("--expires-days", in.expires_in_days, "Days until it expires (1-365) / 有效天数")->required();
  create->add_option("--role", roles, "Narrow to these of the user's roles (repeatable) / 限定角色（可重复）");
  create->add_option("--resource", in.resource_scope, "Narrow to these resources (repeatable) / 限定数据资源（可重复）");
  create->callback([] {
    WithIdentity(o, [](identity::IdentityService& ids) -> Status {
      GS_ASSIGN_OR_RETURN(identity::User u, ids.FindUserByUsername(Actor::Console(), username));
      if (!roles.empty()) in.roles = roles;
      GS_ASSIGN_OR_RETURN(identity::CreatedToken t, ids.CreateToken(Actor::Console(), u.id, in));
      // The secret alone on standard output (for scripts); the rest on standard error.
      std::printf("%s\n", t.secret.c_str());
      std::fprintf(stderr, "Token %s for %s, roles %s, expires %s. Store it now: it is not shown again. / 令牌仅显示一次，请妥善保存。\n",
                   t.token.id.c_str(), u.username.c_str(), RoleList(t.token.roles).c_str(), Time(t.token.expires_at).c_str());
      return Ok();
    });
  });

  CLI::App* list = tokens->add_subcommand("list", "List API tokens (never their secrets) / 列出API令牌");
  AddData(list, o);
  list->add_option("--user", username, "Only this user's tokens / 仅列出该用户的令牌");
  list->callback([] {
    WithIdentity(o, [](identity::IdentityService& ids) -> Status {
      std::string user_id;
      if (!username.empty()) {
        GS_ASSIGN_OR_RETURN(identity::User u, ids.FindUserByUsername(Actor::Console(), username));
        user_id = u.id;
      }
      GS_ASSIGN_OR_RETURN(auto all, ids.ListTokens(Actor::Console(), user_id));
      const int64_t now = SystemClock::Instance().NowMicros();
      std::printf("%-20s %-12s %-20s %-8s %-24s %-24s %s\n", "ID", "PREFIX", "USER", "STATUS", "EXPIRES", "LAST USED", "NAME");
      for (const auto& t : all) {
        auto u = ids.index().UserById(t.user_id);
        std::printf("%-20s %-12s %-20s %-8s %-24s %-24s %s\n", t.id.c_str(), t.prefix.c_str(),
                    u ? u->username.c_str() : t.user_id.c_str(),
                    t.revoked() ? "revoked" : t.expires_at <= now ? "expired" : "active", Time(t.expires_at).c_str(),
                    Time(t.last_used_at).c_str(), t.name.c_str());
      }
      std::printf("%zu token(s)\n", all.size());
      return Ok();
    });
  });

  CLI::App* revoke = tokens->add_subcommand("revoke", "Revoke an API token at once / 吊销API令牌");
  AddData(revoke, o);
  revoke->add_option("id", token_id, "Token id (tok_…) / 令牌标识")->required();
  revoke->callback([] {
    WithIdentity(o, [](identity::IdentityService& ids) -> Status {
      GS_RETURN_IF_ERROR(ids.RevokeToken(Actor::Console(), token_id));
      std::printf("Token %s revoked / 令牌已吊销\n", token_id.c_str());
      return Ok();
    });
  });
}

}  // namespace

void RegisterIdentityCommands(CLI::App& app) {
  RegisterOrgs(app);
  RegisterUsers(app);
  RegisterTokens(app);
}

int SeedDemoUsers(api::Application& app, const std::string& data_dir) {
  const std::filesystem::path file = std::filesystem::path(data_dir) / "keys" / "demo-users.txt";
  auto creds = identity::SeedDemoUsers(app.identity(), file);
  if (!creds.ok()) return Fail(creds.error());
  std::printf("\nDemo users / 演示用户 (also in %s):\n", file.string().c_str());
  std::printf("  %-20s %-16s %-18s %s\n", "ROLE", "USERNAME", "PASSWORD", "ORGANISATION");
  for (const auto& c : *creds) {
    std::printf("  %-20s %-16s %-18s %s\n", c.role.c_str(), c.username.c_str(), c.password.c_str(),
                c.organisation_id.c_str());
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace gongshu::cli
