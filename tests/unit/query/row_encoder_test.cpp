#include "query/row_encoder.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/encoding.h"
#include "query_test_db.h"

namespace gongshu::query {
namespace {

using testing::QueryDb;

// Every column type DuckDB can hand the encoders, with NULLs in a second row.
constexpr const char* kAllTypes = R"sql(
  SELECT * FROM (VALUES
   (true, -8::TINYINT, -300::SMALLINT, -70000::INTEGER, -9000000000::BIGINT,
    170141183460469231731687303715884105727::HUGEINT, 255::UTINYINT, 65535::USMALLINT,
    4294967295::UINTEGER, 18446744073709551615::UBIGINT, 1.5::FLOAT, 0.1::DOUBLE,
    -0.05::DECIMAL(4,2), 12345.678::DECIMAL(9,3), -1234567890.12::DECIMAL(18,2),
    12345678901234567890.123456::DECIMAL(38,6),
    'say "hi", 中文' || chr(10) || 'line2', '\xAA\xBB'::BLOB, DATE '2024-02-29',
    TIME '10:11:12.5', TIMESTAMP '2024-01-31 10:00:00.123', TIMESTAMPTZ '2024-01-31 10:00:00+00',
    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID, ''),
   (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
  ) t(b, ti, si, i, bi, hi, uti, usi, ui, ubi, f, d, dec4, dec9, dec18, dec38, s, blob, dt, tm, ts,
      tstz, u, empty)
)sql";

struct Encoded {
  std::string text;
  std::vector<std::string> names;
};

Encoded EncodeQuery(QueryDb& db, const std::string& sql, RowFormat format) {
  auto s = db.Lease();
  auto stream = s->Stream(sql);
  EXPECT_TRUE(stream.ok()) << stream.error().message;
  Encoded e;
  for (const auto& c : (*stream)->columns()) e.names.push_back(c.name);
  RowEncoder enc(format, e.names);
  enc.AppendHeader(e.text);
  if (format == RowFormat::kJson) e.text += "[";
  for (;;) {
    auto c = (*stream)->Next();
    EXPECT_TRUE(c.ok());
    if (!c.ok() || *c == nullptr) break;
    enc.Append(**c, (*stream)->columns(), 0, (*c)->size, e.text);
  }
  if (format == RowFormat::kJson) e.text += "]";
  return e;
}

TEST(RowEncoder, JsonCoversEveryColumnTypeAndParsesBack) {
  QueryDb db;
  Encoded e = EncodeQuery(db, kAllTypes, RowFormat::kJson);
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(e.text, ec);
  ASSERT_FALSE(ec) << e.text;
  const auto& rows = v.as_array();
  ASSERT_EQ(rows.size(), 2u);
  const auto& r = rows[0].as_object();
  EXPECT_EQ(r.at("b").as_bool(), true);
  EXPECT_EQ(r.at("ti").as_int64(), -8);
  EXPECT_EQ(r.at("si").as_int64(), -300);
  EXPECT_EQ(r.at("i").as_int64(), -70000);
  EXPECT_EQ(r.at("bi").as_int64(), -9000000000);
  EXPECT_NE(e.text.find("\"hi\":170141183460469231731687303715884105727"), std::string::npos);
  EXPECT_EQ(r.at("uti").as_int64(), 255);
  EXPECT_EQ(r.at("usi").as_int64(), 65535);
  EXPECT_EQ(r.at("ui").as_int64(), 4294967295);
  EXPECT_EQ(r.at("ubi").as_uint64(), 18446744073709551615ULL);
  EXPECT_DOUBLE_EQ(r.at("f").as_double(), 1.5);
  EXPECT_DOUBLE_EQ(r.at("d").as_double(), 0.1);
  EXPECT_NE(e.text.find("\"dec4\":-0.05,"), std::string::npos);
  EXPECT_NE(e.text.find("\"dec9\":12345.678,"), std::string::npos);
  EXPECT_NE(e.text.find("\"dec18\":-1234567890.12,"), std::string::npos);
  EXPECT_NE(e.text.find("\"dec38\":12345678901234567890.123456,"), std::string::npos);
  EXPECT_EQ(r.at("s").as_string(), "say \"hi\", 中文\nline2");
  EXPECT_EQ(r.at("blob").as_string(), Base64Encode("\xAA\xBB"));
  EXPECT_EQ(r.at("dt").as_string(), "2024-02-29");
  EXPECT_EQ(r.at("tm").as_string(), "10:11:12.5");
  EXPECT_EQ(r.at("ts").as_string(), "2024-01-31T10:00:00.123");
  EXPECT_EQ(r.at("tstz").as_string(), "2024-01-31T10:00:00Z");
  EXPECT_EQ(r.at("u").as_string(), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(r.at("empty").as_string(), "");
  for (const auto& [k, val] : rows[1].as_object()) EXPECT_TRUE(val.is_null()) << k;
}

TEST(RowEncoder, NdjsonIsOneObjectPerLine) {
  QueryDb db;
  Encoded e =
      EncodeQuery(db, "SELECT range AS n, 'x' || range AS s FROM range(5000)", RowFormat::kNdjson);
  size_t lines = 0, start = 0;
  while (start < e.text.size()) {
    size_t nl = e.text.find('\n', start);
    ASSERT_NE(nl, std::string::npos);
    auto v = boost::json::parse(e.text.substr(start, nl - start));
    EXPECT_EQ(v.at("n").as_int64(), static_cast<int64_t>(lines));
    ++lines;
    start = nl + 1;
  }
  EXPECT_EQ(lines, 5000u);
}

TEST(RowEncoder, SpecialFloatsAndInfiniteDates) {
  QueryDb db;
  const std::string sql =
      "SELECT 'nan'::DOUBLE AS a, 'inf'::DOUBLE AS b, '-inf'::FLOAT AS c, DATE 'infinity' AS d, "
      "TIMESTAMP '-infinity' AS e, DATE '0044-03-15' AS f, TIMESTAMP '1969-12-31 23:59:59.999999' "
      "AS g";
  Encoded j = EncodeQuery(db, sql, RowFormat::kJson);
  EXPECT_EQ(j.text,
            "[{\"a\":null,\"b\":null,\"c\":null,\"d\":\"infinity\",\"e\":\"-infinity\","
            "\"f\":\"0044-03-15\",\"g\":\"1969-12-31T23:59:59.999999\"}]");
  Encoded c = EncodeQuery(db, sql, RowFormat::kCsv);
  EXPECT_EQ(
      c.text,
      "a,b,c,d,e,f,g\r\nnan,inf,-inf,infinity,-infinity,0044-03-15,1969-12-31 23:59:59.999999\r\n");
}

TEST(RowEncoder, CsvQuotingFollowsRfc4180) {
  std::string out;
  AppendCsvField(out, "plain");
  out += '|';
  AppendCsvField(out, "a,b");
  out += '|';
  AppendCsvField(out, "say \"hi\"");
  out += '|';
  AppendCsvField(out, "two\nlines");
  out += '|';
  AppendCsvField(out, "cr\r");
  out += '|';
  AppendCsvField(out, "");
  out += '|';
  AppendCsvField(out, "中文");
  EXPECT_EQ(out, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"cr\r\"|\"\"|中文");
}

TEST(RowEncoder, CsvRoundTripsThroughDuckDbReadCsv) {
  QueryDb db;
  // Everything but BLOB (written as base64 text) must read back to equal values.
  const std::string cols =
      "b, ti, si, i, bi, hi, uti, usi, ui, ubi, f, d, dec4, dec9, dec18, dec38, s, dt, tm, ts, "
      "tstz, u, empty";
  db.Exec(std::string("CREATE TABLE src AS SELECT ") + cols + " FROM (" + kAllTypes + ")");
  db.Exec(
      "INSERT INTO src SELECT true, 1, 2, 3, 4, 5, 6, 7, 8, 9, 'nan', '-inf', 0, 0, 0, 0, "
      "'comma, quote \" and ''single''', DATE '1900-01-01', TIME '00:00:00', "
      "TIMESTAMP '2000-01-01 00:00:00', TIMESTAMPTZ '2000-01-01 00:00:00+00', "
      "'00000000-0000-0000-0000-000000000000', 'x'");
  Encoded e = EncodeQuery(db, "SELECT * FROM src", RowFormat::kCsv);
  auto path = db.dir().Write("roundtrip.csv", e.text);
  auto types = db.Query(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'src' "
      "ORDER BY ordinal_position");
  std::string spec = "{";
  for (size_t i = 0; i < types.rows.size(); ++i) {
    if (i > 0) spec += ", ";
    spec += "'" + types.rows[i][0].as_text() + "': '" + types.rows[i][1].as_text() + "'";
  }
  spec += "}";
  std::string read = "read_csv('" + path.string() +
                     "', header = true, allow_quoted_nulls = false, columns = " + spec + ")";
  auto diff1 =
      db.Query("SELECT count(*) FROM (SELECT * FROM src EXCEPT SELECT * FROM " + read + ")");
  auto diff2 =
      db.Query("SELECT count(*) FROM (SELECT * FROM " + read + " EXCEPT SELECT * FROM src)");
  auto n = db.Query("SELECT count(*) FROM " + read);
  EXPECT_EQ(n.rows[0][0].as_int(), 3);
  EXPECT_EQ(diff1.rows[0][0].as_int(), 0) << e.text;
  EXPECT_EQ(diff2.rows[0][0].as_int(), 0) << e.text;
  // The empty string and NULL stay distinct.
  auto empty = db.Query("SELECT count(*) FROM " + read + " WHERE empty = ''");
  EXPECT_EQ(empty.rows[0][0].as_int(), 1);
}

TEST(RowEncoder, RespectsRowRangesAndIgnoresHiddenColumns) {
  QueryDb db;
  auto s = db.Lease();
  auto stream = s->Stream("SELECT range AS n, range * 10 AS hidden FROM range(10)");
  ASSERT_TRUE(stream.ok());
  auto c = (*stream)->Next();
  ASSERT_TRUE(c.ok() && *c != nullptr);
  RowEncoder enc(RowFormat::kJson, {"n"});
  std::string out;
  enc.Append(**c, (*stream)->columns(), 2, 4, out);
  enc.Append(**c, (*stream)->columns(), 7, 8, out);
  EXPECT_EQ(out, "{\"n\":2},{\"n\":3},{\"n\":7}");
  EXPECT_EQ(enc.rows_written(), 3u);
}

}  // namespace
}  // namespace gongshu::query
