#include "api/http_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <array>
#include <csignal>
#include <mutex>
#include <set>
#include <thread>

#include "api/error_response.h"
#include "core/crypto.h"
#include "core/encoding.h"
#include "core/log.h"
#include "core/utf8.h"

namespace gongshu::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

HttpMethod FromVerb(http::verb v) {
  switch (v) {
    case http::verb::get: return HttpMethod::kGet;
    case http::verb::head: return HttpMethod::kHead;
    case http::verb::post: return HttpMethod::kPost;
    case http::verb::put: return HttpMethod::kPut;
    case http::verb::patch: return HttpMethod::kPatch;
    case http::verb::delete_: return HttpMethod::kDelete;
    case http::verb::options: return HttpMethod::kOptions;
    default: return HttpMethod::kOther;
  }
}

std::string NewRequestId() {
  // 96 random bits, URL-safe: unique enough to correlate logs, audit entries and client reports.
  return Base64Encode(RandomBytes(12), true, false);
}

Error Err(ErrorKind kind, std::string code, std::string en, std::string zh) {
  return MakeError(kind, std::move(code), std::move(en), std::move(zh));
}

// Clients such as curl send what a user typed: raw UTF-8 (q=航班) and characters RFC 3986 wants
// escaped (where=delay>60, origin="SFO"). Escape those as browsers do, so the request means what
// was typed; control characters and spaces stay as they are and are refused by the parser.
std::string EscapeTypedTarget(std::string_view target) {
  static constexpr std::string_view kUnsafe = "\"<>\\^`{|}";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(target.size());
  for (char ch : target) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || kUnsafe.find(ch) != std::string_view::npos) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += ch;
    }
  }
  return out;
}

// Parses the request target into a decoded path and query parameters.
Status ParseTarget(std::string_view raw_target, HttpRequest& req) {
  const std::string target = EscapeTypedTarget(raw_target);
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) {
    return Err(ErrorKind::kInvalidArgument, "http.bad_target", "The request target is not a valid URL path.",
               "请求地址不是有效的URL路径。");
  }
  req.path = parsed->path();
  for (auto p : parsed->params()) {
    req.query.emplace_back(p.key, p.has_value ? p.value : std::string());
  }
  auto bad = [](const std::string& s) { return !IsValidUtf8(s) || s.find('\0') != std::string::npos; };
  if (bad(req.path)) {
    return Err(ErrorKind::kInvalidArgument, "http.bad_encoding", "The path is not valid UTF-8.", "路径不是有效的UTF-8编码。");
  }
  for (const auto& [k, v] : req.query) {
    if (bad(k) || bad(v)) {
      return Err(ErrorKind::kInvalidArgument, "http.bad_encoding",
                 "Query parameter '" + (IsValidUtf8(k) ? k : std::string("?")) + "' is not valid UTF-8.",
                 "查询参数不是有效的UTF-8编码。");
    }
  }
  return Ok();
}

}  // namespace

struct HttpServer::Impl {
  Impl(ServerOptions o, const Router& r, Metrics& m)
      : options(std::move(o)), router(r), metrics(m), workers(static_cast<size_t>(std::max(1, options.worker_threads))) {}

  ServerOptions options;
  const Router& router;
  Metrics& metrics;
  asio::io_context io;
  asio::thread_pool workers;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::atomic<bool> stopping{false};

  std::mutex sessions_mu;  // guards idle_streams, active
  std::set<beast::tcp_stream*> idle_streams;
  size_t active = 0;

  // ---- session bookkeeping (for graceful shutdown) ----
  void SetIdle(beast::tcp_stream* s, bool idle) {
    std::lock_guard lock(sessions_mu);
    if (idle) {
      idle_streams.insert(s);
    } else {
      idle_streams.erase(s);
    }
  }

  // Runs fn on the worker pool and resumes on the caller's executor.
  template <typename F>
  asio::awaitable<std::invoke_result_t<F&>> Offload(F fn) {
    using R = std::invoke_result_t<F&>;
    // co_spawn needs a default-constructible result; Result<T> is not, so carry it in optional.
    std::optional<R> out = co_await asio::co_spawn(
        workers, [f = std::move(fn)]() mutable -> asio::awaitable<std::optional<R>> { co_return f(); },
        asio::use_awaitable);
    co_return std::move(*out);
  }

  static Result<HttpResponse> CallHandler(const Handler& h, HttpRequest& req) {
    try {
      return h(req);
    } catch (const std::exception& e) {
      Log().error("handler threw for {}: {}", req.request_id, e.what());
      return Err(ErrorKind::kInternal, "internal", "An unexpected error occurred.", "发生意外错误。");
    }
  }

  asio::awaitable<void> Accept() {
    for (;;) {
      beast::error_code ec;
      tcp::socket socket = co_await acceptor->async_accept(asio::make_strand(io), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        Log().warn("accept failed: {}", ec.message());
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      {
        std::lock_guard lock(sessions_mu);
        ++active;
      }
      auto ex = socket.get_executor();
      asio::co_spawn(ex, Session(std::move(socket)), [this](std::exception_ptr e) {
        if (e) {
          try {
            std::rethrow_exception(e);
          } catch (const std::exception& ex) {
            Log().error("session ended with exception: {}", ex.what());
          }
        }
        std::lock_guard lock(sessions_mu);
        --active;
      });
    }
  }

  template <typename Body>
  static void ApplyHeaders(http::response<Body>& res, const HttpResponse& r, const std::string& request_id) {
    for (const auto& [k, v] : r.headers.entries()) res.set(k, v);
    res.set("x-request-id", request_id);
    res.set(http::field::server, "gongshu");
    if (r.headers.Get("x-content-type-options") == nullptr) res.set("x-content-type-options", "nosniff");
  }

  // Writes a buffered response. Returns bytes written (body).
  asio::awaitable<bool> WriteResponse(beast::tcp_stream& stream, HttpResponse& r, const HttpRequest& req,
                                      unsigned version, bool keep_alive, uint64_t& bytes) {
    http::response<http::string_body> res{static_cast<http::status>(r.status), version};
    ApplyHeaders(res, r, req.request_id);
    res.keep_alive(keep_alive);
    bytes = r.body.size();
    if (req.method == HttpMethod::kHead) {
      res.content_length(r.body.size());
    } else {
      res.body() = std::move(r.body);
      res.prepare_payload();
    }
    beast::error_code ec;
    stream.expires_after(options.io_timeout);
    http::response_serializer<http::string_body> sr{res};
    if (req.method == HttpMethod::kHead) {
      co_await http::async_write_header(stream, sr, asio::redirect_error(asio::use_awaitable, ec));
    } else {
      co_await http::async_write(stream, sr, asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return !ec;
  }

  // Writes a chunked response from a BodyStream, producing each piece on the worker pool.
  asio::awaitable<bool> WriteStream(beast::tcp_stream& stream, HttpResponse& r, const HttpRequest& req,
                                    unsigned version, bool keep_alive, uint64_t& bytes) {
    http::response<http::empty_body> res{static_cast<http::status>(r.status), version};
    ApplyHeaders(res, r, req.request_id);
    res.keep_alive(keep_alive);
    res.chunked(true);
    beast::error_code ec;
    stream.expires_after(options.io_timeout);
    http::response_serializer<http::empty_body> sr{res};
    co_await http::async_write_header(stream, sr, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return false;
    if (req.method == HttpMethod::kHead) co_return true;
    BodyStream* body = r.stream.get();
    std::string piece;
    for (;;) {
      piece.clear();
      Result<bool> more = co_await Offload([&]() -> Result<bool> {
        try {
          return body->Next(piece);
        } catch (const std::exception& e) {
          return Err(ErrorKind::kInternal, "internal", e.what(), "发生意外错误。");
        }
      });
      if (!more.ok()) {
        // Headers are gone: abort so the client sees a truncated body, never a silent short file.
        Log().warn("stream for {} failed: {}", req.request_id, more.error().message);
        co_return false;
      }
      if (!piece.empty()) {
        bytes += piece.size();
        stream.expires_after(options.io_timeout);
        co_await asio::async_write(stream, http::make_chunk(asio::buffer(piece)),
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return false;
      }
      if (!*more) break;
    }
    stream.expires_after(options.io_timeout);
    co_await asio::async_write(stream, http::make_chunk_last(), asio::redirect_error(asio::use_awaitable, ec));
    co_return !ec;
  }

  // Reads the body according to the route's BodyKind. On failure returns the error to answer.
  asio::awaitable<Status> ReadBody(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                   http::request_parser<http::empty_body>& header, BodyKind kind,
                                   HttpRequest& req) {
    beast::error_code ec;
    auto& h = header.get();
    bool has_body = h.has_content_length() || h.chunked();
    if (!has_body || header.is_done()) co_return Ok();
    // Beast checks body_limit against Content-Length while parsing the header, which used the
    // upload limit; enforce the route's own limit here, before reading a byte of the body.
    const uint64_t limit = kind == BodyKind::kUpload ? options.max_upload_bytes : options.max_body_bytes;
    if (auto declared = header.content_length(); declared && *declared > limit) {
      co_return Err(ErrorKind::kPayloadTooLarge, "http.body_too_large",
                    "The request body exceeds the limit of " + std::to_string(limit) + " bytes.",
                    "请求体超过 " + std::to_string(limit) + " 字节的上限。");
    }
    // Answer "Expect: 100-continue" so that clients such as curl send the body without delay.
    if (beast::iequals(h[http::field::expect], "100-continue")) {
      http::response<http::empty_body> cont{http::status::continue_, h.version()};
      stream.expires_after(options.io_timeout);
      co_await http::async_write(stream, cont, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return Err(ErrorKind::kInvalidArgument, "http.write_failed", "Connection failed.", "连接失败。");
    }
    auto body_error = [&](const beast::error_code& e, uint64_t limit) -> Status {
      if (e == http::error::body_limit) {
        return Err(ErrorKind::kPayloadTooLarge, "http.body_too_large",
                   "The request body exceeds the limit of " + std::to_string(limit) + " bytes.",
                   "请求体超过 " + std::to_string(limit) + " 字节的上限。");
      }
      if (e == beast::error::timeout) {
        return Err(ErrorKind::kRequestTimeout, "http.body_timeout", "The request body was not received in time.",
                   "未能在规定时间内收到请求体。");
      }
      return Err(ErrorKind::kInvalidArgument, "http.body_incomplete",
                 "The request body is incomplete or malformed: " + e.message(), "请求体不完整或格式错误：" + e.message());
    };
    if (kind == BodyKind::kUpload) {
      http::request_parser<http::file_body> p(std::move(header));
      p.body_limit(options.max_upload_bytes);
      req.body_file = options.upload_dir / ("upload-" + req.request_id);
      p.get().body().open(req.body_file.c_str(), beast::file_mode::write, ec);
      if (ec) {
        req.body_file.clear();
        co_return Err(ErrorKind::kUnavailable, "http.upload_unwritable", "The upload cannot be stored: " + ec.message(),
                      "无法保存上传文件：" + ec.message());
      }
      while (!p.is_done()) {
        stream.expires_after(options.io_timeout);  // inactivity limit per read, not per upload
        co_await http::async_read_some(stream, buffer, p, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
      }
      p.get().body().close();
      if (ec) co_return body_error(ec, options.max_upload_bytes);
      std::error_code fsec;
      req.body_size = std::filesystem::file_size(req.body_file, fsec);
      co_return Ok();
    }
    // kSmall, and kNone (a stray small body is read and discarded to keep the connection usable).
    http::request_parser<http::string_body> p(std::move(header));
    p.body_limit(options.max_body_bytes);
    stream.expires_after(options.io_timeout);
    co_await http::async_read(stream, buffer, p, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return body_error(ec, options.max_body_bytes);
    if (kind == BodyKind::kSmall) {
      req.body = std::move(p.get().body());
      req.body_size = req.body.size();
    }
    co_return Ok();
  }

  asio::awaitable<void> Session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    std::string remote;
    {
      beast::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    bool first = true;
    for (;;) {
      if (stopping) break;
      http::request_parser<http::empty_body> header;
      header.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      header.body_limit(options.max_upload_bytes);
      beast::error_code ec;
      stream.expires_after(first ? options.header_timeout : options.idle_timeout);
      SetIdle(&stream, true);
      co_await http::async_read_header(stream, buffer, header, asio::redirect_error(asio::use_awaitable, ec));
      SetIdle(&stream, false);
      first = false;
      auto started = Clock::now();
      HttpRequest req;
      req.request_id = NewRequestId();
      req.remote_address = remote;
      if (ec) {
        if (ec == http::error::end_of_stream || ec == asio::error::connection_reset ||
            ec == asio::error::operation_aborted || (ec == beast::error::timeout && buffer.size() == 0)) {
          break;  // client went away, idle timeout, or shutdown
        }
        Error e = ec == http::error::header_limit
                      ? Err(ErrorKind::kPayloadTooLarge, "http.header_too_large", "The request header is too large.", "请求头过大。")
                  : ec == beast::error::timeout
                      ? Err(ErrorKind::kRequestTimeout, "http.header_timeout", "The request header was not received in time.", "未能在规定时间内收到请求头。")
                      : Err(ErrorKind::kInvalidArgument, "http.malformed", "Malformed HTTP request: " + ec.message(), "HTTP请求格式错误：" + ec.message());
        HttpResponse r = ErrorResponse(e, req.request_id);
        if (ec == http::error::header_limit) r.status = 431;
        uint64_t bytes = 0;
        co_await WriteResponse(stream, r, req, 11, false, bytes);
        Finish(req, "invalid", "-", r.status, bytes, started);
        break;
      }
      auto& h = header.get();
      req.method = FromVerb(h.method());
      req.target = std::string(h.target());
      for (const auto& f : h) req.headers.Add(std::string(f.name_string()), std::string(f.value()));
      bool keep_alive = h.keep_alive() && !stopping;
      std::string route_label = "unmatched";

      Result<HttpResponse> result = Err(ErrorKind::kInternal, "internal", "Unhandled.", "未处理。");
      bool close_after = false;
      if (h.version() >= 11 && h.find(http::field::host) == h.end()) {
        result = Err(ErrorKind::kInvalidArgument, "http.missing_host", "HTTP/1.1 requests must carry a Host header.",
                     "HTTP/1.1 请求必须包含 Host 头。");
        close_after = true;
      } else if (h.find(http::field::content_length) != h.end() && h.find(http::field::transfer_encoding) != h.end()) {
        // RFC 9112 §6.1: a message with both is ambiguous (request smuggling); answer and close.
        result = Err(ErrorKind::kInvalidArgument, "http.ambiguous_length",
                     "The request has both Content-Length and Transfer-Encoding.", "请求同时包含 Content-Length 和 Transfer-Encoding。");
        close_after = true;
      } else if (Status st = ParseTarget(req.target, req); !st.ok()) {
        result = std::move(st).error();
        close_after = h.has_content_length() || h.chunked();
      } else {
        RouteMatch match = router.Match(req.method, req.path, &req);
        BodyKind body_kind = match.route != nullptr ? match.route->body : BodyKind::kNone;
        Status body = co_await ReadBody(stream, buffer, header, body_kind, req);
        if (!body.ok()) {
          result = std::move(body).error();
          close_after = true;
        } else if (match.route != nullptr) {
          route_label = match.route->pattern;
          const Route* route = match.route;
          metrics.InFlight(1);
          if (route->run_inline) {
            result = CallHandler(route->handler, req);
          } else {
            result = co_await Offload([route, &req] { return CallHandler(route->handler, req); });
          }
          metrics.InFlight(-1);
        } else if (match.method_mismatch) {
          route_label = "method_not_allowed";
          result = Err(ErrorKind::kMethodNotAllowed, "http.method_not_allowed",
                       "Method " + std::string(MethodName(req.method)) + " is not allowed here.",
                       "此地址不允许 " + std::string(MethodName(req.method)) + " 方法。");
        } else if ((req.method == HttpMethod::kGet || req.method == HttpMethod::kHead) && router.fallback() &&
                   !req.path.starts_with("/api/")) {
          route_label = "static";
          result = co_await Offload([this, &req] { return CallHandler(router.fallback(), req); });
        } else {
          result = Err(ErrorKind::kNotFound, "http.not_found", "No such API endpoint: " + req.path,
                       "不存在的接口：" + req.path);
        }
      }
      if (!req.body_file.empty()) {
        std::error_code fsec;
        std::filesystem::remove(req.body_file, fsec);
      }
      if (close_after) keep_alive = false;

      HttpResponse response = result.ok() ? std::move(result).value() : ErrorResponse(result.error(), req.request_id);
      if (!result.ok() && result.error().kind == ErrorKind::kMethodNotAllowed) {
        RouteMatch m = router.Match(req.method, req.path, nullptr);
        std::string allow;
        for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
        response.headers.Set("allow", allow);
      }
      uint64_t bytes = 0;
      bool ok = response.stream ? co_await WriteStream(stream, response, req, h.version(), keep_alive, bytes)
                                : co_await WriteResponse(stream, response, req, h.version(), keep_alive, bytes);
      Finish(req, route_label, req.principal_id.empty() ? "-" : req.principal_id, response.status, bytes, started);
      if (!ok || !keep_alive) break;
    }
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    co_await DrainBeforeClose(stream);
    stream.socket().close(ec);
  }

  // Lingering close, as nginx does: after an early answer (413, 431, 400) the client may still be
  // sending; closing with unread bytes makes the kernel reset the connection, and the client loses
  // the answer. Read and discard for a moment (bounded in time and bytes) before closing.
  asio::awaitable<void> DrainBeforeClose(beast::tcp_stream& stream) {
    stream.expires_after(std::chrono::seconds(2));
    std::array<char, 16384> buf{};
    size_t total = 0;
    beast::error_code ec;
    while (total < (8u << 20)) {
      size_t n = co_await stream.async_read_some(asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;  // end of stream, timeout or reset: done either way
      total += n;
    }
  }

  void Finish(const HttpRequest& req, const std::string& route, const std::string& principal, int status,
              uint64_t bytes, Clock::time_point started) {
    double secs = std::chrono::duration<double>(Clock::now() - started).count();
    metrics.RecordRequest(route, MethodName(req.method), status, secs);
    // The query string is not logged: it may carry personal data (e.g. an ID in a filter).
    AccessLog().info("{} \"{} {}{}\" {} {} {:.3f}ms rid={} principal={} route={}", req.remote_address.empty() ? "-" : req.remote_address,
                     MethodName(req.method), req.path.empty() ? std::string("-") : req.path,
                     req.query.empty() ? "" : "?…", status, bytes, secs * 1000, req.request_id, principal, route);
  }

  void BeginShutdown() {
    if (stopping.exchange(true)) return;
    Log().info("shutting down: no new connections, draining in-flight requests");
    beast::error_code ec;
    if (acceptor) acceptor->close(ec);
    {
      std::lock_guard lock(sessions_mu);
      for (beast::tcp_stream* s : idle_streams) {
        asio::post(s->get_executor(), [s] { s->cancel(); });
      }
    }
    auto deadline = Clock::now() + options.shutdown_grace;
    auto timer = std::make_shared<asio::steady_timer>(io);
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, timer, deadline, poll] {
      size_t n = 0;
      {
        std::lock_guard lock(sessions_mu);
        n = active;
        for (beast::tcp_stream* s : idle_streams) asio::post(s->get_executor(), [s] { s->cancel(); });
      }
      if (n == 0 || Clock::now() >= deadline) {
        if (n > 0) Log().warn("shutdown grace period over with {} connections open", n);
        io.stop();
        return;
      }
      timer->expires_after(std::chrono::milliseconds(50));
      timer->async_wait([poll](const beast::error_code&) { (*poll)(); });
    };
    (*poll)();
  }
};

HttpServer::HttpServer(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

HttpServer::~HttpServer() {
  impl_->workers.join();
}

Status HttpServer::Listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) {
    return Err(ErrorKind::kInvalidArgument, "server.bad_address", "Invalid listen address: " + impl_->options.host,
               "无效的监听地址：" + impl_->options.host);
  }
  auto acceptor = std::make_unique<tcp::acceptor>(impl_->io);
  tcp::endpoint ep(address, impl_->options.port);
  acceptor->open(ep.protocol(), ec);
  if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(ep, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Err(ErrorKind::kUnavailable, "server.listen_failed",
               "Cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) + ": " + ec.message(),
               "无法监听 " + impl_->options.host + ":" + std::to_string(impl_->options.port) + "：" + ec.message());
  }
  impl_->acceptor = std::move(acceptor);
  return Ok();
}

uint16_t HttpServer::port() const {
  beast::error_code ec;
  return impl_->acceptor ? impl_->acceptor->local_endpoint(ec).port() : 0;
}

void HttpServer::Run() {
  Impl& s = *impl_;
  asio::signal_set signals(s.io, SIGINT, SIGTERM);
  signals.async_wait([&s](const beast::error_code& ec, int) {
    if (!ec) s.BeginShutdown();
  });
  asio::co_spawn(s.io, s.Accept(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < s.options.io_threads; ++i) threads.emplace_back([&s] { s.io.run(); });
  s.io.run();
  for (auto& t : threads) t.join();
  signals.cancel();
}

void HttpServer::Stop() {
  asio::post(impl_->io, [this] { impl_->BeginShutdown(); });
}

}  // namespace gongshu::api
