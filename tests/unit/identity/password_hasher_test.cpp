#include "identity/password_hasher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

namespace gongshu::identity {
namespace {

TEST(PasswordHasherTest, HashesWithArgon2idAndVerifies) {
  PasswordHasher h(PasswordCost::MinimumForTests());
  auto hash = h.Hash("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
  EXPECT_TRUE(h.Verify(*hash, "correct horse battery"));
  EXPECT_FALSE(h.Verify(*hash, "correct horse batterY"));
  EXPECT_FALSE(h.Verify(*hash, ""));
}

TEST(PasswordHasherTest, SaltsEveryHash) {
  PasswordHasher h(PasswordCost::MinimumForTests());
  auto a = h.Hash("same password");
  auto b = h.Hash("same password");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(h.Verify(*a, "same password"));
  EXPECT_TRUE(h.Verify(*b, "same password"));
}

TEST(PasswordHasherTest, RejectsMalformedHashes) {
  PasswordHasher h(PasswordCost::MinimumForTests());
  auto good = h.Hash("a password here");
  ASSERT_TRUE(good.ok());
  std::string tampered = *good;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(h.Verify(tampered, "a password here"));
  EXPECT_FALSE(h.Verify("", "a password here"));
  EXPECT_FALSE(h.Verify("$argon2id$garbage", "a password here"));
  EXPECT_FALSE(h.Verify(std::string(4096, 'x'), "a password here"));
  EXPECT_TRUE(h.NeedsRehash("not a hash"));
}

TEST(PasswordHasherTest, NoticesAnOlderCost) {
  PasswordHasher cheap(PasswordCost::MinimumForTests());
  auto hash = cheap.Hash("rehash me please");
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(cheap.NeedsRehash(*hash));
  PasswordHasher production(PasswordCost::Interactive());
  EXPECT_TRUE(production.NeedsRehash(*hash));
  EXPECT_TRUE(production.Verify(*hash, "rehash me please"));  // old hashes still verify
}

// The production cost, measured (printed for docs/security-model.md; no assertion on time).
TEST(PasswordHasherTest, InteractiveCostIsMeasured) {
  PasswordHasher h(PasswordCost::Interactive());
  auto t0 = std::chrono::steady_clock::now();
  auto hash = h.Hash("measure the interactive cost");
  auto t1 = std::chrono::steady_clock::now();
  ASSERT_TRUE(hash.ok());
  EXPECT_NE(hash->find("m=65536,t=2,p=1"), std::string::npos) << *hash;
  EXPECT_TRUE(h.Verify(*hash, "measure the interactive cost"));
  auto t2 = std::chrono::steady_clock::now();
  std::printf("argon2id interactive (64 MiB, 2 passes): hash %.0f ms, verify %.0f ms\n",
              std::chrono::duration<double, std::milli>(t1 - t0).count(),
              std::chrono::duration<double, std::milli>(t2 - t1).count());
}

}  // namespace
}  // namespace gongshu::identity
