// Every workflow's state machine: every undeclared (from, to) pair is refused with 409
// workflow.illegal_transition naming both states in English and Chinese; declared ones check who
// may take them and refuse the applicant where four eyes are required.
#include <gtest/gtest.h>

#include "workflow/authorization_service.h"
#include "workflow/grant_service.h"
#include "workflow/open_application_service.h"
#include "workflow/registration_service.h"
#include "workflow/share_application_service.h"

namespace gongshu::workflow {
namespace {

std::vector<const StateMachine*> Machines() {
  return {&RegistrationService::Machine(), &ShareApplicationService::Machine(), &OpenApplicationService::Machine(),
          &GrantService::Machine(), &AuthorizationService::Machine()};
}

constexpr Capacities kEveryone = ~Capacities{0};

TEST(StateMachines, EveryUndeclaredTransitionIsRefusedNamingBothStates) {
  int refused = 0;
  for (const StateMachine* m : Machines()) {
    for (const auto& from : m->states()) {
      for (const auto& to : m->states()) {
        if (m->Declared(from.code, to.code)) continue;
        Status st = m->Check(from.code, to.code, kEveryone, false);
        ASSERT_FALSE(st.ok()) << m->object_type() << " " << from.code << "→" << to.code;
        EXPECT_EQ(st.error().code, "workflow.illegal_transition");
        EXPECT_EQ(st.error().kind, ErrorKind::kConflict);
        EXPECT_NE(st.error().message.find("'" + std::string(from.en) + "'"), std::string::npos) << st.error().message;
        EXPECT_NE(st.error().message.find("'" + std::string(to.en) + "'"), std::string::npos) << st.error().message;
        EXPECT_NE(st.error().message_zh.find("“" + std::string(from.zh) + "”"), std::string::npos);
        EXPECT_NE(st.error().message_zh.find("“" + std::string(to.zh) + "”"), std::string::npos);
        ++refused;
      }
    }
  }
  EXPECT_GT(refused, 100);
}

TEST(StateMachines, DeclaredTransitionsCheckWhoAndFourEyes) {
  for (const StateMachine* m : Machines()) {
    for (const auto& rule : m->rules()) {
      EXPECT_TRUE(m->Knows(rule.from) && m->Knows(rule.to)) << m->object_type();
      EXPECT_TRUE(m->Check(rule.from, rule.to, rule.who, false).ok());
      Status nobody = m->Check(rule.from, rule.to, 0, false);
      ASSERT_FALSE(nobody.ok());
      EXPECT_EQ(nobody.error().code, "workflow.not_permitted");
      EXPECT_EQ(nobody.error().kind, ErrorKind::kForbidden);
      Capacities others = kEveryone & ~rule.who;
      EXPECT_FALSE(m->Check(rule.from, rule.to, others, false).ok());
      Status own = m->Check(rule.from, rule.to, rule.who, true);
      if (rule.four_eyes) {
        ASSERT_FALSE(own.ok());
        EXPECT_EQ(own.error().code, "workflow.self_approval");
      } else {
        EXPECT_TRUE(own.ok());
      }
    }
  }
}

TEST(StateMachines, DecisionsNeedFourEyesAndTerminalStatesStayTerminal) {
  const auto& share = ShareApplicationService::Machine();
  EXPECT_EQ(share.Check("compliance_checked", "approved", kEveryone, true).error().code, "workflow.self_approval");
  EXPECT_EQ(share.Check("rejected", "approved", kEveryone, false).error().code, "workflow.illegal_transition");
  EXPECT_EQ(share.Check("approved", "withdrawn", kEveryone, false).error().code, "workflow.illegal_transition");
  const auto& auth = AuthorizationService::Machine();
  EXPECT_EQ(auth.Check("draft", "approved", kEveryone, true).error().code, "workflow.self_approval");
  EXPECT_EQ(auth.Check("active", "exited", kEveryone, false).error().code, "workflow.illegal_transition");
  EXPECT_EQ(auth.Check("exited", "active", kEveryone, false).error().code, "workflow.illegal_transition");
  const auto& reg = RegistrationService::Machine();
  EXPECT_EQ(reg.Check("registered", "deregistered", kEveryone, false).error().code, "workflow.illegal_transition");
  EXPECT_EQ(GrantService::Machine().Check("revoked", "active", kEveryone, false).error().code,
            "workflow.illegal_transition");
  // Terminal states have no way out.
  for (const StateMachine* m : Machines()) {
    for (std::string_view terminal : {"rejected", "withdrawn", "revoked", "exited", "deregistered"}) {
      if (!m->Knows(terminal)) continue;
      for (const auto& rule : m->rules()) EXPECT_NE(rule.from, terminal) << m->object_type();
    }
  }
}

}  // namespace
}  // namespace gongshu::workflow
