#pragma once
// 《公共数据开放利用协议》: the data use agreement an applicant for conditionally open data accepts.
// Each version's text is fixed forever; an application stores the version and the SHA-256 of the
// exact UTF-8 text accepted, and is refused unless the hash it sends matches.
#include <string>
#include <string_view>

namespace gongshu::workflow {

struct DataUseAgreement {
  std::string_view version;
  std::string_view text;  // Chinese then English, UTF-8
  std::string sha256;     // lowercase hex of SHA-256(text)
};

const DataUseAgreement& CurrentDataUseAgreement();
// nullptr for a version never published.
const DataUseAgreement* FindDataUseAgreement(std::string_view version);

}  // namespace gongshu::workflow
