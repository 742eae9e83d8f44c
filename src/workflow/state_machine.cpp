#include "workflow/state_machine.h"

namespace gongshu::workflow {

StateMachine::StateMachine(std::string_view object_type, std::string_view name_zh, std::string_view name_en,
                           std::vector<StateLabel> states, std::vector<TransitionRule> rules)
    : object_type_(object_type),
      name_zh_(name_zh),
      name_en_(name_en),
      states_(std::move(states)),
      rules_(std::move(rules)) {}

const TransitionRule* StateMachine::Find(std::string_view from, std::string_view to) const {
  for (const auto& r : rules_) {
    if (r.from == from && r.to == to) return &r;
  }
  return nullptr;
}

bool StateMachine::Knows(std::string_view state) const {
  for (const auto& s : states_) {
    if (s.code == state) return true;
  }
  return false;
}

std::string_view StateMachine::LabelZh(std::string_view state) const {
  for (const auto& s : states_) {
    if (s.code == state) return s.zh;
  }
  return state;
}

std::string_view StateMachine::LabelEn(std::string_view state) const {
  for (const auto& s : states_) {
    if (s.code == state) return s.en;
  }
  return state;
}

Status StateMachine::Check(std::string_view from, std::string_view to, Capacities held, bool actor_is_applicant) const {
  const TransitionRule* rule = Find(from, to);
  const std::string en_from(LabelEn(from)), en_to(LabelEn(to)), zh_from(LabelZh(from)), zh_to(LabelZh(to));
  if (rule == nullptr) {
    return MakeError(ErrorKind::kConflict, "workflow.illegal_transition",
                     "A " + std::string(name_en_) + " cannot go from '" + en_from + "' to '" + en_to + "'.",
                     std::string(name_zh_) + "不能从“" + zh_from + "”变为“" + zh_to + "”。");
  }
  if (rule->four_eyes && actor_is_applicant) {
    return MakeError(ErrorKind::kForbidden, "workflow.self_approval",
                     "Nobody may decide on their own " + std::string(name_en_) + "; another person must.",
                     "不得审批本人提交的" + std::string(name_zh_) + "，须由他人办理。");
  }
  if ((rule->who & held) == 0) {
    return MakeError(ErrorKind::kForbidden, "workflow.not_permitted",
                     "You may not move this " + std::string(name_en_) + " from '" + en_from + "' to '" + en_to + "'.",
                     "您无权将该" + std::string(name_zh_) + "从“" + zh_from + "”变为“" + zh_to + "”。");
  }
  return Ok();
}

}  // namespace gongshu::workflow
