#pragma once
// 状态机: each workflow declares its states (with Chinese and English labels) and its legal
// transitions — from, to, who may take it, and whether the applicant is excluded (separation of
// duties, 不得自己审批自己的申请). Check() is the one place a transition is allowed or refused:
//   undeclared (from, to)             → 409 workflow.illegal_transition, naming both states
//   four-eyes and actor is applicant  → 403 workflow.self_approval
//   actor holds none of the capacities → 403 workflow.not_permitted
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "workflow/actor.h"

namespace gongshu::workflow {

struct StateLabel {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
};

struct TransitionRule {
  std::string_view from;
  std::string_view to;
  Capacities who = 0;
  bool four_eyes = false;  // the applicant / drafter may not take it
};

class StateMachine {
 public:
  StateMachine(std::string_view object_type, std::string_view name_zh, std::string_view name_en,
               std::vector<StateLabel> states, std::vector<TransitionRule> rules);

  Status Check(std::string_view from, std::string_view to, Capacities held, bool actor_is_applicant) const;
  bool Declared(std::string_view from, std::string_view to) const { return Find(from, to) != nullptr; }
  bool Knows(std::string_view state) const;
  std::string_view LabelZh(std::string_view state) const;
  std::string_view LabelEn(std::string_view state) const;

  std::string_view object_type() const { return object_type_; }
  const std::vector<StateLabel>& states() const { return states_; }
  const std::vector<TransitionRule>& rules() const { return rules_; }

 private:
  const TransitionRule* Find(std::string_view from, std::string_view to) const;
  std::string_view object_type_;
  std::string_view name_zh_;
  std::string_view name_en_;
  std::vector<StateLabel> states_;
  std::vector<TransitionRule> rules_;
};

}  // namespace gongshu::workflow
