#include "demo/demo_organisations.h"

namespace gongshu::demo {

std::vector<catalog::Organisation> DemoOrganisations() {
  // A generic province: names say 省…, no real province is implied.
  return {
      {"data-bureau", "省数据局", "Provincial Data Bureau", "authority", "", ""},
      {"civil-affairs", "省民政厅", "Provincial Department of Civil Affairs", "department", "", ""},
      {"transport", "省交通运输厅", "Provincial Department of Transport", "department", "", ""},
      {"civil-aviation", "民航地区管理局", "Regional Civil Aviation Administration", "department", "", ""},
      {"meteorology", "省气象局", "Provincial Meteorological Bureau", "department", "", ""},
      {"earthquake", "省地震局", "Provincial Earthquake Agency", "department", "", ""},
      {"hrss", "省人力资源和社会保障厅", "Provincial Department of Human Resources and Social Security",
       "department", "", ""},
      {"public-security", "省公安厅", "Provincial Department of Public Security", "department", "", ""},
      {"market-regulation", "省市场监督管理局", "Provincial Administration for Market Regulation", "department",
       "", ""},
      {"statistics", "省统计局", "Provincial Bureau of Statistics", "department", "", ""},
      {"ecology-environment", "省生态环境厅", "Provincial Department of Ecology and Environment", "department", "",
       ""},
      {"emergency-management", "省应急管理厅", "Provincial Department of Emergency Management", "department", "",
       ""},
      {"energy", "省能源局", "Provincial Energy Administration", "department", "", ""},
      {"financial-regulation", "省地方金融管理局", "Provincial Local Financial Regulatory Bureau", "department",
       "", ""},
      {"health", "省卫生健康委员会", "Provincial Health Commission", "department", "", ""},
      // 授权运营: the licensed operator the authority grants operation rights to.
      {"data-group", "省数据集团有限公司", "Provincial Data Group Co., Ltd.", "operator", "", ""},
  };
}

}  // namespace gongshu::demo
