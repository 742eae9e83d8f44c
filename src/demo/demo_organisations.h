#pragma once
// The organisations of the demo platform: the data authority (数据管理机构), the provider
// departments (提供部门) of the demo resources and one licensed operator (运营机构).
#include <vector>

#include "catalog/organisation.h"

namespace gongshu::demo {

std::vector<catalog::Organisation> DemoOrganisations();

}  // namespace gongshu::demo
