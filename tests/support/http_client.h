#pragma once
// A small synchronous HTTP/1.1 client for tests (one connection per request, or raw bytes).
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace gongshu::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercased names
  std::string body;
  bool complete = true;  // false when the connection ended before the message did
  std::string Header(const std::string& name) const;
};

class HttpClient {
 public:
  HttpClient(std::string host, uint16_t port) : host_(std::move(host)), port_(port) {}

  HttpResult Get(const std::string& target, const std::map<std::string, std::string>& headers = {}) const;
  HttpResult Post(const std::string& target, const std::string& body, const std::string& content_type,
                  const std::map<std::string, std::string>& headers = {}) const;
  HttpResult Request(const std::string& method, const std::string& target, const std::string& body,
                     const std::map<std::string, std::string>& headers) const;
  // Sends raw bytes and returns everything received until the server closes (or timeout_ms).
  std::string Raw(const std::string& bytes, int timeout_ms = 5000, bool half_close = true) const;
  // Parses a raw response (first message only).
  static HttpResult Parse(const std::string& raw);

  uint16_t port() const { return port_; }

 private:
  std::string host_;
  uint16_t port_;
};

// Sees every exchange of every HttpClient in the process (e.g. the audit check of
// tests/api/audit_check.h records each data response's X-Audit-Index): Request() passes its
// method, target and result; Raw() passes method "RAW", an empty target, and the bytes received
// in `raw`. Called on the requesting thread; must be thread-safe. Empty: none.
using ResponseObserver = std::function<void(uint16_t port, const std::string& method, const std::string& target,
                                            const HttpResult& result, const std::string& raw)>;
void SetResponseObserver(ResponseObserver observer);

// Percent-encodes a query parameter value.
std::string UrlEncode(const std::string& s);

}  // namespace gongshu::testing
