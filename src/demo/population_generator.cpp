#include "demo/population_generator.h"

#include <array>
#include <string_view>
#include <tuple>
#include <utility>

#include "core/time_format.h"
#include "ingest/identifier_checks.h"

namespace gongshu::demo {

namespace {

using Kind = storage::AppendColumn::Kind;

constexpr SyntheticColumn kColumns[] = {
    {"resident_id", "VARCHAR", Kind::kText}, {"name", "VARCHAR", Kind::kText},
    {"sex", "VARCHAR", Kind::kText},         {"birth_date", "DATE", Kind::kDate},
    {"ethnicity", "VARCHAR", Kind::kText},   {"mobile", "VARCHAR", Kind::kText},
    {"province", "VARCHAR", Kind::kText},    {"city", "VARCHAR", Kind::kText},
    {"county", "VARCHAR", Kind::kText},      {"county_code", "VARCHAR", Kind::kText},
    {"address", "VARCHAR", Kind::kText},
};

// Share of the population per 5-year age band 0-4 … 95-99 (percent, approximating the 2020
// census pyramid).
constexpr std::array<double, 20> kAgeBands = {5.5, 6.4, 6.1, 5.2, 5.3, 6.6, 8.8, 7.0, 6.6, 8.3,
                                              8.6, 7.1, 5.2, 5.0, 3.4, 2.1, 1.4, 0.7, 0.2, 0.05};

// Nationwide shares of the larger ethnic groups (percent, approximating the 2020 census).
constexpr std::pair<std::string_view, double> kEthnicities[] = {
    {"汉族", 91.11}, {"壮族", 1.38}, {"维吾尔族", 0.84}, {"回族", 0.81}, {"苗族", 0.79},
    {"满族", 0.74}, {"彝族", 0.70},   {"土家族", 0.68},  {"藏族", 0.50}, {"蒙古族", 0.45},
    {"布依族", 0.25}, {"侗族", 0.25}, {"瑶族", 0.23},    {"白族", 0.15}, {"哈尼族", 0.12},
    {"朝鲜族", 0.12}, {"黎族", 0.11}, {"哈萨克族", 0.11}, {"傣族", 0.09}, {"畲族", 0.05},
    {"傈僳族", 0.05}, {"东乡族", 0.05}, {"仡佬族", 0.04}, {"拉祜族", 0.04}, {"佤族", 0.03},
};

// Autonomous regions where one minority is a large share of the residents.
constexpr std::tuple<std::string_view, std::string_view, double> kRegionalEthnicities[] = {
    {"45", "壮族", 0.31}, {"54", "藏族", 0.86}, {"65", "维吾尔族", 0.45},
    {"64", "回族", 0.36}, {"15", "蒙古族", 0.17}, {"52", "苗族", 0.11},
};

void AppendDigits(std::string& out, int64_t value, int width) {
  char buf[16];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf, static_cast<size_t>(width));
}

}  // namespace

PopulationGenerator::PopulationGenerator(const DivisionGazetteer& gazetteer, uint64_t seed)
    : gazetteer_(gazetteer), rng_(seed), addresses_(gazetteer), age_band_(kAgeBands) {
  std::vector<double> w;
  for (const auto& e : kEthnicities) w.push_back(e.second);
  ethnicity_ = WeightedPicker(w);
}

std::span<const SyntheticColumn> PopulationGenerator::Columns() { return kColumns; }

int32_t PopulationGenerator::NextBirthDate() {
  const int64_t age_days = static_cast<int64_t>(age_band_.Pick(rng_)) * 1826 + rng_.Below(1826);
  return static_cast<int32_t>(kReferenceDate - age_days);
}

std::string PopulationGenerator::NextEthnicity(std::string_view province_code) {
  for (const auto& [province, group, share] : kRegionalEthnicities) {
    if (province == province_code && rng_.Chance(share)) return std::string(group);
  }
  return std::string(kEthnicities[ethnicity_.Pick(rng_)].first);
}

Person PopulationGenerator::Next() {
  Person p;
  p.sex = rng_.Chance(0.512) ? Sex::kMale : Sex::kFemale;  // 2020 census: 105 men per 100 women
  p.county = static_cast<uint32_t>(addresses_.PickCounty(rng_));
  const Division& county = gazetteer_.counties()[p.county];
  for (;;) {
    p.birth_date = NextBirthDate();
    const CivilDate d = CivilFromDays(p.birth_date);
    std::string id = county.code;
    AppendDigits(id, d.year, 4);
    AppendDigits(id, d.month, 2);
    AppendDigits(id, d.day, 2);
    // 顺序码: odd for men, even for women (GB 11643 §4.5); 000 is not issued.
    const int64_t seq = rng_.Between(0, 498) * 2 + (p.sex == Sex::kMale ? 1 : 2);
    AppendDigits(id, seq, 3);
    if (issued_ids_.Insert(std::stoull(id))) {
      id += *ingest::ResidentIdCheckChar(id);
      p.resident_id = std::move(id);
      break;
    }
  }
  p.name = names_.Next(rng_, p.sex);
  p.ethnicity = NextEthnicity(std::string_view(county.code).substr(0, 2));
  // Young children have no phone of their own; some teenagers do.
  const int64_t age_days = kReferenceDate - p.birth_date;
  const bool has_mobile = age_days >= 16 * 365 || (age_days >= 10 * 365 && rng_.Chance(0.5));
  if (has_mobile) {
    do {
      p.mobile = mobiles_.Next(rng_);
    } while (!issued_mobiles_.Insert(std::stoull(p.mobile)));
  }
  p.address = addresses_.Address(rng_, p.county, /*residence=*/true);
  return p;
}

storage::AppendBatch PopulationGenerator::NextBatch(size_t rows) {
  storage::AppendBatch batch;
  batch.rows = rows;
  batch.columns.resize(std::size(kColumns));
  for (size_t c = 0; c < std::size(kColumns); ++c) {
    batch.columns[c].kind = kColumns[c].kind;
    if (kColumns[c].name == "mobile") batch.columns[c].valid.reserve(rows);
    if (kColumns[c].kind == Kind::kDate) {
      batch.columns[c].dates.reserve(rows);
    } else {
      batch.columns[c].texts.reserve(rows);
    }
  }
  auto& col = batch.columns;
  for (size_t i = 0; i < rows; ++i) {
    Person p = Next();
    const Division& county = gazetteer_.counties()[p.county];
    const Division& city = gazetteer_.CityOfCounty(p.county);
    const Division& province = gazetteer_.ProvinceOfCounty(p.county);
    col[0].texts.push_back(std::move(p.resident_id));
    col[1].texts.push_back(std::move(p.name));
    col[2].texts.emplace_back(p.sex == Sex::kMale ? "男" : "女");
    col[3].dates.push_back(p.birth_date);
    col[4].texts.push_back(std::move(p.ethnicity));
    col[5].valid.push_back(p.mobile.empty() ? 0 : 1);  // NULL when the person has no mobile
    col[5].texts.push_back(std::move(p.mobile));
    col[6].texts.push_back(province.name);
    // Municipalities list their districts under 市辖区/县: the city of residence is the municipality.
    col[7].texts.push_back(city.name == "市辖区" || city.name == "县" ? province.name : city.name);
    col[8].texts.push_back(county.name);
    col[9].texts.push_back(county.code);
    col[10].texts.push_back(std::move(p.address));
  }
  return batch;
}

}  // namespace gongshu::demo
