#include "ingest/text_staging.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "core/crypto.h"
#include "core/strings.h"
#include "core/utf8.h"

namespace gongshu::ingest {

namespace fs = std::filesystem;

namespace {

constexpr size_t kBlock = 1 << 20;

// RAII file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) Reset(std::exchange(o.fd_, -1));
    return *this;
  }
  ~Fd() { Close(); }
  int get() const { return fd_; }
  bool ok() const { return fd_ >= 0; }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  void Reset(int fd) {
    Close();
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

// Reads up to n bytes, retrying short reads; returns bytes read (0 at EOF) or -1.
ssize_t ReadFull(int fd, char* buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, buf + got, n - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  return static_cast<ssize_t>(got);
}

bool WriteFull(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

Error ReadError(const fs::path& p) {
  return MakeError(
      ErrorKind::kUnprocessable, "ingest.source_unreadable",
      "Cannot read the source file '" + p.filename().string() + "': " + std::strerror(errno),
      "无法读取源文件“" + p.filename().string() + "”：" + std::strerror(errno));
}

Error WriteError() {
  return MakeError(ErrorKind::kUnavailable, "ingest.staging_write",
                   std::string("Cannot write to the staging directory: ") + std::strerror(errno),
                   std::string("无法写入暂存目录：") + std::strerror(errno));
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Collects the UTF-8 output: hash, optional file, head copy, first/last non-space byte.
class Utf8Sink {
 public:
  explicit Utf8Sink(int fd) : fd_(fd) {}
  bool Write(std::string_view s) {
    if (s.empty()) return true;
    hash_.Update(s);
    bytes_ += static_cast<int64_t>(s.size());
    if (head_.size() < kHeadBytes) head_.append(s.substr(0, kHeadBytes - head_.size()));
    for (char c : s) {
      if (!IsSpace(c)) {
        first_ = first_ != 0 ? first_ : c;
        break;
      }
    }
    for (size_t i = s.size(); i > 0; --i) {
      if (!IsSpace(s[i - 1])) {
        last_ = s[i - 1];
        break;
      }
    }
    return fd_ < 0 || WriteFull(fd_, s.data(), s.size());
  }
  void Finish(StagedText& out) {
    out.checksum = hash_.FinishHex();
    out.utf8_bytes = bytes_;
    out.head = std::move(head_);
    out.first_char = first_;
    out.last_char = last_;
  }

 private:
  int fd_;
  Sha256Stream hash_;
  int64_t bytes_ = 0;
  std::string head_;
  char first_ = 0;
  char last_ = 0;
};

// Number of the line holding byte `offset` of the file (1-based), counting '\n' in the source.
// Only used on the error path, so it re-reads instead of counting on every block.
int64_t LineAtOffset(const fs::path& source, int64_t offset) {
  Fd fd(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.ok()) return 0;
  std::vector<char> buf(kBlock);
  int64_t line = 1;
  int64_t pos = 0;
  while (pos < offset) {
    ssize_t n = ReadFull(fd.get(), buf.data(),
                         static_cast<size_t>(std::min<int64_t>(kBlock, offset - pos)));
    if (n <= 0) break;
    line += std::count(buf.data(), buf.data() + n, '\n');
    pos += n;
  }
  return line;
}

// True when bytes [0, offset) of the file are all ASCII.
bool AsciiPrefix(const fs::path& source, int64_t offset) {
  Fd fd(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.ok()) return false;
  std::vector<char> buf(kBlock);
  int64_t pos = 0;
  while (pos < offset) {
    ssize_t n = ReadFull(fd.get(), buf.data(),
                         static_cast<size_t>(std::min<int64_t>(kBlock, offset - pos)));
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; ++i) {
      if (static_cast<unsigned char>(buf[static_cast<size_t>(i)]) >= 0x80) return false;
    }
    pos += n;
  }
  return true;
}

Error InvalidBytes(TextEncoding enc, int64_t offset, int64_t line, bool truncated) {
  std::string name(EncodingName(enc));
  if (truncated) {
    return MakeError(ErrorKind::kUnprocessable, "ingest.invalid_encoding",
                     "The file ends inside a " + name + " character (line " + std::to_string(line) +
                         ", byte " + std::to_string(offset) + "): it looks truncated.",
                     "文件在一个" + name + "字符中间结束（第" + std::to_string(line) + "行，第" +
                         std::to_string(offset) + "字节），文件可能不完整。");
  }
  return MakeError(ErrorKind::kUnprocessable, "ingest.invalid_encoding",
                   "Invalid " + name + " bytes at byte offset " + std::to_string(offset) +
                       " (line " + std::to_string(line) +
                       "). Declare the file's encoding or fix the file.",
                   "第" + std::to_string(line) + "行（字节偏移 " + std::to_string(offset) +
                       "）存在无效的" + name + "字节。请指定文件编码或修正文件。");
}

// Length of an incomplete UTF-8 sequence at the end of s (0 when it ends on a boundary).
size_t IncompleteTail(std::string_view s) {
  size_t n = s.size();
  for (size_t back = 1; back <= 3 && back <= n; ++back) {
    unsigned char c = static_cast<unsigned char>(s[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte: keep looking for the lead
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

struct Source {
  Fd fd;
  int64_t size = 0;
};

Result<Source> OpenSource(const fs::path& p) {
  Source s;
  s.fd.Reset(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
  if (!s.fd.ok()) {
    if (errno == ENOENT) return SourceNotFound(p);
    return ReadError(p);
  }
  struct stat st {};
  if (::fstat(s.fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return ReadError(p);
  s.size = st.st_size;
  return s;
}

enum class Outcome { kDone, kRetryAsGb18030 };

// UTF-8 (validated, BOM stripped). Returns kRetryAsGb18030 when detection was only tentative
// (no BOM, nothing declared, all ASCII before the first invalid byte).
Result<Outcome> StageUtf8(const fs::path& source, const fs::path& dest,
                          const TextStagingOptions& options, bool detected, StagedText& out) {
  GS_ASSIGN_OR_RETURN(Source src, OpenSource(source));
  out.source_bytes = src.size;
  std::vector<char> buf(kBlock + 4);
  size_t carry = 0;
  int64_t consumed = 0;  // source bytes before buf[0]
  bool first = true;
  Fd out_fd;
  std::unique_ptr<Utf8Sink> sink;
  for (;;) {
    if (options.cancelled && options.cancelled()) return CancelledError();
    ssize_t n = ReadFull(src.fd.get(), buf.data() + carry, kBlock);
    if (n < 0) return ReadError(source);
    const bool eof = n == 0;
    std::string_view view(buf.data(), carry + static_cast<size_t>(n));
    size_t skip = 0;
    if (first) {
      first = false;
      out.had_bom = view.size() >= 3 && std::memcmp(view.data(), "\xEF\xBB\xBF", 3) == 0;
      skip = out.had_bom ? 3 : 0;
      out.in_place = options.allow_in_place && !out.had_bom;
      if (!out.in_place) {
        out_fd.Reset(::open(dest.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        if (!out_fd.ok()) return WriteError();
      }
      sink = std::make_unique<Utf8Sink>(out.in_place ? -1 : out_fd.get());
    }
    std::string_view body = view.substr(skip);
    size_t tail = eof ? 0 : IncompleteTail(body);
    std::string_view complete = body.substr(0, body.size() - tail);
    size_t bad = FirstInvalidUtf8(complete);
    if (bad < complete.size()) {
      int64_t offset = consumed + static_cast<int64_t>(skip + bad);
      if (detected && !out.had_bom && AsciiPrefix(source, offset)) return Outcome::kRetryAsGb18030;
      return InvalidBytes(TextEncoding::kUtf8, offset, LineAtOffset(source, offset), false);
    }
    if (!sink->Write(complete)) return WriteError();
    if (eof) break;
    consumed += static_cast<int64_t>(view.size() - tail);
    std::memmove(buf.data(), body.data() + complete.size(), tail);
    carry = tail;
  }
  sink->Finish(out);
  return Outcome::kDone;
}

const char* IconvName(TextEncoding e) {
  switch (e) {
    case TextEncoding::kGb18030:
      return "GB18030";
    case TextEncoding::kUtf16:
      return "UTF-16";
    case TextEncoding::kUtf16Le:
      return "UTF-16LE";
    case TextEncoding::kUtf16Be:
      return "UTF-16BE";
    case TextEncoding::kUtf8:
      return "UTF-8";
  }
  return "UTF-8";
}

class Iconv {
 public:
  explicit Iconv(TextEncoding from) : cd_(iconv_open("UTF-8", IconvName(from))) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// Any other encoding → UTF-8 through iconv; newlines are counted in the output so that errors
// name the line whatever the source encoding.
Status StageConverted(const fs::path& source, const fs::path& dest,
                      const TextStagingOptions& options, TextEncoding enc, StagedText& out) {
  GS_ASSIGN_OR_RETURN(Source src, OpenSource(source));
  out.source_bytes = src.size;
  out.encoding = enc;
  out.in_place = false;
  Iconv cd(enc);
  if (!cd.ok()) {
    return MakeError(ErrorKind::kInternal, "ingest.iconv",
                     "The system cannot convert from this encoding.", "系统无法转换该编码。");
  }
  Fd out_fd(::open(dest.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (!out_fd.ok()) return WriteError();
  Utf8Sink sink(out_fd.get());
  std::vector<char> in(kBlock + 16);
  std::vector<char> outbuf(kBlock * 2);
  size_t carry = 0;
  int64_t consumed = 0;
  int64_t newlines = 0;
  bool first_output = true;
  for (;;) {
    if (options.cancelled && options.cancelled()) return CancelledError();
    ssize_t n = ReadFull(src.fd.get(), in.data() + carry, kBlock);
    if (n < 0) return ReadError(source);
    const bool eof = n == 0;
    size_t avail = carry + static_cast<size_t>(n);
    char* inp = in.data();
    size_t inleft = avail;
    while (inleft > 0) {
      char* outp = outbuf.data();
      size_t outleft = outbuf.size();
      size_t rc = iconv(cd.get(), &inp, &inleft, &outp, &outleft);
      int err = rc == static_cast<size_t>(-1) ? errno : 0;
      std::string_view produced(outbuf.data(), outbuf.size() - outleft);
      if (first_output && !produced.empty()) {
        // A BOM inside the declared encoding (GB18030 84 31 95 33, UTF-16LE/BE) became U+FEFF.
        if (produced.size() >= 3 && std::memcmp(produced.data(), "\xEF\xBB\xBF", 3) == 0) {
          produced.remove_prefix(3);
          out.had_bom = true;
        }
        first_output = false;
      }
      newlines += std::count(produced.begin(), produced.end(), '\n');
      if (!sink.Write(produced)) return WriteError();
      if (err == 0 || err == E2BIG) continue;
      int64_t offset = consumed + (inp - in.data());
      if (err == EINVAL && !eof) break;  // incomplete sequence at the block end: carry it over
      return InvalidBytes(enc, offset, newlines + 1, err == EINVAL);
    }
    if (eof) break;
    consumed += static_cast<int64_t>(avail - inleft);
    std::memmove(in.data(), inp, inleft);
    carry = inleft;
  }
  sink.Finish(out);
  return Ok();
}

// Sniffs the first block: BOMs, then UTF-8 validity, then GB18030.
Result<std::optional<TextEncoding>> Detect(const fs::path& source, bool& tentative) {
  GS_ASSIGN_OR_RETURN(Source src, OpenSource(source));
  std::string head(kBlock, '\0');
  ssize_t n = ReadFull(src.fd.get(), head.data(), head.size());
  if (n < 0) return ReadError(source);
  head.resize(static_cast<size_t>(n));
  tentative = false;
  if (head.starts_with("\xEF\xBB\xBF")) return TextEncoding::kUtf8;
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) return TextEncoding::kUtf16;
  size_t bad = FirstInvalidUtf8(head, /*incomplete_tail_ok=*/static_cast<size_t>(n) == kBlock);
  auto non_ascii = [&](size_t end) {
    return std::count_if(head.begin(), head.begin() + static_cast<ptrdiff_t>(end),
                         [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  };
  if (bad == head.size()) {
    tentative = non_ascii(bad) == 0;
    return TextEncoding::kUtf8;
  }
  // Several valid multi-byte UTF-8 characters before the first bad byte: a damaged UTF-8 file
  // (GBK text almost never forms valid UTF-8 for long), which must be reported, not decoded as
  // GB18030 into mojibake.
  if (non_ascii(bad) >= 8) return TextEncoding::kUtf8;
  // Not UTF-8: accept GB18030 if the block decodes (an incomplete character at the block end is
  // fine; the conversion reports real errors with their line).
  Iconv cd(TextEncoding::kGb18030);
  if (!cd.ok()) return std::optional<TextEncoding>();
  char* inp = head.data();
  size_t inleft = head.size();
  std::vector<char> outbuf(kBlock * 2);
  char* outp = outbuf.data();
  size_t outleft = outbuf.size();
  size_t rc = iconv(cd.get(), &inp, &inleft, &outp, &outleft);
  if (rc == static_cast<size_t>(-1) && errno == EILSEQ) return std::optional<TextEncoding>();
  return TextEncoding::kGb18030;
}

}  // namespace

Error CancelledError() {
  return MakeError(ErrorKind::kRequestTimeout, "ingest.cancelled",
                   "The import was cancelled; nothing was published.",
                   "导入已取消，未发布任何数据。");
}

Error SourceNotFound(const fs::path& p) {
  return MakeError(ErrorKind::kInvalidArgument, "ingest.source_not_found",
                   "The source file '" + p.filename().string() + "' does not exist.",
                   "源文件“" + p.filename().string() + "”不存在。");
}

std::string_view EncodingName(TextEncoding e) {
  switch (e) {
    case TextEncoding::kUtf8:
      return "utf-8";
    case TextEncoding::kGb18030:
      return "gb18030";
    case TextEncoding::kUtf16:
      return "utf-16";
    case TextEncoding::kUtf16Le:
      return "utf-16le";
    case TextEncoding::kUtf16Be:
      return "utf-16be";
  }
  return "utf-8";
}

Result<std::optional<TextEncoding>> ParseEncoding(std::string_view name) {
  std::string n = AsciiLower(Trim(name));
  n.erase(std::remove(n.begin(), n.end(), '_'), n.end());
  n.erase(std::remove(n.begin(), n.end(), '-'), n.end());
  if (n.empty()) return std::optional<TextEncoding>();
  if (n == "utf8" || n == "utf8sig" || n == "ascii" || n == "usascii") return TextEncoding::kUtf8;
  if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936" || n == "euccn" ||
      n == "windows936") {
    return TextEncoding::kGb18030;
  }
  if (n == "utf16") return TextEncoding::kUtf16;
  if (n == "utf16le") return TextEncoding::kUtf16Le;
  if (n == "utf16be") return TextEncoding::kUtf16Be;
  return MakeError(
      ErrorKind::kInvalidArgument, "ingest.unknown_encoding",
      "Unsupported encoding '" + std::string(name) + "'; use utf-8, gb18030 (gbk) or utf-16.",
      "不支持的编码“" + std::string(name) + "”，请使用 utf-8、gb18030（gbk）或 utf-16。");
}

Result<StagedText> StageText(const fs::path& source, const fs::path& dest,
                             const TextStagingOptions& options) {
  StagedText out;
  std::optional<TextEncoding> enc = options.declared;
  bool tentative = false;
  if (!enc) {
    GS_ASSIGN_OR_RETURN(enc, Detect(source, tentative));
    if (!enc) {
      return MakeError(
          ErrorKind::kUnprocessable, "ingest.unknown_encoding_content",
          "The file is neither UTF-8 nor GB18030/GBK text. Declare its encoding or convert it.",
          "文件既不是UTF-8也不是GB18030/GBK文本，请指定其编码或先行转换。");
    }
  }
  if (*enc == TextEncoding::kUtf8) {
    GS_ASSIGN_OR_RETURN(Outcome o, StageUtf8(source, dest, options, tentative, out));
    if (o == Outcome::kDone) return out;
    // The first block was plain ASCII but a later byte is not UTF-8: GB18030 text after all.
    out = StagedText{};
    enc = TextEncoding::kGb18030;
  }
  GS_RETURN_IF_ERROR(StageConverted(source, dest, options, *enc, out));
  return out;
}

Result<StagedBinary> StageBinary(const fs::path& source, const fs::path& dest, bool allow_in_place,
                                 const std::function<bool()>& cancelled) {
  GS_ASSIGN_OR_RETURN(Source src, OpenSource(source));
  StagedBinary out;
  out.in_place = allow_in_place;
  Fd out_fd;
  if (!allow_in_place) {
    out_fd.Reset(::open(dest.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (!out_fd.ok()) return WriteError();
  }
  Sha256Stream hash;
  std::vector<char> buf(kBlock);
  for (;;) {
    if (cancelled && cancelled()) return CancelledError();
    ssize_t n = ReadFull(src.fd.get(), buf.data(), buf.size());
    if (n < 0) return ReadError(source);
    if (n == 0) break;
    hash.Update(std::string_view(buf.data(), static_cast<size_t>(n)));
    out.bytes += n;
    if (out_fd.ok() && !WriteFull(out_fd.get(), buf.data(), static_cast<size_t>(n)))
      return WriteError();
  }
  out.checksum = hash.FinishHex();
  return out;
}

}  // namespace gongshu::ingest
