// Bad input to the harness commands: each case is one clear message, the
// right exit code, and the other tests still run. Exit codes: 1 a test FAILed
// (or a query failed, or an unknown session), 2 bad usage or input file,
// 3 the warehouse cannot be reached or used.
//
// The ClickHouse HTTP path (--clickhouse URL) runs against a REAL ClickHouse
// server: Debian's clickhouse-server 18.16 (clickhouse_server.hpp), one per
// suite, on loopback. Nothing stands in for ClickHouse: the only other
// endpoints are a port nobody listens on and a plain web server answering HTML.
//
// naap sends each statement as a POST with the SQL as the body, the user and
// password as HTTP basic auth, and the URL settings default_format,
// wait_end_of_query=1, session_timezone=UTC, database=NAME, then one
// param_<name> per bound parameter. What 18.16 makes of that:
//  * Authentication comes first: a wrong password is HTTP 401 "Code: 193,
//    e.displayText() = DB::Exception: Wrong password for user U, e.what() =
//    DB::Exception", an unknown user 401 "Code: 192 ... Unknown user U". No
//    X-ClickHouse-Exception-Code header (newer servers send one); naap goes by
//    the 401.
//  * Then the URL settings, in URL order; an unknown one is HTTP 404 "Code: 115
//    ... Unknown setting NAME". session_timezone (ClickHouse 23.6+) is unknown,
//    so EVERY naap statement stops there, the connection probe first: naap
//    keeps sending it (a modern server needs it; parameters mean UTC) and
//    reports the old server in one line, exit 3. Hence no block of a suite or
//    pack ever runs on 18.16: PASS/FAIL verdicts, a server error under a
//    FAILed test and bound parameters are covered on the embedded store
//    (HarnessBadInput below, harness_check_test.cpp), not here.
//  * The other settings, sent one by one (NaapsUrlSettingsMeet18_16): no query
//    parameters, so param_who is "Unknown setting param_who" (which shows they
//    travel as param_<name> URL parameters); JSONCompactEachRowWithNamesAndTypes
//    is an unknown format (Code: 73); database=NAME must exist (Code: 81);
//    wait_end_of_query=1 is accepted.
//  * No DateTime64 either, so schema apply could not create the warehouse; it
//    stops at session_timezone too, creating nothing (exit 3, as every
//    command that cannot use the warehouse).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "clickhouse_server.hpp"
#include "harness_test_util.hpp"
#include "store/clickhouse_http.hpp"

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
// The HTTP path (--clickhouse URL): see the header comment for what the real
// 18.16 server makes of naap's requests.

// Some other web server, not ClickHouse: answers every request with `status`
// and an HTML page, and keeps the head (request line and headers) of each.
class HtmlServer {
 public:
  explicit HtmlServer(int status) : status_(status) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    EXPECT_EQ(::listen(fd_, 16), 0);
    thread_ = std::thread([this] { serve(); });
  }
  ~HtmlServer() {
    ::shutdown(fd_, SHUT_RDWR);  // wakes accept()
    thread_.join();
    ::close(fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> heads() {
    std::lock_guard<std::mutex> lock(mu_);
    return heads_;
  }
  static constexpr const char* kPage = "<html><body><h1>It works!</h1></body></html>\n";

 private:
  void serve() {
    while (true) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string in;
      char buf[4096];
      size_t end = std::string::npos, need = 0;
      while (end == std::string::npos || in.size() < end + 4 + need) {
        const ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        in.append(buf, static_cast<size_t>(n));
        if (end == std::string::npos && (end = in.find("\r\n\r\n")) != std::string::npos) {
          std::string lower = in.substr(0, end);
          for (char& ch : lower)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          const size_t cl = lower.find("\r\ncontent-length:");
          if (cl != std::string::npos) need = std::stoul(lower.substr(cl + 17));
        }
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        heads_.push_back(in.substr(0, end));
      }
      const std::string page = kPage;
      const std::string out = "HTTP/1.1 " + std::to_string(status_) +
                              " Whatever\r\nServer: Apache\r\nContent-Type: text/html\r\n"
                              "Connection: close\r\nContent-Length: " +
                              std::to_string(page.size()) + "\r\n\r\n" + page;
      ::send(c, out.data(), out.size(), MSG_NOSIGNAL);
      ::close(c);
    }
  }
  int status_;
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> heads_;
};

TEST(HarnessHttpNoClickHouse, UnreachableServerIsOneLineAndExit3) {
  const std::string url = "http://127.0.0.1:" + std::to_string(free_loopback_port());
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

TEST(HarnessHttpNoClickHouse, AnotherWebServerIsOneLineAndExit3) {
  {
    HtmlServer web(404);
    const auto r = run_command(naap() + " check --clickhouse " + web.url() +
                               " --user bob --password s3cret-pw");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_EQ(r.err, "naap: HTTP status 404 from " + web.url() +
                         ", which does not look like a ClickHouse HTTP interface\n");
    EXPECT_EQ(r.out, "");
    // What any web server sees of naap's request: basic auth, no password in the URL.
    const auto heads = web.heads();
    ASSERT_EQ(heads.size(), 1u);
    EXPECT_EQ(heads[0].rfind("POST /?", 0), 0u) << heads[0];
    EXPECT_NE(heads[0].find("\r\nAuthorization: Basic Ym9iOnMzY3JldC1wdw==\r\n"),
              std::string::npos)
        << heads[0];  // bob:s3cret-pw
    EXPECT_EQ(heads[0].find("s3cret"), std::string::npos) << heads[0];
  }
  {
    // A 200 with a page: the connection probe (SELECT 1) does not get "1".
    HtmlServer web(200);
    const auto r = run_command(naap() + " query packs/demo.sql --clickhouse " + web.url());
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_EQ(r.err, "naap: ClickHouse " + web.url() +
                         " (database livepeer_analytics) does not answer like ClickHouse (SELECT 1 "
                         "gave '<html><body><h1>It works!</h1></body></html>')\n");
    EXPECT_EQ(r.out, "");
  }
}

// The suite's server: users `default` (no password) and `naap`, whose
// password would break a URL or a form if it were pasted into one.
const std::string kUser = "naap";
const std::string kPassword = "p@ss:w&rd/?#% x";
const std::string kWrongPassword = "wrong-pw";

class HarnessHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ClickHouseServer({{"default", ""}, {kUser, kPassword}});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override { ASSERT_EQ(server_->error(), "") << "no ClickHouse server to test with"; }

  static std::string url() { return server_->url(); }
  static CommandResult naap_cmd(const std::string& args, const std::string& env = "") {
    return run_command(env + (env.empty() ? "" : " ") + naap() + " " + args);
  }
  // The one line naap prints for 18.16 once the credentials are accepted.
  static std::string too_old() {
    return "naap: ClickHouse at " + url() +
           " predates the session_timezone setting (ClickHouse 23.6) that naap sends with every "
           "statement: Code: 115, e.displayText() = DB::Exception: Unknown setting "
           "session_timezone, e.what() = DB::Exception\n";
  }
  static std::string rejected(const std::string& who, const std::string& server_message) {
    return "naap: ClickHouse at " + url() + " rejected the credentials of " + who + ": " +
           server_message + ", e.what() = DB::Exception\n";
  }
  static ClickHouseServer* server_;
};
ClickHouseServer* HarnessHttp::server_ = nullptr;

TEST_F(HarnessHttp, WrongCredentialsAreOneLineAndExit3) {
  const std::string wrong_naap =
      rejected("user 'naap'",
               "Code: 193, e.displayText() = DB::Exception: Wrong password for "
               "user naap");
  for (const std::string cmd : {"check", "query packs/demo.sql", "trace 'a|b'"}) {
    const auto r =
        naap_cmd(cmd + " --clickhouse " + url() + " --user naap --password " + kWrongPassword);
    EXPECT_EQ(r.exit_code, 3) << cmd;
    EXPECT_EQ(r.err, wrong_naap) << cmd;
    EXPECT_EQ(r.out, "") << cmd;
  }
  // The same from the environment, and from the URL's user:password@ (named
  // in the message, the password never shown).
  auto r = naap_cmd("check --clickhouse " + url(), "CH_USER=naap CH_PASSWORD=" + kWrongPassword);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, wrong_naap);
  r = naap_cmd("check --clickhouse http://naap:" + kWrongPassword +
               "@127.0.0.1:" + std::to_string(server_->port()));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, wrong_naap);

  r = naap_cmd("check --clickhouse " + url() + " --user bob --password " + kWrongPassword);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            rejected("user 'bob'", "Code: 192, e.displayText() = DB::Exception: Unknown user bob"));
  // A password without --user is the default user's.
  r = naap_cmd("check --clickhouse " + url() + " --password " + kWrongPassword);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, rejected("the default user",
                            "Code: 193, e.displayText() = DB::Exception: "
                            "Wrong password for user default"));
  // schema apply says the same, with the same exit code.
  r = naap_cmd("schema apply --clickhouse " + url() + " --user naap --password " + kWrongPassword);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, wrong_naap);
  EXPECT_EQ(r.out, "");
}

TEST_F(HarnessHttp, CredentialsTravelAsHttpBasicAuth) {
  // The right password gets past authentication (to the settings, where 18.16
  // stops); the same with one character more does not. The password holds
  // ':', '@', '&', '/', '?', '#', '%' and a space: as HTTP basic auth it
  // arrives intact.
  const std::string pw = shell_quote(kPassword);
  auto r = naap_cmd("check --clickhouse " + url() + " --user naap --password " + pw);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, too_old());
  r = naap_cmd("check --clickhouse " + url(), "CH_USER=naap CH_PASSWORD=" + pw);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, too_old());
  r = naap_cmd("check --clickhouse " + url() + " --user naap --password " +
               shell_quote(kPassword + "x"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, rejected("user 'naap'",
                            "Code: 193, e.displayText() = DB::Exception: Wrong "
                            "password for user naap"));
  // In the URL, percent-encoded: libcurl decodes it; messages never show it.
  const std::string in_url =
      "http://naap:p%40ss%3Aw%26rd%2F%3F%23%25%20x@127.0.0.1:" + std::to_string(server_->port());
  r = naap_cmd("query packs/demo.sql --clickhouse " + shell_quote(in_url));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, too_old());
  EXPECT_EQ(r.err.find("p%40ss"), std::string::npos);
  // The server's default user has no password: no credentials at all is fine too.
  r = naap_cmd("check --clickhouse " + url());
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, too_old());
}

TEST_F(HarnessHttp, EveryCommandStopsAtSessionTimezoneOn18_16) {
  TempDir dir("http-1816");
  const std::string suite = dir / "s.sql";
  std::ofstream(suite) << "-- TEST: passes\nSELECT 0 AS failed_rows\n"
                       << "-- TEST: fails\nSELECT 1 AS failed_rows\n"
                       << "-- TEST: broken\nSELECT no_such_column AS failed_rows\n";
  const std::string creds =
      " --clickhouse " + url() + " --user naap --password " + shell_quote(kPassword);
  const std::string out_dir = dir / "snapshot";
  for (const std::string& cmd : std::vector<std::string>{
           "check " + shell_quote(suite), "check", "query packs/demo.sql --param who=x",
           "trace 'a|b'", "fixtures export --out " + shell_quote(out_dir)}) {
    const auto r = naap_cmd(cmd + creds);
    EXPECT_EQ(r.exit_code, 3) << cmd;
    EXPECT_EQ(r.err, too_old()) << cmd;
    EXPECT_EQ(r.out, "") << cmd;  // not even a header: nothing ran
  }
  EXPECT_FALSE(std::filesystem::exists(out_dir));
  const auto r = naap_cmd("schema apply" + creds);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, too_old());
  EXPECT_EQ(r.out, "");
  // ... and created nothing on the server.
  const auto dbs =
      server_->query("SELECT count() FROM system.databases WHERE name = 'livepeer_analytics'");
  EXPECT_EQ(dbs.status, 200) << dbs.body << dbs.error;
  EXPECT_EQ(dbs.body, "0\n");
}

TEST_F(HarnessHttp, NaapsUrlSettingsMeet18_16) {
  const auto version = server_->query("SELECT version()");
  ASSERT_EQ(version.body, "18.16.1\n") << "the limits documented above are 18.16's";
  // The URL naap's own HTTP client builds for a statement with two parameters.
  store::ClickHouseHttp client(url(), kUser, kPassword, "livepeer_analytics", 5);
  const std::string full =
      client.request_url({{"who", "O'Brien & co"}, {"from_ts", "2026-02-24 00:00:00.000"}},
                         "JSONCompactEachRowWithNamesAndTypes");
  ASSERT_EQ(full.rfind(url() + "/?", 0), 0u) << full;
  std::vector<std::string> names;
  std::map<std::string, std::string> setting;  // name -> "name=value", as naap encodes it
  std::stringstream query(full.substr(url().size() + 2));
  for (std::string kv; std::getline(query, kv, '&');) {
    names.push_back(kv.substr(0, kv.find('=')));
    setting[names.back()] = kv;
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"default_format", "wait_end_of_query", "session_timezone",
                                      "database", "param_who", "param_from_ts"}));
  EXPECT_EQ(full.find(kPassword), std::string::npos);
  EXPECT_EQ(full.find("naap"), std::string::npos) << "credentials go as HTTP basic auth";

  // Each setting alone, as naap's user.
  auto alone = [&](const std::string& name) {
    return server_->query("SELECT 1", kUser, kPassword, setting[name]);
  };
  const auto error = [](const std::string& code, const std::string& what) {
    return "Code: " + code + ", e.displayText() = DB::Exception: " + what +
           ", e.what() = DB::Exception\n";
  };
  auto r = alone("wait_end_of_query");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "1\n");
  r = alone("default_format");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, error("73", "Unknown format JSONCompactEachRowWithNamesAndTypes"));
  r = alone("session_timezone");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, error("115", "Unknown setting session_timezone"));
  r = alone("database");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, error("81", "Database livepeer_analytics doesn't exist"));
  // No query parameters in 18.16: its error names the URL parameter naap sent.
  r = alone("param_who");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, error("115", "Unknown setting param_who"));
  r = alone("param_from_ts");
  EXPECT_EQ(r.body, error("115", "Unknown setting param_from_ts"));
  // All of them: the first unknown one in URL order is what naap hears.
  r = http_request(full, std::string("SELECT 1"), kUser, kPassword);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, error("115", "Unknown setting session_timezone"));
}

}  // namespace
}  // namespace naap::testing
