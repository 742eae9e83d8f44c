// The SQL macros of migration 0002 (used by the quality profile) agree with the C++ validators.
#include <random>

#include "ingest/identifier_checks.h"
#include "ingest_fixture.h"

namespace gongshu::ingest::test {
namespace {

using storage::Value;

class IdentifierMacros : public IngestTest {
 protected:
  // Evaluates the macro on every value in one query and compares with the C++ function.
  void ExpectAgree(const std::string& macro, bool (*check)(std::string_view),
                   const std::vector<std::string>& values) {
    auto s = engine_->Acquire();
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->Execute("CREATE OR REPLACE TEMP TABLE vals (i BIGINT, v VARCHAR)").ok());
    auto app = (*s)->OpenAppender("vals");
    ASSERT_TRUE(app.ok());
    storage::AppendBatch b;
    b.rows = values.size();
    b.columns.resize(2);
    b.columns[0].kind = storage::AppendColumn::Kind::kInt64;
    b.columns[1].kind = storage::AppendColumn::Kind::kText;
    for (size_t i = 0; i < values.size(); ++i) {
      b.columns[0].ints.push_back(static_cast<int64_t>(i));
      b.columns[1].texts.push_back(values[i]);
    }
    ASSERT_TRUE((*app)->Append(b).ok());
    ASSERT_TRUE((*app)->Close().ok());
    auto t = (*s)->Query("SELECT i, coalesce(" + macro + "(v), false) FROM vals ORDER BY i");
    ASSERT_TRUE(t.ok()) << t.error().message;
    ASSERT_EQ(t->rows.size(), values.size());
    size_t valid = 0;
    for (size_t i = 0; i < values.size(); ++i) {
      bool sql = t->rows[i][1].as_bool();
      EXPECT_EQ(sql, check(values[i])) << macro << "('" << values[i] << "')";
      valid += sql ? 1 : 0;
    }
    EXPECT_GT(valid, 0u) << macro;  // the sample exercises both outcomes
    EXPECT_LT(valid, values.size()) << macro;
  }
};

std::string RandomDigits(std::mt19937& rng, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng() % 10));
  return s;
}

TEST_F(IdentifierMacros, ResidentIdAgreesWithCpp) {
  std::mt19937 rng(42);
  std::vector<std::string> v = {"11010519491231002X", "440304199001011233",
                                "310115198812120534", "510107197007070012",
                                "110105194912310020", "1101051949123100",
                                "11010519491331002X", "A1010519491231002X",
                                "11010519491231002x", "",
                                "01010519491231002X"};
  for (int i = 0; i < 3000; ++i) {
    // A plausible body with a random date, half with the right check character.
    std::string body = "11010" + std::to_string(1 + rng() % 9) +
                       std::to_string(1900 + rng() % 130) + RandomDigits(rng, 2) +
                       RandomDigits(rng, 2) + RandomDigits(rng, 3);
    char check = (i % 2 == 0) ? *ResidentIdCheckChar(body) : "0123456789X"[rng() % 11];
    v.push_back(body + check);
  }
  ExpectAgree("gs_is_resident_id", &IsValidResidentId, v);
}

TEST_F(IdentifierMacros, UsccMobileAndDivisionAgreeWithCpp) {
  std::mt19937 rng(7);
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::vector<std::string> uscc = {"91350100M000100Y43",
                                   "91110108551385082Q",
                                   "9144030071526726XG",
                                   "91350100M000100Y44",
                                   "9135010OM000100Y43",
                                   "91350100m000100y43",
                                   "",
                                   "1"};
  for (int i = 0; i < 2000; ++i) {
    std::string body =
        std::string(1, alphabet[rng() % 31]) + alphabet[rng() % 31] + RandomDigits(rng, 6);
    for (int k = 0; k < 9; ++k) body.push_back(alphabet[rng() % 31]);
    char check = (i % 2 == 0) ? *UsccCheckChar(body) : alphabet[rng() % 31];
    uscc.push_back(body + check);
  }
  ExpectAgree("gs_is_uscc", &IsValidUscc, uscc);
  std::vector<std::string> mobiles = {"13800138000", "19912345678",  "12800138000",
                                      "1380013800",  "138001380001", ""};
  for (int i = 0; i < 500; ++i) mobiles.push_back("1" + RandomDigits(rng, 10));
  ExpectAgree("gs_is_mobile", &IsValidMobile, mobiles);
  std::vector<std::string> divisions = {"110105", "110101001001", "100000", "101000",
                                        "11010",  "110101001",    "11010a"};
  for (int i = 0; i < 500; ++i) divisions.push_back(RandomDigits(rng, i % 2 ? 6 : 12));
  ExpectAgree("gs_is_division_code", &IsValidDivisionCode, divisions);
}

}  // namespace
}  // namespace gongshu::ingest::test
