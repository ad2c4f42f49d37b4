// The warehouse SQL of sql/, compiled into the binary (cmake/embed_sql.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace naap::store {

struct EmbeddedFile {
  std::string_view path;  // relative to sql/, e.g. "migrations/0001_database.sql"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_sql();

}  // namespace naap::store
