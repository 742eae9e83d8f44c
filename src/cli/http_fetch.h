#pragma once
// A minimal synchronous HTTP/1.1 client for the CLI verbs that talk to a running platform (the
// auditor's `audit witness`): one request per connection, plain http:// only (put the platform
// behind a TLS proxy and run the witness on the same network, or pass files instead).
#include <chrono>
#include <map>
#include <string>

#include "core/result.h"

namespace gongshu::cli {

struct FetchResult {
  int status = 0;
  std::string content_type;
  std::string body;
};

// `url`: http://host[:port]/path?query. Errors: cli.bad_url, cli.http_failed (kUnavailable).
Result<FetchResult> HttpFetch(const std::string& method, const std::string& url, const std::string& body = "",
                              const std::map<std::string, std::string>& headers = {},
                              std::chrono::seconds timeout = std::chrono::seconds(30));

}  // namespace gongshu::cli
