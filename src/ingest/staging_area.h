#pragma once
// The staging directory (DATA_DIR/staging): where files are placed for the engine to read with
// read_csv/read_json/read_parquet (the engine may only touch files under the data dir). Files this
// module creates are named "ingest-<random>.<ext>", tracked while in use, and deleted when done;
// leftovers from a crash are removed when the staging area is opened.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gongshu::ingest {

// A file in the staging directory, deleted on destruction when owned.
class StagedFile {
 public:
  StagedFile() = default;
  StagedFile(std::filesystem::path path, bool owned);
  StagedFile(StagedFile&& other) noexcept;
  StagedFile& operator=(StagedFile&& other) noexcept;
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  ~StagedFile();

  const std::filesystem::path& path() const { return path_; }
  bool owned() const { return owned_; }
  void Remove();

 private:
  std::filesystem::path path_;
  bool owned_ = false;
};

class StagingArea {
 public:
  explicit StagingArea(std::filesystem::path dir);

  // Creates the directory and removes stale "ingest-*" files that no import in this process is
  // using (a crashed run leaves them behind). Returns how many were removed.
  Result<int> Prepare();

  // A new, empty, owned file name ("ingest-<16 hex>.<ext>") reserved for this process.
  StagedFile NewFile(std::string_view extension) const;

  // Whether `p` resolves to a regular file inside the staging directory (uploads are saved there
  // and can be read in place).
  bool Contains(const std::filesystem::path& p) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace gongshu::ingest
