// Declarations of the subset of libchdb's exported C API that naap uses.
// libchdb ships without a header in its npm package; these prototypes follow
// the library's documented ABI (see `nm -D libchdb.so`).
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {

typedef struct chdb_result_ {
  void* internal_data;
} chdb_result;

typedef struct chdb_connection_ {
  void* internal_data;
}* chdb_connection;

typedef struct chdb_insert_stream_ {
  void* internal_data;
}* chdb_insert_stream;

typedef enum chdb_state { CHDBSuccess = 0, CHDBError = 1 } chdb_state;

const char* chdb_version(void);
chdb_connection* chdb_connect(int argc, char** argv);
void chdb_close_conn(chdb_connection* conn);

chdb_result* chdb_query_n(chdb_connection conn, const char* query, size_t query_len,
                          const char* format, size_t format_len);
chdb_result* chdb_query_with_params_n(chdb_connection conn, const char* query, size_t query_len,
                                      const char* format, size_t format_len,
                                      const char* const* param_names,
                                      const size_t* param_name_lens,
                                      const char* const* param_values,
                                      const size_t* param_value_lens, size_t param_count);
void chdb_destroy_query_result(chdb_result* result);

chdb_insert_stream chdb_stream_insert_n(chdb_connection conn, const char* query, size_t query_len,
                                        const char* format, size_t format_len);
chdb_state chdb_stream_append(chdb_insert_stream stream, const void* data, size_t len);
chdb_result* chdb_stream_done(chdb_insert_stream stream);
void chdb_stream_cancel_insert(chdb_insert_stream stream);
const char* chdb_stream_insert_error(chdb_insert_stream stream);
void chdb_destroy_insert_stream(chdb_insert_stream stream);

char* chdb_result_buffer(chdb_result* result);
size_t chdb_result_length(chdb_result* result);
double chdb_result_elapsed(chdb_result* result);
uint64_t chdb_result_rows_read(chdb_result* result);
uint64_t chdb_result_rows_written(chdb_result* result);
uint64_t chdb_result_bytes_written(chdb_result* result);
const char* chdb_result_error(chdb_result* result);

// Arrow scans (used by the benchmarks' Arrow sink, sinks/format_sinks.cpp):
// the pointers are a struct ArrowSchema* / struct ArrowArray* of the Arrow C
// data interface; the engine reads them when the registered name is queried
// as arrowstream(name).
typedef struct chdb_arrow_schema_ {
  void* internal_data;
}* chdb_arrow_schema;
typedef struct chdb_arrow_array_ {
  void* internal_data;
}* chdb_arrow_array;
chdb_state chdb_arrow_array_scan(chdb_connection conn, const char* table_name,
                                 chdb_arrow_schema arrow_schema, chdb_arrow_array arrow_array);
chdb_state chdb_arrow_unregister_table(chdb_connection conn, const char* table_name);
}
