// The policy decision point with 10,000 live grants (design/PERFORMANCE.md: p99 ≤ 50 µs).
//
//   bench_policy [--benchmark_repetitions=N]
//
// Each benchmark times every decision with steady_clock and reports p50 / p99 / p99.9 in µs as
// counters next to Google Benchmark's mean. The snapshot holds 10,000 share and open grants over
// 2,000 organisations and 500 resources, 200 operation authorizations and 500 registrations; the
// principals and resources asked about are drawn so that every decision hits a populated index
// bucket. There is no reference to compare with: a decision is in-process microseconds (OPA's
// `opa bench` on a tiny policy: 36 µs median, 134 µs p99, for scale).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "core/clock.h"
#include "policy/access_policy.h"

using namespace gongshu;
using namespace gongshu::policy;

namespace {

constexpr int kOrganisations = 2000;
constexpr int kResources = 500;
constexpr int kGrants = 10000;
constexpr int kAuthorizations = 200;

TimePoint Now() { return TimePoint(std::chrono::seconds(1790000000)); }

std::string Org(int i) { return "dept-" + std::to_string(i); }
std::string ResourceId(int i) { return "resource-" + std::to_string(i); }

catalog::Field F(std::string name, catalog::ClassificationLevel level, std::string semantic = "") {
  catalog::Field f;
  f.name = std::move(name);
  f.type = "string";
  f.level = level;
  f.semantic = std::move(semantic);
  return f;
}

struct World {
  std::vector<catalog::Resource> resources;
  std::vector<Principal> consumers;
  std::vector<Principal> people;
  std::vector<Principal> operators;
  std::vector<std::pair<int, int>> share_pairs;  // (consumer, resource) with a grant
  std::vector<std::pair<int, int>> open_pairs;
  PolicyInputs inputs;
};

World BuildWorld() {
  World w;
  std::mt19937 rng(20261127);
  using L = catalog::ClassificationLevel;
  for (int i = 0; i < kResources; ++i) {
    catalog::Resource r;
    r.id = ResourceId(i);
    r.provider_id = "provider-" + std::to_string(i % 50);
    r.subject = i % 2 == 0 ? "population" : "transport";
    r.share = catalog::ShareAttribute::kConditional;
    r.open = catalog::OpenAttribute::kConditional;
    r.status = catalog::ResourceStatus::kPublished;
    r.fields = {F("county_code", L::kGeneral1, "division_code"), F("name", L::kGeneral2, "person_name"),
                F("income", L::kGeneral3),  F("resident_id", L::kGeneral4, "resident_id"),
                F("mobile", L::kGeneral4, "mobile"), F("address", L::kGeneral3, "address"),
                F("note", L::kImportant), F("secret", L::kCore)};
    catalog::ResourceVersion v;
    v.version = 1;
    v.table_name = "data.\"" + r.id + "__v1\"";
    r.current = v;
    w.resources.push_back(std::move(r));
  }
  for (int i = 0; i < kOrganisations; ++i) {
    Principal p;
    p.kind = PrincipalKind::kUser;
    p.id = p.user_id = "u-" + std::to_string(i);
    p.organisation_id = Org(i);
    p.organisation_kind = OrganisationKind::kDepartment;
    p.roles = {Role::kDepartmentConsumer};
    w.consumers.push_back(p);
    Principal person = p;
    person.organisation_id = "public";
    person.organisation_kind = OrganisationKind::kPublic;
    person.roles = {Role::kPublicUser};
    w.people.push_back(person);
  }
  std::uniform_int_distribution<int> org(0, kOrganisations - 1), res(0, kResources - 1);
  for (int i = 0; i < kGrants; ++i) {
    Grant g;
    g.id = "gr_" + std::to_string(i);
    g.kind = i % 4 == 0 ? GrantKind::kOpen : GrantKind::kShare;
    int o = org(rng), r = res(rng);
    g.resource_id = ResourceId(r);
    g.provider_org = w.resources[r].provider_id;
    if (g.kind == GrantKind::kShare) {
      g.grantee_org = Org(o);
      g.fields = {"county_code", "name", "income", "mobile", "note"};
      g.rows = RowScope{"county_code", {"3301", "3302"}};
      w.share_pairs.emplace_back(o, r);
    } else {
      g.grantee_org = "public";
      g.grantee_user = w.people[o].user_id;
      g.fields = {"county_code", "name", "income", "address"};
      w.open_pairs.emplace_back(o, r);
    }
    g.purposes = {"purpose-" + std::to_string(i % 7), "case-management"};
    g.valid_from = Now() - std::chrono::hours(24);
    g.valid_until = Now() + std::chrono::hours(24 * 365);
    w.inputs.grants.push_back(std::move(g));
  }
  for (int i = 0; i < kAuthorizations; ++i) {
    OperationAuthorization a;
    a.id = "au_" + std::to_string(i);
    a.operator_org = "operator-" + std::to_string(i);
    a.mode = i % 2 == 0 ? AuthorizationMode::kDomain : AuthorizationMode::kScenario;
    a.domains = {"population"};
    a.resource_ids = {ResourceId(i), ResourceId(i + 1)};
    a.actions = {OperationAction::kSandboxAggregate};
    a.purposes = {"statistics"};
    a.valid_from = Now() - std::chrono::hours(24);
    a.valid_until = Now() + std::chrono::hours(24 * 365);
    a.state = AuthorizationState::kActive;
    w.inputs.authorizations.push_back(a);
    Principal p;
    p.kind = PrincipalKind::kUser;
    p.id = p.user_id = "op-" + std::to_string(i);
    p.organisation_id = a.operator_org;
    p.organisation_kind = OrganisationKind::kOperator;
    p.roles = {Role::kOperatorAnalyst};
    w.operators.push_back(p);
  }
  for (int i = 0; i < kResources; ++i) w.inputs.registered_resources.push_back(ResourceId(i));
  return w;
}

const World& TheWorld() {
  static const World w = BuildWorld();
  return w;
}

// Runs `decide(i)` once per iteration, timing each call; reports percentiles in µs.
template <typename F>
void Timed(benchmark::State& state, F decide) {
  std::vector<double> us;
  us.reserve(1 << 20);
  size_t i = 0, allowed = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    Decision d = decide(i++);
    auto t1 = std::chrono::steady_clock::now();
    allowed += d.allow ? 1 : 0;
    benchmark::DoNotOptimize(d);
    if (us.size() < us.capacity()) us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  std::sort(us.begin(), us.end());
  auto pct = [&](double p) { return us.empty() ? 0 : us[std::min(us.size() - 1, static_cast<size_t>(p * us.size()))]; };
  state.counters["p50_us"] = pct(0.50);
  state.counters["p99_us"] = pct(0.99);
  state.counters["p999_us"] = pct(0.999);
  state.counters["allowed_pct"] = i == 0 ? 0 : 100.0 * static_cast<double>(allowed) / static_cast<double>(i);
}

AccessPolicy& Pdp() {
  static ManualClock clock(Now());
  static AccessPolicy pdp(clock);
  static const bool installed = [] {
    PolicyInputs copy = TheWorld().inputs;
    pdp.Install(std::move(copy));
    return true;
  }();
  (void)installed;
  return pdp;
}

// A consumer reading a resource it holds a share grant for, with the right purpose: the full
// allow path (grant lookup, purpose, fields by level with masks, row filter, decision id).
void BM_ShareGrantAllow(benchmark::State& state) {
  const World& w = TheWorld();
  AccessPolicy& pdp = Pdp();
  Timed(state, [&](size_t i) {
    const auto& [o, r] = w.share_pairs[(i * 7919) % w.share_pairs.size()];
    return pdp.Decide(w.consumers[o], w.resources[r], Channel::kShare, Action::kRead, {}, "case-management", Now());
  });
}
BENCHMARK(BM_ShareGrantAllow);

// The same with a purpose no grant names: every grant of the pair is examined, then denied.
void BM_ShareWrongPurposeDeny(benchmark::State& state) {
  const World& w = TheWorld();
  AccessPolicy& pdp = Pdp();
  Timed(state, [&](size_t i) {
    const auto& [o, r] = w.share_pairs[(i * 7919) % w.share_pairs.size()];
    return pdp.Decide(w.consumers[o], w.resources[r], Channel::kShare, Action::kRead, {}, "marketing", Now());
  });
}
BENCHMARK(BM_ShareWrongPurposeDeny);

// A consumer with no grant on the resource (an empty bucket).
void BM_ShareNoGrantDeny(benchmark::State& state) {
  const World& w = TheWorld();
  AccessPolicy& pdp = Pdp();
  Timed(state, [&](size_t i) {
    return pdp.Decide(w.consumers[(i * 131) % kOrganisations], w.resources[(i * 17) % kResources], Channel::kShare,
                      Action::kRead, {}, "case-management", Now());
  });
}
BENCHMARK(BM_ShareNoGrantDeny);

// A person with an open-access grant (masks on 一般3).
void BM_OpenGrantAllow(benchmark::State& state) {
  const World& w = TheWorld();
  AccessPolicy& pdp = Pdp();
  Timed(state, [&](size_t i) {
    const auto& [o, r] = w.open_pairs[(i * 7919) % w.open_pairs.size()];
    return pdp.Decide(w.people[o], w.resources[r], Channel::kOpen, Action::kRead, {}, "case-management", Now());
  });
}
BENCHMARK(BM_OpenGrantAllow);

// An operator analyst under an active authorization (aggregate-only).
void BM_OperationAllow(benchmark::State& state) {
  const World& w = TheWorld();
  AccessPolicy& pdp = Pdp();
  Timed(state, [&](size_t i) {
    size_t k = i % kAuthorizations;
    return pdp.Decide(w.operators[k], w.resources[k], Channel::kOperation, Action::kRead, {}, "statistics", Now());
  });
}
BENCHMARK(BM_OperationAllow);

// Rebuilding the snapshot from 10,000 grants (done after every committed workflow change).
void BM_SnapshotRebuild(benchmark::State& state) {
  ManualClock clock(Now());
  AccessPolicy pdp(clock);
  for (auto _ : state) {
    PolicyInputs copy = TheWorld().inputs;
    pdp.Install(std::move(copy));
    benchmark::DoNotOptimize(pdp.Snapshot());
  }
}
BENCHMARK(BM_SnapshotRebuild)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
