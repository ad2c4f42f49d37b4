// A real ClickHouse server for HTTP wire tests: Debian's clickhouse-server
// 18.16 (scripts/install-deps.sh installs it, pinned), started in a temporary
// directory, HTTP interface only, on a free loopback port, with the users
// given (name and password). Start one per test suite (SetUpTestSuite): a
// start and a stop (SIGTERM, then wait) take about 1 s together.
//
// A missing binary is a test FAILURE, never a skip: assert on error().
#pragma once

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "harness.hpp"

namespace naap::testing {

// A loopback port nothing listens on (at the time of the call).
inline int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

struct HttpReply {
  long status = 0;  // 0: no HTTP answer (see error)
  std::string body;
  std::string error;  // libcurl's message when the request did not complete
};

// One HTTP request with libcurl: POST `body`, or GET when there is none;
// HTTP basic auth when `user` is not empty.
inline HttpReply http_request(const std::string& url, const std::optional<std::string>& body,
                              const std::string& user = "", const std::string& password = "") {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  HttpReply r;
  CURL* c = curl_easy_init();
  if (!c) return {0, "", "curl_easy_init failed"};
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  if (body) {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  }
  curl_easy_setopt(
      c, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t n, void* out) {
        static_cast<std::string*>(out)->append(data, size * n);
        return size * n;
      });
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  if (!user.empty()) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(c, CURLOPT_USERNAME, user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) {
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  } else {
    r.error = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  }
  curl_easy_cleanup(c);
  return r;
}

class ClickHouseServer {
 public:
  static constexpr const char* kBinary = "/usr/sbin/clickhouse-server";
  struct User {
    std::string name, password;
  };

  explicit ClickHouseServer(const std::vector<User>& users) : dir_("clickhouse-server") {
    if (::access(kBinary, X_OK) != 0) {
      error_ = std::string(kBinary) +
               " is missing: run scripts/install-deps.sh (it installs Debian's clickhouse-server "
               "18.16, which these tests start on loopback)";
      return;
    }
    std::ofstream(dir_ / "users.xml") << users_xml(users);
    // The port is free when chosen but may be taken before the server binds
    // it: try a few.
    for (int attempt = 0; attempt < 3; ++attempt) {
      if (start(free_loopback_port())) return;
    }
  }
  ~ClickHouseServer() { stop(); }
  ClickHouseServer(const ClickHouseServer&) = delete;
  ClickHouseServer& operator=(const ClickHouseServer&) = delete;

  // Empty when the server answers queries; otherwise why it does not.
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Runs one statement (POSTed) as `user`; `url_params` ("a=1&b=2") are
  // appended to the URL as they are.
  HttpReply query(const std::string& sql, const std::string& user = "default",
                  const std::string& password = "", const std::string& url_params = "") const {
    return http_request(url() + "/?" + url_params, sql, user, password);
  }

 private:
  static std::string xml_escape(const std::string& s) {
    std::string out;
    for (const char c : s) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        default:
          out.push_back(c);
      }
    }
    return out;
  }

  static std::string users_xml(const std::vector<User>& users) {
    std::string x = "<yandex>\n  <users>\n";
    for (const auto& u : users) {
      x += "    <" + u.name + "><password>" + xml_escape(u.password) +
           "</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile>"
           "<quota>default</quota></" +
           u.name + ">\n";
    }
    return x +
           "  </users>\n  <profiles><default></default></profiles>\n"
           "  <quotas><default></default></quotas>\n</yandex>\n";
  }

  bool start(int port) {
    port_ = port;
    const std::string d = dir_.path();
    std::ofstream(dir_ / "config.xml")
        << "<yandex>\n  <logger><level>warning</level><console>1</console></logger>\n"
        << "  <http_port>" << port << "</http_port>\n  <listen_host>127.0.0.1</listen_host>\n"
        << "  <path>" << d << "/data/</path>\n  <tmp_path>" << d << "/tmp/</tmp_path>\n"
        << "  <users_config>users.xml</users_config>\n"
        << "  <default_profile>default</default_profile>\n"
        << "  <default_database>default</default_database>\n"
        << "  <mark_cache_size>5368709</mark_cache_size>\n</yandex>\n";
    const std::string log = dir_ / "server.log";
    const std::string config_arg = "--config-file=" + (dir_ / "config.xml");
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) {
      error_ = "fork failed";
      return false;
    }
    if (pid_ == 0) {
      // The server goes when the test process goes, however it ends.
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() != parent) ::_exit(127);
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
      }
      ::execl(kBinary, kBinary, config_arg.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        error_ = "clickhouse-server exited while starting on port " + std::to_string(port) +
                 "; its log:\n" + log_tail();
        return false;
      }
      const auto r = http_request(url() + "/?query=SELECT%201", std::nullopt);
      if (r.status == 200 && r.body == "1\n") {
        error_.clear();
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    stop();
    error_ =
        "clickhouse-server did not answer on " + url() + " within 30 s; its log:\n" + log_tail();
    return false;
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
  }

  std::string log_tail() const {
    std::ifstream in(dir_ / "server.log");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string all = ss.str();
    return all.size() > 4000 ? all.substr(all.size() - 4000) : all;
  }

  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string error_;
};

}  // namespace naap::testing
