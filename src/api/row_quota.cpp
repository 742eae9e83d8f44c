#include "api/row_quota.h"

#include <string>

namespace gongshu::api {

namespace {

class MeteredExport final : public query::ExportStream {
 public:
  MeteredExport(policy::QuotaLimiter& quotas, std::string principal_id, std::string address,
                std::unique_ptr<query::ExportStream> inner)
      : quotas_(quotas), principal_id_(std::move(principal_id)), address_(std::move(address)), inner_(std::move(inner)) {}

  std::string_view content_type() const override { return inner_->content_type(); }

  Result<bool> Next(std::string& out) override {
    Result<bool> more = inner_->Next(out);
    const uint64_t total = inner_->rows();
    if (total > rows_) {
      quotas_.DebitRows(principal_id_, address_, static_cast<int64_t>(total - rows_));
      rows_ = total;
    }
    return more;
  }

 private:
  policy::QuotaLimiter& quotas_;
  std::string principal_id_;
  std::string address_;
  std::unique_ptr<query::ExportStream> inner_;
};

}  // namespace

int64_t CountResults(std::string_view json) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  std::string_view last_key;  // the last string at depth 1 (a key, when followed by ':')
  size_t string_start = 0;
  bool in_results = false;
  int64_t count = 0;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
        if (depth == 1) last_key = json.substr(string_start, i - string_start);
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        string_start = i + 1;
        if (in_results && depth == 2) ++count;  // a string element
        break;
      case '{':
      case '[':
        if (in_results && depth == 2) ++count;  // an object (row) or array element
        if (c == '[' && depth == 1 && last_key == "results") in_results = true;
        ++depth;
        break;
      case '}':
      case ']':
        --depth;
        if (depth == 1 && in_results) return count;
        break;
      default:
        break;
    }
  }
  return count;
}

Status ChargeRecordsPage(AppContext& ctx, const HttpRequest& req, std::string_view page_json) {
  return ctx.quotas->ChargeRows(req.principal_id, req.remote_address, CountResults(page_json));
}

Status CheckRowQuota(AppContext& ctx, const HttpRequest& req) {
  return ctx.quotas->CheckRows(req.principal_id, req.remote_address);
}

std::unique_ptr<query::ExportStream> MeterRows(AppContext& ctx, const HttpRequest& req,
                                               std::unique_ptr<query::ExportStream> stream) {
  return std::make_unique<MeteredExport>(*ctx.quotas, req.principal_id, req.remote_address, std::move(stream));
}

}  // namespace gongshu::api
