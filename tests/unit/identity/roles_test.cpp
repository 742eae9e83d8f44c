#include "identity/roles.h"

#include <gtest/gtest.h>

#include "identity/administration_rules.h"

namespace gongshu::identity {
namespace {

using policy::OrganisationKind;
using policy::Role;

TEST(RolesTest, RolesBelongToOrganisationKinds) {
  struct Case {
    OrganisationKind kind;
    std::vector<Role> allowed;
  };
  const std::vector<Case> cases = {
      {OrganisationKind::kAuthority, {Role::kAuthorityAdmin, Role::kAuditor}},
      {OrganisationKind::kDepartment, {Role::kDepartmentSteward, Role::kDepartmentConsumer}},
      {OrganisationKind::kOperator, {Role::kOperatorAnalyst, Role::kOperatorAdmin}},
      {OrganisationKind::kEnterprise, {Role::kPublicUser}},
      {OrganisationKind::kPublic, {Role::kPublicUser}},
  };
  const std::vector<Role> all = {Role::kAuthorityAdmin,  Role::kDepartmentSteward, Role::kDepartmentConsumer,
                                 Role::kOperatorAnalyst, Role::kOperatorAdmin,     Role::kAuditor,
                                 Role::kPublicUser};
  for (const auto& c : cases) {
    for (Role r : all) {
      bool expected = std::find(c.allowed.begin(), c.allowed.end(), r) != c.allowed.end();
      EXPECT_EQ(RoleAllowedFor(c.kind, r), expected)
          << policy::OrganisationKindCode(c.kind) << " / " << policy::RoleCode(r);
    }
    EXPECT_EQ(RolesAllowedFor(c.kind).size(), c.allowed.size());
  }
  for (Role r : all) {
    EXPECT_FALSE(RoleNameZh(r).empty());
    EXPECT_FALSE(RoleNameEn(r).empty());
  }
}

TEST(RolesTest, RoleListsFailClosed) {
  auto ok = ParseRoleList({"department_steward", "department_consumer"});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(JoinRoles(*ok), "department_steward,department_consumer");
  EXPECT_EQ(ParseRoleList({"root"}).error().code, "user.unknown_role");
  EXPECT_EQ(ParseRoleList({"Auditor"}).error().code, "user.unknown_role");
  EXPECT_EQ(ParseRoleList({"auditor", "auditor"}).error().code, "user.duplicate_role");
  // Stored columns: unknown codes are dropped, never granted.
  EXPECT_EQ(JoinRoles(RolesFromColumn("auditor,superuser,,auditor")), "auditor");
}

TEST(RolesTest, RegionCodesMatchTheAdministrativeLevel) {
  EXPECT_TRUE(IsValidRegionCode("330000", AdminLevel::kProvincial));
  EXPECT_TRUE(IsValidRegionCode("330100", AdminLevel::kMunicipal));
  EXPECT_TRUE(IsValidRegionCode("330106", AdminLevel::kCounty));
  EXPECT_TRUE(IsValidRegionCode("100000", AdminLevel::kNational));
  EXPECT_TRUE(IsValidRegionCode("330106", AdminLevel::kUnspecified));
  EXPECT_FALSE(IsValidRegionCode("330100", AdminLevel::kProvincial));
  EXPECT_FALSE(IsValidRegionCode("330000", AdminLevel::kCounty));
  EXPECT_FALSE(IsValidRegionCode("330106", AdminLevel::kMunicipal));
  EXPECT_FALSE(IsValidRegionCode("990000", AdminLevel::kUnspecified));  // no such province
  EXPECT_FALSE(IsValidRegionCode("33010", AdminLevel::kUnspecified));
  EXPECT_FALSE(IsValidRegionCode("33010x", AdminLevel::kUnspecified));
  EXPECT_FALSE(IsValidRegionCode("100000", AdminLevel::kProvincial));
  EXPECT_EQ(ParseAdminLevel("provincial"), AdminLevel::kProvincial);
  EXPECT_EQ(ParseAdminLevel("省级"), std::nullopt);
}

policy::Principal Member(std::string org, OrganisationKind kind, std::vector<Role> roles) {
  policy::Principal p;
  p.kind = policy::PrincipalKind::kUser;
  p.id = p.user_id = "u_" + org;
  p.organisation_id = std::move(org);
  p.organisation_kind = kind;
  p.roles = std::move(roles);
  return p;
}

TEST(AdministrationRulesTest, WhoManagesWhichUsers) {
  OrganisationRecord dept{"civil", "民政厅", "", OrganisationKind::kDepartment};
  OrganisationRecord other{"transport", "交通厅", "", OrganisationKind::kDepartment};
  OrganisationRecord op{"data-group", "数据集团", "", OrganisationKind::kOperator};
  auto admin = Actor::Of(Member("bureau", OrganisationKind::kAuthority, {Role::kAuthorityAdmin}));
  auto auditor = Actor::Of(Member("bureau", OrganisationKind::kAuthority, {Role::kAuditor}));
  auto steward = Actor::Of(Member("civil", OrganisationKind::kDepartment, {Role::kDepartmentSteward}));
  auto consumer = Actor::Of(Member("civil", OrganisationKind::kDepartment, {Role::kDepartmentConsumer}));
  auto op_admin = Actor::Of(Member("data-group", OrganisationKind::kOperator, {Role::kOperatorAdmin}));
  EXPECT_TRUE(ManagesUsersOf(admin, dept));
  EXPECT_TRUE(ManagesUsersOf(admin, op));
  EXPECT_TRUE(ManagesUsersOf(Actor::Console(), op));
  EXPECT_FALSE(ManagesUsersOf(auditor, dept));
  EXPECT_TRUE(ManagesUsersOf(steward, dept));
  EXPECT_FALSE(ManagesUsersOf(steward, other));
  EXPECT_FALSE(ManagesUsersOf(consumer, dept));
  EXPECT_TRUE(ManagesUsersOf(op_admin, op));
  EXPECT_FALSE(ManagesUsersOf(op_admin, dept));
  EXPECT_TRUE(ManagesOrganisations(admin));
  EXPECT_FALSE(ManagesOrganisations(steward));
  EXPECT_FALSE(ManagesOrganisations(auditor));
}

TEST(AdministrationRulesTest, CatalogWritesBelongToTheProvider) {
  catalog::Resource r;
  r.id = "divisions";
  r.provider_id = "civil";
  auto steward = Member("civil", OrganisationKind::kDepartment, {Role::kDepartmentSteward});
  auto foreign = Member("transport", OrganisationKind::kDepartment, {Role::kDepartmentSteward});
  auto consumer = Member("civil", OrganisationKind::kDepartment, {Role::kDepartmentConsumer});
  auto admin = Member("bureau", OrganisationKind::kAuthority, {Role::kAuthorityAdmin});
  EXPECT_TRUE(CanAdministerResource(steward, r));
  EXPECT_FALSE(CanAdministerResource(foreign, r));
  EXPECT_FALSE(CanAdministerResource(consumer, r));
  EXPECT_TRUE(CanAdministerResource(admin, r));
  EXPECT_FALSE(CanAdministerResource(policy::Principal::Anonymous("1.2.3.4"), r));
  EXPECT_TRUE(CanCreateResourceFor(steward, "civil"));
  EXPECT_FALSE(CanCreateResourceFor(steward, "transport"));
  auto scoped = steward;
  scoped.resource_scope = {"other"};
  EXPECT_FALSE(CanAdministerResource(scoped, r));
  EXPECT_FALSE(CanCreateResourceFor(scoped, "civil"));
  scoped.resource_scope = {"divisions"};
  EXPECT_TRUE(CanAdministerResource(scoped, r));
}

}  // namespace
}  // namespace gongshu::identity
