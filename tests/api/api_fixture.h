#pragma once
// A real `gongshu serve` on 127.0.0.1:0 with a small seeded catalog, shared by the HTTP tests.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace gongshu::testing {

// A user made for a test, with an API token (roles: all of the user's).
struct TestUser {
  std::string id;
  std::string username;
  std::string password;
  std::string organisation_id;
  std::string token;  // "gst_…"
  std::map<std::string, std::string> Bearer() const { return {{"authorization", "Bearer " + token}}; }
};

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

  // ---- identity helpers (through the HTTP API, as the bootstrapped authority administrator) ----
  // Creates the organisation if absent (kind: authority|department|operator|enterprise|public).
  static void EnsureOrganisation(const std::string& id, const std::string& kind, const std::string& name_zh = "");
  // A new user of `org` with `roles` and an API token made from its own signed-in session.
  // `username` empty: a unique one is generated.
  static TestUser CreateUser(const std::string& org, const std::vector<std::string>& roles,
                             const std::string& username = "");
  // Signs in; the gs_session cookie value ("" when refused).
  static std::string Login(const std::string& username, const std::string& password);
  // Headers of a request the portal makes with a session: the cookie and a same-origin Origin.
  static std::map<std::string, std::string> Session(const std::string& cookie);

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
