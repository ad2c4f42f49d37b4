// Helpers for integration tests: run the real naap binary, open a finished
// store with the real engine.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "store/chdb.hpp"

namespace naap::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `command` through /bin/sh, capturing stdout and stderr.
inline CommandResult run_command(const std::string& command) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("naap-cmd-" + std::to_string(::getpid()) + "-" +
                    std::to_string(std::rand()));
  std::filesystem::create_directories(dir);
  const std::string out = (dir / "out").string(), err = (dir / "err").string();
  const int status =
      std::system((command + " >" + shell_quote(out) + " 2>" + shell_quote(err)).c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  auto slurp = [](const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  r.out = slurp(out);
  r.err = slurp(err);
  std::filesystem::remove_all(dir);
  return r;
}

inline std::string naap() { return shell_quote(NAAP_BINARY); }

// A fresh directory for one test, removed at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& name) {
    path_ = std::filesystem::temp_directory_path() /
            ("naap-it-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string path() const { return path_.string(); }
  std::string operator/(const std::string& child) const { return (path_ / child).string(); }

 private:
  std::filesystem::path path_;
};

inline uint64_t to_u64(const std::string& tsv) { return std::stoull(tsv.empty() ? "0" : tsv); }

}  // namespace naap::testing
