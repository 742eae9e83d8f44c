#include "ingest/csv_dialect.h"

#include <gtest/gtest.h>

namespace gongshu::ingest {
namespace {

TEST(CsvRecords, ParsesQuotesNewlinesAndCrLf) {
  CsvDialect d;
  auto rows =
      ParseCsvRecords("a,b\r\n1,\"x\r\ny\"\r\n2,\"he said \"\"hi\"\"\"\r\n3,\r\n", d, 100, true);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(rows[1][1], "x\r\ny");
  EXPECT_EQ(rows[2][1], "he said \"hi\"");
  EXPECT_EQ(rows[3], (std::vector<std::string>{"3", ""}));
}

TEST(CsvRecords, DropsACutLastRecordAndHonoursLimits) {
  CsvDialect d;
  d.delimiter = ';';
  auto rows = ParseCsvRecords("a;b\n1;2\n3;4", d, 100, /*complete=*/false);
  ASSERT_EQ(rows.size(), 2u);
  auto all = ParseCsvRecords("a;b\n1;2\n3;4", d, 100, /*complete=*/true);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(ParseCsvRecords("a\nb\nc\nd\n", d, 2, true).size(), 2u);
  // Blank lines are not records.
  EXPECT_EQ(ParseCsvRecords("a\n\nb\n", d, 10, true).size(), 2u);
}

TEST(CsvRecords, BackslashEscapeAndNoQuoting) {
  CsvDialect d;
  d.escape = "\\";
  auto rows = ParseCsvRecords("\"a\\\"b\",c\n", d, 10, true);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "a\"b");
  CsvDialect none;
  none.quote = "";
  none.escape = "";
  auto raw = ParseCsvRecords("5\" disk,x\n", none, 10, true);
  EXPECT_EQ(raw[0][0], "5\" disk");
}

TEST(CsvRecords, SupportedDelimiters) {
  for (char c : {',', ';', '\t', '|'}) EXPECT_TRUE(IsSupportedDelimiter(c));
  for (char c : {' ', ':', '"', '\0'}) EXPECT_FALSE(IsSupportedDelimiter(c));
}

}  // namespace
}  // namespace gongshu::ingest
