#include "store/chdb.hpp"

#include "store/chdb_c_api.h"

namespace naap::store {
namespace {

struct ResultDeleter {
  void operator()(chdb_result* r) const { chdb_destroy_query_result(r); }
};
using ResultPtr = std::unique_ptr<chdb_result, ResultDeleter>;

QueryResult take(chdb_result* raw, std::string_view what) {
  ResultPtr r(raw);
  if (!r) throw ChdbError(std::string(what) + ": engine returned no result");
  if (const char* err = chdb_result_error(r.get()); err && *err) {
    throw ChdbError(std::string(err));
  }
  QueryResult out;
  if (const char* buf = chdb_result_buffer(r.get())) {
    out.data.assign(buf, chdb_result_length(r.get()));
  }
  out.rows_read = chdb_result_rows_read(r.get());
  out.rows_written = chdb_result_rows_written(r.get());
  out.elapsed_s = chdb_result_elapsed(r.get());
  return out;
}

chdb_connection handle(void* conn) { return *static_cast<chdb_connection*>(conn); }

}  // namespace

Chdb::Chdb(const std::string& path, const std::vector<std::string>& extra_args) : path_(path) {
  std::vector<std::string> args{"naap", "--path=" + path};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  chdb_connection* c = chdb_connect(static_cast<int>(argv.size()), argv.data());
  if (!c || !*c) throw ChdbError("cannot open embedded store at '" + path + "'");
  conn_ = c;
}

Chdb::~Chdb() {
  if (conn_) chdb_close_conn(static_cast<chdb_connection*>(conn_));
}

QueryResult Chdb::query(std::string_view sql, std::string_view format) {
  return take(chdb_query_n(handle(conn_), sql.data(), sql.size(), format.data(), format.size()),
              "query");
}

QueryResult Chdb::query(std::string_view sql, const QueryParams& params, std::string_view format) {
  std::vector<const char*> names, values;
  std::vector<size_t> name_lens, value_lens;
  for (const auto& [n, v] : params) {
    names.push_back(n.data());
    name_lens.push_back(n.size());
    values.push_back(v.data());
    value_lens.push_back(v.size());
  }
  return take(chdb_query_with_params_n(handle(conn_), sql.data(), sql.size(), format.data(),
                                       format.size(), names.data(), name_lens.data(),
                                       values.data(), value_lens.data(), params.size()),
              "query");
}

QueryResult Chdb::insert(std::string_view insert_head, std::string_view format,
                         std::string_view payload) {
  struct StreamDeleter {
    void operator()(chdb_insert_stream_* s) const { chdb_destroy_insert_stream(s); }
  };
  std::unique_ptr<chdb_insert_stream_, StreamDeleter> stream(chdb_stream_insert_n(
      handle(conn_), insert_head.data(), insert_head.size(), format.data(), format.size()));
  if (!stream) throw ChdbError("insert: engine returned no stream");
  if (const char* err = chdb_stream_insert_error(stream.get()); err && *err) {
    throw ChdbError(std::string(err));
  }
  if (!payload.empty() &&
      chdb_stream_append(stream.get(), payload.data(), payload.size()) != CHDBSuccess) {
    const char* err = chdb_stream_insert_error(stream.get());
    throw ChdbError(err && *err ? std::string(err) : std::string("insert: append failed"));
  }
  return take(chdb_stream_done(stream.get()), "insert");
}

std::string Chdb::version() {
  const char* v = chdb_version();
  return v ? v : "";
}

}  // namespace naap::store
