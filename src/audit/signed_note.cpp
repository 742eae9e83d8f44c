#include "audit/signed_note.h"

#include "audit/internal/bytes.h"
#include "audit/internal/strict_text.h"
#include "core/encoding.h"
#include "core/utf8.h"

namespace gongshu::audit {
namespace {

Error Malformed(const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kInvalidArgument, "audit.note_malformed",
                   "malformed signed note: " + en, "签名注记格式错误: " + zh);
}

}  // namespace

std::string NoteSignature::Line() const {
  std::string blob;
  internal::PutU32(blob, key_id);
  blob.append(signature);
  std::string line(kEmDash);
  line.append(" ").append(name).append(" ").append(Base64Encode(blob)).append("\n");
  return line;
}

std::string SignedNote::Serialize() const {
  std::string out = text;
  out.push_back('\n');
  for (const auto& s : signatures) out.append(s.Line());
  return out;
}

Result<NoteSignature> ParseSignatureLine(std::string_view line) {
  if (!line.starts_with(kEmDash) || line.size() <= kEmDash.size() || line[kEmDash.size()] != ' ') {
    return Malformed("signature line must start with an em dash and a space",
                     "签名行必须以破折号和空格开头");
  }
  line.remove_prefix(kEmDash.size() + 1);
  const size_t space = line.find(' ');
  if (space == std::string_view::npos)
    return Malformed("signature line lacks a signature", "签名行缺少签名");
  NoteSignature sig;
  sig.name.assign(line.substr(0, space));
  if (!internal::IsValidKeyName(sig.name)) {
    return Malformed("bad key name in signature line", "签名行中的密钥名称无效");
  }
  auto blob = internal::DecodeCanonicalBase64(line.substr(space + 1));
  if (!blob) return Malformed("signature is not canonical base64", "签名不是规范的 base64");
  if (blob->size() < 5) return Malformed("signature too short", "签名过短");
  sig.key_id = internal::LoadU32(blob->data());
  sig.signature = blob->substr(4);
  return sig;
}

Result<SignedNote> ParseSignedNote(std::string_view note) {
  if (!IsValidUtf8(note)) return Malformed("not valid UTF-8", "不是有效的 UTF-8");
  for (unsigned char c : note) {
    if (c < 0x20 && c != '\n') return Malformed("control character", "包含控制字符");
  }
  if (!note.ends_with('\n')) return Malformed("does not end in a newline", "未以换行结尾");
  // The text is separated from the signatures by the last empty line.
  const size_t sep = note.rfind("\n\n");
  if (sep == std::string_view::npos)
    return Malformed("no blank line before the signatures", "签名前缺少空行");
  SignedNote out;
  out.text.assign(note.substr(0, sep + 1));
  std::string_view rest = note.substr(sep + 2);
  if (rest.empty()) return Malformed("no signatures", "没有签名");
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    GS_ASSIGN_OR_RETURN(NoteSignature sig, ParseSignatureLine(rest.substr(0, nl)));
    out.signatures.push_back(std::move(sig));
    if (out.signatures.size() > kMaxNoteSignatures)
      return Malformed("too many signatures", "签名过多");
    rest.remove_prefix(nl + 1);
  }
  return out;
}

Result<std::vector<bool>> VerifySignedNote(const SignedNote& note,
                                           std::span<const NoteVerifier> verifiers) {
  std::vector<bool> verified(verifiers.size(), false);
  for (const auto& sig : note.signatures) {
    for (size_t i = 0; i < verifiers.size(); ++i) {
      const NoteVerifier& v = verifiers[i];
      if (v.name() != sig.name || v.key_id() != sig.key_id) continue;
      if (!v.Verify(note.text, sig.signature)) {
        return MakeError(ErrorKind::kUnprocessable, "audit.note_signature_invalid",
                         "signature by " + sig.name + " does not verify",
                         "来自 " + sig.name + " 的签名验证失败");
      }
      verified[i] = true;
    }
  }
  for (bool b : verified) {
    if (b) return verified;
  }
  return MakeError(ErrorKind::kUnprocessable, "audit.note_unverified",
                   "no signature from a known key", "没有来自已知密钥的签名");
}

}  // namespace gongshu::audit
