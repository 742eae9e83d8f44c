#pragma once
// 企业登记信息 (SYNTHETIC): enterprises with GB 32100-2015 unified social credit codes (valid
// check character; registration authority 9 = market regulation, category 1 = enterprise; the
// REAL county code of the enterprise's domicile; an embedded GB 11714 organisation code with its
// own check character), names built as place + trade name + industry + 有限公司, legal
// representatives, registered capital in 万元, GB/T 4754-2017 industry sections, establishment
// dates, addresses and registration status. All invented by a seeded PRNG.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "demo/address_generator.h"
#include "demo/chinese_name_generator.h"
#include "demo/demo_random.h"
#include "demo/issued_keys.h"
#include "demo/division_gazetteer.h"
#include "demo/mobile_number_generator.h"
#include "demo/synthetic_column.h"

namespace gongshu::demo {

struct Enterprise {
  std::string uscc;
  std::string name;
  std::string legal_representative;
  double registered_capital = 0;  // 万元
  std::string industry_code;      // GB/T 4754-2017 section letter
  std::string industry;           // section name
  std::string enterprise_type;
  int32_t established_on = 0;     // days since 1970-01-01
  uint32_t county = 0;            // index in the gazetteer
  std::string address;
  std::string status;             // 存续 / 在业 / 注销 / 吊销
  std::string contact_phone;
};

class EnterpriseGenerator {
 public:
  static constexpr int32_t kReferenceDate = 20027;  // 2024-11-01: data "as of"

  EnterpriseGenerator(const DivisionGazetteer& gazetteer, uint64_t seed);

  Enterprise Next();

  static std::span<const SyntheticColumn> Columns();
  storage::AppendBatch NextBatch(size_t rows);

 private:
  std::string NextUscc(const std::string& county_code, int32_t established_on);

  const DivisionGazetteer& gazetteer_;
  DemoRandom rng_;
  ChineseNameGenerator names_;
  AddressGenerator addresses_;
  MobileNumberGenerator mobiles_;
  WeightedPicker industry_;
  WeightedPicker year_;
  WeightedPicker capital_;
  WeightedPicker type_;
  std::vector<std::string> trade_places_;  // TradePlaceName per county, built once
  IssuedKeys issued_codes_;  // HashText of each credit code
  IssuedKeys issued_names_;  // HashText of each name
};

}  // namespace gongshu::demo
