#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <limits>

namespace gongshu {
namespace {

TEST(JsonWriter, WritesNestedStructuresThatParseBack) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject()
      .Field("name", "公数")
      .Field("n", int64_t{-42})
      .Key("list")
      .BeginArray()
      .Int(1)
      .Double(2.5)
      .Null()
      .Bool(true)
      .EndArray()
      .Key("empty")
      .BeginObject()
      .EndObject()
      .EndObject();
  auto v = boost::json::parse(out);
  EXPECT_EQ(v.at("name").as_string(), "公数");
  EXPECT_EQ(v.at("n").as_int64(), -42);
  EXPECT_EQ(v.at("list").as_array().size(), 4u);
  EXPECT_TRUE(v.at("empty").as_object().empty());
}

TEST(JsonWriter, EscapesControlCharactersQuotesAndInvalidUtf8) {
  std::string out;
  JsonWriter w(out);
  w.String(std::string("a\"b\\c\n\x01", 7));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001\"");
  out.clear();
  JsonWriter w2(out);
  w2.String("ok\xff\xfe");
  auto v = boost::json::parse(out);
  EXPECT_EQ(v.as_string(), "ok\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(JsonWriter, NonFiniteDoublesBecomeNull) {
  std::string out;
  JsonWriter w(out);
  w.BeginArray().Double(std::nan("")).Double(std::numeric_limits<double>::infinity()).EndArray();
  EXPECT_EQ(out, "[null,null]");
}

}  // namespace
}  // namespace gongshu
