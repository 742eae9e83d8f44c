#include "api/metrics.h"

#include "core/json_writer.h"

namespace gongshu::api {

namespace {

// Label values are route patterns and method names; escape per the exposition format anyway.
std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

void AppendNumber(std::string& out, double v) { JsonWriter::AppendDouble(out, v); }

}  // namespace

void Metrics::RecordRequest(const std::string& route, std::string_view method, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, std::string(method), status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mu_);
  gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  std::string out;
  std::lock_guard lock(mu_);
  out += "# HELP gongshu_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE gongshu_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += "gongshu_http_requests_total{route=\"" + Escape(route) + "\",method=\"" + method + "\",status=\"" +
           std::to_string(status) + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP gongshu_http_request_duration_seconds Request latency by route.\n";
  out += "# TYPE gongshu_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    std::string label = "route=\"" + Escape(route) + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out += "gongshu_http_request_duration_seconds_bucket{" + label + ",le=\"";
      AppendNumber(out, kBuckets[i]);
      out += "\"} " + std::to_string(h.counts[i]) + "\n";
    }
    out += "gongshu_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " + std::to_string(h.count) + "\n";
    out += "gongshu_http_request_duration_seconds_sum{" + label + "} ";
    AppendNumber(out, h.sum);
    out += "\ngongshu_http_request_duration_seconds_count{" + label + "} " + std::to_string(h.count) + "\n";
  }
  out += "# HELP gongshu_http_requests_in_flight Requests being served.\n# TYPE gongshu_http_requests_in_flight gauge\n";
  out += "gongshu_http_requests_in_flight " + std::to_string(in_flight_.load()) + "\n";
  for (const auto& g : gauges_) {
    out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " gauge\n" + g.name + " ";
    AppendNumber(out, g.read());
    out += "\n";
  }
  return out;
}

}  // namespace gongshu::api
