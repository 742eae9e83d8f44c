// Hostile and malformed requests: each must fail in the compiler (so nothing reaches the engine)
// with a 4xx error kind, a stable code and messages in English and Chinese.
#include <gtest/gtest.h>

#include "query/query_limits.h"
#include "query/records_compiler.h"
#include "query_test_db.h"

namespace gongshu::query {
namespace {

using testing::QueryDb;

struct BadCase {
  std::string name;
  RecordsRequest request;
  ErrorKind kind;
  std::string code;
};

constexpr ErrorKind k400 = ErrorKind::kInvalidArgument;
constexpr ErrorKind k403 = ErrorKind::kForbidden;
constexpr ErrorKind k422 = ErrorKind::kUnprocessable;

RecordsRequest W(std::string where) {
  RecordsRequest r;
  r.where = std::move(where);
  return r;
}
RecordsRequest S(std::string select, std::string group_by = "") {
  RecordsRequest r;
  r.select = std::move(select);
  r.group_by = std::move(group_by);
  return r;
}
RecordsRequest G(std::string group_by) {
  RecordsRequest r;
  r.group_by = std::move(group_by);
  return r;
}
RecordsRequest O(std::string order_by) {
  RecordsRequest r;
  r.order_by = std::move(order_by);
  return r;
}
RecordsRequest Paging(std::optional<int64_t> limit, std::optional<int64_t> offset,
                      std::string cursor = "") {
  RecordsRequest r;
  r.limit = limit;
  r.offset = offset;
  r.cursor = std::move(cursor);
  return r;
}

std::vector<BadCase> Corpus() {
  std::string deep = std::string(100, '(') + "age = 1" + std::string(100, ')');
  std::string too_long = "name = '" + std::string(kMaxClauseBytes, 'a') + "'";
  std::string big_in = "age in (";
  for (size_t i = 0; i <= kMaxInListValues; ++i) big_in += i ? ",1" : "1";
  big_in += ")";
  std::string many_items;
  for (size_t i = 0; i <= kMaxSelectItems; ++i) many_items += i ? ",id" : "id";
  std::string nul_where = std::string("name = 'a") + '\0' + "'";
  RecordsRequest cursor_group = S("city, count(*)", "city");
  cursor_group.cursor = "AAAA";
  RecordsRequest bad_cursor;
  bad_cursor.cursor = "bm90IGEgY3Vyc29y";
  RecordsRequest pct_cursor;
  pct_cursor.cursor = "abc%20def";

  return {
      // ---- injection-shaped input ----
      {"statement_separator", W("1=1; DROP TABLE x"), k400, "query.syntax"},
      {"line_comment", W("age = 1 -- and the rest"), k400, "query.syntax"},
      {"block_comment", W("age = 1 /* c */"), k400, "query.syntax"},
      {"quote_breakout", W("\"; select * from resources"), k400, "query.syntax"},
      {"union", W("'x' = 'x' union select 1"), k400, "query.syntax"},
      {"concat_operator", W("name = 'a' || 'b'"), k400, "query.syntax"},
      {"sql_parameter", W("age = $1"), k400, "query.syntax"},
      {"question_mark", W("age = ?"), k400, "query.syntax"},
      {"collate", W("name = 'a' collate nocase"), k400, "query.syntax"},
      {"subquery_in", W("age in (select 1)"), k400, "query.syntax"},
      {"rowid", W("rowid > 5"), k422, "query.unknown_field"},
      {"system_table", W("resources.id = 1"), k400, "query.syntax"},
      // ---- malformed text ----
      {"unterminated_single", W("name = 'abc"), k400, "query.syntax"},
      {"unterminated_double", W("name = \"abc"), k400, "query.syntax"},
      {"unterminated_backquote", W("`name = 1"), k400, "query.syntax"},
      {"empty_backquote", W("`` = 1"), k400, "query.syntax"},
      {"unbalanced_open", W("(age = 1"), k400, "query.syntax"},
      {"unbalanced_close", W("age = 1)"), k400, "query.syntax"},
      {"unbalanced_nested", W("((age = 1)"), k400, "query.syntax"},
      {"invalid_utf8", W("name = '\xff\xfe'"), k400, "query.invalid_text"},
      {"overlong_utf8", W("name = '\xc0\xaf'"), k400, "query.invalid_text"},
      {"nul_byte", W(nul_where), k400, "query.invalid_text"},
      {"escaped_nul", W("name = '\\u0000'"), k400, "query.invalid_text"},
      {"bad_escape", W("name = 'a\\q'"), k400, "query.syntax"},
      {"lone_surrogate", W("name = '\\ud800'"), k400, "query.syntax"},
      {"fullwidth_equals", W("age ＝ 1"), k400, "query.syntax"},
      {"bang", W("age ! 1"), k400, "query.syntax"},
      {"double_equals_operator", W("age = = 1"), k400, "query.syntax"},
      {"dangling_or", W("age = 1 or"), k400, "query.syntax"},
      {"leading_and", W("and age = 1"), k400, "query.syntax"},
      {"lonely_not", W("not"), k400, "query.syntax"},
      {"is_without_null", W("age is 5"), k400, "query.syntax"},
      {"between_without_and", W("age between 1"), k400, "query.syntax"},
      {"empty_in", W("age in ()"), k400, "query.syntax"},
      {"open_in", W("age in (1, 2"), k400, "query.syntax"},
      {"malformed_number", W("1abc = 1"), k400, "query.syntax"},
      {"trailing_dot", W("age = 1."), k400, "query.syntax"},
      {"leading_dot", W("age = .5"), k400, "query.syntax"},
      {"dangling_exponent", W("age > 1e"), k400, "query.syntax"},
      // ---- sizes and ranges ----
      {"huge_integer", W("age = 99999999999999999999"), k400, "query.number_out_of_range"},
      {"below_int64", W("age = -9223372036854775809"), k400, "query.number_out_of_range"},
      {"infinite_double", W("score = 1e400"), k400, "query.number_out_of_range"},
      {"too_deep", W(deep), k400, "query.too_deep"},
      {"too_long", W(too_long), k400, "query.too_long"},
      {"in_list_too_big", W(big_in), k400, "query.too_many_values"},
      {"too_many_select_items", S(many_items), k400, "query.too_many_items"},
      // ---- names ----
      {"unknown_field", W("nosuch = 1"), k422, "query.unknown_field"},
      {"case_sensitive_field", W("Age = 1"), k422, "query.unknown_field"},
      {"unknown_function", W("sleep(10) = 1"), k422, "query.unknown_function"},
      {"unknown_function_exec", W("system('ls') = 1"), k422, "query.unknown_function"},
      {"not_filterable_where", W("mobile = '1'"), k403, "query.field_not_filterable"},
      // ---- types ----
      {"string_for_integer", W("age = 'thirty'"), k422, "query.type_mismatch"},
      {"number_for_string", W("name = 5"), k422, "query.type_mismatch"},
      {"bad_date_text", W("born = '2024-13-01'"), k400, "query.invalid_literal"},
      {"word_for_date", W("born = 'yesterday'"), k400, "query.invalid_literal"},
      {"bad_time_text", W("at = '25:00'"), k400, "query.invalid_literal"},
      {"bad_timestamp_literal", W("seen > timestamp'2024-01-01T25:00:00'"), k400,
       "query.invalid_literal"},
      {"equals_null", W("age = null"), k422, "query.type_mismatch"},
      {"where_not_boolean", W("age"), k422, "query.type_mismatch"},
      {"like_non_literal", W("name like age"), k422, "query.type_mismatch"},
      {"like_on_number", W("age like '1%'"), k422, "query.type_mismatch"},
      {"year_of_text", W("year(name) = 1"), k422, "query.type_mismatch"},
      {"abs_of_text", W("abs('x') = 1"), k422, "query.type_mismatch"},
      {"boolean_vs_integer", W("search('x') = 1"), k422, "query.type_mismatch"},
      {"date_vs_number", W("born > 5"), k422, "query.type_mismatch"},
      // ---- functions ----
      {"search_field_arg", W("search(name)"), k422, "query.wrong_arguments"},
      {"search_two_args", W("search('a', 'b')"), k422, "query.wrong_arguments"},
      {"startswith_one_arg", W("startswith(name)"), k422, "query.wrong_arguments"},
      {"lower_no_args", W("lower() = 'a'"), k422, "query.wrong_arguments"},
      {"round_fractional_digits", W("round(score, 2.5) = 1"), k422, "query.wrong_arguments"},
      {"round_too_many_digits", W("round(score, 99) = 1"), k422, "query.wrong_arguments"},
      {"date_trunc_bad_unit", W("date_trunc('century', born) = born"), k422,
       "query.invalid_date_unit"},
      {"date_trunc_unit_injection", W("date_trunc('month'')--', born) = born"), k422,
       "query.invalid_date_unit"},
      {"date_trunc_swapped", W("date_trunc(born, 'month') = born"), k422,
       "query.invalid_date_unit"},
      {"aggregate_in_where", W("count(*) > 1"), k422, "query.aggregate_not_allowed"},
      {"sum_in_where", W("sum(age) > 1"), k422, "query.aggregate_not_allowed"},
      // ---- select ----
      {"duplicate_star", S("*, *"), k422, "query.duplicate_name"},
      {"duplicate_field", S("name, name"), k422, "query.duplicate_name"},
      {"duplicate_alias", S("count(*) as n, count(*) as n"), k422, "query.duplicate_name"},
      {"alias_is_other_field", S("age as name"), k422, "query.alias_conflict"},
      {"alias_missing", S("name as"), k400, "query.syntax"},
      {"sum_of_text", S("sum(name)"), k422, "query.type_mismatch"},
      {"avg_of_text", S("avg(city)"), k422, "query.type_mismatch"},
      {"count_distinct_sql_style", S("count(distinct age)"), k400, "query.syntax"},
      {"ungrouped_field", S("count(*), name"), k422, "query.not_grouped"},
      {"star_with_aggregate", S("*, count(*)"), k422, "query.not_grouped"},
      {"nested_aggregate", S("sum(count(*))"), k422, "query.nested_aggregate"},
      {"unknown_select_field", S("nosuch"), k422, "query.unknown_field"},
      {"select_rowid", S("rowid"), k422, "query.unknown_field"},
      {"search_in_select", S("search('x')"), k422, "query.wrong_arguments"},
      {"sum_star", S("sum(*)"), k422, "query.wrong_arguments"},
      {"star_in_expression", W("* = 1"), k400, "query.syntax"},
      // ---- group_by ----
      {"group_unknown", G("nosuch"), k422, "query.unknown_field"},
      {"group_not_filterable", G("mobile"), k403, "query.field_not_filterable"},
      {"group_by_aggregate", G("count(*)"), k422, "query.aggregate_not_allowed"},
      {"select_not_in_group", S("name, count(*)", "city"), k422, "query.not_grouped"},
      {"group_alias_is_field", G("city as age"), k422, "query.alias_conflict"},
      {"group_trailing_comma", G("city,"), k400, "query.syntax"},
      // ---- order_by ----
      {"order_unknown", O("nosuch"), k422, "query.unknown_field"},
      {"order_not_filterable", O("mobile desc"), k403, "query.field_not_filterable"},
      {"order_bad_direction", O("age sideways"), k400, "query.syntax"},
      {"order_double_direction", O("age desc desc"), k400, "query.syntax"},
      {"order_aggregate_without_grouping", O("count(*)"), k422, "query.aggregate_not_allowed"},
      {"order_injection", O("age; drop table x"), k400, "query.syntax"},
      // ---- paging ----
      {"negative_limit", Paging(-1, std::nullopt), k400, "query.invalid_limit"},
      {"huge_limit", Paging(99999999, std::nullopt), k400, "query.invalid_limit"},
      {"negative_offset", Paging(std::nullopt, -5), k400, "query.invalid_offset"},
      {"deep_offset", Paging(std::nullopt, kMaxOffset + 1), k400, "query.offset_too_large"},
      {"cursor_and_offset", Paging(std::nullopt, 5, "AAAA"), k400, "query.cursor_with_offset"},
      {"garbage_cursor", bad_cursor, k400, "query.invalid_cursor"},
      {"non_base64_cursor", pct_cursor, k400, "query.invalid_cursor"},
      {"cursor_with_group_by", cursor_group, k400, "query.cursor_not_allowed"},
  };
}

TEST(BadInput, CorpusIsLargeEnough) { EXPECT_GE(Corpus().size(), 60u); }

TEST(BadInput, EveryCaseFailsInTheCompilerWithAClear4xx) {
  const QueryScope scope = QueryDb::PeopleScope();
  for (const auto& c : Corpus()) {
    SCOPED_TRACE(c.name);
    auto q = CompileRecords(c.request, scope);
    ASSERT_FALSE(q.ok()) << "compiled to: " << q->sql;
    EXPECT_EQ(q.error().code, c.code) << q.error().message;
    EXPECT_EQ(q.error().kind, c.kind) << q.error().message;
    EXPECT_NE(q.error().kind, ErrorKind::kInternal);
    EXPECT_FALSE(q.error().message.empty());
    EXPECT_FALSE(q.error().message_zh.empty());
  }
}

TEST(BadInput, UnknownFieldMessageNamesTheField) {
  auto q = CompileRecords(W("no_such_col > 1"), QueryDb::PeopleScope());
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.error().message.find("no_such_col"), std::string::npos);
  EXPECT_NE(q.error().message_zh.find("no_such_col"), std::string::npos);
}

TEST(BadInput, ExportRejectsCursorAndNegativeLimits) {
  RecordsRequest r;
  r.cursor = "AAAA";
  auto q = CompileExport(r, QueryDb::PeopleScope());
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().code, "query.cursor_not_allowed");
  r.cursor.clear();
  r.limit = -1;
  q = CompileExport(r, QueryDb::PeopleScope());
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().code, "query.invalid_limit");
}

TEST(BadInput, ScopeProblemsFailClosed) {
  QueryScope s = QueryDb::PeopleScope();
  s.fields[1].mask = "reversible";  // unknown mask must never fall back to raw output
  auto q = CompileRecords(RecordsRequest{}, s);
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().code, "query.scope_invalid");
}

TEST(BadInput, TheDatabaseIsUntouchedAfterTheCorpus) {
  QueryDb db;
  db.CreatePeople();
  for (const auto& c : Corpus())
    ASSERT_FALSE(CompileRecords(c.request, QueryDb::PeopleScope()).ok());
  auto t = db.Query("SELECT count(*) FROM data.\"people__v1\"");
  EXPECT_EQ(t.rows[0][0].as_int(), 12);
}

}  // namespace
}  // namespace gongshu::query
