#pragma once
// A fresh directory under $TMPDIR, removed with its contents at the end of the test.
#include <filesystem>
#include <string>

namespace gongshu::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // Writes a file below the directory and returns its path.
  std::filesystem::path Write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

// Path of a file in tests/data (copied from the shared test vectors).
std::filesystem::path TestDataPath(const std::string& name);
std::string ReadFile(const std::filesystem::path& p);

}  // namespace gongshu::testing
