#include "query/parser.h"

#include <gtest/gtest.h>

#include "query/lexer.h"
#include "query/query_limits.h"

namespace gongshu::query {
namespace {

std::vector<Token> Lex(std::string_view s) {
  auto t = Tokenize(s, "where");
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
  return t.ok() ? std::move(t).value() : std::vector<Token>{};
}

std::string Show(std::string_view where) {
  auto e = ParseCondition(where);
  if (!e.ok()) return "ERROR " + e.error().code + ": " + e.error().message;
  return DisplayExpr(**e);
}

std::string CodeOf(std::string_view where) {
  auto e = ParseCondition(where);
  return e.ok() ? "ok" : e.error().code;
}

TEST(Lexer, IdentifiersIncludingChineseAndBackquoted) {
  auto t = Lex("行政区划代码 = `odd ``name``` and arr_delay2");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].kind, TokenKind::kIdentifier);
  EXPECT_EQ(t[0].text, "行政区划代码");
  EXPECT_EQ(t[1].kind, TokenKind::kEq);
  EXPECT_EQ(t[2].kind, TokenKind::kQuotedIdentifier);
  EXPECT_EQ(t[2].text, "odd `name`");
  EXPECT_EQ(t[3].text, "and");
  EXPECT_EQ(t[4].text, "arr_delay2");
  EXPECT_EQ(t[5].kind, TokenKind::kEnd);
}

TEST(Lexer, StringsWithEscapesAndDoubledQuotes) {
  auto t = Lex(R"('it''s' "say \"hi\"\n" "\u4e2d\u6587" 'a\\b' "\ud83d\ude00")");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].text, "it's");
  EXPECT_EQ(t[1].text, "say \"hi\"\n");
  EXPECT_EQ(t[2].text, "中文");
  EXPECT_EQ(t[3].text, "a\\b");
  EXPECT_EQ(t[4].text, "\xF0\x9F\x98\x80");
}

TEST(Lexer, NumbersAndOperators) {
  auto t = Lex("1 2.5 3e10 4.5E-3 != <> <= >= < > == + - * /");
  std::vector<TokenKind> kinds;
  for (const auto& x : t) kinds.push_back(x.kind);
  std::vector<TokenKind> want = {
      TokenKind::kNumber, TokenKind::kNumber, TokenKind::kNumber, TokenKind::kNumber,
      TokenKind::kNe,     TokenKind::kNe,     TokenKind::kLe,     TokenKind::kGe,
      TokenKind::kLt,     TokenKind::kGt,     TokenKind::kEq,     TokenKind::kPlus,
      TokenKind::kMinus,  TokenKind::kStar,   TokenKind::kSlash,  TokenKind::kEnd};
  EXPECT_EQ(kinds, want);
  EXPECT_EQ(t[2].text, "3e10");
}

TEST(Lexer, IdeographicSpaceIsWhitespaceButFullWidthPunctuationIsNot) {
  auto t =
      Lex("a\xE3\x80\x80=\xE3\x80\x80"
          "1");
  EXPECT_EQ(t.size(), 4u);
  auto bad = Tokenize("a ＝ 1", "where");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "query.syntax");
  EXPECT_NE(bad.error().message.find("＝"), std::string::npos);
}

TEST(Lexer, ErrorsCarryCharacterPositions) {
  auto t = Tokenize("名称 = 1; drop", "where");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_NE(t.error().message.find("character 7"), std::string::npos) << t.error().message;
  EXPECT_FALSE(t.error().message_zh.empty());
}

TEST(Parser, PrecedenceOrAndNotComparison) {
  EXPECT_EQ(Show("a = 1 OR b = 2 AND NOT c = 3"), "(a = 1 or (b = 2 and not c = 3))");
  EXPECT_EQ(Show("(a = 1 OR b = 2) AND c = 3"), "((a = 1 or b = 2) and c = 3)");
  EXPECT_EQ(Show("a + b * 2 - 1 > 3"), "((a + (b * 2)) - 1) > 3");
  EXPECT_EQ(Show("a = 1 or b = 2 or c = 3"), "(a = 1 or b = 2 or c = 3)");  // flattened
}

TEST(Parser, Predicates) {
  EXPECT_EQ(Show("city IN ('北京', \"上海\")"), "city in (\"北京\", \"上海\")");
  EXPECT_EQ(Show("age not in (1, -2, 3.5)"), "age not in (1, -2, 3.5)");
  EXPECT_EQ(Show("age BETWEEN 20 AND 30"), "age between 20 and 30");
  EXPECT_EQ(Show("age NOT BETWEEN 20 AND 30"), "age not between 20 and 30");
  EXPECT_EQ(Show("city IS NULL"), "city is null");
  EXPECT_EQ(Show("city is not null"), "city is not null");
  EXPECT_EQ(Show("name LIKE '张%'"), "name like \"张%\"");
  EXPECT_EQ(Show("name NOT LIKE '张%'"), "name not like \"张%\"");
  EXPECT_EQ(Show("search(\"北京\")"), "search(\"北京\")");
  EXPECT_EQ(Show("startswith(name, 'A') AND active"), "(startswith(name, \"A\") and active)");
  EXPECT_EQ(Show("Year(born) = 1994"), "year(born) = 1994");  // function names fold case
}

TEST(Parser, TypedLiterals) {
  auto e = ParseCondition(
      "born >= date'2024-01-31' and seen < timestamp'2024-01-31T10:00:00' and "
      "seen > datetime '2024-01-01 00:00'");
  ASSERT_TRUE(e.ok()) << e.error().message;
  const Expr& a = *(*e)->args[0]->args[1];
  EXPECT_EQ(a.literal.kind, Literal::Kind::kDate);
  EXPECT_EQ(a.literal.days, 19753);
  const Expr& b = *(*e)->args[1]->args[1];
  EXPECT_EQ(b.literal.kind, Literal::Kind::kTimestamp);
  EXPECT_EQ(b.literal.micros, 1706695200LL * 1000000);
  EXPECT_EQ(CodeOf("born = date'2024-02-30'"), "query.invalid_literal");
  EXPECT_EQ(CodeOf("seen = timestamp'yesterday'"), "query.invalid_literal");
}

TEST(Parser, LiteralsAndNumberRanges) {
  auto e = ParseCondition("a = -9223372036854775808");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ((*e)->args[1]->literal.i, INT64_MIN);
  EXPECT_EQ(CodeOf("a = 9223372036854775808"), "query.number_out_of_range");
  EXPECT_EQ(CodeOf("a = 1e999"), "query.number_out_of_range");
  EXPECT_EQ(CodeOf("a = - -5"), "ok");
  EXPECT_EQ(Show("a = - -5"), "a = 5");
  EXPECT_EQ(Show("a = TRUE and b = false and c is null"), "(a = true and b = false and c is null)");
}

TEST(Parser, KeywordsMustBeBackquotedAsFieldNames) {
  EXPECT_EQ(CodeOf("and = 1"), "query.syntax");
  EXPECT_EQ(CodeOf("`and` = 1"), "ok");
  EXPECT_EQ(CodeOf("date = 1"), "ok");  // 'date' is a name unless followed by a string
}

TEST(Parser, SelectGroupOrderItems) {
  auto s = ParseSelect("*, name AS 姓名, count(*) as n, `odd name`");
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(s->size(), 4u);
  EXPECT_TRUE((*s)[0].star);
  EXPECT_EQ((*s)[1].alias, "姓名");
  EXPECT_EQ(DisplayExpr(*(*s)[2].expr), "count(*)");
  EXPECT_EQ((*s)[3].expr->name, "odd name");

  auto g = ParseGroupBy("city, date_trunc('month', born) AS m");
  ASSERT_TRUE(g.ok());
  EXPECT_EQ((*g)[1].alias, "m");

  auto o = ParseOrderBy("sum(age) DESC, name asc, id");
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE((*o)[0].descending);
  EXPECT_FALSE((*o)[1].descending);
  EXPECT_FALSE((*o)[2].descending);
}

TEST(Parser, DepthAndSizeLimits) {
  std::string nested = std::string(30, '(') + "a = 1" + std::string(30, ')');
  EXPECT_EQ(CodeOf(nested), "ok");
  std::string deep = std::string(200, '(') + "a = 1" + std::string(200, ')');
  EXPECT_EQ(CodeOf(deep), "query.too_deep");
  std::string nots;
  for (int i = 0; i < 100; ++i) nots += "not ";
  EXPECT_EQ(CodeOf(nots + "a"), "query.too_deep");
  std::string chain = "a";
  for (int i = 0; i < 70; ++i) chain += " + 1";
  EXPECT_EQ(CodeOf(chain + " > 0"), "query.too_deep");

  std::string in_ok = "a in (";
  for (size_t i = 0; i < kMaxInListValues; ++i) in_ok += (i ? ",1" : "1");
  EXPECT_EQ(CodeOf(in_ok + ")"), "ok");
  EXPECT_EQ(CodeOf(in_ok + ",1)"), "query.too_many_values");

  EXPECT_EQ(CodeOf("a = '" + std::string(kMaxClauseBytes, 'x') + "'"), "query.too_long");

  std::string many;
  for (size_t i = 0; i <= kMaxSelectItems; ++i) many += (i ? ",a" : "a");
  auto s = ParseSelect(many);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "query.too_many_items");
}

TEST(Parser, BlankClauses) {
  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" \t\n\xE3\x80\x80"));
  EXPECT_FALSE(IsBlank(" a "));
  EXPECT_EQ(CodeOf(""), "query.syntax");
}

TEST(Ast, SameExprIgnoresPositionsAndDisplayIdentifierQuotes) {
  auto a = ParseCondition("year(born)  =  1");
  auto b = ParseCondition("YEAR( born ) = 1");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(SameExpr(**a, **b));
  auto c = ParseCondition("year(born) = 2");
  EXPECT_FALSE(SameExpr(**a, **c));
  EXPECT_EQ(DisplayIdentifier("city"), "city");
  EXPECT_EQ(DisplayIdentifier("行政区划代码"), "行政区划代码");
  EXPECT_EQ(DisplayIdentifier("odd name"), "`odd name`");
  EXPECT_EQ(DisplayIdentifier("a`b"), "`a``b`");
}

}  // namespace
}  // namespace gongshu::query
