#include "core/secret_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "core/crypto.h"
#include "core/encoding.h"
#include "core/strings.h"

namespace gongshu {

namespace {

Error IoError(const std::string& what, const std::filesystem::path& p) {
  return MakeError(ErrorKind::kUnavailable, "io.error", what + ": " + p.string(), "文件操作失败：" + p.string());
}

}  // namespace

Status EnsurePrivateDirectory(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create directory", dir);
  if (::chmod(dir.c_str(), 0700) != 0) return IoError("cannot restrict directory", dir);
  return Ok();
}

Status WriteFileAtomically(const std::filesystem::path& path, std::string_view content, bool private_mode) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, private_mode ? 0600 : 0644);
  if (fd < 0) return IoError("cannot write", tmp);
  size_t off = 0;
  while (off < content.size()) {
    ssize_t n = ::write(fd, content.data() + off, content.size() - off);
    if (n <= 0) {
      ::close(fd);
      return IoError("cannot write", tmp);
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    return IoError("cannot sync", tmp);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) return IoError("cannot rename", tmp);
  int dfd = ::open(path.parent_path().empty() ? "." : path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Ok();
}

Result<std::string> LoadOrCreateSecret(const std::filesystem::path& path, size_t bytes) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string value(Trim(ss.str()));
    if (value.empty()) return IoError("empty secret file", path);
    return value;
  }
  GS_RETURN_IF_ERROR(EnsurePrivateDirectory(path.parent_path()));
  std::string value = Base64Encode(RandomBytes(bytes), true, false);
  GS_RETURN_IF_ERROR(WriteFileAtomically(path, value + "\n", true));
  return value;
}

}  // namespace gongshu
