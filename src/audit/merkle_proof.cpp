#include "audit/merkle_proof.h"

#include <bit>
#include <string>

namespace gongshu::audit {
namespace {

Error ProofError(const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kUnprocessable, "audit.proof_invalid", en, zh);
}

std::string Num(uint64_t v) { return std::to_string(v); }

// The inclusion path of leaf `index` in a tree of `size` splits into `inner` siblings below the
// point where the path leaves the left-complete part and `border` left siblings on the right
// border (transparency-dev/merkle's decomposition).
void Decompose(uint64_t index, uint64_t size, uint64_t& inner, uint64_t& border) {
  inner = static_cast<uint64_t>(std::bit_width(index ^ (size - 1)));
  border = static_cast<uint64_t>(std::popcount(inner >= 64 ? 0 : index >> inner));
}

}  // namespace

uint64_t InclusionProofLength(uint64_t index, uint64_t size) {
  if (index >= size) return 0;
  uint64_t inner = 0, border = 0;
  Decompose(index, size, inner, border);
  return inner + border;
}

uint64_t ConsistencyProofLength(uint64_t size1, uint64_t size2) {
  if (size1 == 0 || size1 >= size2) return 0;
  // The proof is the inclusion proof, in the tree of size2, of the largest complete subtree
  // ending at size1, preceded by that subtree's hash unless it is the whole of tree size1.
  const unsigned level = static_cast<unsigned>(std::countr_zero(size1));
  const uint64_t index = (size1 - 1) >> level;
  const uint64_t level_size = ((size2 - 1) >> level) + 1;
  uint64_t inner = 0, border = 0;
  Decompose(index, level_size, inner, border);
  return (index == 0 ? 0 : 1) + inner + border;
}

Result<Hash> RootFromInclusionProof(const TreeHasher& hasher, uint64_t index, uint64_t size,
                                    const Hash& leaf_hash, std::span<const Hash> proof) {
  if (index >= size) {
    return ProofError("leaf index " + Num(index) + " is not below tree size " + Num(size),
                      "叶子序号 " + Num(index) + " 不小于树大小 " + Num(size));
  }
  const uint64_t want = InclusionProofLength(index, size);
  if (proof.size() != want) {
    return ProofError("inclusion proof for index " + Num(index) + " in tree size " + Num(size) +
                          " has " + Num(proof.size()) + " hashes, expected " + Num(want),
                      "序号 " + Num(index) + " 在树大小 " + Num(size) + " 中的包含证明有 " +
                          Num(proof.size()) + " 个哈希，应为 " + Num(want));
  }
  // RFC 9162 §2.1.3.2.
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return ProofError("inclusion proof is too long", "包含证明过长");
    if ((fn & 1) != 0 || fn == sn) {
      r = hasher.HashChildren(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = hasher.HashChildren(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return ProofError("inclusion proof is too short", "包含证明过短");
  return r;
}

Status VerifyInclusion(const TreeHasher& hasher, uint64_t index, uint64_t size,
                       const Hash& leaf_hash, std::span<const Hash> proof, const Hash& root) {
  GS_ASSIGN_OR_RETURN(Hash computed, RootFromInclusionProof(hasher, index, size, leaf_hash, proof));
  if (computed != root) {
    return ProofError(
        "leaf " + Num(index) + " is not included in the tree of size " + Num(size) +
            " (computed root differs)",
        "叶子 " + Num(index) + " 未包含在大小为 " + Num(size) + " 的树中（根哈希不符）");
  }
  return Ok();
}

Status VerifyConsistency(const TreeHasher& hasher, uint64_t size1, uint64_t size2,
                         std::span<const Hash> proof, const Hash& root1, const Hash& root2) {
  if (size1 == 0) {
    return ProofError("consistency proof from the empty tree is undefined (size1 = 0)",
                      "从空树出发的一致性证明无定义（size1 = 0）");
  }
  if (size1 > size2) {
    return ProofError("size1 " + Num(size1) + " is larger than size2 " + Num(size2),
                      "size1 " + Num(size1) + " 大于 size2 " + Num(size2));
  }
  if (size1 == size2) {
    if (!proof.empty()) {
      return ProofError("consistency proof between equal sizes must be empty",
                        "相同大小之间的一致性证明必须为空");
    }
    if (root1 != root2) {
      return ProofError("different roots for the same tree size " + Num(size1),
                        "同一树大小 " + Num(size1) + " 的根哈希不同");
    }
    return Ok();
  }
  const uint64_t want = ConsistencyProofLength(size1, size2);
  if (proof.size() != want) {
    return ProofError("consistency proof " + Num(size1) + " -> " + Num(size2) + " has " +
                          Num(proof.size()) + " hashes, expected " + Num(want),
                      "一致性证明 " + Num(size1) + " -> " + Num(size2) + " 有 " +
                          Num(proof.size()) + " 个哈希，应为 " + Num(want));
  }
  // RFC 9162 §2.1.4.2. Step 2: when size1 is a power of two the proof omits its root, which the
  // verifier already has; iterate over [root1] + proof in that case.
  const bool prepend = std::has_single_bit(size1);
  size_t next = 0;
  auto take = [&]() -> const Hash& {
    if (prepend) {
      if (next++ == 0) return root1;
      return proof[next - 2];
    }
    return proof[next++];
  };
  const size_t total = proof.size() + (prepend ? 1 : 0);
  uint64_t fn = size1 - 1;
  uint64_t sn = size2 - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = take();
  Hash sr = fr;
  for (size_t i = 1; i < total; ++i) {
    const Hash& c = take();
    if (sn == 0) return ProofError("consistency proof is too long", "一致性证明过长");
    if ((fn & 1) != 0 || fn == sn) {
      fr = hasher.HashChildren(c, fr);
      sr = hasher.HashChildren(c, sr);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = hasher.HashChildren(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return ProofError("consistency proof is too short", "一致性证明过短");
  if (fr != root1) {
    return ProofError("consistency proof does not reproduce the root of tree size " + Num(size1),
                      "一致性证明无法还原大小为 " + Num(size1) + " 的树根");
  }
  if (sr != root2) {
    return ProofError("consistency proof does not reproduce the root of tree size " + Num(size2),
                      "一致性证明无法还原大小为 " + Num(size2) + " 的树根");
  }
  return Ok();
}

}  // namespace gongshu::audit
