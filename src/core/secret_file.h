#pragma once
// Secrets kept as files in DATA_DIR/keys (directory 0700, files 0600), created on first use.
#include <filesystem>
#include <string>

#include "core/result.h"

namespace gongshu {

// Reads the secret at `path`, or creates it with `bytes` random bytes (stored base64url).
Result<std::string> LoadOrCreateSecret(const std::filesystem::path& path, size_t bytes);

// Creates the directory (and parents) restricted to the owner.
Status EnsurePrivateDirectory(const std::filesystem::path& dir);

// Writes `content` to `path` atomically (temp file + fsync + rename + fsync of the directory).
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view content, bool private_mode);

}  // namespace gongshu
