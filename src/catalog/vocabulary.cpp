#include "catalog/vocabulary.h"

#include <array>

namespace gongshu::catalog {

namespace {

constexpr std::array<Term, 21> kSubjects{{
    {"government", "综合政务", "Government affairs"},
    {"economy", "经济建设", "Economy"},
    {"finance", "财税金融", "Finance and taxation"},
    {"market", "市场监管", "Market regulation"},
    {"enterprise", "企业服务", "Enterprise services"},
    {"transport", "交通运输", "Transport"},
    {"geography", "地理空间", "Geography and divisions"},
    {"resources", "资源能源", "Natural resources and energy"},
    {"environment", "生态环境", "Ecology and environment"},
    {"meteorology", "气象服务", "Meteorology"},
    {"population", "人口信息", "Population"},
    {"labour", "就业社保", "Employment and social security"},
    {"health", "卫生健康", "Health"},
    {"education", "教育科技", "Education, science and technology"},
    {"culture", "文化旅游", "Culture and tourism"},
    {"housing", "城建住房", "Urban construction and housing"},
    {"agriculture", "农业农村", "Agriculture and rural affairs"},
    {"safety", "公共安全", "Public safety"},
    {"emergency", "应急管理", "Emergency management"},
    {"social", "社会民生", "Social welfare"},
    {"other", "其他", "Other"},
}};

constexpr std::array<Term, 9> kCycles{{
    {"realtime", "实时", "Real time"},
    {"daily", "每日", "Daily"},
    {"weekly", "每周", "Weekly"},
    {"monthly", "每月", "Monthly"},
    {"quarterly", "每季度", "Quarterly"},
    {"semiannual", "每半年", "Half-yearly"},
    {"yearly", "每年", "Yearly"},
    {"irregular", "不定期", "Irregular"},
    {"static", "不更新", "Not updated"},
}};

}  // namespace

std::span<const Term> Subjects() { return kSubjects; }
std::span<const Term> UpdateCycles() { return kCycles; }

const Term* FindTerm(std::span<const Term> terms, std::string_view code) {
  for (const auto& t : terms) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

}  // namespace gongshu::catalog
