#pragma once
// Synthetic mainland mobile numbers: 11 digits on the carriers' allocated 3-digit prefixes (all
// 1[3-9]x), the rest random. Numbers are fake but look like real ones, which is what masking,
// verification and quality checks need to be exercised on.
#include <string>

#include "demo/demo_random.h"

namespace gongshu::demo {

class MobileNumberGenerator {
 public:
  std::string Next(DemoRandom& rng) const;
};

}  // namespace gongshu::demo
