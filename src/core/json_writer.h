#pragma once
// A small streaming JSON writer that appends to a caller-owned buffer. Used on the result path
// (rows straight from engine vectors) and for responses; std::to_chars keeps numbers exact and fast.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongshu {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view s);
  JsonWriter& Int(int64_t v);
  JsonWriter& UInt(uint64_t v);
  JsonWriter& Double(double v);  // NaN and infinities become null
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  // Appends an already-encoded JSON value (caller guarantees validity).
  JsonWriter& Raw(std::string_view json);

  // Convenience: "key": value.
  JsonWriter& Field(std::string_view key, std::string_view v) { return Key(key).String(v); }
  JsonWriter& Field(std::string_view key, const char* v) { return Key(key).String(v); }
  JsonWriter& Field(std::string_view key, const std::string& v) { return Key(key).String(v); }
  JsonWriter& Field(std::string_view key, int64_t v) { return Key(key).Int(v); }
  JsonWriter& Field(std::string_view key, int v) { return Key(key).Int(v); }
  JsonWriter& Field(std::string_view key, uint64_t v) { return Key(key).UInt(v); }
  JsonWriter& Field(std::string_view key, double v) { return Key(key).Double(v); }
  JsonWriter& Field(std::string_view key, bool v) { return Key(key).Bool(v); }

  std::string& buffer() { return out_; }

  // Appends s as a JSON string literal (with quotes). Invalid UTF-8 becomes U+FFFD.
  static void AppendQuoted(std::string& out, std::string_view s);
  static void AppendDouble(std::string& out, double v);

 private:
  void Separate();
  std::string& out_;
  std::vector<bool> first_;  // one flag per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace gongshu
