#include "audit/checkpoint.h"

#include "audit/internal/strict_text.h"
#include "audit/signed_note.h"
#include "core/encoding.h"

namespace gongshu::audit {
namespace {

Error Malformed(const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kInvalidArgument, "audit.checkpoint_malformed",
                   "malformed checkpoint: " + en, "检查点格式错误: " + zh);
}

}  // namespace

std::string Checkpoint::Body() const {
  return origin + "\n" + std::to_string(size) + "\n" + Base64Encode(AsBytes(root)) + "\n";
}

Result<Checkpoint> ParseCheckpointBody(std::string_view text) {
  if (!text.ends_with('\n')) return Malformed("does not end in a newline", "未以换行结尾");
  std::string_view lines[3];
  std::string_view rest = text;
  for (auto& line : lines) {
    const size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) return Malformed("fewer than three lines", "少于三行");
    line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
  }
  if (!rest.empty()) return Malformed("extension lines are not supported", "不支持扩展行");
  Checkpoint cp;
  cp.origin.assign(lines[0]);
  if (cp.origin.empty()) return Malformed("empty origin", "来源标识为空");
  for (unsigned char c : cp.origin) {
    if (c < 0x20) return Malformed("control character in origin", "来源标识包含控制字符");
  }
  auto size = internal::ParseCanonicalU64(lines[1]);
  if (!size) return Malformed("tree size is not a canonical decimal", "树大小不是规范十进制数");
  cp.size = *size;
  auto root = internal::DecodeCanonicalBase64(lines[2]);
  if (!root || root->size() != cp.root.size()) {
    return Malformed("root hash is not 32 bytes of canonical base64",
                     "根哈希不是 32 字节的规范 base64");
  }
  cp.root = HashFromBytes(*root).value();
  return cp;
}

Result<std::string> SignCheckpoint(const Checkpoint& checkpoint, const NoteSigner& signer) {
  SignedNote note;
  note.text = checkpoint.Body();
  GS_ASSIGN_OR_RETURN(std::string sig, signer.Sign(note.text));
  note.signatures.push_back(NoteSignature{signer.name(), signer.key_id(), std::move(sig)});
  return note.Serialize();
}

}  // namespace gongshu::audit
