#include "demo/demo_random.h"

#include <algorithm>

namespace gongshu::demo {

WeightedPicker::WeightedPicker(std::span<const double> weights) {
  cumulative_.reserve(weights.size());
  double total = 0;
  for (double w : weights) {
    total += w > 0 ? w : 0;
    cumulative_.push_back(total);
  }
}

size_t WeightedPicker::Pick(DemoRandom& rng) const {
  if (cumulative_.empty() || cumulative_.back() <= 0) return 0;
  const double x = rng.Unit() * cumulative_.back();
  auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
  return std::min(static_cast<size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
}

}  // namespace gongshu::demo
