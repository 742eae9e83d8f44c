#include "cli/audit_commands.h"

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "audit/archive.h"
#include "audit/checkpoint_store.h"
#include "audit/note_signer.h"
#include "audit/note_verifier.h"
#include "audit/witness.h"
#include "cli/commands.h"
#include "cli/http_fetch.h"
#include "core/encoding.h"

namespace gongshu::cli {

namespace {

namespace fs = std::filesystem;

Error CliError(const std::string& code, const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kInvalidArgument, code, en, zh);
}

Result<std::string> ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorKind::kNotFound, "cli.file_unreadable", "Cannot read " + path.string() + ".",
                     "无法读取 " + path.string() + "。");
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string TrimLines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// A vkey given inline, or the path of a file holding it (e.g. keys/audit-log.key.vkey).
Result<std::string> VkeyArgument(const std::string& arg) {
  std::error_code ec;
  if (fs::is_regular_file(arg, ec)) {
    GS_ASSIGN_OR_RETURN(std::string text, ReadText(arg));
    return TrimLines(std::move(text));
  }
  return arg;
}

std::string ServerUrl(std::string server, const std::string& path) {
  while (!server.empty() && server.back() == '/') server.pop_back();
  return server + path;
}

Error HttpError(const std::string& what, const FetchResult& r) {
  std::string detail = r.body.substr(0, 500);
  return MakeError(ErrorKind::kUnavailable, "cli.server_refused",
                   what + " answered HTTP " + std::to_string(r.status) + ": " + detail,
                   what + " 返回 HTTP " + std::to_string(r.status) + "：" + detail);
}

// ---- verify ----

struct VerifyOptions {
  std::string archive;
  std::vector<std::string> log_keys;
  std::vector<std::string> witness_keys;
  size_t quorum = 0;
};

int Verify(const VerifyOptions& o) {
  audit::ArchiveVerifyOptions vo;
  for (const auto& k : o.log_keys) {
    auto v = VkeyArgument(k);
    if (!v.ok()) return Fail(v.error());
    vo.trusted_log_keys.push_back(*v);
  }
  for (const auto& k : o.witness_keys) {
    auto v = VkeyArgument(k);
    if (!v.ok()) return Fail(v.error());
    vo.trusted_witness_keys.push_back(*v);
  }
  vo.min_cosignatures = o.quorum;
  audit::ArchiveReport report = audit::VerifyArchive(o.archive, vo);
  std::fputs(report.Summary().c_str(), stdout);
  if (report.ok()) {
    std::printf("审计归档校验通过。\n");
    return 0;
  }
  std::printf("审计归档校验失败：发现 %zu 个问题。\n", report.problems.size());
  return 1;
}

// ---- witness ----

struct WitnessOptions {
  std::string dir = "witness";
  std::string name;
  std::string log_key;
  std::string hash;
  std::string server;
  std::string token_file;
  std::string checkpoint_file;
  std::string proof_file;
  bool no_submit = false;
};

fs::path ConfigPath(const WitnessOptions& o) { return fs::path(o.dir) / "witness.conf"; }
fs::path KeyPath(const WitnessOptions& o) { return fs::path(o.dir) / "witness.key"; }

struct WitnessConfig {
  std::string log_key;
  audit::HashAlgorithm hash = audit::HashAlgorithm::kSha256;
};

Result<WitnessConfig> LoadConfig(const WitnessOptions& o) {
  auto text = ReadText(ConfigPath(o));
  if (!text.ok()) {
    return CliError("witness.not_initialised",
                    "No witness in " + o.dir + ": run `gongshu audit witness init --dir " + o.dir + "` first.",
                    o.dir + " 中没有见证方配置：请先运行 `gongshu audit witness init --dir " + o.dir + "`。");
  }
  WitnessConfig c;
  std::istringstream in(*text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("log-key ", 0) == 0) c.log_key = line.substr(8);
    if (line.rfind("hash ", 0) == 0) {
      auto h = audit::ParseHashAlgorithm(line.substr(5));
      if (!h) return CliError("witness.config_invalid", "Unknown hash in witness.conf.", "witness.conf 中的哈希算法未知。");
      c.hash = *h;
    }
  }
  if (c.log_key.empty()) {
    return CliError("witness.config_invalid", "witness.conf names no log key.", "witness.conf 中没有日志公钥。");
  }
  return c;
}

Result<std::map<std::string, std::string>> AuthHeaders(const WitnessOptions& o) {
  std::string token;
  if (!o.token_file.empty()) {
    GS_ASSIGN_OR_RETURN(token, ReadText(o.token_file));
    token = TrimLines(std::move(token));
  } else if (const char* env = std::getenv("GONGSHU_TOKEN")) {
    token = env;
  }
  if (token.empty()) return std::map<std::string, std::string>{};
  return std::map<std::string, std::string>{{"authorization", "Bearer " + token}};
}

Status WitnessInit(const WitnessOptions& o) {
  if (o.name.empty()) {
    return CliError("witness.name_required", "Give the witness a name, e.g. --name audit.example.gov.cn/witness.",
                    "请用 --name 指定见证方名称，例如 audit.example.gov.cn/witness。");
  }
  std::string log_key = o.log_key;
  std::string hash = o.hash;
  if (!log_key.empty()) {
    GS_ASSIGN_OR_RETURN(log_key, VkeyArgument(log_key));
  } else if (!o.server.empty()) {
    GS_ASSIGN_OR_RETURN(FetchResult r, HttpFetch("GET", ServerUrl(o.server, "/api/v1/audit/witness-keys")));
    if (r.status != 200) return HttpError("witness-keys", r);
    boost::system::error_code ec;
    auto v = boost::json::parse(r.body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("log_key")) {
      return CliError("witness.bad_response", "The server's witness-keys answer is not understood.", "无法解析服务器返回的密钥信息。");
    }
    log_key = std::string(v.at("log_key").as_string());
    if (hash.empty() && v.as_object().contains("hash")) hash = std::string(v.at("hash").as_string());
    std::printf("Log key fetched from the server (trust on first use): compare it with the published one:\n  %s\n",
                log_key.c_str());
  } else {
    return CliError("witness.log_key_required", "Give the log's key: --log-key VKEY (or --server URL to fetch it).",
                    "请用 --log-key 指定日志公钥（或用 --server 从服务器获取）。");
  }
  GS_ASSIGN_OR_RETURN(audit::NoteVerifier verifier, audit::NoteVerifier::Parse(log_key));
  if (hash.empty()) hash = "sha256";
  if (!audit::ParseHashAlgorithm(hash)) {
    return CliError("witness.hash_unknown", "Unknown hash '" + hash + "' (sha256 or sm3).", "未知的哈希算法“" + hash + "”。");
  }
  std::error_code ec;
  fs::create_directories(o.dir, ec);
  fs::permissions(o.dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  GS_ASSIGN_OR_RETURN(audit::NoteSigner key,
                      audit::NoteSigner::LoadOrCreate(KeyPath(o), o.name, audit::NoteKeyType::kCosignatureV1));
  {
    std::ofstream out(ConfigPath(o), std::ios::trunc);
    out << "gongshu-witness 1\nlog-key " << verifier.VerifierKey() << "\nhash " << hash << "\n";
    if (!out) return CliError("witness.config_unwritable", "Cannot write witness.conf.", "无法写入 witness.conf。");
  }
  std::printf("Witness %s ready in %s for log %s.\n", o.name.c_str(), o.dir.c_str(), verifier.name().c_str());
  std::printf("Its public key (give it to the platform operator: serve --audit-witness, or DATA_DIR/audit/witnesses):\n");
  std::printf("%s\n", key.VerifierKey().c_str());
  std::printf("见证方已就绪，请将上面的公钥交给平台运维人员配置。\n");
  return Ok();
}

Result<std::vector<audit::Hash>> ParseProof(const std::string& text) {
  std::vector<std::string> items;
  std::string t = TrimLines(text);
  if (!t.empty() && t.front() == '{') {
    boost::system::error_code ec;
    auto v = boost::json::parse(t, ec);
    if (ec || !v.is_object() || !v.as_object().contains("hashes") || !v.at("hashes").is_array()) {
      return CliError("witness.proof_malformed", "The proof JSON has no \"hashes\" array.", "证明JSON中缺少 hashes 数组。");
    }
    for (const auto& h : v.at("hashes").as_array()) {
      if (!h.is_string()) return CliError("witness.proof_malformed", "Proof hashes must be strings.", "证明哈希须为字符串。");
      items.emplace_back(h.as_string());
    }
  } else {
    std::istringstream in(t);
    std::string item;
    while (in >> item) items.push_back(item);
  }
  std::vector<audit::Hash> out;
  for (const auto& item : items) {
    auto bytes = Base64Decode(item);
    auto h = bytes ? audit::HashFromBytes(*bytes) : std::nullopt;
    if (!h) return CliError("witness.proof_malformed", "Not a base64 hash: '" + item + "'.", "不是base64哈希：“" + item + "”。");
    out.push_back(*h);
  }
  return out;
}

Status WitnessCosign(const WitnessOptions& o) {
  GS_ASSIGN_OR_RETURN(WitnessConfig config, LoadConfig(o));
  GS_ASSIGN_OR_RETURN(audit::NoteVerifier log_key, audit::NoteVerifier::Parse(config.log_key));
  // The key's name is inside its file; LoadOrCreate then also checks the file's permissions.
  GS_ASSIGN_OR_RETURN(std::string key_text, ReadText(KeyPath(o)));
  GS_ASSIGN_OR_RETURN(audit::NoteSigner parsed, audit::NoteSigner::Parse(TrimLines(key_text)));
  GS_ASSIGN_OR_RETURN(audit::NoteSigner key,
                      audit::NoteSigner::LoadOrCreate(KeyPath(o), parsed.name(), audit::NoteKeyType::kCosignatureV1));
  audit::WitnessOptions wo{.state_file = fs::path(o.dir) / "witness.state", .log_key = log_key, .hash = config.hash};
  GS_ASSIGN_OR_RETURN(auto witness, audit::Witness::Open(std::move(key), std::move(wo)));
  GS_ASSIGN_OR_RETURN(auto headers, AuthHeaders(o));

  // The checkpoint: from a file, or the server's latest.
  std::string note;
  if (!o.checkpoint_file.empty()) {
    GS_ASSIGN_OR_RETURN(note, ReadText(o.checkpoint_file));
  } else if (!o.server.empty()) {
    GS_ASSIGN_OR_RETURN(FetchResult r, HttpFetch("GET", ServerUrl(o.server, "/api/v1/audit/checkpoint")));
    if (r.status != 200) return HttpError("checkpoint", r);
    note = r.body;
  } else {
    return CliError("witness.no_checkpoint", "Give --server URL or --checkpoint FILE.", "请指定 --server 或 --checkpoint。");
  }
  GS_ASSIGN_OR_RETURN(audit::StoredCheckpoint cp, audit::ParseStoredCheckpoint(note));
  const uint64_t size = cp.checkpoint.size;

  // The consistency proof from the last cosigned checkpoint to this one.
  std::vector<audit::Hash> proof;
  std::optional<audit::Checkpoint> last = witness->Latest();
  if (!o.proof_file.empty()) {
    GS_ASSIGN_OR_RETURN(std::string text, ReadText(o.proof_file));
    GS_ASSIGN_OR_RETURN(proof, ParseProof(text));
  } else if (last && last->size < size && last->size > 0) {
    if (o.server.empty()) {
      return CliError("witness.proof_required",
                      "This witness last cosigned size " + std::to_string(last->size) +
                          ": give --proof FILE (consistency proof to size " + std::to_string(size) + ") or --server.",
                      "该见证方上次副署的大小为 " + std::to_string(last->size) + "：请用 --proof 提供一致性证明，或指定 --server。");
    }
    GS_ASSIGN_OR_RETURN(FetchResult r, HttpFetch("GET", ServerUrl(o.server, "/api/v1/audit/proof/consistency?from=" +
                                                                              std::to_string(last->size) +
                                                                              "&to=" + std::to_string(size))));
    if (r.status != 200) return HttpError("consistency proof", r);
    GS_ASSIGN_OR_RETURN(proof, ParseProof(r.body));
  }
  GS_ASSIGN_OR_RETURN(std::string line, witness->Cosign(note, proof));
  std::printf("Cosigned checkpoint %s size %llu (root %s):\n%s", cp.checkpoint.origin.c_str(),
              static_cast<unsigned long long>(size), audit::HashToHex(cp.checkpoint.root).c_str(), line.c_str());
  if (o.server.empty() || o.no_submit) return Ok();
  boost::json::object body{{"size", size}, {"cosignature", TrimLines(line)}};
  headers["content-type"] = "application/json";
  GS_ASSIGN_OR_RETURN(FetchResult r, HttpFetch("POST", ServerUrl(o.server, "/api/v1/audit/cosignatures"),
                                               boost::json::serialize(body), headers));
  if (r.status != 201) return HttpError("cosignature submission", r);
  std::printf("Submitted to %s. 副署已提交。\n", o.server.c_str());
  return Ok();
}

Status WitnessShow(const WitnessOptions& o) {
  GS_ASSIGN_OR_RETURN(WitnessConfig config, LoadConfig(o));
  GS_ASSIGN_OR_RETURN(std::string vkey, ReadText(KeyPath(o).string() + ".vkey"));
  std::printf("witness key: %s\nlog key:     %s\n", TrimLines(vkey).c_str(), config.log_key.c_str());
  auto state = ReadText(fs::path(o.dir) / "witness.state");
  if (state.ok()) std::printf("last cosigned checkpoint:\n%s", state->c_str());
  return Ok();
}

// ---- export ----

struct ExportOptions {
  std::string data_dir = "data";
  std::string log_level = "warn";
  std::optional<uint64_t> start;
  std::optional<uint64_t> end;
  std::string out;
};

Status Export(const ExportOptions& o) {
  GS_ASSIGN_OR_RETURN(auto app, OpenDataDir(o.data_dir, o.log_level));
  audit::Checkpointer& cp = (*app).audit().checkpointer();
  auto latest = cp.Latest();
  const uint64_t end = o.end.value_or(latest ? latest->checkpoint.size : 0);
  const uint64_t start = o.start.value_or(0);
  GS_RETURN_IF_ERROR(audit::ExportArchive(cp, {o.out, start, end}));
  std::printf("Exported entries [%llu, %llu) to %s. 已导出审计归档。\n", static_cast<unsigned long long>(start),
              static_cast<unsigned long long>(end), o.out.c_str());
  return Ok();
}

}  // namespace

void RegisterAuditCommands(CLI::App& app) {
  CLI::App* audit = app.add_subcommand("audit", "Audit log: verify archives, witness checkpoints, export / 审计日志");
  audit->require_subcommand(1);

  static VerifyOptions verify_opts;
  CLI::App* verify =
      audit->add_subcommand("verify", "Verify an audit archive offline / 离线校验审计归档（无需连接平台）");
  verify->add_option("archive", verify_opts.archive, "Archive file from /api/v1/audit/export or `audit export`")
      ->required();
  verify->add_option("--log-key", verify_opts.log_keys,
                     "The log's published vkey (or a file holding it); default: the key inside the archive / 日志公钥");
  verify->add_option("--witness-key", verify_opts.witness_keys, "Trusted witness vkey (repeatable) / 可信见证方公钥");
  verify->add_option("--quorum", verify_opts.quorum,
                     "Cosignatures by distinct trusted witnesses required on the newest checkpoint / 所需副署数");
  verify->callback([] { SetExitCode(Verify(verify_opts)); });

  static WitnessOptions witness_opts;
  CLI::App* witness = audit->add_subcommand("witness", "The auditor's witness: cosign checkpoints / 见证方副署检查点");
  witness->require_subcommand(1);
  auto add_dir = [](CLI::App* cmd) {
    cmd->add_option("--dir", witness_opts.dir, "Witness directory (key, configuration, state) / 见证方目录")
        ->capture_default_str();
  };
  CLI::App* init = witness->add_subcommand("init", "Create the witness key for one log / 创建见证方密钥");
  add_dir(init);
  init->add_option("--name", witness_opts.name, "Witness name, e.g. audit.example.gov.cn/witness")->required();
  init->add_option("--log-key", witness_opts.log_key, "The log's vkey (or a file holding it) / 日志公钥");
  init->add_option("--server", witness_opts.server, "Platform URL to fetch the log key from (trust on first use)");
  init->add_option("--hash", witness_opts.hash, "The log's tree hash: sha256|sm3 (default: the server's, or sha256)");
  init->callback([] {
    Status st = WitnessInit(witness_opts);
    SetExitCode(st.ok() ? 0 : Fail(st.error()));
  });
  CLI::App* cosign = witness->add_subcommand(
      "cosign", "Check the latest checkpoint extends the last one cosigned, cosign it and submit / 校验并副署");
  add_dir(cosign);
  cosign->add_option("--server", witness_opts.server, "Platform URL (http://host:port)");
  cosign->add_option("--token-file", witness_opts.token_file,
                     "File holding an auditor's API token (or set GONGSHU_TOKEN) / 审计人员令牌文件");
  cosign->add_option("--checkpoint", witness_opts.checkpoint_file, "Checkpoint note file instead of the server's");
  cosign->add_option("--proof", witness_opts.proof_file,
                     "Consistency proof file (JSON from /proof/consistency, or base64 hashes)");
  cosign->add_flag("--no-submit", witness_opts.no_submit, "Print the cosignature line only / 仅输出副署");
  cosign->callback([] {
    Status st = WitnessCosign(witness_opts);
    SetExitCode(st.ok() ? 0 : Fail(st.error()));
  });
  CLI::App* show = witness->add_subcommand("show", "Show the witness key and its last cosigned checkpoint");
  add_dir(show);
  show->callback([] {
    Status st = WitnessShow(witness_opts);
    SetExitCode(st.ok() ? 0 : Fail(st.error()));
  });

  static ExportOptions export_opts;
  CLI::App* exp = audit->add_subcommand("export", "Export a range of a stopped server's log / 导出审计归档（须先停止服务）");
  exp->add_option("--data", export_opts.data_dir, "Data directory / 数据目录")->capture_default_str();
  exp->add_option("--log-level", export_opts.log_level, "trace|debug|info|warn|error|off")->capture_default_str();
  exp->add_option("--start", export_opts.start, "First entry (default 0)");
  exp->add_option("--end", export_opts.end, "End of the range, exclusive (default: the latest checkpoint's size)");
  exp->add_option("--out", export_opts.out, "Archive file to write")->required();
  exp->callback([] {
    Status st = Export(export_opts);
    SetExitCode(st.ok() ? 0 : Fail(st.error()));
  });
}

}  // namespace gongshu::cli
