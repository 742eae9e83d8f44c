#pragma once
// POSIX file helpers for crash-safe storage: an owning file descriptor, full reads/writes that
// retry short transfers and EINTR, directory fsync, and atomic whole-file replacement.
// Errors come back as errno values so callers can build their own domain errors.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gongshu::audit::internal {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { Reset(); }
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.Release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept {
    if (this != &o) {
      Reset();
      fd_ = o.Release();
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int Release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }
  void Reset();

 private:
  int fd_ = -1;
};

// 0 on success, otherwise the errno of the failing call.
int WriteAllAt(int fd, std::string_view data, off_t offset);
int ReadAllAt(int fd, char* buf, size_t n, off_t offset, size_t* got);
int SyncDirectory(const std::filesystem::path& dir);

// Reads a whole file; kNotFound when missing.
Result<std::string> ReadWholeFile(const std::filesystem::path& path);

// Replaces `path` atomically and durably: write a temporary sibling, fsync it, rename over the
// target, fsync the directory. A crash leaves either the old or the new content, never a mix.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content, mode_t mode);

// Creates the directory (and parents) with the given mode if missing; fsyncs the parent so the
// new entry survives a crash.
Status EnsureDirectory(const std::filesystem::path& dir, mode_t mode);

std::string ErrnoText(int err);

}  // namespace gongshu::audit::internal
