// A ClickHouse server over its HTTP interface (libcurl). One statement per
// request, POSTed as the body; query parameters travel as `param_<name>` URL
// parameters (bound server-side, never pasted into the SQL); the output format
// as `default_format`; `wait_end_of_query=1` so a failing statement always
// comes back as an HTTP error carrying the server's message.
#pragma once

#include <memory>
#include <string>

#include "store/connection.hpp"

namespace naap::store {

class ClickHouseHttp : public Connection {
 public:
  // url: http[s]://host[:port][/]; user empty = the server's default user.
  ClickHouseHttp(std::string url, std::string user, std::string password, std::string database,
                 long connect_timeout_s);
  ~ClickHouseHttp() override;
  ClickHouseHttp(const ClickHouseHttp&) = delete;
  ClickHouseHttp& operator=(const ClickHouseHttp&) = delete;

  QueryResult query(std::string_view sql, const QueryParams& params,
                    std::string_view format) override;
  std::string describe() const override;

  // The request URL for a statement (exposed for tests): base URL plus the
  // database, format, settings and param_<name> values, percent-encoded.
  std::string request_url(const QueryParams& params, std::string_view format) const;

 private:
  std::string url_, display_url_, user_, password_, database_;
  long connect_timeout_s_;
  void* curl_ = nullptr;  // CURL*
};

}  // namespace naap::store
