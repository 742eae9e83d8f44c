// RFC 6962 / RFC 9162 Merkle tree: reference vectors, SM3, malformed-proof rejection and
// randomized properties.
#include "audit/merkle_tree.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "audit/merkle_proof.h"
#include "core/encoding.h"
#include "support/temp_dir.h"

namespace gongshu::audit {
namespace {

Hash FromHex(std::string_view hex) {
  auto bytes = HexDecode(hex);
  EXPECT_TRUE(bytes.has_value());
  auto h = HashFromBytes(bytes.value_or(""));
  EXPECT_TRUE(h.has_value());
  return h.value_or(Hash{});
}

std::vector<Hash> HashList(const boost::json::value& v) {
  std::vector<Hash> out;
  for (const auto& e : v.as_array()) out.push_back(FromHex(e.as_string()));
  return out;
}

class Rfc6962Vectors : public ::testing::Test {
 protected:
  void SetUp() override {
    json_ = boost::json::parse(testing::ReadFile(testing::TestDataPath("rfc6962.json")));
    for (const auto& leaf : json_.at("leaves_hex").as_array()) {
      leaves_.push_back(HexDecode(leaf.as_string()).value());
    }
    for (const auto& leaf : leaves_) tree_.AppendEntry(leaf);
  }
  boost::json::value json_;
  std::vector<std::string> leaves_;
  MerkleTree tree_;
};

TEST_F(Rfc6962Vectors, LeafHashesAndRootsMatch) {
  ASSERT_EQ(tree_.size(), 8u);
  const auto& leaf_hashes = json_.at("leaf_hashes").as_array();
  for (size_t i = 0; i < leaves_.size(); ++i) {
    EXPECT_EQ(HashToHex(tree_.LeafHash(i).value()), leaf_hashes[i].as_string()) << i;
  }
  for (const auto& [size, root] : json_.at("roots").as_object()) {
    uint64_t n = std::stoull(std::string(size));
    EXPECT_EQ(HashToHex(tree_.RootAt(n).value()), root.as_string()) << "size " << n;
  }
  EXPECT_EQ(HashToHex(tree_.Root()), json_.at("roots").at("8").as_string());
  EXPECT_EQ(HashToHex(MerkleTree().Root()), json_.at("roots").at("0").as_string());
}

TEST_F(Rfc6962Vectors, InclusionProofsMatchAndVerify) {
  const auto& cases = json_.at("inclusion").as_array();
  ASSERT_EQ(cases.size(), 36u);
  for (const auto& c : cases) {
    uint64_t index = c.at("index").to_number<uint64_t>();
    uint64_t size = c.at("size").to_number<uint64_t>();
    auto want = HashList(c.at("proof"));
    auto got = tree_.InclusionProof(index, size);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, want) << index << "/" << size;
    EXPECT_EQ(InclusionProofLength(index, size), want.size());
    EXPECT_TRUE(VerifyInclusion(tree_.hasher(), index, size, tree_.LeafHash(index).value(), want,
                                tree_.RootAt(size).value())
                    .ok());
  }
}

TEST_F(Rfc6962Vectors, ConsistencyProofsMatchAndVerify) {
  const auto& cases = json_.at("consistency").as_array();
  ASSERT_EQ(cases.size(), 36u);
  for (const auto& c : cases) {
    uint64_t s1 = c.at("size1").to_number<uint64_t>();
    uint64_t s2 = c.at("size2").to_number<uint64_t>();
    auto want = HashList(c.at("proof"));
    auto got = tree_.ConsistencyProof(s1, s2);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, want) << s1 << "->" << s2;
    if (s1 < s2) {
      EXPECT_EQ(ConsistencyProofLength(s1, s2), want.size());
    }
    EXPECT_TRUE(VerifyConsistency(tree_.hasher(), s1, s2, want, tree_.RootAt(s1).value(),
                                  tree_.RootAt(s2).value())
                    .ok())
        << s1 << "->" << s2;
  }
}

TEST_F(Rfc6962Vectors, MalformedInclusionProofsAreRejected) {
  const TreeHasher& h = tree_.hasher();
  const Hash root = tree_.RootAt(8).value();
  const Hash leaf2 = tree_.LeafHash(2).value();
  const auto proof = tree_.InclusionProof(2, 8).value();
  ASSERT_TRUE(VerifyInclusion(h, 2, 8, leaf2, proof, root).ok());

  EXPECT_FALSE(VerifyInclusion(h, 3, 8, leaf2, proof, root).ok()) << "wrong index";
  // A size is always checked together with the root signed for it (RFC 9162 §2.1.3.2 does not
  // bind the size into the hashes: index 2 has the same path shape in trees of 7 and 8 leaves).
  EXPECT_FALSE(VerifyInclusion(h, 2, 7, leaf2, proof, tree_.RootAt(7).value()).ok())
      << "wrong size";
  EXPECT_FALSE(VerifyInclusion(h, 2, 4, leaf2, proof, root).ok()) << "size with another length";
  EXPECT_FALSE(VerifyInclusion(h, 8, 8, leaf2, proof, root).ok()) << "index == size";
  EXPECT_FALSE(VerifyInclusion(h, 9, 8, leaf2, proof, root).ok()) << "index > size";
  EXPECT_FALSE(VerifyInclusion(h, 0, 0, leaf2, {}, root).ok()) << "empty tree";
  EXPECT_FALSE(VerifyInclusion(h, 2, 8, tree_.LeafHash(3).value(), proof, root).ok());
  auto shorter = proof;
  shorter.pop_back();
  EXPECT_FALSE(VerifyInclusion(h, 2, 8, leaf2, shorter, root).ok()) << "too short";
  auto longer = proof;
  longer.push_back(root);
  EXPECT_FALSE(VerifyInclusion(h, 2, 8, leaf2, longer, root).ok()) << "too long";
  for (size_t i = 0; i < proof.size(); ++i) {
    for (size_t b = 0; b < 32; ++b) {
      auto bad = proof;
      bad[i][b] ^= 0x01;
      EXPECT_FALSE(VerifyInclusion(h, 2, 8, leaf2, bad, root).ok()) << i << "/" << b;
    }
  }
  Hash bad_root = root;
  bad_root[31] ^= 0x80;
  EXPECT_FALSE(VerifyInclusion(h, 2, 8, leaf2, proof, bad_root).ok());
}

TEST_F(Rfc6962Vectors, MalformedConsistencyProofsAreRejected) {
  const TreeHasher& h = tree_.hasher();
  const Hash r3 = tree_.RootAt(3).value();
  const Hash r8 = tree_.RootAt(8).value();
  const auto proof = tree_.ConsistencyProof(3, 8).value();
  ASSERT_TRUE(VerifyConsistency(h, 3, 8, proof, r3, r8).ok());

  EXPECT_FALSE(VerifyConsistency(h, 0, 8, {}, h.EmptyRoot(), r8).ok()) << "size1 = 0";
  EXPECT_FALSE(VerifyConsistency(h, 0, 8, proof, h.EmptyRoot(), r8).ok());
  EXPECT_FALSE(VerifyConsistency(h, 8, 3, proof, r8, r3).ok()) << "size1 > size2";
  EXPECT_FALSE(VerifyConsistency(h, 8, 8, proof, r8, r8).ok()) << "non-empty, equal sizes";
  EXPECT_TRUE(VerifyConsistency(h, 8, 8, {}, r8, r8).ok());
  EXPECT_FALSE(VerifyConsistency(h, 8, 8, {}, r8, r3).ok()) << "equal sizes, different roots";
  EXPECT_FALSE(VerifyConsistency(h, 3, 8, {}, r3, r8).ok()) << "empty proof";
  EXPECT_FALSE(VerifyConsistency(h, 4, 8, proof, r3, r8).ok()) << "wrong size1";
  EXPECT_FALSE(VerifyConsistency(h, 3, 7, proof, r3, tree_.RootAt(7).value()).ok())
      << "wrong size2";
  EXPECT_FALSE(VerifyConsistency(h, 2, 8, proof, tree_.RootAt(2).value(), r8).ok())
      << "wrong size1";
  auto shorter = proof;
  shorter.pop_back();
  EXPECT_FALSE(VerifyConsistency(h, 3, 8, shorter, r3, r8).ok());
  auto longer = proof;
  longer.push_back(r3);
  EXPECT_FALSE(VerifyConsistency(h, 3, 8, longer, r3, r8).ok());
  for (size_t i = 0; i < proof.size(); ++i) {
    for (size_t b = 0; b < 32; ++b) {
      auto bad = proof;
      bad[i][b] ^= 0x10;
      EXPECT_FALSE(VerifyConsistency(h, 3, 8, bad, r3, r8).ok()) << i << "/" << b;
    }
  }
  Hash bad1 = r3;
  bad1[0] ^= 1;
  EXPECT_FALSE(VerifyConsistency(h, 3, 8, proof, bad1, r8).ok());
  Hash bad2 = r8;
  bad2[0] ^= 1;
  EXPECT_FALSE(VerifyConsistency(h, 3, 8, proof, r3, bad2).ok());
  // Power-of-two size1: the proof omits root1, which must still be checked.
  const auto p4 = tree_.ConsistencyProof(4, 8).value();
  EXPECT_TRUE(VerifyConsistency(h, 4, 8, p4, tree_.RootAt(4).value(), r8).ok());
  EXPECT_FALSE(VerifyConsistency(h, 4, 8, p4, r3, r8).ok());
}

TEST(MerkleTree, GenerationRejectsBadRanges) {
  MerkleTree tree;
  for (int i = 0; i < 5; ++i) tree.AppendEntry(std::string(1, static_cast<char>(i)));
  EXPECT_FALSE(tree.InclusionProof(5, 5).ok());
  EXPECT_FALSE(tree.InclusionProof(0, 6).ok());
  EXPECT_FALSE(tree.InclusionProof(0, 0).ok());
  EXPECT_FALSE(tree.ConsistencyProof(0, 5).ok());
  EXPECT_FALSE(tree.ConsistencyProof(4, 3).ok());
  EXPECT_FALSE(tree.ConsistencyProof(3, 6).ok());
  EXPECT_FALSE(tree.RootAt(6).ok());
  EXPECT_FALSE(tree.LeafHash(5).ok());
  EXPECT_TRUE(tree.ConsistencyProof(5, 5).value().empty());
}

TEST(TreeHasher, Sm3VectorsFromCnCryptoFile) {
  auto json = boost::json::parse(
      testing::ReadFile(testing::TestDataPath("cn_crypto_and_identifiers.json")));
  TreeHasher sm3(HashAlgorithm::kSm3);
  const auto& vectors = json.at("sm3").as_array();
  ASSERT_EQ(vectors.size(), 3u);
  for (const auto& v : vectors) {
    std::string msg(v.at("message_ascii").as_string());
    EXPECT_EQ(HashToHex(sm3.Digest(msg)), v.at("digest_hex").as_string()) << msg;
  }
  // SM3 tree: empty root is SM3(""), the leaf prefix applies, and proofs verify.
  MerkleTree tree(HashAlgorithm::kSm3);
  EXPECT_EQ(HashToHex(tree.Root()),
            "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
  tree.AppendEntry("abc");
  EXPECT_EQ(tree.Root(), sm3.Digest(std::string("\0abc", 4)));
  EXPECT_NE(tree.Root(), TreeHasher().HashLeaf("abc"));
  for (int i = 0; i < 20; ++i) tree.AppendEntry("entry " + std::to_string(i));
  auto proof = tree.InclusionProof(7, 21).value();
  EXPECT_TRUE(VerifyInclusion(sm3, 7, 21, tree.LeafHash(7).value(), proof, tree.Root()).ok());
  EXPECT_FALSE(
      VerifyInclusion(TreeHasher(), 7, 21, tree.LeafHash(7).value(), proof, tree.Root()).ok());
  auto cproof = tree.ConsistencyProof(13, 21).value();
  EXPECT_TRUE(VerifyConsistency(sm3, 13, 21, cproof, tree.RootAt(13).value(), tree.Root()).ok());
}

// Reference MTH by the RFC's recursive definition over leaf hashes (no stored levels).
Hash ReferenceRoot(const TreeHasher& h, const std::vector<Hash>& leaves, size_t begin, size_t end) {
  if (end == begin) return h.EmptyRoot();
  if (end - begin == 1) return leaves[begin];
  const size_t k = SplitPoint(end - begin);
  return h.HashChildren(ReferenceRoot(h, leaves, begin, begin + k),
                        ReferenceRoot(h, leaves, begin + k, end));
}

TEST(MerkleTreeProperty, RandomSizesEveryProofVerifiesAndAnyFlippedBitFails) {
  std::mt19937_64 rng(20240611);  // fixed seed: reproducible
  for (HashAlgorithm alg : {HashAlgorithm::kSha256, HashAlgorithm::kSm3}) {
    MerkleTree tree(alg);
    const TreeHasher& h = tree.hasher();
    std::vector<Hash> leaves;
    const uint64_t n = 1500 + rng() % 1500;
    for (uint64_t i = 0; i < n; ++i) {
      std::string entry = "leaf-" + std::to_string(rng());
      tree.AppendEntry(entry);
      leaves.push_back(h.HashLeaf(entry));
    }
    // Roots at sampled sizes match the recursive definition.
    for (int t = 0; t < 40; ++t) {
      uint64_t size = rng() % (n + 1);
      EXPECT_EQ(tree.RootAt(size).value(), ReferenceRoot(h, leaves, 0, size)) << size;
    }
    // Every inclusion proof in one full-size tree and in a random smaller tree verifies.
    const uint64_t sizes[] = {n, 1 + rng() % n};
    for (uint64_t size : sizes) {
      const Hash root = tree.RootAt(size).value();
      for (uint64_t i = 0; i < size; ++i) {
        auto proof = tree.InclusionProof(i, size).value();
        ASSERT_TRUE(VerifyInclusion(h, i, size, leaves[i], proof, root).ok()) << i << "/" << size;
      }
    }
    // Every consistency proof into tree size n, and random pairs, verify.
    const Hash rootn = tree.Root();
    for (uint64_t s1 = 1; s1 <= n; ++s1) {
      auto proof = tree.ConsistencyProof(s1, n).value();
      ASSERT_TRUE(VerifyConsistency(h, s1, n, proof, tree.RootAt(s1).value(), rootn).ok()) << s1;
    }
    for (int t = 0; t < 500; ++t) {
      uint64_t a = 1 + rng() % n, b = 1 + rng() % n;
      if (a > b) std::swap(a, b);
      auto proof = tree.ConsistencyProof(a, b).value();
      ASSERT_TRUE(
          VerifyConsistency(h, a, b, proof, tree.RootAt(a).value(), tree.RootAt(b).value()).ok());
    }
    // Flipping any single bit of a proof, leaf or root makes verification fail.
    for (int t = 0; t < 200; ++t) {
      uint64_t size = 2 + rng() % (n - 1);
      uint64_t i = rng() % size;
      auto proof = tree.InclusionProof(i, size).value();
      Hash root = tree.RootAt(size).value();
      Hash leaf = leaves[i];
      const size_t pick = rng() % (proof.size() + 2);
      const size_t bit = rng() % 256;
      Hash& target = pick < proof.size() ? proof[pick] : (pick == proof.size() ? root : leaf);
      target[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
      EXPECT_FALSE(VerifyInclusion(h, i, size, leaf, proof, root).ok());
    }
    for (int t = 0; t < 200; ++t) {
      uint64_t a = 1 + rng() % (n - 1);
      uint64_t b = a + 1 + rng() % (n - a);
      auto proof = tree.ConsistencyProof(a, b).value();
      Hash r1 = tree.RootAt(a).value(), r2 = tree.RootAt(b).value();
      const size_t pick = rng() % (proof.size() + 2);
      const size_t bit = rng() % 256;
      Hash& target = pick < proof.size() ? proof[pick] : (pick == proof.size() ? r1 : r2);
      target[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
      EXPECT_FALSE(VerifyConsistency(h, a, b, proof, r1, r2).ok()) << a << "->" << b;
    }
  }
}

TEST(MerkleTree, ProofLengthsAreLogarithmic) {
  MerkleTree tree;
  for (int i = 0; i < 100000; ++i) tree.AppendLeafHash(TreeHasher().Digest(std::to_string(i)));
  EXPECT_LE(tree.InclusionProof(12345, 100000).value().size(), 17u);
  EXPECT_LE(tree.ConsistencyProof(54321, 100000).value().size(), 34u);
  EXPECT_GT(tree.MemoryBytes(), 2u * 100000 * 32 - 1);
}

}  // namespace
}  // namespace gongshu::audit
