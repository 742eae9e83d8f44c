#include "support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/temp_dir.h"

namespace gongshu::testing {

ServerProcess::ServerProcess(const std::string& data_dir, const std::string& verb, std::vector<std::string> extra_args) {
  log_path_ = data_dir + "/../" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<uintptr_t>(this)) + ".log";
  std::vector<std::string> args = {GONGSHU_BINARY, verb, "--data", data_dir, "--port", "0", "--log-level", "warn"};
  for (auto& a : extra_args) args.push_back(std::move(a));
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::setenv("GONGSHU_ADMIN_TOKEN", kTestAdminToken, 1);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  // Wait for the "serving at" line (demo loading may take a minute).
  std::regex re(R"(serving at http://127\.0\.0\.1:(\d+)/)");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(300);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    std::string out = Output();
    if (std::regex_search(out, m, re)) {
      port_ = static_cast<uint16_t>(std::stoi(m[1]));
      return;
    }
    if (!Alive()) throw std::runtime_error("gongshu exited during start-up:\n" + out);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Kill();
  throw std::runtime_error("gongshu did not start in time:\n" + Output());
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
