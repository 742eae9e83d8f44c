#include "audit/internal/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gongshu::audit::internal {

void UniqueFd::Reset() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

int WriteAllAt(int fd, std::string_view data, off_t offset) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n =
        ::pwrite(fd, data.data() + done, data.size() - done, offset + static_cast<off_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) return EIO;  // no progress: treat as an I/O error rather than spin
    done += static_cast<size_t>(n);
  }
  return 0;
}

int ReadAllAt(int fd, char* buf, size_t n, off_t offset, size_t* got) {
  size_t done = 0;
  while (done < n) {
    ssize_t r = ::pread(fd, buf + done, n - done, offset + static_cast<off_t>(done));
    if (r < 0) {
      if (errno == EINTR) continue;
      *got = done;
      return errno;
    }
    if (r == 0) break;  // end of file
    done += static_cast<size_t>(r);
  }
  *got = done;
  return 0;
}

int SyncDirectory(const std::filesystem::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return errno;
  if (::fsync(fd.get()) != 0) return errno;
  return 0;
}

std::string ErrnoText(int err) { return std::string(std::strerror(err)); }

Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    int err = errno;
    if (err == ENOENT) {
      return MakeError(ErrorKind::kNotFound, "audit.file_missing",
                       "file not found: " + path.string(), "文件不存在: " + path.string());
    }
    return MakeError(ErrorKind::kUnavailable, "audit.file_unreadable",
                     "cannot open " + path.string() + ": " + ErrnoText(err),
                     "无法打开文件 " + path.string() + ": " + ErrnoText(err));
  }
  std::string out;
  char buf[65536];
  off_t off = 0;
  for (;;) {
    size_t got = 0;
    int err = ReadAllAt(fd.get(), buf, sizeof buf, off, &got);
    if (err != 0) {
      return MakeError(ErrorKind::kUnavailable, "audit.file_unreadable",
                       "cannot read " + path.string() + ": " + ErrnoText(err),
                       "无法读取文件 " + path.string() + ": " + ErrnoText(err));
    }
    out.append(buf, got);
    off += static_cast<off_t>(got);
    if (got < sizeof buf) break;
  }
  return out;
}

Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content, mode_t mode) {
  auto fail = [&](const std::string& what, int err) -> Status {
    return MakeError(ErrorKind::kUnavailable, "audit.file_unwritable",
                     what + " " + path.string() + ": " + ErrnoText(err),
                     "无法写入文件 " + path.string() + ": " + ErrnoText(err));
  };
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (!fd.valid()) return fail("cannot create", errno);
  // open() applies the umask; set the exact mode (keys must be 0600 whatever the umask).
  if (::fchmod(fd.get(), mode) != 0) return fail("cannot chmod", errno);
  if (int err = WriteAllAt(fd.get(), content, 0); err != 0) return fail("cannot write", err);
  if (::fsync(fd.get()) != 0) return fail("cannot fsync", errno);
  fd.Reset();
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot rename onto", errno);
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  if (int err = SyncDirectory(dir); err != 0) return fail("cannot fsync directory of", err);
  return Ok();
}

Status EnsureDirectory(const std::filesystem::path& dir, mode_t mode) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return Ok();
  if (dir.has_parent_path() && dir.parent_path() != dir) {
    GS_RETURN_IF_ERROR(EnsureDirectory(dir.parent_path(), 0755));
  }
  if (::mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) {
    int err = errno;
    return MakeError(ErrorKind::kUnavailable, "audit.dir_uncreatable",
                     "cannot create directory " + dir.string() + ": " + ErrnoText(err),
                     "无法创建目录 " + dir.string() + ": " + ErrnoText(err));
  }
  std::filesystem::path parent = dir.parent_path();
  if (parent.empty()) parent = ".";
  if (int err = SyncDirectory(parent); err != 0) {
    return MakeError(ErrorKind::kUnavailable, "audit.dir_uncreatable",
                     "cannot fsync directory " + parent.string() + ": " + ErrnoText(err),
                     "无法同步目录 " + parent.string() + ": " + ErrnoText(err));
  }
  return Ok();
}

}  // namespace gongshu::audit::internal
