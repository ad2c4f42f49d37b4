#include "store/clickhouse_http.hpp"

#include <curl/curl.h>

#include <cctype>
#include <mutex>
#include <stdexcept>

namespace naap::store {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string percent_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// The user named in messages: --user, or else the user of the URL's
// user:password@ (libcurl authenticates with it); never the password.
std::string shown_user(const std::string& user, const std::string& url) {
  if (!user.empty()) return user;
  const size_t scheme = url.find("://") + 3;
  const size_t at = url.find('@', scheme);
  if (at == std::string::npos || at > url.find('/', scheme)) return "";
  const std::string userinfo = url.substr(scheme, at - scheme);
  return percent_decode(userinfo.substr(0, userinfo.find(':')));
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

struct Headers {
  std::string exception_code;
  bool clickhouse = false;  // any X-ClickHouse-* header: the peer is ClickHouse
};

size_t on_header(char* data, size_t size, size_t n, void* user) {
  std::string_view line(data, size * n);
  constexpr std::string_view prefix = "x-clickhouse-";
  if (line.size() > prefix.size()) {
    bool match = true;
    for (size_t i = 0; i < prefix.size() && match; ++i) {
      match = std::tolower(static_cast<unsigned char>(line[i])) == prefix[i];
    }
    if (match) static_cast<Headers*>(user)->clickhouse = true;
  }
  constexpr std::string_view key = "x-clickhouse-exception-code:";
  if (line.size() > key.size()) {
    bool match = true;
    for (size_t i = 0; i < key.size() && match; ++i) {
      match = std::tolower(static_cast<unsigned char>(line[i])) == key[i];
    }
    if (match) {
      std::string_view v = line.substr(key.size());
      while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
      while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
      static_cast<Headers*>(user)->exception_code = std::string(v);
    }
  }
  return size * n;
}

// The server's message, on one line: trailing whitespace dropped, newlines
// folded, the "(version ...)" suffix kept.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  if (text.size() > 2000) text = text.substr(0, 2000) + "...";
  return text;
}

}  // namespace

ClickHouseHttp::ClickHouseHttp(std::string url, std::string user, std::string password,
                               std::string database, long connect_timeout_s)
    : url_(std::move(url)),
      user_(std::move(user)),
      password_(std::move(password)),
      database_(std::move(database)),
      connect_timeout_s_(connect_timeout_s) {
  if (!(url_.rfind("http://", 0) == 0 || url_.rfind("https://", 0) == 0)) {
    throw std::invalid_argument(
        "--clickhouse '" + url_ +
        "' is not an HTTP URL (expected http://host:8123 or https://host:8443)");
  }
  while (url_.size() > 8 && url_.back() == '/') url_.pop_back();
  // Shown in messages and manifests: never the credentials of user:password@host.
  display_url_ = url_;
  const size_t scheme = display_url_.find("://") + 3;
  const size_t at = display_url_.find('@', scheme);
  if (at != std::string::npos && at < display_url_.find('/', scheme))
    display_url_.erase(scheme, at + 1 - scheme);
  global_init();
  curl_ = curl_easy_init();
  if (!curl_) throw ConnectionError("cannot initialise the HTTP client (libcurl)");
}

ClickHouseHttp::~ClickHouseHttp() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

std::string ClickHouseHttp::describe() const {
  const std::string who = shown_user(user_, url_);
  std::string d = "ClickHouse " + display_url_;
  if (!database_.empty())
    d += " (database " + database_ + (who.empty() ? "" : ", user " + who) + ")";
  else if (!who.empty())
    d += " (user " + who + ")";
  return d;
}

std::string ClickHouseHttp::request_url(const QueryParams& params, std::string_view format) const {
  std::string u = url_ + "/?default_format=" + percent_encode(format) +
                  // Errors as HTTP status codes, never half-streamed bodies.
                  "&wait_end_of_query=1"
                  // Zone-less DateTime64 parameters mean UTC, as on the embedded store.
                  "&session_timezone=UTC";
  if (!database_.empty()) u += "&database=" + percent_encode(database_);
  for (const auto& [name, value] : params) {
    u += "&param_" + percent_encode(name) + "=" + percent_encode(value);
  }
  return u;
}

QueryResult ClickHouseHttp::query(std::string_view sql, const QueryParams& params,
                                  std::string_view format) {
  CURL* c = static_cast<CURL*>(curl_);
  curl_easy_reset(c);
  const std::string url = request_url(params, format);
  std::string body;
  Headers headers;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, sql.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(sql.size()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &headers);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, connect_timeout_s_);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_slist* hdrs = curl_slist_append(nullptr, "Content-Type: text/plain; charset=utf-8");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
  // A password without --user is the default user's (or the URL's user's):
  // send it rather than drop it.
  const std::string who = shown_user(user_, url_);
  const std::string auth_user = who.empty() ? "default" : who;
  if (!user_.empty() || !password_.empty()) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(c, CURLOPT_USERNAME, auth_user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password_.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(hdrs);
  if (rc != CURLE_OK) {
    const std::string why = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    throw ConnectionError("cannot reach ClickHouse at " + display_url_ + ": " + why);
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status == 401 || status == 403 || headers.exception_code == "516" ||
      headers.exception_code == "192" || headers.exception_code == "194") {
    // 516 AUTHENTICATION_FAILED, 192 UNKNOWN_USER, 194 REQUIRED_PASSWORD.
    throw ConnectionError(
        "ClickHouse at " + display_url_ + " rejected the credentials" +
        (who.empty() ? std::string(" of the default user") : " of user '" + who + "'") + ": " +
        one_line(body));
  }
  if (status != 200 && headers.clickhouse && body.find("session_timezone") != std::string::npos &&
      (headers.exception_code == "115" || body.rfind("Code: 115", 0) == 0)) {
    // 115 UNKNOWN_SETTING: a server older than 23.6 (e.g. 18.16 answers "Unknown
    // setting session_timezone"); no statement can run there.
    throw ConnectionError("ClickHouse at " + display_url_ +
                          " predates the session_timezone setting (ClickHouse 23.6) that naap "
                          "sends with every statement: " +
                          one_line(body));
  }
  if (!headers.clickhouse && status != 200) {
    throw ConnectionError("HTTP status " + std::to_string(status) + " from " + display_url_ +
                          ", which does not look like a ClickHouse HTTP interface");
  }
  if (status != 200 || !headers.exception_code.empty()) {
    std::string msg = one_line(body);
    if (msg.empty()) msg = "HTTP status " + std::to_string(status) + " from " + display_url_;
    throw QueryError(msg);
  }
  QueryResult out;
  out.data = std::move(body);
  return out;
}

}  // namespace naap::store
