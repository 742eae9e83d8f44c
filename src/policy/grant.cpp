#include "policy/grant.h"

#include <array>
#include <utility>

namespace gongshu::policy {

namespace {

template <typename E, size_t N>
std::string_view CodeOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, code] : table) {
    if (e == value) return code;
  }
  return "";
}

template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view code) {
  for (const auto& [e, c] : table) {
    if (c == code) return e;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<GrantKind, std::string_view>, 2> kGrantKinds{{
    {GrantKind::kShare, "share"},
    {GrantKind::kOpen, "open"},
}};

constexpr std::array<std::pair<GrantState, std::string_view>, 3> kGrantStates{{
    {GrantState::kActive, "active"},
    {GrantState::kSuspended, "suspended"},
    {GrantState::kRevoked, "revoked"},
}};

constexpr std::array<std::pair<AuthorizationMode, std::string_view>, 3> kModes{{
    {AuthorizationMode::kWhole, "whole"},
    {AuthorizationMode::kDomain, "domain"},
    {AuthorizationMode::kScenario, "scenario"},
}};

constexpr std::array<std::pair<AuthorizationState, std::string_view>, 7> kAuthStates{{
    {AuthorizationState::kDraft, "draft"},
    {AuthorizationState::kApproved, "approved"},
    {AuthorizationState::kActive, "active"},
    {AuthorizationState::kSuspended, "suspended"},
    {AuthorizationState::kExpired, "expired"},
    {AuthorizationState::kTerminated, "terminated"},
    {AuthorizationState::kExited, "exited"},
}};

constexpr std::array<std::pair<OperationAction, std::string_view>, 3> kActions{{
    {OperationAction::kSandboxAggregate, "sandbox_aggregate"},
    {OperationAction::kVerification, "verification"},
    {OperationAction::kProductHosting, "product_hosting"},
}};

}  // namespace

std::string_view GrantKindCode(GrantKind k) { return CodeOf(kGrantKinds, k); }
std::optional<GrantKind> ParseGrantKind(std::string_view code) { return Parse(kGrantKinds, code); }
std::string_view GrantStateCode(GrantState s) { return CodeOf(kGrantStates, s); }
std::optional<GrantState> ParseGrantState(std::string_view code) { return Parse(kGrantStates, code); }
std::string_view AuthorizationModeCode(AuthorizationMode m) { return CodeOf(kModes, m); }
std::optional<AuthorizationMode> ParseAuthorizationMode(std::string_view code) { return Parse(kModes, code); }
std::string_view AuthorizationStateCode(AuthorizationState s) { return CodeOf(kAuthStates, s); }
std::optional<AuthorizationState> ParseAuthorizationState(std::string_view code) {
  return Parse(kAuthStates, code);
}
std::string_view OperationActionCode(OperationAction a) { return CodeOf(kActions, a); }
std::optional<OperationAction> ParseOperationAction(std::string_view code) { return Parse(kActions, code); }

bool IsValidPurposeCode(std::string_view purpose) {
  if (purpose.empty() || purpose.size() > 64) return false;
  for (char c : purpose) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace gongshu::policy
