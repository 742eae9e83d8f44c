#include "demo/enterprise_generator.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "core/time_format.h"
#include "ingest/identifier_checks.h"

namespace gongshu::demo {

namespace {

using Kind = storage::AppendColumn::Kind;

constexpr SyntheticColumn kColumns[] = {
    {"uscc", "VARCHAR", Kind::kText},
    {"name", "VARCHAR", Kind::kText},
    {"legal_representative", "VARCHAR", Kind::kText},
    {"registered_capital", "DOUBLE", Kind::kDouble},
    {"industry_code", "VARCHAR", Kind::kText},
    {"industry", "VARCHAR", Kind::kText},
    {"enterprise_type", "VARCHAR", Kind::kText},
    {"established_on", "DATE", Kind::kDate},
    {"division_code", "VARCHAR", Kind::kText},
    {"address", "VARCHAR", Kind::kText},
    {"status", "VARCHAR", Kind::kText},
    {"contact_phone", "VARCHAR", Kind::kText},
};

struct IndustrySection {
  std::string_view code;
  std::string_view name;
  double share;  // percent of registered enterprises (approximate)
  std::vector<std::string_view> words;  // the industry part of an enterprise name
};

const std::vector<IndustrySection>& Sections() {
  static const std::vector<IndustrySection> kSections = {
      {"A", "农、林、牧、渔业", 4, {"农业科技", "生态农业", "农业开发", "畜牧", "林业"}},
      {"B", "采矿业", 0.3, {"矿业", "矿产资源开发"}},
      {"C", "制造业", 10, {"机械制造", "电子科技", "食品", "纺织", "新材料", "精密制造", "塑业", "服饰"}},
      {"D", "电力、热力、燃气及水生产和供应业", 0.6, {"能源", "新能源科技", "燃气", "供水"}},
      {"E", "建筑业", 6, {"建设工程", "建筑工程", "装饰工程", "市政工程"}},
      {"F", "批发和零售业", 30, {"商贸", "贸易", "百货", "电子商务", "医药", "建材"}},
      {"G", "交通运输、仓储和邮政业", 4, {"物流", "运输", "供应链管理", "货运代理"}},
      {"H", "住宿和餐饮业", 3, {"餐饮管理", "酒店管理", "餐饮"}},
      {"I", "信息传输、软件和信息技术服务业", 7, {"信息技术", "软件", "网络科技", "数据科技", "智能科技"}},
      {"J", "金融业", 1.2, {"投资管理", "融资租赁", "资产管理"}},
      {"K", "房地产业", 3, {"房地产开发", "物业管理", "置业"}},
      {"L", "租赁和商务服务业", 13, {"企业管理咨询", "人力资源", "广告", "商务咨询", "会展服务"}},
      {"M", "科学研究和技术服务业", 8, {"检测技术", "工程设计", "生物科技", "环境科技"}},
      {"N", "水利、环境和公共设施管理业", 1.5, {"环保科技", "园林绿化", "水务"}},
      {"O", "居民服务、修理和其他服务业", 3, {"家政服务", "汽车服务", "清洁服务"}},
      {"P", "教育", 1, {"教育科技", "职业培训"}},
      {"Q", "卫生和社会工作", 1, {"健康管理", "医疗科技", "养老服务"}},
      {"R", "文化、体育和娱乐业", 3, {"文化传媒", "体育发展", "影视", "文化旅游"}},
  };
  return kSections;
}

// Characters of trade names (字号); two are combined.
constexpr std::string_view kTradeChars[] = {
    "华", "信", "恒", "达", "鑫", "源", "宏", "图", "瑞", "丰", "金", "鼎", "中", "科", "博", "远", "天",
    "成", "嘉", "禾", "正", "邦", "汇", "通", "明", "德", "永", "盛", "诚", "东", "方", "新", "创", "智",
    "联", "云", "帆", "海", "川", "安", "泰", "和", "龙", "腾", "航", "锦", "程", "星", "辰", "卓", "越",
    "夏", "世", "同", "心", "百", "九", "州", "润", "泽", "立", "万", "兴", "隆", "亿", "佳", "合", "众",
    "欣", "荣", "美", "光", "辉", "银", "宇", "晟", "昊", "凯", "旭", "峰",
};

struct TypeSpec {
  std::string_view type;
  std::string_view suffix;
  double share;
};
constexpr TypeSpec kTypes[] = {
    {"有限责任公司（自然人投资或控股）", "有限公司", 70},
    {"有限责任公司（自然人独资）", "有限公司", 15},
    {"有限责任公司（非自然人投资或控股的法人独资）", "有限公司", 8},
    {"其他股份有限公司（非上市）", "股份有限公司", 5},
    {"有限责任公司（国有独资）", "有限公司", 2},
};

// Registered capital in 万元: the round amounts founders choose, with their rough frequencies.
constexpr double kCapitals[] = {1, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 800, 1000, 2000, 3000, 5000, 10000, 50000};
constexpr double kCapitalWeights[] = {2, 3, 6, 12, 6, 6, 12, 16, 7, 5, 7, 2, 6, 2, 1, 1.5, 0.8, 0.2};

constexpr int kFirstYear = 1995;
constexpr int kLastYear = 2024;

// 2015-10-01: credit codes issued from then on carry a new organisation code starting with "MA".
constexpr int32_t kMaCodesFrom = 16709;

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

}  // namespace

EnterpriseGenerator::EnterpriseGenerator(const DivisionGazetteer& gazetteer, uint64_t seed)
    : gazetteer_(gazetteer), rng_(seed), addresses_(gazetteer), capital_(kCapitalWeights) {
  std::vector<double> w;
  for (const auto& s : Sections()) w.push_back(s.share);
  industry_ = WeightedPicker(w);
  w.clear();
  // Registrations grew about 12 % a year (the 2014 commercial-registration reform among others).
  for (int y = kFirstYear; y <= kLastYear; ++y) w.push_back(std::exp(0.12 * (y - kFirstYear)));
  year_ = WeightedPicker(w);
  w.clear();
  for (const auto& t : kTypes) w.push_back(t.share);
  type_ = WeightedPicker(w);
  trade_places_.reserve(gazetteer.counties().size());
  for (size_t i = 0; i < gazetteer.counties().size(); ++i) trade_places_.push_back(gazetteer.TradePlaceName(i));
}

std::span<const SyntheticColumn> EnterpriseGenerator::Columns() { return kColumns; }

std::string EnterpriseGenerator::NextUscc(const std::string& county_code, int32_t established_on) {
  for (;;) {
    std::string org;
    if (established_on >= kMaCodesFrom) {
      org = "MA";
      for (int i = 0; i < 6; ++i) org += kUsccAlphabet[rng_.Below(kUsccAlphabet.size())];
    } else {
      for (int i = 0; i < 8; ++i) org += static_cast<char>('0' + rng_.Below(10));
    }
    org += *ingest::OrganisationCodeCheckChar(org);
    // 登记管理部门 9 (market regulation), 机构类别 1 (enterprise), 登记管理机关行政区划码.
    std::string code = "91" + county_code + org;
    code += *ingest::UsccCheckChar(code);
    if (issued_codes_.Insert(HashText(code))) return code;
  }
}

Enterprise EnterpriseGenerator::Next() {
  Enterprise e;
  e.county = static_cast<uint32_t>(addresses_.PickCounty(rng_));
  const Division& county = gazetteer_.counties()[e.county];

  const int year = kFirstYear + static_cast<int>(year_.Pick(rng_));
  const int32_t first = DaysFromCivil({year, 1, 1});
  const int32_t last = std::min(DaysFromCivil({year, 12, 31}), kReferenceDate);
  e.established_on = static_cast<int32_t>(rng_.Between(first, last));

  const IndustrySection& section = Sections()[industry_.Pick(rng_)];
  e.industry_code = section.code;
  e.industry = section.name;
  const TypeSpec& type = kTypes[type_.Pick(rng_)];
  e.enterprise_type = type.type;

  const std::string& place = trade_places_[e.county];
  do {
    std::string trade(kTradeChars[rng_.Below(std::size(kTradeChars))]);
    trade += kTradeChars[rng_.Below(std::size(kTradeChars))];
    e.name = place + trade + std::string(section.words[rng_.Below(section.words.size())]) + std::string(type.suffix);
  } while (!issued_names_.Insert(HashText(e.name)));

  e.uscc = NextUscc(county.code, e.established_on);
  e.legal_representative = names_.Next(rng_, rng_.Chance(0.7) ? Sex::kMale : Sex::kFemale);
  double capital = kCapitals[capital_.Pick(rng_)];
  if (type.suffix == "股份有限公司") capital = std::max(capital * 5, 500.0);
  e.registered_capital = capital;
  e.address = addresses_.Address(rng_, e.county, /*residence=*/false);

  // Older enterprises are more often deregistered (注销) or have their licence revoked (吊销).
  const double age_years = (kReferenceDate - e.established_on) / 365.25;
  const double u = rng_.Unit();
  const double p_cancelled = 0.03 + 0.006 * age_years;
  const double p_revoked = 0.005 + 0.003 * age_years;
  if (u < p_cancelled) {
    e.status = "注销";
  } else if (u < p_cancelled + p_revoked) {
    e.status = "吊销";
  } else {
    e.status = rng_.Chance(0.88) ? "存续" : "在业";
  }
  e.contact_phone = mobiles_.Next(rng_);
  return e;
}

storage::AppendBatch EnterpriseGenerator::NextBatch(size_t rows) {
  storage::AppendBatch batch;
  batch.rows = rows;
  batch.columns.resize(std::size(kColumns));
  for (size_t c = 0; c < std::size(kColumns); ++c) batch.columns[c].kind = kColumns[c].kind;
  auto& col = batch.columns;
  for (size_t i = 0; i < rows; ++i) {
    Enterprise e = Next();
    col[0].texts.push_back(std::move(e.uscc));
    col[1].texts.push_back(std::move(e.name));
    col[2].texts.push_back(std::move(e.legal_representative));
    col[3].doubles.push_back(e.registered_capital);
    col[4].texts.push_back(std::move(e.industry_code));
    col[5].texts.push_back(std::move(e.industry));
    col[6].texts.push_back(std::move(e.enterprise_type));
    col[7].dates.push_back(e.established_on);
    col[8].texts.push_back(gazetteer_.counties()[e.county].code);
    col[9].texts.push_back(std::move(e.address));
    col[10].texts.push_back(std::move(e.status));
    col[11].texts.push_back(std::move(e.contact_phone));
  }
  return batch;
}

}  // namespace gongshu::demo
