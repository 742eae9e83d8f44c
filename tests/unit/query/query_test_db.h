#pragma once
// Shared fixture for query tests: a real DuckDB engine in a temporary data dir with the platform
// migrations applied, and a small "people" dataset version table with ties, NULLs, Chinese text
// and every catalog type.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "query/query.h"
#include "storage/duckdb/duckdb_engine.h"
#include "storage/migrations.h"
#include "support/temp_dir.h"

namespace gongshu::query::testing {

class QueryDb {
 public:
  QueryDb() {
    storage::DuckDbOptions o;
    o.path = (dir_.path() / "gongshu.duckdb").string();
    o.allowed_directories = {dir_.str()};
    o.temp_directory = (dir_.path() / "tmp").string();
    o.threads = 2;
    auto e = storage::DuckDbEngine::Open(o);
    if (!e.ok()) throw std::runtime_error(e.error().message);
    engine_ = std::move(e).value();
    auto s = Lease();
    auto migrations = storage::PlatformMigrations();
    if (!migrations.ok()) throw std::runtime_error(migrations.error().message);
    auto applied = storage::ApplyMigrations(*s, *migrations);
    if (!applied.ok()) throw std::runtime_error(applied.error().message);
  }

  storage::SessionLease Lease() {
    auto s = engine_->Acquire();
    if (!s.ok()) throw std::runtime_error(s.error().message);
    return std::move(s).value();
  }

  void Exec(const std::string& sql) {
    auto s = Lease();
    Status st = s->Execute(sql);
    if (!st.ok()) throw std::runtime_error(st.error().message + "\n" + sql);
  }

  storage::Table Query(const std::string& sql, const storage::Params& params = {}) {
    auto s = Lease();
    auto t = s->Query(sql, params);
    if (!t.ok()) throw std::runtime_error(t.error().message + "\n" + sql);
    return std::move(t).value();
  }

  const gongshu::testing::TempDir& dir() const { return dir_; }
  storage::Engine& engine() { return *engine_; }

  // data."people__v1": 12 rows.
  void CreatePeople() {
    Exec(R"sql(
      CREATE TABLE data."people__v1" (
        id INTEGER, name VARCHAR, city VARCHAR, age INTEGER, score DOUBLE, amount DECIMAL(12,2),
        born DATE, seen TIMESTAMP, "at" TIME, active BOOLEAN, resident_id VARCHAR, mobile VARCHAR,
        "行政区划代码" VARCHAR, "odd name" VARCHAR);
      INSERT INTO data."people__v1" VALUES
        (1, '张三', '北京', 30, 88.5, 1200.50, '1994-03-01', '2024-01-31 10:00:00', '08:30:00', true,  '11010519491231002X', '13800138000', '110105', 'a'),
        (2, '李四', '上海', 25, 92.0, 300.00,  '1999-07-15', '2024-02-01 11:30:00', '09:00:00', false, '440304199001011233', '19912345678', '310115', 'b'),
        (3, '王五', '北京', 41, NULL, 50.25,   '1983-12-24', '2024-02-10 08:00:00', '10:15:30', true,  '310115198812120534', '13912345678', '110108', 'c'),
        (4, '欧阳娜娜', '广州', 30, 75.25, 999.99, '1994-11-11', NULL,                 NULL,       NULL,  '510107197007070012', '13700000000', '440106', 'd'),
        (5, 'Alice', '上海', NULL, 60.0, NULL,   NULL,         '2023-12-31 23:59:59', '23:59:59', true,  NULL,                 NULL,          '310101', 'e'),
        (6, 'Bob', '北京', 25, 60.0, 10.00,      '1999-01-01', '2024-03-01 00:00:00', '12:00:00', false, '11010519491231002X', '13800138001', '110105', 'f'),
        (7, '赵六', '深圳', 52, 99.9, 5000.00,  '1972-05-05', '2024-01-01 12:00:00', '13:00:00', true,  '44030419900101123X', '13600000000', '440304', 'g'),
        (8, '钱七', NULL, 33, 70.0, 123.45,     '1991-02-28', '2024-01-15 09:45:00', '14:00:00', true,  NULL,                 '15000000000', NULL,     'h'),
        (9, '孙八', '广州', 30, 88.5, 0.00,     '1994-06-30', '2024-02-29 16:20:00', '15:30:00', false, NULL,                 '18000000000', '440103', 'i'),
        (10, '周九', '上海', 47, 81.0, 777.77,  '1977-08-08', '2024-03-15 18:00:00', '16:45:00', true,  NULL,                 '18800000000', '310104', 'j'),
        (11, '吴十', '北京', 19, 55.5, -20.50,  '2005-09-09', '2024-01-20 07:07:07', '17:00:00', NULL,  NULL,                 '13300000000', '110101', 'k'),
        (12, 'O''Brien, "Jr"', '深圳', 38, 66.0, 1.10, '1986-04-04', '2024-02-14 14:14:14', '18:00:00', true, NULL,      '13100000000', '440305', 'l');
    )sql");
  }

  static QueryScope PeopleScope() {
    QueryScope s;
    s.table = "data.\"people__v1\"";
    s.fields = {
        {"id", "integer", "", true},
        {"name", "string", "", true},
        {"city", "string", "", true},
        {"age", "integer", "", true},
        {"score", "number", "", true},
        {"amount", "number", "", true},
        {"born", "date", "", true},
        {"seen", "datetime", "", true},
        {"at", "time", "", true},
        {"active", "boolean", "", true},
        {"resident_id", "string", "resident_id", true},
        {"mobile", "string", "mobile", false},
        {"行政区划代码", "string", "", true},
        {"odd name", "string", "", true},
    };
    s.cursor_key = "test-cursor-key-0123456789abcdef";
    return s;
  }

  // Compiles and runs a records page; returns the parsed JSON body.
  Result<boost::json::object> Page(const RecordsRequest& r, const QueryScope& scope) {
    GS_ASSIGN_OR_RETURN(CompiledQuery q, CompileRecords(r, scope));
    auto s = Lease();
    GS_ASSIGN_OR_RETURN(std::string body, RunRecordsPage(*s, q, r, scope, {}));
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) {
      return MakeError(ErrorKind::kInternal, "test.json", "invalid JSON: " + body, "");
    }
    return v.as_object();
  }

 private:
  gongshu::testing::TempDir dir_;
  std::unique_ptr<storage::DuckDbEngine> engine_;
};

// Values of one column of a page's results, as JSON values.
inline std::vector<boost::json::value> Column(const boost::json::object& page,
                                              const std::string& key) {
  std::vector<boost::json::value> out;
  for (const auto& row : page.at("results").as_array()) out.push_back(row.as_object().at(key));
  return out;
}

inline std::vector<int64_t> Ids(const boost::json::object& page, const std::string& key = "id") {
  std::vector<int64_t> out;
  for (const auto& v : Column(page, key)) out.push_back(v.as_int64());
  return out;
}

}  // namespace gongshu::query::testing
