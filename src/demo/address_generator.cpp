#include "demo/address_generator.h"

#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gongshu::demo {

namespace {

constexpr std::string_view kRoads[] = {
    "人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "文化路", "胜利路", "朝阳路", "幸福路",
    "光明路", "青年路", "东风路", "育才路", "学府路", "长江路", "黄河路", "滨河路", "振兴路", "团结路",
    "迎宾路", "工业路", "花园路", "市府路", "友谊路", "建国路", "复兴路", "府前街", "北京路", "南京路",
    "湖滨路", "江南大道", "世纪大道", "科技路", "创业路", "健康路", "同心路", "凤凰路", "金桥路", "站前路",
};

// Resident population by province in the 2020 census (万人), keyed by the province code.
constexpr std::pair<std::string_view, double> kProvincePopulation[] = {
    {"11", 2189}, {"12", 1387}, {"13", 7461}, {"14", 3492},  {"15", 2405}, {"21", 4259}, {"22", 2407},
    {"23", 3185}, {"31", 2487}, {"32", 8475}, {"33", 6457},  {"34", 6103}, {"35", 4154}, {"36", 4519},
    {"37", 10153}, {"41", 9937}, {"42", 5775}, {"43", 6644}, {"44", 12601}, {"45", 5013}, {"46", 1008},
    {"50", 3205}, {"51", 8367}, {"52", 3856}, {"53", 4721},  {"54", 365},  {"61", 3953}, {"62", 2502},
    {"63", 592},  {"64", 720},  {"65", 2585},
};

double ProvincePopulation(std::string_view code) {
  for (const auto& [c, people] : kProvincePopulation) {
    if (c == code) return people;
  }
  return 0;
}

}  // namespace

AddressGenerator::AddressGenerator(const DivisionGazetteer& gazetteer) : gazetteer_(gazetteer) {
  // A county's share: its province's census population, split between the province's counties in
  // proportion to their townships (sparsely populated regions have many large townships, so
  // township counts alone would over-weight them).
  const auto& counties = gazetteer.counties();
  std::unordered_map<std::string, double> townships_per_province;
  for (size_t i = 0; i < counties.size(); ++i) {
    townships_per_province[counties[i].code.substr(0, 2)] += static_cast<double>(gazetteer.TownshipsOf(i).size()) + 1;
  }
  std::vector<double> weights;
  weights.reserve(counties.size());
  for (size_t i = 0; i < counties.size(); ++i) {
    const std::string province = counties[i].code.substr(0, 2);
    const double share = (static_cast<double>(gazetteer.TownshipsOf(i).size()) + 1) / townships_per_province[province];
    weights.push_back(ProvincePopulation(province) * share);
  }
  county_picker_ = WeightedPicker(weights);
  county_names_.reserve(counties.size());
  for (size_t i = 0; i < counties.size(); ++i) county_names_.push_back(gazetteer.CountyFullName(i));
}

size_t AddressGenerator::PickCounty(DemoRandom& rng) const { return county_picker_.Pick(rng); }

std::string AddressGenerator::Address(DemoRandom& rng, size_t county, bool residence) const {
  std::string out;
  out.reserve(96);
  out += county_names_[county];
  auto townships = gazetteer_.TownshipsOf(county);
  if (!townships.empty()) out += gazetteer_.townships()[townships[rng.Below(townships.size())]].name;
  out += kRoads[rng.Below(std::size(kRoads))];
  out += std::to_string(rng.Between(1, 999));
  out += "号";
  if (residence) {
    if (rng.Chance(0.75)) {  // apartment blocks; the rest are houses
      out += std::to_string(rng.Between(1, 30)) + "幢" + std::to_string(rng.Between(1, 4)) + "单元" +
             std::to_string(rng.Between(1, 28)) + "0" + std::to_string(rng.Between(1, 4)) + "室";
    }
  } else if (rng.Chance(0.6)) {
    out += std::to_string(rng.Between(1, 25)) + "层";
  }
  return out;
}

}  // namespace gongshu::demo
