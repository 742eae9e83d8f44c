#pragma once
// Synthetic street addresses on REAL divisions: 省 + 市 + 区县 + 乡镇/街道 from the gazetteer, then
// an invented road and house number (the road list holds names common to most Chinese cities).
#include <string>
#include <vector>

#include "demo/demo_random.h"
#include "demo/division_gazetteer.h"

namespace gongshu::demo {

class AddressGenerator {
 public:
  explicit AddressGenerator(const DivisionGazetteer& gazetteer);

  // A county index, weighted by an estimate of its population (see the constructor).
  size_t PickCounty(DemoRandom& rng) const;
  // "浙江省杭州市西湖区北山街道文三路128号" + for residences "3幢2单元501室", for offices "5层".
  std::string Address(DemoRandom& rng, size_t county, bool residence) const;

 private:
  const DivisionGazetteer& gazetteer_;
  WeightedPicker county_picker_;
  std::vector<std::string> county_names_;  // CountyFullName per county, built once
};

}  // namespace gongshu::demo
