#pragma once
// A real `gongshu serve` on 127.0.0.1:0 with a small seeded catalog, shared by the HTTP tests.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace gongshu::testing {

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  static HttpClient Client() { return server_->client(); }
  static std::map<std::string, std::string> Admin() { return {{"authorization", server_->admin_header()}}; }
  static HttpResult Get(const std::string& target) { return Client().Get(target); }
  static HttpResult AdminPost(const std::string& target, const std::string& json);
  static HttpResult Upload(const std::string& resource, const std::string& bytes, const std::string& query = "");
  static boost::json::value Json(const HttpResult& r);
  // Asserts an error envelope with the status and code, and both messages present.
  static void ExpectError(const HttpResult& r, int status, const std::string& code);
  static ServerProcess& Server() { return *server_; }
  static const TempDir& Dir() { return *dir_; }

  // The seeded resources: "cities" (open; fields code/name/population L1, secret L3), "conditional"
  // (有条件开放) and "closed" (不予开放), all published with data.
  static void Seed();
  static std::string CitiesCsv();

 private:
  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<ServerProcess> server_;
};

// UTF-8 → GB18030 with iconv (Chinese government CSVs are very often GBK).
std::string ToGb18030(const std::string& utf8);

}  // namespace gongshu::testing
