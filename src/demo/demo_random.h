#pragma once
// Deterministic pseudo-random source for SYNTHETIC demo data only (never for keys, tokens or
// noise: those use core/crypto.h). The same seed yields the same data on every platform because
// only the engine's raw 64-bit output is used (the std:: distributions are implementation-defined).
#include <cstdint>
#include <random>
#include <span>
#include <string_view>
#include <vector>

namespace gongshu::demo {

class DemoRandom {
 public:
  explicit DemoRandom(uint64_t seed) : engine_(seed) {}

  uint64_t Next() { return engine_(); }
  // Uniform in [0, n) (Lemire's multiply-shift; n > 0).
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(engine_()) * n) >> 64);
  }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }

 private:
  std::mt19937_64 engine_;
};

// 64-bit FNV-1a of a text: a compact key for remembering which values were already issued (a
// collision only makes a generator draw again).
inline uint64_t HashText(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// Picks an index with probability proportional to its weight (cumulative table + binary search).
class WeightedPicker {
 public:
  WeightedPicker() = default;
  explicit WeightedPicker(std::span<const double> weights);

  size_t Pick(DemoRandom& rng) const;
  size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
};

}  // namespace gongshu::demo
