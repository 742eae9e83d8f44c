#pragma once
// Prometheus metrics of the HTTP server: requests by route and status, a latency histogram per
// route, requests in flight, and gauges supplied by other components (engine sessions in use).
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace gongshu::api {

class Metrics {
 public:
  void RecordRequest(const std::string& route, std::string_view method, int status, double seconds);
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  void InFlight(int delta) { in_flight_ += delta; }
  // Prometheus text exposition format 0.0.4.
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                       0.05,   0.1,   0.25,   0.5,   1,    5};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  mutable std::mutex mu_;  // guards requests_, latency_, gauges_
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::vector<Gauge> gauges_;
  std::atomic<int64_t> in_flight_{0};
};

}  // namespace gongshu::api
