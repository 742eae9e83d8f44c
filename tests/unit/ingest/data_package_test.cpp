#include "ingest/data_package.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace gongshu::ingest {
namespace {

TEST(DataPackage, ParsesResourcesDialectAndSchema) {
  testing::TempDir dir;
  dir.Write("d/a.csv", "x\n");
  dir.Write("d/sub/b.tsv", "x\n");
  auto desc = dir.Write("d/datapackage.json", R"({
    "name": "pkg", "title": "包", "description": "说明", "keywords": ["k1", 2, "k2"],
    "licenses": [{"title": "Open Licence", "path": "https://example.org"}],
    "resources": [
      {"name": "a", "path": "a.csv", "dialect": {"delimiter": ";", "header": false},
       "schema": {"fields": [{"name": "x", "type": "year", "title": "年份", "format": "%Y", "level": "L1"}]}},
      {"name": "b", "path": ["sub/b.tsv"], "encoding": "gbk"},
      {"name": "remote", "path": "https://example.org/x.pdf"},
      {"name": "doc", "path": "readme.pdf"},
      {"name": "inline", "data": []}
    ]})");
  auto p = ParseDataPackage(desc);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->title, "包");
  EXPECT_EQ(p->keywords, (std::vector<std::string>{"k1", "k2"}));
  EXPECT_EQ(p->license, "Open Licence");
  ASSERT_EQ(p->resources.size(), 2u);
  EXPECT_EQ(p->resources[0].format, "csv");
  EXPECT_EQ(p->resources[0].delimiter, ';');
  EXPECT_EQ(p->resources[0].header, false);
  ASSERT_EQ(p->resources[0].fields.size(), 1u);
  EXPECT_EQ(p->resources[0].fields[0].title, "年份");
  EXPECT_EQ(p->resources[0].fields[0].level, "L1");
  EXPECT_EQ(p->resources[1].format, "tsv");
  EXPECT_EQ(p->resources[1].encoding, "gbk");
  EXPECT_EQ(p->resources[1].path.filename(), "b.tsv");
  EXPECT_EQ(p->skipped, (std::vector<std::string>{"remote", "doc", "inline"}));
}

TEST(DataPackage, RejectsEscapingPaths) {
  testing::TempDir dir;
  dir.Write("outside.csv", "x\n");
  for (const char* bad : {"../outside.csv", "/etc/passwd", "a/../../outside.csv", "C:\\\\x.csv"}) {
    auto desc =
        dir.Write("p/datapackage.json", std::string(R"({"resources": [{"name": "r", "path": ")") +
                                            bad + R"(", "format": "csv"}]})");
    auto p = ParseDataPackage(desc);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.error().code, "ingest.datapackage_path") << bad;
  }
  auto url = dir.Write("p/datapackage.json",
                       R"({"resources": [{"name": "r", "path": "http://x/y.csv"}]})");
  EXPECT_FALSE(ParseDataPackage(url).ok());
}

TEST(DataPackage, RejectsMalformedDescriptors) {
  testing::TempDir dir;
  for (const char* text :
       {"", "[]", "{\"resources\": []}", "{\"resources\": 3}", "not json",
        R"({"resources": [{"name": "a", "path": "a.csv", "dialect": {"delimiter": ";;"}}]})",
        R"({"resources": [{"name": "a", "path": ["a.csv", "b.csv"]}]})"}) {
    auto desc = dir.Write("datapackage.json", text);
    auto p = ParseDataPackage(desc);
    ASSERT_FALSE(p.ok()) << text;
    EXPECT_EQ(p.error().kind, ErrorKind::kUnprocessable) << text;
  }
}

TEST(DataPackage, TypesAndIds) {
  EXPECT_EQ(CatalogTypeForTableSchema("integer"), "integer");
  EXPECT_EQ(CatalogTypeForTableSchema("year"), "integer");
  EXPECT_EQ(CatalogTypeForTableSchema("geojson"), "string");
  EXPECT_EQ(CatalogTypeForTableSchema("datetime"), "datetime");
  EXPECT_EQ(CatalogTypeForTableSchema("any"), "");
  EXPECT_EQ(ResourceIdFromName("Cities_2024.v1"), "cities-2024-v1");
  EXPECT_EQ(ResourceIdFromName("--x--"), "x");
  EXPECT_EQ(ResourceIdFromName("城市"), "");
}

}  // namespace
}  // namespace gongshu::ingest
