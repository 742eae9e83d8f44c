#include "ingest/importer.h"

#include <atomic>
#include <boost/json.hpp>
#include <fstream>
#include <set>
#include <thread>

#include "core/crypto.h"
#include "ingest_fixture.h"

namespace gongshu::ingest::test {
namespace {

namespace json = boost::json;
using storage::Value;

const catalog::Field* FindField(const std::vector<catalog::Field>& fields,
                                const std::string& name) {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

json::object ProfileField(const ImportResult& r, const std::string& name) {
  json::value p = json::parse(r.version.profile_json);
  for (const auto& f : p.at("fields").as_array()) {
    if (f.at("name").as_string() == name) return f.as_object();
  }
  ADD_FAILURE() << "no profile for " << name;
  return {};
}

std::string BigCsv(int rows, const std::string& tail = "") {
  std::string s = "id,name,amount\n";
  s.reserve(static_cast<size_t>(rows) * 24);
  for (int i = 0; i < rows; ++i)
    s += std::to_string(i) + ",name" + std::to_string(i) + "," + std::to_string(i * 3) + "\n";
  return s + tail;
}

TEST_F(IngestTest, ImportsUtf8CsvAsVersionOne) {
  CreateResource("people");
  const std::string content =
      "name,age,score,born\n张三,30,1.5,1990-01-02\n李四,41,2.25,1983-05-06\n";
  auto r = MustImport("people", Source("people.csv", content));
  EXPECT_EQ(r.version.version, 1);
  EXPECT_EQ(r.version.row_count, 2);
  EXPECT_EQ(r.version.byte_size, static_cast<int64_t>(content.size()));
  EXPECT_EQ(r.version.checksum, Sha256Hex(content));
  EXPECT_EQ(r.version.source_format, "csv");
  EXPECT_EQ(r.version.source_encoding, "utf-8");
  EXPECT_EQ(r.version.source_name, "people.csv");
  EXPECT_EQ(r.version.published_at, clock_.NowMicros());
  EXPECT_EQ(r.version.table_name, "data.\"people__v1\"");
  EXPECT_EQ(r.detected_format, "csv");
  EXPECT_EQ(r.delimiter, ',');
  EXPECT_TRUE(r.header);
  ASSERT_EQ(r.fields.size(), 4u);
  EXPECT_EQ(r.fields[0].type, "string");
  EXPECT_EQ(r.fields[1].type, "integer");
  EXPECT_EQ(r.fields[2].type, "number");
  EXPECT_EQ(r.fields[3].type, "date");
  EXPECT_EQ(r.fields[0].level, catalog::ClassificationLevel::kGeneral2);  // fail closed
  EXPECT_EQ(r.fields[0].title_zh, "name");
  // Stored types are normalized.
  auto cols = Query(
      "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'data' AND "
      "table_name = 'people__v1' ORDER BY column_index");
  ASSERT_EQ(cols.rows.size(), 4u);
  EXPECT_EQ(cols.rows[1][1].as_text(), "BIGINT");
  EXPECT_EQ(cols.rows[2][1].as_text(), "DOUBLE");
  EXPECT_EQ(cols.rows[3][1].as_text(), "DATE");
  auto t = Query("SELECT name, age FROM " + r.version.table_name + " ORDER BY age");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0].as_text(), "张三");
  // The catalog serves the new version.
  EXPECT_EQ(CurrentVersion("people"), 1);
  const catalog::Resource* res = catalog_->Snapshot()->Find("people");
  ASSERT_NE(res, nullptr);
  EXPECT_EQ(res->fields.size(), 4u);
  EXPECT_EQ(StagingFileCount(), 0u);
}

TEST_F(IngestTest, ConvertsGbkCsv) {
  CreateResource("gbk");
  // "名称,数量\n北京,1\n上海,2\n" in GBK.
  const std::string gbk =
      "\xC3\xFB\xB3\xC6,\xCA\xFD\xC1\xBF\n\xB1\xB1\xBE\xA9,1\n\xC9\xCF\xBA\xA3,2\n";
  auto r = MustImport("gbk", Source("gbk.csv", gbk));
  EXPECT_EQ(r.detected_encoding, "gb18030");
  EXPECT_EQ(r.version.source_encoding, "gb18030");
  EXPECT_EQ(r.version.byte_size, static_cast<int64_t>(gbk.size()));
  EXPECT_EQ(r.version.checksum, Sha256Hex("名称,数量\n北京,1\n上海,2\n"));  // of the UTF-8 imported
  ASSERT_EQ(r.fields.size(), 2u);
  EXPECT_EQ(r.fields[0].name, "名称");
  EXPECT_EQ(r.fields[1].name, "数量");
  EXPECT_EQ(r.fields[1].type, "integer");
  auto t = Query("SELECT \"名称\" FROM " + r.version.table_name + " ORDER BY \"数量\"");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0].as_text(), "北京");
  EXPECT_EQ(t.rows[1][0].as_text(), "上海");
  bool warned = false;
  for (const auto& w : r.warnings) warned = warned || w.find("gb18030") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST_F(IngestTest, ExplicitEncodingOverridesDetection) {
  CreateResource("declared");
  // Valid UTF-8 bytes declared as GB18030 are decoded as GB18030 (the caller knows best).
  auto r = MustImport("declared", Source("d.csv", "a,b\n1,2\n"), ImportOptions{.encoding = "GBK"});
  EXPECT_EQ(r.detected_encoding, "gb18030");
  // Bytes invalid in the declared encoding: 422 with offset and line.
  auto bad = importer_->ImportFile("declared", Source("bad.csv", "a,b\n1,2\n3,\xFF\n"),
                                   ImportOptions{.encoding = "utf-8"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::kUnprocessable);
  EXPECT_EQ(bad.error().code, "ingest.invalid_encoding");
  EXPECT_NE(bad.error().message.find("line 3"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("offset 10"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message_zh.find("第3行"), std::string::npos);
  auto unknown = importer_->ImportFile("declared", Source("u.csv", "a\n1\n"),
                                       ImportOptions{.encoding = "latin-9"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "ingest.unknown_encoding");
  EXPECT_EQ(CurrentVersion("declared"), 1);
}

TEST_F(IngestTest, StripsUtf8Bom) {
  CreateResource("bom");
  auto r = MustImport("bom", Source("bom.csv",
                                    "\xEF\xBB\xBF"
                                    "编号,名称\n001,甲\n002,乙\n"));
  ASSERT_EQ(r.fields.size(), 2u);
  EXPECT_EQ(r.fields[0].name, "编号");
  EXPECT_EQ(r.fields[0].type, "string");  // leading zeros and an identifier name
  EXPECT_EQ(r.version.checksum, Sha256Hex("编号,名称\n001,甲\n002,乙\n"));
  auto t = Query("SELECT \"编号\" FROM " + r.version.table_name + " ORDER BY 1");
  EXPECT_EQ(t.rows[0][0].as_text(), "001");
}

TEST_F(IngestTest, SniffsSemicolonAndTabDelimiters) {
  CreateResource("semi");
  auto semi = MustImport("semi", Source("semi.csv", "a;b;c\n1;x;2.5\n2;y;3.5\n3;z;4.5\n"));
  EXPECT_EQ(semi.delimiter, ';');
  EXPECT_EQ(semi.fields.size(), 3u);
  EXPECT_EQ(semi.version.row_count, 3);
  CreateResource("tabs");
  auto tabs = MustImport("tabs", Source("tabs.tsv", "a\tb\n1\tx y\n2\tz, w\n"));
  EXPECT_EQ(tabs.delimiter, '\t');
  EXPECT_EQ(tabs.fields.size(), 2u);
  auto t = Query("SELECT b FROM " + tabs.version.table_name + " ORDER BY a");
  EXPECT_EQ(t.rows[1][0].as_text(), "z, w");
  CreateResource("pipes");
  auto pipes = MustImport("pipes", Source("p.txt", "a|b\n1|2\n3|4\n"));
  EXPECT_EQ(pipes.delimiter, '|');
  // An explicit delimiter wins.
  CreateResource("forced");
  auto forced =
      MustImport("forced", Source("f.csv", "a;b,c\n1;2,3\n"), ImportOptions{.delimiter = ','});
  EXPECT_EQ(forced.delimiter, ',');
  EXPECT_EQ(forced.fields[0].name, "a;b");
}

TEST_F(IngestTest, HeaderlessCsv) {
  CreateResource("nohdr");
  auto r = MustImport("nohdr", Source("n.csv", "1,北京,2.5\n2,上海,3.5\n3,广州,4.5\n"));
  EXPECT_FALSE(r.header);
  ASSERT_EQ(r.fields.size(), 3u);
  EXPECT_EQ(r.fields[0].name, "column_1");
  EXPECT_EQ(r.fields[1].name, "column_2");
  EXPECT_EQ(r.version.row_count, 3);
  // And when the caller says so explicitly, the first row is data.
  CreateResource("nohdr2");
  auto r2 = MustImport("nohdr2", Source("n2.csv", "a,b\nc,d\n"), ImportOptions{.header = false});
  EXPECT_EQ(r2.version.row_count, 2);
  EXPECT_EQ(r2.fields[0].name, "column_1");
}

TEST_F(IngestTest, QuotedFieldsWithNewlinesAndQuotes) {
  CreateResource("quoted");
  auto r = MustImport(
      "quoted",
      Source("q.csv", "id,text\n1,\"第一行\n第二行\"\n2,\"he said \"\"hi\"\", ok\"\n3,plain\n"));
  EXPECT_EQ(r.version.row_count, 3);
  auto t = Query("SELECT text FROM " + r.version.table_name + " ORDER BY id");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0][0].as_text(), "第一行\n第二行");
  EXPECT_EQ(t.rows[1][0].as_text(), "he said \"hi\", ok");
}

TEST_F(IngestTest, RaggedRowIsRejectedWithItsLine) {
  CreateResource("ragged");
  auto r = importer_->ImportFile("ragged", Source("r.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n"), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kUnprocessable);
  EXPECT_EQ(r.error().code, "ingest.csv_malformed");
  EXPECT_NE(r.error().message.find("line 3"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message_zh.find("第3行"), std::string::npos) << r.error().message_zh;
  EXPECT_EQ(CurrentVersion("ragged"), 0);
  EXPECT_FALSE(TableExists("ragged", 1));
  EXPECT_EQ(StagingFileCount(), 0u);
}

TEST_F(IngestTest, UnterminatedQuoteAndTruncatedFile) {
  CreateResource("trunc");
  auto r = importer_->ImportFile("trunc", Source("t.csv", "a,b\n1,x\n2,\"never closed\n3,y\n"), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "ingest.csv_malformed");
  EXPECT_NE(r.error().message.find("line 3"), std::string::npos) << r.error().message;
  // A file cut inside a GBK character.
  auto cut = importer_->ImportFile("trunc", Source("cut.csv", "a,b\n1,\xB1\xB1\xBE"),
                                   ImportOptions{.encoding = "gbk"});
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().code, "ingest.invalid_encoding");
  EXPECT_NE(cut.error().message.find("truncated"), std::string::npos) << cut.error().message;
  EXPECT_EQ(CurrentVersion("trunc"), 0);
}

TEST_F(IngestTest, EmptyFileIsRejected) {
  CreateResource("empty");
  for (const std::string& content :
       {std::string(), std::string("\n\n  \n"), std::string("\xEF\xBB\xBF")}) {
    auto r = importer_->ImportFile("empty", Source("e.csv", content), {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "ingest.empty_file");
    EXPECT_EQ(r.error().kind, ErrorKind::kUnprocessable);
  }
  auto j = importer_->ImportFile("empty", Source("e.json", ""), {});
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.error().code, "ingest.empty_file");
  // A header without rows is a valid, empty version.
  auto h = MustImport("empty", Source("h.csv", "a,b\n"));
  EXPECT_EQ(h.version.row_count, 0);
  EXPECT_EQ(h.fields.size(), 2u);
}

TEST_F(IngestTest, JsonArrayNdjsonAndNestedValues) {
  CreateResource("arr");
  auto a = MustImport(
      "arr",
      Source("a.json", R"([{"id":1,"name":"甲","tags":["x","y"],"geo":{"lat":39.9,"lon":116.4}},
                                                   {"id":2,"name":"乙","tags":[],"geo":null}])"));
  EXPECT_EQ(a.detected_format, "json");
  EXPECT_EQ(a.version.row_count, 2);
  ASSERT_EQ(a.fields.size(), 4u);
  EXPECT_EQ(a.fields[0].type, "string");  // "id" is an identifier name
  EXPECT_EQ(a.fields[2].type, "string");  // list → JSON text
  EXPECT_EQ(a.fields[3].type, "string");  // struct → JSON text
  auto t = Query("SELECT id, tags, geo FROM " + a.version.table_name + " ORDER BY id");
  EXPECT_EQ(t.rows[0][0].as_text(), "1");
  EXPECT_EQ(t.rows[0][1].as_text(), R"(["x","y"])");
  EXPECT_EQ(t.rows[0][2].as_text(), R"({"lat":39.9,"lon":116.4})");
  EXPECT_TRUE(t.rows[1][2].is_null());

  CreateResource("nd");
  auto n = MustImport(
      "nd",
      Source("n.ndjson", "{\"k\":1,\"v\":\"a\"}\n{\"k\":2,\"v\":\"b\"}\n{\"k\":3,\"v\":null}\n"));
  EXPECT_EQ(n.detected_format, "ndjson");
  EXPECT_EQ(n.version.row_count, 3);
  EXPECT_EQ(n.fields[0].type, "integer");
  // NDJSON detected by content too.
  CreateResource("nd2");
  auto n2 = MustImport("nd2", Source("data.json", "{\"k\":1}\n{\"k\":2}\n"));
  EXPECT_EQ(n2.detected_format, "ndjson");
  EXPECT_EQ(n2.version.row_count, 2);
}

TEST_F(IngestTest, MalformedJsonIsRejected) {
  CreateResource("badjson");
  auto truncated = importer_->ImportFile("badjson", Source("t.json", R"([{"a":1},{"a":2},)"), {});
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().code, "ingest.json_malformed");
  auto broken =
      importer_->ImportFile("badjson", Source("b.ndjson", "{\"a\":1}\n{\"a\":2\n{\"a\":3}\n"), {});
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, "ingest.json_malformed");
  EXPECT_EQ(broken.error().kind, ErrorKind::kUnprocessable);
  auto not_json = importer_->ImportFile("badjson", Source("x.json", "hello"), {});
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.error().code, "ingest.json_malformed");
  EXPECT_EQ(CurrentVersion("badjson"), 0);
}

TEST_F(IngestTest, ParquetWithNormalizedTypes) {
  CreateResource("pq");
  // Written by DuckDB itself, inside the data dir (COPY may only write there).
  auto file = data_.path() / "sample.parquet";
  Query(
      "COPY (SELECT i::INTEGER AS n, (i * 1.25)::DECIMAL(10,2) AS amount, i::FLOAT AS f, "
      "'名' || i AS name, DATE '2024-01-01' + i::INTEGER AS day, "
      "TIMESTAMPTZ '2024-01-01 08:00:00+08' + to_hours(i) AS at, "
      "[i, i + 1] AS pair, {'a': i} AS obj, (9223372036854775808 + i)::UBIGINT AS big, i % 2 = 0 "
      "AS even "
      "FROM range(5) t(i)) TO '" +
      file.string() + "' (FORMAT parquet)");
  auto r = MustImport("pq", file);
  EXPECT_EQ(r.detected_format, "parquet");
  EXPECT_EQ(r.version.source_format, "parquet");
  EXPECT_EQ(r.version.row_count, 5);
  EXPECT_EQ(r.version.checksum, Sha256Hex(testing::ReadFile(file)));
  auto cols = Query(
      "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'data' AND "
      "table_name = 'pq__v1' ORDER BY column_index");
  std::map<std::string, std::string> types;
  for (const auto& row : cols.rows) types[row[0].as_text()] = row[1].as_text();
  EXPECT_EQ(types["n"], "BIGINT");
  EXPECT_EQ(types["amount"], "DOUBLE");
  EXPECT_EQ(types["f"], "DOUBLE");
  EXPECT_EQ(types["name"], "VARCHAR");
  EXPECT_EQ(types["day"], "DATE");
  EXPECT_EQ(types["at"], "TIMESTAMP");
  EXPECT_EQ(types["pair"], "VARCHAR");
  EXPECT_EQ(types["obj"], "VARCHAR");
  EXPECT_EQ(types["big"], "VARCHAR");
  EXPECT_EQ(types["even"], "BOOLEAN");
  auto t = Query("SELECT CAST(\"at\" AS VARCHAR), pair, obj FROM " + r.version.table_name +
                 " ORDER BY n LIMIT 1");
  EXPECT_EQ(t.rows[0][0].as_text(), "2024-01-01 00:00:00");  // stored in UTC
  EXPECT_EQ(t.rows[0][1].as_text(), "[0,1]");
  EXPECT_EQ(t.rows[0][2].as_text(), R"({"a":0})");
  // Not Parquet at all.
  auto bad = importer_->ImportFile("pq", Source("x.parquet", "not parquet"), {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "ingest.parquet_malformed");
  // Parquet magic, broken body.
  auto broken =
      importer_->ImportFile("pq", Source("y.parquet", "PAR1 this is not a parquet body PAR1"), {});
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, "ingest.parquet_malformed");
  EXPECT_EQ(CurrentVersion("pq"), 1);
}

TEST_F(IngestTest, TypeOverridesWin) {
  CreateResource("over");
  const std::string csv = "code,amount,flag\n001,10,x\n002,20,y\n";
  ImportOptions o;
  o.type_overrides = {{"code", "integer"}, {"amount", "string"}};
  auto r = MustImport("over", Source("o.csv", csv), o);
  EXPECT_EQ(FindField(r.fields, "code")->type, "integer");
  EXPECT_EQ(FindField(r.fields, "amount")->type, "string");
  auto t = Query("SELECT code FROM " + r.version.table_name + " ORDER BY code");
  EXPECT_EQ(t.rows[0][0].as_int(), 1);
  // A value that does not fit the override: 422 naming the line and the column.
  ImportOptions bad;
  bad.type_overrides = {{"flag", "integer"}};
  auto mismatch = importer_->ImportFile("over", Source("o2.csv", csv), bad);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().code, "ingest.type_mismatch");
  EXPECT_NE(mismatch.error().message.find("Line 2"), std::string::npos) << mismatch.error().message;
  EXPECT_NE(mismatch.error().message.find("flag"), std::string::npos);
  // An override for a column the file lacks.
  ImportOptions unknown;
  unknown.type_overrides = {{"nope", "integer"}};
  auto u = importer_->ImportFile("over", Source("o3.csv", csv), unknown);
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().code, "ingest.unknown_override_column");
  ImportOptions badtype;
  badtype.type_overrides = {{"code", "money"}};
  auto bt = importer_->ImportFile("over", Source("o4.csv", csv), badtype);
  ASSERT_FALSE(bt.ok());
  EXPECT_EQ(bt.error().code, "ingest.unknown_type");
  EXPECT_EQ(CurrentVersion("over"), 1);
}

TEST_F(IngestTest, IdentifierColumnsStayStrings) {
  CreateResource("ids");
  std::string csv = "身份证号,mobile_phone,credit,region,postcode,streetCode,amount,big\n";
  csv +=
      "440304199001011233,13800138000,91350100M000100Y43,110101001001,010010,110101001,100,12345\n";
  csv +=
      "310115198812120534,19912345678,91110108551385082Q,440304003001,100080,440304003,200,67890\n";
  auto r = MustImport("ids", Source("ids.csv", csv));
  EXPECT_EQ(FindField(r.fields, "身份证号")->type, "string");
  EXPECT_EQ(FindField(r.fields, "身份证号")->semantic, "resident_id");
  EXPECT_EQ(FindField(r.fields, "mobile_phone")->type, "string");
  EXPECT_EQ(FindField(r.fields, "mobile_phone")->semantic, "mobile");
  EXPECT_EQ(FindField(r.fields, "credit")->semantic, "uscc");
  EXPECT_EQ(FindField(r.fields, "region")->type, "string");
  EXPECT_EQ(FindField(r.fields, "region")->semantic, "division_code");
  EXPECT_EQ(FindField(r.fields, "postcode")->type, "string");
  EXPECT_EQ(FindField(r.fields, "streetCode")->type, "string");
  EXPECT_EQ(FindField(r.fields, "amount")->type, "integer");
  EXPECT_EQ(FindField(r.fields, "big")->type, "integer");
  auto t = Query("SELECT postcode, \"身份证号\" FROM " + r.version.table_name + " ORDER BY amount");
  EXPECT_EQ(t.rows[0][0].as_text(), "010010");
  EXPECT_EQ(t.rows[0][1].as_text(), "440304199001011233");
  // A later version keeps a column that was text as text, even when its new values look numeric.
  CreateResource("codes");
  MustImport("codes", Source("c1.csv", "label\nA01\n"));
  auto c2 = MustImport("codes", Source("c2.csv", "label\n101\n"));
  EXPECT_EQ(FindField(c2.fields, "label")->type, "string");
}

TEST_F(IngestTest, UniqueCodesAreStoredUncompressed) {
  CreateResource("codes-storage");
  std::string csv = "code,name\n";
  for (int i = 0; i < 3000; ++i)
    csv += std::to_string(110101001001LL + i) + ",村" + std::to_string(i % 7) + "\n";
  auto r = MustImport("codes-storage", Source("c.csv", csv));
  EXPECT_EQ(FindField(r.fields, "code")->type, "string");
  EXPECT_EQ(FindField(r.fields, "code")->semantic, "division_code");
  Query("CHECKPOINT");
  auto t = Query(
      "SELECT DISTINCT compression FROM pragma_storage_info('data.\"codes-storage__v1\"') "
      "WHERE column_name = 'code' AND segment_type = 'VARCHAR'");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][0].as_text(), "Uncompressed");
  auto q = Query("SELECT max(code) FROM " + r.version.table_name);
  EXPECT_EQ(q.rows[0][0].as_text(), std::to_string(110101001001LL + 2999));
}

TEST_F(IngestTest, QualityProfileCountsNullsDistinctsExtremesAndInvalidIds) {
  CreateResource("quality");
  // Resident IDs: the 4 valid and 4 invalid vectors of tests/data, plus a NULL.
  std::string csv = "pid,city,score,when\n";
  csv += "11010519491231002X,北京,1,2024-01-01\n";
  csv += "440304199001011233,深圳,2,2024-01-02\n";
  csv += "310115198812120534,上海,,2024-01-03\n";
  csv += "510107197007070012,成都,4,\n";
  csv += "110105194912310020,北京,5,2024-01-05\n";
  csv += "1101051949123100,北京,6,2024-01-06\n";
  csv += "11010519491331002X,,7,2024-01-07\n";
  csv += "A1010519491231002X,广州,8,2024-01-08\n";
  csv += ",广州,9,2024-01-09\n";
  ImportOptions o;
  catalog::Field pid;
  pid.semantic = "resident_id";
  pid.title_zh = "公民身份号码";
  o.field_metadata["pid"] = pid;
  auto r = MustImport("quality", Source("q.csv", csv), o);
  json::value p = json::parse(r.version.profile_json);
  EXPECT_EQ(p.at("row_count").as_int64(), 9);
  EXPECT_EQ(p.at("distinct_method").as_string(), "exact");
  EXPECT_EQ(p.at("field_count").as_int64(), 4);

  auto pidp = ProfileField(r, "pid");
  EXPECT_EQ(pidp.at("semantic").as_string(), "resident_id");
  EXPECT_EQ(pidp.at("null_count").as_int64(), 1);
  EXPECT_EQ(pidp.at("distinct_count").as_int64(), 8);
  EXPECT_EQ(pidp.at("validity").at("checked").as_int64(), 8);
  EXPECT_EQ(pidp.at("validity").at("invalid_count").as_int64(), 4);
  EXPECT_DOUBLE_EQ(pidp.at("validity").at("invalid_rate").as_double(), 0.5);
  EXPECT_TRUE(pidp.at("extremes_withheld").as_bool());  // personal data stays out of the profile
  EXPECT_EQ(pidp.if_contains("min"), nullptr);

  auto city = ProfileField(r, "city");
  EXPECT_EQ(city.at("null_count").as_int64(), 1);
  EXPECT_NEAR(city.at("null_rate").as_double(), 1.0 / 9, 1e-12);
  EXPECT_EQ(city.at("distinct_count").as_int64(), 5);
  EXPECT_EQ(city.at("min").as_string(), "上海");  // code-point order
  EXPECT_EQ(city.at("max").as_string(), "深圳");

  auto score = ProfileField(r, "score");
  EXPECT_EQ(score.at("type").as_string(), "integer");
  EXPECT_EQ(score.at("min").as_int64(), 1);
  EXPECT_EQ(score.at("max").as_int64(), 9);
  EXPECT_DOUBLE_EQ(score.at("mean").as_double(), 42.0 / 8);

  auto when = ProfileField(r, "when");
  EXPECT_EQ(when.at("type").as_string(), "date");
  EXPECT_EQ(when.at("min").as_string(), "2024-01-01");
  EXPECT_EQ(when.at("max").as_string(), "2024-01-09");
  EXPECT_NEAR(p.at("completeness").as_double(), (36.0 - 4) / 36, 1e-12);
  EXPECT_DOUBLE_EQ(p.at("validity").as_double(), 0.5);
  EXPECT_EQ(FindField(r.fields, "pid")->title_zh, "公民身份号码");
}

TEST_F(IngestTest, ProfileUsesApproximateDistinctForLargeTables) {
  CreateResource("large");
  auto r = MustImport("large", Source("l.csv", BigCsv(120000)));
  json::value p = json::parse(r.version.profile_json);
  EXPECT_EQ(p.at("row_count").as_int64(), 120000);
  EXPECT_EQ(p.at("distinct_method").as_string(), "approx");
  auto amount = ProfileField(r, "amount");
  EXPECT_NEAR(static_cast<double>(amount.at("distinct_count").as_int64()), 120000.0, 120000 * 0.1);
  EXPECT_LE(amount.at("distinct_count").as_int64(), 120000);
  EXPECT_EQ(amount.at("max").as_int64(), 119999 * 3);
}

TEST_F(IngestTest, FailedImportLeavesThePreviousVersionServed) {
  CreateResource("atomic");
  auto v1 = MustImport("atomic", Source("v1.csv", "id,name,amount\n1,a,10\n"));
  ASSERT_EQ(v1.version.version, 1);
  const std::vector<catalog::Field> fields_before = catalog_->Snapshot()->Find("atomic")->fields;
  // A big file with a bad row near its end: the read fails after most rows were parsed.
  auto bad =
      importer_->ImportFile("atomic", Source("v2.csv", BigCsv(200000, "200000,oops\n1,b,2\n")), {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "ingest.csv_malformed");
  EXPECT_NE(bad.error().message.find("line 200002"), std::string::npos) << bad.error().message;
  EXPECT_EQ(CurrentVersion("atomic"), 1);
  EXPECT_FALSE(TableExists("atomic", 2));
  EXPECT_EQ(catalog_->Snapshot()->Find("atomic")->fields.size(), fields_before.size());
  auto versions = Query("SELECT count(*) FROM resource_versions WHERE resource_id = 'atomic'");
  EXPECT_EQ(versions.rows[0][0].as_int(), 1);
  auto current = Query("SELECT current_version FROM resources WHERE id = 'atomic'");
  EXPECT_EQ(current.rows[0][0].as_int(), 1);
  EXPECT_EQ(Query("SELECT count(*) FROM " + v1.version.table_name).rows[0][0].as_int(), 1);
  EXPECT_EQ(StagingFileCount(), 0u);
  // The next good import takes the next number and switches.
  auto v2 = MustImport("atomic", Source("v2b.csv", BigCsv(1000)));
  EXPECT_EQ(v2.version.version, 2);
  EXPECT_EQ(CurrentVersion("atomic"), 2);
  EXPECT_TRUE(TableExists("atomic", 1));  // old versions stay readable
  EXPECT_TRUE(TableExists("atomic", 2));
}

TEST_F(IngestTest, VersionsAreNumberedInOrder) {
  CreateResource("seq");
  for (int i = 1; i <= 3; ++i) {
    clock_.Advance(std::chrono::seconds(60));
    ImportOptions o;
    o.note = "load " + std::to_string(i);
    o.source_name = "upload-" + std::to_string(i) + ".csv";
    auto r = MustImport("seq", Source("s.csv", "x\n" + std::to_string(i) + "\n"), o);
    EXPECT_EQ(r.version.version, i);
    EXPECT_EQ(r.version.note, "load " + std::to_string(i));
  }
  auto s = engine_->Acquire();
  auto versions = catalog::CatalogStore::ListVersions(**s, "seq");
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 3u);
  EXPECT_EQ((*versions)[0].version, 3);
  EXPECT_EQ((*versions)[0].source_name, "upload-3.csv");
  EXPECT_EQ((*versions)[0].published_at, clock_.NowMicros());
  EXPECT_EQ(CurrentVersion("seq"), 3);
}

TEST_F(IngestTest, ConcurrentImportsGetDistinctVersions) {
  CreateResource("con-a");
  CreateResource("con-b");
  auto file = Source("con.csv", BigCsv(20000));
  std::vector<Result<ImportResult>> results(4, Error{});
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      results[static_cast<size_t>(i)] = importer_->ImportFile(i % 2 ? "con-b" : "con-a", file, {});
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::pair<std::string, int>> versions;
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(results[static_cast<size_t>(i)].ok()) << results[static_cast<size_t>(i)].error().message;
    versions.insert({i % 2 ? "con-b" : "con-a", results[static_cast<size_t>(i)]->version.version});
  }
  EXPECT_EQ(versions.size(), 4u);  // (a,1) (a,2) (b,1) (b,2)
  EXPECT_EQ(CurrentVersion("con-a"), 2);
  EXPECT_EQ(CurrentVersion("con-b"), 2);
}

TEST_F(IngestTest, CancellationPublishesNothing) {
  CreateResource("cancel");
  auto before = importer_->ImportFile("cancel", Source("c0.csv", "a\n1\n"),
                                      ImportOptions{.cancelled = [] { return true; }});
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().code, "ingest.cancelled");
  // Cancelled while the engine reads: the watcher interrupts the statement.
  std::atomic<int> polls{0};
  ImportOptions o;
  o.cancelled = [&] { return polls.fetch_add(1) >= 4; };
  auto during = importer_->ImportFile("cancel", Source("c1.csv", BigCsv(300000)), o);
  ASSERT_FALSE(during.ok());
  EXPECT_EQ(during.error().code, "ingest.cancelled");
  EXPECT_EQ(CurrentVersion("cancel"), 0);
  EXPECT_FALSE(TableExists("cancel", 1));
  EXPECT_EQ(StagingFileCount(), 0u);
  // The engine and the resource are fine afterwards.
  auto ok = MustImport("cancel", Source("c2.csv", "a\n1\n"));
  EXPECT_EQ(ok.version.version, 1);
}

TEST_F(IngestTest, LateValuesWidenAColumnToText) {
  CreateResource("late");
  std::string csv = "id,amount\n";
  for (int i = 0; i < 50000; ++i) csv += std::to_string(i) + "," + std::to_string(i) + "\n";
  csv += "50000,n/a\n";
  auto r = MustImport("late", Source("late.csv", csv));
  EXPECT_EQ(r.version.row_count, 50001);
  EXPECT_EQ(FindField(r.fields, "amount")->type, "string");
  bool warned = false;
  for (const auto& w : r.warnings) warned = warned || w.find("n/a") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST_F(IngestTest, TimestampsWithOffsetsAreStoredInUtc) {
  CreateResource("tz");
  auto r = MustImport(
      "tz", Source("tz.csv", "at,v\n2024-03-01 08:00:00+08,1\n2024-03-01 09:30:00+08,2\n"));
  EXPECT_EQ(FindField(r.fields, "at")->type, "datetime");
  auto t = Query("SELECT CAST(\"at\" AS VARCHAR) FROM " + r.version.table_name + " ORDER BY v");
  EXPECT_EQ(t.rows[0][0].as_text(), "2024-03-01 00:00:00");
}

TEST_F(IngestTest, ColumnNamesAreNormalizedAndTitlesKept) {
  CreateResource("names");
  auto r = MustImport("names", Source("n.csv", " 名称 ,名称,\"a\"\"b\",,Name,name\n1,2,3,4,5,6\n"));
  ASSERT_EQ(r.fields.size(), 6u);
  EXPECT_EQ(r.fields[0].name, "名称");
  EXPECT_EQ(r.fields[1].name, "名称_2");
  EXPECT_EQ(r.fields[2].name, "a_b");
  EXPECT_EQ(r.fields[2].title_zh, "a\"b");
  EXPECT_EQ(r.fields[3].name, "column_4");
  EXPECT_EQ(r.fields[4].name, "Name");
  EXPECT_EQ(r.fields[5].name, "name_2");
  EXPECT_EQ(r.fields[5].title_zh, "name");
}

TEST_F(IngestTest, FieldMetadataMergesWithTheCatalog) {
  catalog::Resource draft = Draft("merge");
  catalog::Field name;
  name.name = "name";
  name.title_zh = "姓名";
  name.title_en = "Name";
  name.type = "string";
  name.level = catalog::ClassificationLevel::kGeneral1;
  name.unit = "";
  draft.fields = {name};
  ASSERT_TRUE(catalog_->Create(draft).ok());
  ImportOptions o;
  catalog::Field amount;
  amount.title_zh = "金额";
  amount.unit = "万元";
  amount.level = catalog::ClassificationLevel::kGeneral3;
  o.field_metadata["amount"] = amount;
  catalog::Field downgrade;
  downgrade.level = catalog::ClassificationLevel::kGeneral4;
  downgrade.description_zh = "登记姓名";
  o.field_metadata["name"] = downgrade;
  catalog::Field gone;
  gone.type = "integer";  // metadata for a column this file lacks: a warning, not an error
  o.field_metadata["gone"] = gone;
  auto r = MustImport("merge", Source("m.csv", "name,amount,extra\n张三,1.5,x\n"), o);
  bool warned = false;
  for (const auto& w : r.warnings) warned = warned || w.find("'gone'") != std::string::npos;
  EXPECT_TRUE(warned);
  const auto* n = FindField(r.fields, "name");
  EXPECT_EQ(n->title_zh, "姓名");
  EXPECT_EQ(n->title_en, "Name");
  EXPECT_EQ(n->description_zh, "登记姓名");
  EXPECT_EQ(n->level, catalog::ClassificationLevel::kGeneral1);  // an import never reclassifies
  const auto* a = FindField(r.fields, "amount");
  EXPECT_EQ(a->title_zh, "金额");
  EXPECT_EQ(a->unit, "万元");
  EXPECT_EQ(a->level, catalog::ClassificationLevel::kGeneral3);
  const auto* e = FindField(r.fields, "extra");
  EXPECT_EQ(e->level, catalog::ClassificationLevel::kGeneral2);
  EXPECT_EQ(e->title_zh, "extra");
  // Sensitive (L3+) fields keep their extremes out of the profile.
  EXPECT_TRUE(ProfileField(r, "amount").at("extremes_withheld").as_bool());
  EXPECT_EQ(ProfileField(r, "name").at("min").as_string(), "张三");
  // The catalog has the merged fields.
  const catalog::Resource* res = catalog_->Snapshot()->Find("merge");
  ASSERT_EQ(res->fields.size(), 3u);
  EXPECT_EQ(res->fields[1].unit, "万元");
}

TEST_F(IngestTest, UploadInStagingIsReadInPlace) {
  CreateResource("upload");
  std::filesystem::create_directories(StagingDir());
  auto upload = StagingDir() / "upload-123.csv";
  {
    std::ofstream out(upload);
    out << "a,b\n1,2\n";
  }
  auto r = MustImport("upload", upload);
  EXPECT_EQ(r.version.row_count, 1);
  EXPECT_TRUE(std::filesystem::exists(upload));  // the caller owns its upload
  EXPECT_EQ(StagingFileCount(), 1u);
}

TEST_F(IngestTest, StaleStagingFilesAreRemovedAtStart) {
  std::filesystem::create_directories(StagingDir());
  auto stale = StagingDir() / "ingest-0123456789abcdef.csv";
  auto other = StagingDir() / "upload-keep.csv";
  std::ofstream(stale) << "x";
  std::ofstream(other) << "y";
  Importer again(*engine_, *catalog_, StagingDir(), clock_);
  EXPECT_FALSE(std::filesystem::exists(stale));
  EXPECT_TRUE(std::filesystem::exists(other));
}

TEST_F(IngestTest, UnknownResourceAndMissingFile) {
  auto r = importer_->ImportFile("nope", Source("a.csv", "a\n1\n"), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
  CreateResource("exists");
  auto missing = importer_->ImportFile("exists", sources_.path() / "missing.csv", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "ingest.source_not_found");
  auto fmt =
      importer_->ImportFile("exists", Source("a.csv", "a\n1\n"), ImportOptions{.format = "xlsx"});
  ASSERT_FALSE(fmt.ok());
  EXPECT_EQ(fmt.error().kind, ErrorKind::kUnsupportedMedia);
}

TEST_F(IngestTest, ImportsADataPackage) {
  std::filesystem::path dir = sources_.path() / "pkg";
  std::filesystem::create_directories(dir / "data");
  sources_.Write("pkg/data/cities.csv", "code;name;pop\n110000;北京;2189\n310000;上海;2487\n");
  sources_.Write("pkg/data/events.ndjson",
                 "{\"day\":\"2024-01-01\",\"n\":1}\n{\"day\":\"2024-01-02\",\"n\":2}\n");
  sources_.Write("pkg/datapackage.json", R"({
    "name": "city-stats", "title": "城市统计", "description": "示例数据包",
    "keywords": ["城市", "人口"], "licenses": [{"name": "CC-BY-4.0"}],
    "resources": [
      {"name": "Cities", "title": "城市", "path": "data/cities.csv", "format": "csv",
       "dialect": {"delimiter": ";", "header": true},
       "schema": {"fields": [
         {"name": "code", "type": "string", "title": "区划代码", "semantic": "division_code"},
         {"name": "name", "type": "string", "title": "名称"},
         {"name": "pop", "type": "number", "title": "人口", "unit": "万人"}]}},
      {"name": "events", "path": "data/events.ndjson"},
      {"name": "readme", "path": "README.md", "format": "md"},
      {"name": "inline", "data": [{"a": 1}]}
    ]})");
  catalog::Resource defaults = Draft("unused");
  auto results = importer_->ImportDataPackage(dir / "datapackage.json", defaults, {});
  ASSERT_TRUE(results.ok()) << results.error().message;
  ASSERT_EQ(results->size(), 2u);
  const catalog::Resource* cities = catalog_->Snapshot()->Find("cities");
  ASSERT_NE(cities, nullptr);
  EXPECT_EQ(cities->title_zh, "城市");
  EXPECT_EQ(cities->description_zh, "示例数据包");
  EXPECT_EQ(cities->license, "CC-BY-4.0");
  ASSERT_EQ(cities->tags.size(), 2u);
  ASSERT_TRUE(cities->current);
  EXPECT_EQ(cities->current->source_name, "data/cities.csv");
  const catalog::Field* code = cities->FindField("code");
  ASSERT_NE(code, nullptr);
  EXPECT_EQ(code->type, "string");
  EXPECT_EQ(code->title_zh, "区划代码");
  EXPECT_EQ(code->semantic, "division_code");
  EXPECT_EQ(cities->FindField("pop")->type, "number");
  EXPECT_EQ(cities->FindField("pop")->unit, "万人");
  auto t = Query("SELECT code FROM " + cities->current->table_name + " ORDER BY pop");
  EXPECT_EQ(t.rows[0][0].as_text(), "110000");
  const catalog::Resource* events = catalog_->Snapshot()->Find("events");
  ASSERT_NE(events, nullptr);
  EXPECT_EQ(events->title_zh, "城市统计");  // no resource title: the package title
  EXPECT_EQ(events->current->row_count, 2);
  // Re-importing makes version 2 of each.
  auto again = importer_->ImportDataPackage(dir / "datapackage.json", defaults, {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[0].version.version, 2);
}

TEST_F(IngestTest, DataPackagePathsCannotEscape) {
  sources_.Write("secret.csv", "a\n1\n");
  sources_.Write(
      "pkg/datapackage.json",
      R"({"resources": [{"name": "ok", "path": "ok.csv"}, {"name": "evil", "path": "../secret.csv"}]})");
  sources_.Write("pkg/ok.csv", "a\n1\n");
  auto r = importer_->ImportDataPackage(sources_.path() / "pkg/datapackage.json", Draft("x"), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "ingest.datapackage_path");
  EXPECT_EQ(catalog_->Snapshot()->Find("ok"), nullptr);  // nothing imported before the check
  sources_.Write("pkg2/datapackage.json",
                 R"({"resources": [{"name": "abs", "path": "/etc/passwd"}]})");
  auto abs =
      importer_->ImportDataPackage(sources_.path() / "pkg2/datapackage.json", Draft("x"), {});
  ASSERT_FALSE(abs.ok());
  EXPECT_EQ(abs.error().code, "ingest.datapackage_path");
  // A symlink pointing out of the package directory.
  std::filesystem::create_directories(sources_.path() / "pkg3");
  std::filesystem::create_symlink(sources_.path() / "secret.csv",
                                  sources_.path() / "pkg3/link.csv");
  sources_.Write("pkg3/datapackage.json",
                 R"({"resources": [{"name": "link", "path": "link.csv"}]})");
  auto link =
      importer_->ImportDataPackage(sources_.path() / "pkg3/datapackage.json", Draft("x"), {});
  ASSERT_FALSE(link.ok());
  EXPECT_EQ(link.error().code, "ingest.datapackage_path");
}

TEST_F(IngestTest, ImportFileAcceptsASingleResourcePackage) {
  CreateResource("single");
  sources_.Write("one/datapackage.json", R"({"resources": [{"name": "single", "path": "d.csv",
      "schema": {"fields": [{"name": "zip", "type": "integer", "title": "邮编"}]}}]})");
  sources_.Write("one/d.csv", "zip\n100080\n");
  auto r = MustImport("single", sources_.path() / "one/datapackage.json");
  EXPECT_EQ(FindField(r.fields, "zip")->type, "integer");  // the schema's type overrides the hint
  EXPECT_EQ(FindField(r.fields, "zip")->title_zh, "邮编");
  EXPECT_EQ(r.version.source_name, "d.csv");
}

}  // namespace
}  // namespace gongshu::ingest::test
