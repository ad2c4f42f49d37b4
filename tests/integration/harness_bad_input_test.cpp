// Bad input to the harness commands: each case is one clear message, the
// right exit code, and the other tests still run. Exit codes: 1 a test FAILed
// (or a query failed, or an unknown session), 2 bad usage or input file,
// 3 the warehouse cannot be reached or used.
//
// The ClickHouse HTTP path is exercised against an in-process fake server
// (no ClickHouse server is available to the tests): unreachable server, wrong
// credentials, a server-side error, and the shape of the requests (SQL in the
// body untouched, parameters as param_<name> URL parameters).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>

#include "harness_test_util.hpp"

namespace naap::testing {
namespace {

size_t count_lines(const std::string& s) { return std::count(s.begin(), s.end(), '\n'); }

// A store with the schema and no data, and a place for suite files.
class HarnessBadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<TempDir>(
        std::string("bad-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    store_ = *dir_ / "store";
    ASSERT_EQ(run_command(naap() + " schema apply --store " + shell_quote(store_)).exit_code, 0);
  }
  std::string file(const std::string& name, const std::string& text) {
    const std::string p = *dir_ / name;
    std::ofstream(p) << text;
    return p;
  }
  CommandResult check(const std::string& args) {
    return run_command(naap() + " check --store " + shell_quote(store_) + " " + args);
  }
  std::unique_ptr<TempDir> dir_;
  std::string store_;
};

const char* kGoodSuite =
    "-- TEST: good_one\nSELECT 0 AS failed_rows, 'x' AS note\n"
    "-- TEST: good_two\nSELECT count() AS failed_rows FROM system.one WHERE 0\n";

TEST_F(HarnessBadInput, SuiteWithoutMarkers) {
  const auto none = file("none.sql", "-- just a comment\nSELECT 1 AS failed_rows;\n");
  const auto good = file("good.sql", kGoodSuite);
  const auto r = check(shell_quote(none) + " " + shell_quote(good));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "naap check: " + none +
                       ": no -- TEST: blocks (a test starts with a line '-- TEST: name')\n");
  EXPECT_NE(r.out.find("[PASS] good_one (" + good + ")"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[PASS] good_two (" + good + ")"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Summary: 2 passed, 0 failed"), std::string::npos) << r.out;
}

TEST_F(HarnessBadInput, QueryPackGivenToCheckAndSuiteGivenToQuery) {
  const auto pack = file("pack.sql", "-- QUERY: q\nSELECT 1\n");
  const auto suite = file("suite.sql", kGoodSuite);
  auto r = check(shell_quote(pack));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "naap check: " + pack +
                       ": no -- TEST: blocks (it has 1 -- QUERY: blocks: a query pack, run it with "
                       "naap query)\n");
  r = run_command(naap() + " query --store " + shell_quote(store_) + " " + shell_quote(suite));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "naap: '" + suite +
                "' has no -- QUERY: blocks (it has 2 -- TEST: blocks; run it with naap check)\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(HarnessBadInput, MissingSuiteFile) {
  const auto good = file("good.sql", kGoodSuite);
  const auto r = check("/nonexistent/suite.sql " + shell_quote(good));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(
      r.err,
      "naap check: /nonexistent/suite.sql: cannot read '/nonexistent/suite.sql': no such file "
      "(and no bundled sql/ file of that name)\n");
  EXPECT_NE(r.out.find("Summary: 2 passed, 0 failed"), std::string::npos) << r.out;
}

TEST_F(HarnessBadInput, DuplicatedTestName) {
  const auto a =
      file("a.sql",
           "-- TEST: twice\nSELECT 0 AS failed_rows\n-- TEST: other\nSELECT 0 AS failed_rows\n");
  const auto b = file("b.sql", "-- TEST: twice\nSELECT 0 AS failed_rows\n");
  const auto r = check(shell_quote(a) + " " + shell_quote(b));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("[PASS] twice (" + a + ")"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[PASS] other (" + a + ")"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[FAIL] twice (" + b +
                       ")\n  error: duplicate test name 'twice' (first defined at " + a +
                       ":1); this block was not run\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Summary: 2 passed, 1 failed"), std::string::npos) << r.out;
}

TEST_F(HarnessBadInput, TestWithoutFailedRowsSyntaxErrorNoRowsNotNumeric) {
  const auto f = file("mixed.sql",
                      "-- TEST: no_failed_rows_column\nSELECT 3 AS bad_rows, 'why' AS note\n"
                      "-- TEST: before\nSELECT 0 AS failed_rows\n"
                      "-- TEST: syntax_error\nSELEC 0 AS failed_rows FROM\n"
                      "-- TEST: no_rows\nSELECT 0 AS failed_rows FROM system.one WHERE 0\n"
                      "-- TEST: not_numeric\nSELECT 'many' AS failed_rows\n"
                      "-- TEST: counts_failures\nSELECT 7 AS failed_rows, 2 AS checked\n"
                      "-- TEST: after\nSELECT toUInt64(0) AS failed_rows\n");
  const auto r = check(shell_quote(f));
  EXPECT_EQ(r.exit_code, 1);
  const std::string at = " (" + f + ")\n";
  EXPECT_NE(r.out.find("[FAIL] no_failed_rows_column" + at +
                       "  error: Missing required column: failed_rows\n  failed_rows: 1\n"
                       "  diagnostics: {\"bad_rows\": 3, \"note\": \"why\"}\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[PASS] before" + at), std::string::npos) << r.out;
  EXPECT_NE(
      r.out.find("[FAIL] syntax_error" + at + "  error: Code: 62. DB::Exception: Syntax error"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[FAIL] no_rows" + at + "  error: Query returned no rows\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[FAIL] not_numeric" + at + "  error: failed_rows is not numeric (many)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[FAIL] counts_failures" + at +
                       "  failed_rows: 7\n  diagnostics: {\"checked\": 2}\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[PASS] after" + at), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Summary: 2 passed, 5 failed"), std::string::npos) << r.out;
  // The syntax error is one line.
  const size_t e = r.out.find("[FAIL] syntax_error");
  const size_t next = r.out.find("\n[", e + 1);
  EXPECT_EQ(count_lines(r.out.substr(e, next - e)), 2u) << r.out.substr(e, next - e);

  // The JSON report carries the same verdicts.
  const auto j = check(shell_quote(f) + " --format json");
  EXPECT_EQ(j.exit_code, 1);
  simdjson::dom::parser parser;
  simdjson::dom::element report;
  ASSERT_FALSE(parser.parse(j.out).get(report)) << j.out;
  std::map<std::string, std::pair<bool, std::string>> verdicts;
  for (auto t : report["results"].get_array()) {
    verdicts[str(t["name"])] = {t["passed"].get_bool().value(), str(t["error"])};
  }
  EXPECT_EQ(verdicts.size(), 7u);
  EXPECT_EQ(verdicts["no_failed_rows_column"],
            std::make_pair(false, std::string("Missing required column: failed_rows")));
  EXPECT_TRUE(verdicts["before"].first);
  EXPECT_FALSE(verdicts["syntax_error"].first);
  EXPECT_NE(verdicts["syntax_error"].second.find("SYNTAX_ERROR"), std::string::npos);
  EXPECT_TRUE(verdicts["after"].first);
  EXPECT_EQ(report["passed"].get_uint64().value(), 2u);
  EXPECT_EQ(report["failed"].get_uint64().value(), 5u);
}

TEST_F(HarnessBadInput, UnboundParameterNamesTheFix) {
  const auto f = file("p.sql", "-- TEST: needs_param\nSELECT {threshold:UInt8} AS failed_rows\n");
  auto r = check(shell_quote(f));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("(no value for {threshold:...}: give --param threshold=VALUE)"),
            std::string::npos)
      << r.out;
  r = check(shell_quote(f) + " --param threshold=0");
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST_F(HarnessBadInput, BadWindowOptions) {
  const auto good = file("good.sql", kGoodSuite);
  auto r = check(shell_quote(good) + " --from 2026-02-25 --to 2026-02-24");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "naap: empty window: 2026-02-25 00:00:00.000 is not before 2026-02-24 00:00:00.000\n");
  r = check(shell_quote(good) + " --from yesterday");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "naap: --from 'yesterday' is not a UTC time (YYYY-MM-DD[ HH:MM:SS[.mmm]][Z])\n");
  r = check(shell_quote(good) + " --from 2026-02-25 --lookback-hours 3");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  r = check(shell_quote(good) + " --format yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  // The old spellings still work, and an empty store's default window is the last 24 h.
  r = check(shell_quote(good) + " --from-ts '2026-02-24 00:00:00' --to-ts 2026-02-25T00:00:00Z");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(
      r.out.find("Window UTC: 2026-02-24T00:00:00.000Z -> 2026-02-25T00:00:00.000Z (--from/--to)"),
      std::string::npos)
      << r.out;
  r = check(shell_quote(good));
  EXPECT_NE(r.out.find("(store holds no events: the last 24 h)"), std::string::npos) << r.out;
  r = check(shell_quote(good) + " --lookback-hours 1.5 --to '2026-02-25 00:00:00'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Window UTC: 2026-02-24T22:30:00.000Z -> 2026-02-25T00:00:00.000Z "
                       "(--lookback-hours 1.5)"),
            std::string::npos)
      << r.out;
}

TEST_F(HarnessBadInput, NoWarehouseOption) {
  const auto r = run_command(naap() + " check");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "naap: no warehouse: give --store DIR (embedded) or --clickhouse URL\n");
}

TEST_F(HarnessBadInput, StoreWithoutTheWarehouse) {
  const std::string empty = *dir_ / "empty";
  std::filesystem::create_directories(empty);
  const auto r = run_command(naap() + " check --store " + shell_quote(empty));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "naap: embedded store " + std::filesystem::absolute(empty).string() +
                       " has no livepeer_analytics database (apply the schema with: naap schema "
                       "apply, or load data with: naap run)\n");
}

TEST_F(HarnessBadInput, WindowParametersAreUtcWhateverTheProcessTimeZone) {
  const auto f = file("tz.sql",
                      "-- QUERY: tz\nSELECT toString({from_ts:DateTime64(3)}) AS f, "
                      "toString(toStartOfDay({to_ts:DateTime64(3)})) AS d\n");
  const auto r = run_command(
      "TZ=Asia/Kolkata " + naap() + " query --store " + shell_quote(store_) + " " + shell_quote(f) +
      " --from '2026-02-24 23:30:00' --to '2026-02-25 02:00:00' --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element j;
  ASSERT_FALSE(parser.parse(r.out).get(j)) << r.out;
  auto row = j["files"].at(0)["blocks"].at(0)["result"]["rows"].at(0);
  EXPECT_EQ(str(row["f"]), "2026-02-24 23:30:00.000");
  EXPECT_EQ(str(row["d"]), "2026-02-25 00:00:00");
}

// ---------------------------------------------------------------------------
// The HTTP path, against a fake ClickHouse HTTP interface.

struct HttpRequest {
  std::string request_line;  // "POST /?... HTTP/1.1"
  std::string authorization;
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string exception_code;  // X-ClickHouse-Exception-Code
  bool clickhouse = true;      // send X-ClickHouse-* headers
};

class FakeClickHouse {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  explicit FakeClickHouse(Handler h) : handler_(std::move(h)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    EXPECT_EQ(::listen(fd_, 16), 0);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeClickHouse() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<HttpRequest> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  void serve() {
    while (!stop_) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string in;
      char buf[4096];
      size_t header_end = std::string::npos, need = 0;
      while (true) {
        const ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        in.append(buf, static_cast<size_t>(n));
        if (header_end == std::string::npos &&
            (header_end = in.find("\r\n\r\n")) != std::string::npos) {
          std::string lower = in.substr(0, header_end);
          for (char& ch : lower)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          const size_t cl = lower.find("content-length:");
          need = cl == std::string::npos ? 0 : std::stoul(lower.substr(cl + 15));
        }
        if (header_end != std::string::npos && in.size() >= header_end + 4 + need) break;
      }
      HttpRequest req;
      req.request_line = in.substr(0, in.find("\r\n"));
      std::string lower = in.substr(0, header_end);
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (size_t a = lower.find("\r\nauthorization: "); a != std::string::npos) {
        const size_t s = a + 17;
        req.authorization = in.substr(s, in.find("\r\n", s) - s);
      }
      if (header_end != std::string::npos) req.body = in.substr(header_end + 4);
      const HttpResponse resp = handler_(req);
      {
        std::lock_guard<std::mutex> lock(mu_);
        requests_.push_back(req);
      }
      std::string out = "HTTP/1.1 " + std::to_string(resp.status) + " X\r\nConnection: close\r\n";
      if (resp.clickhouse) out += "X-ClickHouse-Server-Display-Name: fake\r\n";
      if (!resp.exception_code.empty())
        out += "X-ClickHouse-Exception-Code: " + resp.exception_code + "\r\n";
      out += "Content-Length: " + std::to_string(resp.body.size()) + "\r\n\r\n" + resp.body;
      ::send(c, out.data(), out.size(), MSG_NOSIGNAL);
      ::close(c);
    }
  }
  Handler handler_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mu_;
  std::vector<HttpRequest> requests_;
};

// A port nothing listens on.
int free_port() {
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

TEST(HarnessHttp, UnreachableServerIsOneLineAndExit3) {
  const std::string url = "http://127.0.0.1:" + std::to_string(free_port());
  for (const std::string cmd : {"check", "query packs/demo.sql", "trace 'a|b'"}) {
    const auto r = run_command(naap() + " " + cmd + " --clickhouse " + url);
    EXPECT_EQ(r.exit_code, 3) << cmd;
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_EQ(r.err.rfind("naap: cannot reach ClickHouse at " + url + ": ", 0), 0u) << r.err;
    EXPECT_EQ(r.out, "");
  }
  const auto r = run_command(naap() + " check --clickhouse http://no-such-host.invalid:8123");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err.rfind("naap: cannot reach ClickHouse at http://no-such-host.invalid:8123: ", 0),
            0u)
      << r.err;
}

TEST(HarnessHttp, WrongCredentialsAreOneLineAndExit3) {
  FakeClickHouse server([](const HttpRequest&) {
    return HttpResponse{
        403,
        "Code: 516. DB::Exception: bob: Authentication failed: password is incorrect, "
        "or there is no user with such name. (AUTHENTICATION_FAILED) (version 26.1.1.1)\n",
        "516", true};
  });
  const auto r = run_command(naap() + " check --clickhouse " + server.url() +
                             " --user bob --password 's3cret-pw'");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "naap: ClickHouse at " + server.url() +
                " rejected the credentials of user 'bob': Code: 516. DB::Exception: bob: "
                "Authentication failed: password is incorrect, or there is no user with such "
                "name. (AUTHENTICATION_FAILED) (version 26.1.1.1)\n");
  EXPECT_EQ(r.err.find("s3cret-pw"), std::string::npos);
  // Credentials travel as HTTP basic auth, never in the URL.
  const auto reqs = server.requests();
  ASSERT_FALSE(reqs.empty());
  EXPECT_EQ(reqs[0].authorization, "Basic Ym9iOnMzY3JldC1wdw==");  // bob:s3cret-pw
  EXPECT_EQ(reqs[0].request_line.find("s3cret"), std::string::npos);
}

TEST(HarnessHttp, NotClickHouseIsOneLineAndExit3) {
  FakeClickHouse server([](const HttpRequest&) {
    return HttpResponse{501, "<html><body>Unsupported method</body></html>", "", false};
  });
  const auto r = run_command(naap() + " check --clickhouse " + server.url());
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "naap: HTTP status 501 from " + server.url() +
                       ", which does not look like a ClickHouse HTTP interface\n");
}

// Answers the connection probes and the data-range query like a server
// holding data, and every other statement with `other`.
FakeClickHouse::Handler warehouse_handler(std::function<HttpResponse(const HttpRequest&)> other) {
  return [other](const HttpRequest& r) {
    if (r.body == "SELECT 1") return HttpResponse{200, "1\n", "", true};
    if (r.body.find("system.databases") != std::string::npos)
      return HttpResponse{200, "1\n", "", true};
    if (r.body.find("min(ts)") != std::string::npos) {
      // 3 events, 2026-02-24 00:00:00.000 .. 2026-02-25 00:00:00.000
      return HttpResponse{200, "3\t1771891200000\t1771977600000\n", "", true};
    }
    return other(r);
  };
}

TEST(HarnessHttp, ParametersTravelAsUrlParametersAndTheSqlIsSentUntouched) {
  FakeClickHouse server(warehouse_handler([](const HttpRequest& r) {
    if (r.body.find("boom") != std::string::npos) {
      return HttpResponse{500,
                          "Code: 47. DB::Exception: Unknown expression identifier `boom` in scope "
                          "SELECT boom AS failed_rows. (UNKNOWN_IDENTIFIER) (version 26.1.1.1)\n",
                          "47", true};
    }
    return HttpResponse{
        200, "[\"failed_rows\",\"who\"]\n[\"UInt64\",\"String\"]\n[\"0\",\"O'Brien & co\"]\n", "",
        true};
  }));
  TempDir dir("http-shape");
  const std::string suite = dir / "s.sql";
  const std::string sql =
      "SELECT 0 AS failed_rows, {who:String} AS who WHERE {from_ts:DateTime64(3)} < "
      "{to_ts:DateTime64(3)}";
  std::ofstream(suite) << "-- TEST: shaped\n"
                       << sql << "\n-- TEST: broken\nSELECT boom AS failed_rows\n";
  const auto r =
      run_command(naap() + " check " + shell_quote(suite) + " --clickhouse " + server.url() +
                  " --user alice --password pw --param " + shell_quote("who=O'Brien & co"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  // All the data: first event .. last event + 1 ms.
  EXPECT_NE(r.out.find("Window UTC: 2026-02-24T00:00:00.000Z -> 2026-02-25T00:00:00.001Z (all data "
                       "in the store)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Warehouse: ClickHouse " + server.url() +
                       " (database livepeer_analytics, user alice)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[PASS] shaped (" + suite + ")"), std::string::npos) << r.out;
  EXPECT_NE(
      r.out.find("[FAIL] broken (" + suite +
                 ")\n  error: Code: 47. DB::Exception: Unknown expression "
                 "identifier `boom` in scope SELECT boom AS failed_rows. (UNKNOWN_IDENTIFIER) "
                 "(version 26.1.1.1)\n"),
      std::string::npos)
      << r.out;

  const auto reqs = server.requests();
  const HttpRequest* shaped = nullptr;
  for (const auto& q : reqs) {
    if (q.body == sql) shaped = &q;
    EXPECT_EQ(q.authorization, "Basic YWxpY2U6cHc=");  // alice:pw
  }
  ASSERT_NE(shaped, nullptr) << "the SQL was not sent verbatim";
  const std::string& line = shaped->request_line;
  EXPECT_EQ(line.rfind("POST /?", 0), 0u) << line;
  EXPECT_NE(line.find("default_format=JSONCompactEachRowWithNamesAndTypes"), std::string::npos)
      << line;
  EXPECT_NE(line.find("&wait_end_of_query=1"), std::string::npos) << line;
  EXPECT_NE(line.find("&session_timezone=UTC"), std::string::npos) << line;
  EXPECT_NE(line.find("&database=livepeer_analytics"), std::string::npos) << line;
  EXPECT_NE(line.find("&param_who=O%27Brien%20%26%20co"), std::string::npos) << line;
  EXPECT_NE(line.find("&param_from_ts=2026-02-24%2000%3A00%3A00.000"), std::string::npos) << line;
  EXPECT_NE(line.find("&param_to_ts=2026-02-25%2000%3A00%3A00.001"), std::string::npos) << line;
  EXPECT_EQ(line.find("limit_per_scenario"), std::string::npos)
      << "only the parameters the block uses";
}

TEST(HarnessHttp, SchemaApplyToAServerSendsOneStatementPerRequest) {
  FakeClickHouse server([](const HttpRequest& q) {
    return HttpResponse{200, q.body == "SELECT 1" ? "1\n" : "", "", true};
  });
  const auto r =
      run_command(naap() + " schema apply --clickhouse " + server.url() + " --user admin");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("schema: 10 migration(s) applied", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("retention spec"), std::string::npos)
      << r.out;  // a server keeps the spec's TTLs
  const auto reqs = server.requests();
  ASSERT_GT(reqs.size(), 40u);
  EXPECT_EQ(reqs[0].body, "SELECT 1");
  EXPECT_EQ(reqs[1].body, "CREATE DATABASE IF NOT EXISTS livepeer_analytics");
  for (const auto& q : reqs) {
    // The database may not exist yet: the session must not start in it.
    EXPECT_EQ(q.request_line.find("database="), std::string::npos) << q.request_line;
    EXPECT_EQ(q.authorization, "Basic YWRtaW46");  // admin:
  }
}

}  // namespace
}  // namespace naap::testing
