#pragma once
// Verification of RFC 9162 inclusion and consistency proofs. Standalone (no tree needed): used
// by witnesses, the offline archive verifier, and any client holding a checkpoint.
//
// Both verifiers check the proof length against the length the (index, size) pair implies
// before hashing, so malformed proofs fail with a precise message, then run the RFC 9162
// §2.1.3.2 / §2.1.4.2 algorithms. Every failure is ErrorKind::kUnprocessable with code
// "audit.proof_invalid".
#include <cstdint>
#include <span>

#include "audit/tree_hasher.h"
#include "core/result.h"

namespace gongshu::audit {

// RFC 9162 §2.1.3.2: does `proof` show that `leaf_hash` is leaf `index` of the tree of `size`
// leaves whose root is `root`? Rejects index ≥ size (and thus size = 0).
Status VerifyInclusion(const TreeHasher& hasher, uint64_t index, uint64_t size,
                       const Hash& leaf_hash, std::span<const Hash> proof, const Hash& root);

// Root implied by an inclusion proof (the first half of VerifyInclusion).
Result<Hash> RootFromInclusionProof(const TreeHasher& hasher, uint64_t index, uint64_t size,
                                    const Hash& leaf_hash, std::span<const Hash> proof);

// RFC 9162 §2.1.4.2: is the tree (size2, root2) an append-only extension of (size1, root1)?
// Rejects size1 = 0 (the RFC defines no proof from the empty tree), size1 > size2, a non-empty
// proof for size1 = size2 (whose roots must then be equal), and any proof of the wrong length.
Status VerifyConsistency(const TreeHasher& hasher, uint64_t size1, uint64_t size2,
                         std::span<const Hash> proof, const Hash& root1, const Hash& root2);

// Expected proof lengths (number of hashes) for well-formed arguments.
uint64_t InclusionProofLength(uint64_t index, uint64_t size);
uint64_t ConsistencyProofLength(uint64_t size1, uint64_t size2);

}  // namespace gongshu::audit
