#pragma once
// MerkleTree: an append-only RFC 6962 / RFC 9162 Merkle tree kept in memory.
//
// Storage: level k holds the hash of every *complete* subtree of 2^k leaves, left to right
// (level 0 = leaf hashes). That is 2n hashes (64 bytes per entry with 32-byte hashes: 64 MB per
// million entries). Any subtree [start, start+len) with `start` aligned to the largest power of
// two ≤ len is the right-fold of at most log2(n) complete subtrees, so the root of any past size
// and inclusion / consistency proofs for any size ≤ n cost O(log n) hash reads and at most
// O(log n) hash computations. Levels are chunked (4096 hashes per block): appending never copies
// the whole level, so millions of entries append at a steady rate.
//
// Not thread-safe: AuditLog serializes writers and readers around it.
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "audit/tree_hasher.h"
#include "core/result.h"

namespace gongshu::audit {

class MerkleTree {
 public:
  explicit MerkleTree(HashAlgorithm algorithm = HashAlgorithm::kSha256);

  const TreeHasher& hasher() const { return hasher_; }
  uint64_t size() const { return size_; }

  // Appends an entry (hashed as a leaf) or a precomputed leaf hash; returns the new leaf's index.
  uint64_t AppendEntry(std::string_view entry);
  uint64_t AppendLeafHash(const Hash& leaf_hash);

  // Root of the current tree (H("") when empty).
  Hash Root() const;
  // Root of the tree formed by the first `size` leaves; size ≤ size().
  Result<Hash> RootAt(uint64_t size) const;
  Result<Hash> LeafHash(uint64_t index) const;

  // RFC 6962 §2.1.1 PATH(index, D[size]); requires index < size ≤ size().
  Result<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t size) const;
  // RFC 6962 §2.1.2 PROOF(size1, D[size2]); requires 0 < size1 ≤ size2 ≤ size(). Equal sizes
  // give the empty proof.
  Result<std::vector<Hash>> ConsistencyProof(uint64_t size1, uint64_t size2) const;

  // Approximate heap use of the stored hashes.
  size_t MemoryBytes() const;

 private:
  // One level of complete-subtree hashes, stored in fixed-size blocks.
  class Level {
   public:
    void Push(const Hash& h);
    const Hash& operator[](uint64_t i) const { return blocks_[i >> kBlockBits][i & kBlockMask]; }
    uint64_t size() const { return size_; }
    size_t MemoryBytes() const;

   private:
    static constexpr unsigned kBlockBits = 12;
    static constexpr uint64_t kBlockSize = uint64_t{1} << kBlockBits;
    static constexpr uint64_t kBlockMask = kBlockSize - 1;
    std::vector<std::vector<Hash>> blocks_;
    uint64_t size_ = 0;
  };

  // MTH(D[start : start+len]) for len ≥ 1 and start aligned as in the RFC recursion.
  Hash SubtreeHash(uint64_t start, uint64_t len) const;
  void Path(uint64_t m, uint64_t start, uint64_t n, std::vector<Hash>& out) const;
  void SubProof(uint64_t m, uint64_t start, uint64_t n, bool complete,
                std::vector<Hash>& out) const;

  TreeHasher hasher_;
  std::vector<Level> levels_;
  uint64_t size_ = 0;
};

// Largest power of two strictly smaller than n (n ≥ 2): the RFC 6962 split point k.
uint64_t SplitPoint(uint64_t n);

}  // namespace gongshu::audit
