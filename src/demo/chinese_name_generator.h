#pragma once
// Realistic Chinese personal names for SYNTHETIC records: surnames drawn with their approximate
// shares of the population (after the published 2020 census surname ranking, including a few
// compound surnames), given names of one or two characters from sex-specific character lists
// weighted towards the common ones.
#include <string>
#include <vector>

#include "demo/demo_random.h"

namespace gongshu::demo {

enum class Sex { kMale, kFemale };

class ChineseNameGenerator {
 public:
  ChineseNameGenerator();

  std::string Next(DemoRandom& rng, Sex sex) const;
  std::string NextSurname(DemoRandom& rng) const;

  // The surnames the generator can produce (for tests).
  const std::vector<std::string>& surnames() const { return surnames_; }

 private:
  std::vector<std::string> surnames_;
  WeightedPicker surname_picker_;
  std::vector<std::string> male_chars_;
  std::vector<std::string> female_chars_;
  WeightedPicker male_picker_;
  WeightedPicker female_picker_;
};

}  // namespace gongshu::demo
