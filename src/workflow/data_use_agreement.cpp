#include "workflow/data_use_agreement.h"

#include "core/crypto.h"

namespace gongshu::workflow {

namespace {

// Never edit a published version: add a new one and make it current.
constexpr std::string_view kText2026 =
    "公共数据开放利用协议（2026-01版）\n"
    "一、申请人仅为申请书所列用途和应用场景使用所获数据，不得超出用途、期限和信息项范围使用。\n"
    "二、申请人不得将数据转让、出售或向第三方提供，不得用于营销、画像或歧视性决策。\n"
    "三、申请人不得尝试重新识别个人或还原已脱敏的信息；发现可识别个人的信息时立即停止使用并告知提供部门。\n"
    "四、申请人按申请书所述落实安全措施，发生数据泄露等安全事件时立即报告并采取补救措施。\n"
    "五、申请人按期提交使用情况报告，说明用途、成果和安全措施落实情况。\n"
    "六、授权到期、被撤销或用途完成后，申请人删除所获数据及其副本。\n"
    "七、平台记录每一次数据访问并留存审计日志；违反本协议的，提供部门可暂停或撤销授权并依法追究责任。\n"
    "\n"
    "Public Data Use Agreement (version 2026-01)\n"
    "1. The applicant uses the data only for the purposes and scenario stated in the application, within its term and fields.\n"
    "2. The applicant does not transfer, sell or pass the data to third parties, nor use it for marketing, profiling or "
    "discriminatory decisions.\n"
    "3. The applicant does not try to re-identify persons or to reverse masking; on finding identifiable information it "
    "stops and informs the provider.\n"
    "4. The applicant applies the security measures it described and reports any incident at once.\n"
    "5. The applicant submits the usage report when due, stating the use, its results and the security measures taken.\n"
    "6. When the grant expires, is revoked or the purpose is fulfilled, the applicant deletes the data and every copy.\n"
    "7. The platform records every access in its audit log; on breach the provider may suspend or revoke the grant.\n";

const DataUseAgreement& Agreement2026() {
  static const DataUseAgreement a{"2026-01", kText2026, Sha256Hex(kText2026)};
  return a;
}

}  // namespace

const DataUseAgreement& CurrentDataUseAgreement() { return Agreement2026(); }

const DataUseAgreement* FindDataUseAgreement(std::string_view version) {
  if (version == Agreement2026().version) return &Agreement2026();
  return nullptr;
}

}  // namespace gongshu::workflow
