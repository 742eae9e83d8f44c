#include "support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/temp_dir.h"

namespace gongshu::testing {

namespace {

std::atomic<int> g_cli_runs{0};

[[noreturn]] void Exec(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

// The first line of `text` that starts with `prefix`.
std::string LineStartingWith(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

bool Succeeded(const CliResult& r, const std::string& already_code) {
  return r.exit_code == 0 || r.err.find("[" + already_code + "]") != std::string::npos;
}

}  // namespace

CliResult RunGongshu(const std::vector<std::string>& args, const std::string& input) {
  const std::string base = (std::filesystem::temp_directory_path() /
                            ("gongshu-cli-" + std::to_string(::getpid()) + "-" + std::to_string(g_cli_runs++)))
                               .string();
  const std::string out_path = base + ".out", err_path = base + ".err";
  int in_pipe[2];
  if (::pipe(in_pipe) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(in_pipe[0], 0);
    ::close(in_pipe[0]);
    ::close(in_pipe[1]);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<std::string> argv = {GONGSHU_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    Exec(argv);
  }
  ::close(in_pipe[0]);
  size_t written = 0;
  while (written < input.size()) {
    ssize_t n = ::write(in_pipe[1], input.data() + written, input.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  ::close(in_pipe[1]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(out_path);
  r.err = ReadFile(err_path);
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  return r;
}

ServerProcess::ServerProcess(const std::string& data_dir, const std::string& verb, std::vector<std::string> extra_args,
                             Bootstrap bootstrap) {
  if (bootstrap == Bootstrap::kAuthorityAdmin && verb == "serve") {
    // As an operator bootstraps a platform: organisation, first administrator, API token.
    CliResult org = RunGongshu({"orgs", "create", "--data", data_dir, "--id", kTestAuthorityOrg, "--name-zh",
                                "测试数据管理机构", "--name-en", "Test Data Authority", "--kind", "authority"});
    if (!Succeeded(org, "organisation.exists")) throw std::runtime_error("orgs create failed:\n" + org.out + org.err);
    CliResult user = RunGongshu({"users", "create", "--data", data_dir, "--username", kTestAdminUsername, "--org",
                                 kTestAuthorityOrg, "--role", "authority_admin", "--display-name", "测试管理员",
                                 "--password-stdin"},
                                std::string(kTestAdminPassword) + "\n");
    if (!Succeeded(user, "user.exists")) throw std::runtime_error("users create failed:\n" + user.out + user.err);
    CliResult token = RunGongshu({"tokens", "create", "--data", data_dir, "--user", kTestAdminUsername, "--name",
                                  "api-tests", "--expires-days", "7"});
    admin_token_ = LineStartingWith(token.out, "gst_");
    if (token.exit_code != 0 || admin_token_.empty()) {
      throw std::runtime_error("tokens create failed:\n" + token.out + token.err);
    }
  }
  log_path_ = data_dir + "/../" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<uintptr_t>(this)) + ".log";
  std::vector<std::string> args = {GONGSHU_BINARY, verb, "--data", data_dir, "--port", "0", "--log-level", "warn"};
  for (auto& a : extra_args) args.push_back(std::move(a));
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    Exec(args);
  }
  // Wait for the "serving at" line (demo loading may take a minute).
  std::regex re(R"(serving at http://127\.0\.0\.1:(\d+)/)");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(300);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    std::string out = Output();
    if (std::regex_search(out, m, re)) {
      port_ = static_cast<uint16_t>(std::stoi(m[1]));
      if (bootstrap == Bootstrap::kAuthorityAdmin && verb == "demo") {
        try {
          BootstrapFromDemo(data_dir);
        } catch (...) {
          Kill();
          throw;
        }
      }
      return;
    }
    if (!Alive()) throw std::runtime_error("gongshu exited during start-up:\n" + out);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Kill();
  throw std::runtime_error("gongshu did not start in time:\n" + Output());
}

void ServerProcess::BootstrapFromDemo(const std::string& data_dir) {
  // The demo prints its users and writes them to keys/demo-users.txt: sign in as its
  // authority_admin and make a token over HTTP, as a person would in the portal.
  std::string password;
  std::istringstream users(ReadFile(std::filesystem::path(data_dir) / "keys" / "demo-users.txt"));
  std::string line;
  while (std::getline(users, line)) {
    if (line.rfind("authority_admin\t", 0) != 0) continue;
    std::istringstream fields(line);
    std::string role, username;
    fields >> role >> username >> password;
  }
  if (password.empty()) throw std::runtime_error("no authority_admin in demo-users.txt");
  HttpClient http = client();
  HttpResult login = http.Post("/api/v1/auth/login",
                               boost::json::serialize(boost::json::object{{"username", "admin"}, {"password", password}}),
                               "application/json");
  std::string cookie = login.Header("set-cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  if (login.status != 200 || cookie.empty()) throw std::runtime_error("demo admin login failed: " + login.body);
  HttpResult token = http.Post("/api/v1/tokens", R"({"name":"api-tests","expires_in_days":7})", "application/json",
                               {{"cookie", cookie}, {"origin", "http://127.0.0.1:" + std::to_string(port_)}});
  boost::system::error_code ec;
  auto v = boost::json::parse(token.body, ec);
  if (token.status != 201 || ec || !v.is_object()) throw std::runtime_error("demo token failed: " + token.body);
  admin_token_ = std::string(v.at("token").as_string());
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop();
  std::remove(log_path_.c_str());
}

bool ServerProcess::Alive() const {
  if (pid_ <= 0) return false;
  int status = 0;
  return ::waitpid(pid_, &status, WNOHANG) == 0;
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 600; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return -2;
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string ServerProcess::Output() const { return ReadFile(log_path_); }

}  // namespace gongshu::testing
