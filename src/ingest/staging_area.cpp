#include "ingest/staging_area.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "core/crypto.h"
#include "core/encoding.h"

namespace gongshu::ingest {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = "ingest-";

// Staged files in use by this process; Prepare() of another StagingArea on the same directory
// must not delete them.
std::mutex& InFlightMutex() {
  static std::mutex mu;
  return mu;
}
std::set<std::string>& InFlight() {
  static std::set<std::string> files;
  return files;
}

void Track(const fs::path& p) {
  std::lock_guard lock(InFlightMutex());
  InFlight().insert(p.string());
}
void Untrack(const fs::path& p) {
  std::lock_guard lock(InFlightMutex());
  InFlight().erase(p.string());
}

}  // namespace

StagedFile::StagedFile(fs::path path, bool owned) : path_(std::move(path)), owned_(owned) {
  if (owned_) Track(path_);
}

StagedFile::StagedFile(StagedFile&& other) noexcept
    : path_(std::move(other.path_)), owned_(other.owned_) {
  other.owned_ = false;
  other.path_.clear();
}

StagedFile& StagedFile::operator=(StagedFile&& other) noexcept {
  if (this != &other) {
    Remove();
    path_ = std::move(other.path_);
    owned_ = other.owned_;
    other.owned_ = false;
    other.path_.clear();
  }
  return *this;
}

StagedFile::~StagedFile() { Remove(); }

void StagedFile::Remove() {
  if (owned_) {
    std::error_code ec;
    fs::remove(path_, ec);
    Untrack(path_);
    owned_ = false;
  }
}

StagingArea::StagingArea(fs::path dir) {
  // Absolute, so that the engine's allowed_directories check sees the real location.
  std::error_code ec;
  dir_ = fs::absolute(dir, ec).lexically_normal();
  if (ec) dir_ = std::move(dir);
}

Result<int> StagingArea::Prepare() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) {
    return MakeError(ErrorKind::kUnavailable, "ingest.staging_unavailable",
                     "Cannot create the staging directory: " + ec.message(),
                     "无法创建暂存目录：" + ec.message());
  }
  int removed = 0;
  std::lock_guard lock(InFlightMutex());
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (!p.filename().string().starts_with(kPrefix) || InFlight().count(p.string()) > 0) continue;
    std::error_code rm;
    if (it->is_regular_file(rm) && fs::remove(p, rm)) ++removed;
  }
  return removed;
}

StagedFile StagingArea::NewFile(std::string_view extension) const {
  std::string name = std::string(kPrefix) + HexEncode(RandomBytes(8));
  if (!extension.empty())
    name.append(".").append(extension);  // (not "." + …: GCC 12 -Wrestrict false positive)
  return StagedFile(dir_ / name, /*owned=*/true);
}

bool StagingArea::Contains(const fs::path& p) const {
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(dir_, ec);
  if (ec) return false;
  if (!dir.has_filename()) dir = dir.parent_path();  // "staging/" iterates with a trailing ""
  fs::path file = fs::weakly_canonical(p, ec);
  if (ec || !fs::is_regular_file(file, ec)) return false;
  auto [d, f] = std::mismatch(dir.begin(), dir.end(), file.begin(), file.end());
  return d == dir.end() && f != file.end();
}

}  // namespace gongshu::ingest
