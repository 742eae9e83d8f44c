#include "demo/mobile_number_generator.h"

#include <string_view>

namespace gongshu::demo {

namespace {

// China Mobile, China Unicom, China Telecom and China Broadnet prefixes.
constexpr std::string_view kPrefixes[] = {
    "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159", "172",
    "178", "182", "183", "184", "187", "188", "195", "197", "198", "130", "131", "132", "145", "155",
    "156", "166", "175", "176", "185", "186", "196", "133", "149", "153", "173", "177", "180", "181",
    "189", "190", "191", "193", "199", "192",
};

}  // namespace

std::string MobileNumberGenerator::Next(DemoRandom& rng) const {
  std::string out(kPrefixes[rng.Below(std::size(kPrefixes))]);
  uint64_t digits = rng.Below(100000000);  // the 8 subscriber digits
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + digits % 10);
    digits /= 10;
  }
  out.append(buf, 8);
  return out;
}

}  // namespace gongshu::demo
