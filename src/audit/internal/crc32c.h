#pragma once
// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as used by iSCSI, ext4 and LevelDB.
// Frames audit records so a torn or overwritten tail is detected at recovery; it is an error
// check, not a security mechanism (the Merkle tree and signatures provide tamper evidence).
#include <cstdint>
#include <string_view>

namespace gongshu::audit::internal {

// Extends `crc` (0 for a fresh checksum) with `data`.
uint32_t Crc32c(std::string_view data, uint32_t crc = 0);

}  // namespace gongshu::audit::internal
