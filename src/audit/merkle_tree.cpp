#include "audit/merkle_tree.h"

#include <bit>
#include <string>

namespace gongshu::audit {
namespace {

Error RangeError(const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kInvalidArgument, "audit.tree_range", en, zh);
}

}  // namespace

uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

void MerkleTree::Level::Push(const Hash& h) {
  if (blocks_.empty() || blocks_.back().size() == kBlockSize) {
    blocks_.emplace_back();
    // The first block grows geometrically (high levels stay small); later blocks are full size.
    if (blocks_.size() > 1) blocks_.back().reserve(kBlockSize);
  }
  blocks_.back().push_back(h);
  ++size_;
}

size_t MerkleTree::Level::MemoryBytes() const {
  size_t total = blocks_.capacity() * sizeof(std::vector<Hash>);
  for (const auto& b : blocks_) total += b.capacity() * sizeof(Hash);
  return total;
}

MerkleTree::MerkleTree(HashAlgorithm algorithm) : hasher_(algorithm) {}

uint64_t MerkleTree::AppendEntry(std::string_view entry) {
  return AppendLeafHash(hasher_.HashLeaf(entry));
}

uint64_t MerkleTree::AppendLeafHash(const Hash& leaf_hash) {
  const uint64_t index = size_;
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].Push(leaf_hash);
  // Each time a level gains an even count, a complete subtree one level up is finished.
  for (size_t k = 0; levels_[k].size() % 2 == 0; ++k) {
    const uint64_t n = levels_[k].size();
    Hash parent = hasher_.HashChildren(levels_[k][n - 2], levels_[k][n - 1]);
    if (levels_.size() == k + 1) levels_.emplace_back();
    levels_[k + 1].Push(parent);
  }
  ++size_;
  return index;
}

Hash MerkleTree::SubtreeHash(uint64_t start, uint64_t len) const {
  if (std::has_single_bit(len)) {
    const unsigned level = static_cast<unsigned>(std::countr_zero(len));
    return levels_[level][start >> level];
  }
  // RFC 6962 §2.1: split at the largest power of two smaller than len; the left part is
  // complete, only the right part recurses (depth ≤ log2 n).
  const uint64_t k = SplitPoint(len);
  return hasher_.HashChildren(SubtreeHash(start, k), SubtreeHash(start + k, len - k));
}

Hash MerkleTree::Root() const { return size_ == 0 ? hasher_.EmptyRoot() : SubtreeHash(0, size_); }

Result<Hash> MerkleTree::RootAt(uint64_t size) const {
  if (size > size_) {
    return RangeError(
        "tree size " + std::to_string(size) + " exceeds the log size " + std::to_string(size_),
        "树大小 " + std::to_string(size) + " 超过日志大小 " + std::to_string(size_));
  }
  return size == 0 ? hasher_.EmptyRoot() : SubtreeHash(0, size);
}

Result<Hash> MerkleTree::LeafHash(uint64_t index) const {
  if (index >= size_) {
    return RangeError(
        "leaf index " + std::to_string(index) + " is not below the log size " +
            std::to_string(size_),
        "叶子序号 " + std::to_string(index) + " 超出日志大小 " + std::to_string(size_));
  }
  return levels_[0][index];
}

void MerkleTree::Path(uint64_t m, uint64_t start, uint64_t n, std::vector<Hash>& out) const {
  // RFC 6962 §2.1.1: PATH(m, D[n]) lists siblings from the leaf up to the root.
  if (n == 1) return;
  const uint64_t k = SplitPoint(n);
  if (m < k) {
    Path(m, start, k, out);
    out.push_back(SubtreeHash(start + k, n - k));
  } else {
    Path(m - k, start + k, n - k, out);
    out.push_back(SubtreeHash(start, k));
  }
}

void MerkleTree::SubProof(uint64_t m, uint64_t start, uint64_t n, bool complete,
                          std::vector<Hash>& out) const {
  // RFC 6962 §2.1.2: SUBPROOF(m, D[n], b).
  if (m == n) {
    if (!complete) out.push_back(SubtreeHash(start, n));
    return;
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    SubProof(m, start, k, complete, out);
    out.push_back(SubtreeHash(start + k, n - k));
  } else {
    SubProof(m - k, start + k, n - k, false, out);
    out.push_back(SubtreeHash(start, k));
  }
}

Result<std::vector<Hash>> MerkleTree::InclusionProof(uint64_t index, uint64_t size) const {
  if (size > size_) {
    return RangeError(
        "tree size " + std::to_string(size) + " exceeds the log size " + std::to_string(size_),
        "树大小 " + std::to_string(size) + " 超过日志大小 " + std::to_string(size_));
  }
  if (index >= size) {
    return RangeError(
        "leaf index " + std::to_string(index) + " is not below tree size " + std::to_string(size),
        "叶子序号 " + std::to_string(index) + " 不小于树大小 " + std::to_string(size));
  }
  std::vector<Hash> proof;
  proof.reserve(64);
  Path(index, 0, size, proof);
  return proof;
}

Result<std::vector<Hash>> MerkleTree::ConsistencyProof(uint64_t size1, uint64_t size2) const {
  if (size2 > size_) {
    return RangeError(
        "tree size " + std::to_string(size2) + " exceeds the log size " + std::to_string(size_),
        "树大小 " + std::to_string(size2) + " 超过日志大小 " + std::to_string(size_));
  }
  if (size1 == 0 || size1 > size2) {
    // RFC 6962 §2.1.2 defines PROOF(m, D[n]) only for 0 < m ≤ n.
    return RangeError("consistency proof needs 0 < size1 <= size2 (got " + std::to_string(size1) +
                          ", " + std::to_string(size2) + ")",
                      "一致性证明要求 0 < size1 <= size2（实际 " + std::to_string(size1) + ", " +
                          std::to_string(size2) + "）");
  }
  std::vector<Hash> proof;
  proof.reserve(64);
  if (size1 < size2) SubProof(size1, 0, size2, true, proof);
  return proof;
}

size_t MerkleTree::MemoryBytes() const {
  size_t total = 0;
  for (const auto& level : levels_) total += level.MemoryBytes();
  return total;
}

}  // namespace gongshu::audit
