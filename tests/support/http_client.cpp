#include "support/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>

namespace gongshu::testing {

namespace {

// A function-local static: observers are installed by other translation units' static
// initializers, which may run before this file's globals would be constructed.
struct ObserverSlot {
  std::mutex mu;
  ResponseObserver observer;  // guarded by mu
};
ObserverSlot& Slot() {
  static ObserverSlot slot;
  return slot;
}

void Observe(uint16_t port, const std::string& method, const std::string& target, const HttpResult& r,
             const std::string& raw) {
  ResponseObserver observer;
  {
    std::lock_guard lock(Slot().mu);
    observer = Slot().observer;
  }
  if (observer) observer(port, method, target, r, raw);
}

}  // namespace

void SetResponseObserver(ResponseObserver observer) {
  std::lock_guard lock(Slot().mu);
  Slot().observer = std::move(observer);
}

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string HttpResult::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

HttpResult HttpClient::Get(const std::string& target, const std::map<std::string, std::string>& headers) const {
  return Request("GET", target, "", headers);
}

HttpResult HttpClient::Post(const std::string& target, const std::string& body, const std::string& content_type,
                            const std::map<std::string, std::string>& headers) const {
  auto h = headers;
  h["content-type"] = content_type;
  return Request("POST", target, body, h);
}

HttpResult HttpClient::Request(const std::string& method, const std::string& target, const std::string& body,
                               const std::map<std::string, std::string>& headers) const {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(600));
  stream.connect(tcp::endpoint(asio::ip::make_address(host_), port_));
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, host_ + ":" + std::to_string(port_));
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  if (!body.empty() || method == "POST" || method == "PUT") req.prepare_payload();
  // A server may answer early (413, 431) and close while the body is still being sent: the write
  // then fails with EPIPE or ECONNRESET, and the answer is read all the same.
  beast::error_code write_ec;
  http::write(stream, req, write_ec);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::error_code ec;
  http::read(stream, buffer, parser, ec);
  HttpResult r;
  r.complete = !ec;
  r.status = static_cast<int>(parser.get().result_int());
  for (const auto& f : parser.get()) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(f.value());
  }
  r.body = std::move(parser.get().body());
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  Observe(port_, method, target, r, "");
  return r;
}

std::string HttpClient::Raw(const std::string& bytes, int timeout_ms, bool half_close) const {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address(host_), port_));
  beast::error_code write_ec;  // an early answer and close: read it all the same (see Request)
  asio::write(socket, asio::buffer(bytes), write_ec);
  if (half_close) socket.shutdown(tcp::socket::shutdown_send);
  std::string out;
  char buf[65536];
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  socket.non_blocking(true);
  while (std::chrono::steady_clock::now() < deadline) {
    beast::error_code ec;
    size_t n = socket.read_some(asio::buffer(buf), ec);
    if (ec == asio::error::would_block) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    if (ec) break;
    out.append(buf, n);
  }
  Observe(port_, "RAW", "", HttpResult{}, out);
  return out;
}

HttpResult HttpClient::Parse(const std::string& raw) {
  HttpResult r;
  http::response_parser<http::string_body> parser;
  parser.eager(true);
  beast::error_code ec;
  parser.put(asio::buffer(raw), ec);
  if (!parser.is_header_done()) {
    r.complete = false;
    return r;
  }
  r.status = static_cast<int>(parser.get().result_int());
  for (const auto& f : parser.get()) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(f.value());
  }
  r.complete = parser.is_done();
  r.body = parser.get().body();
  return r;
}

std::string UrlEncode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace gongshu::testing
