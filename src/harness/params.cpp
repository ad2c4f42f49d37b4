#include "harness/params.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace naap::harness {

std::vector<std::string> placeholders(std::string_view sql) {
  std::vector<std::string> out;
  for (size_t i = sql.find('{'); i != std::string_view::npos; i = sql.find('{', i + 1)) {
    size_t j = i + 1;
    while (j < sql.size() && std::isspace(static_cast<unsigned char>(sql[j]))) ++j;
    const size_t start = j;
    if (j >= sql.size() || !(std::isalpha(static_cast<unsigned char>(sql[j])) || sql[j] == '_'))
      continue;
    while (j < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_'))
      ++j;
    const size_t end = j;
    while (j < sql.size() && std::isspace(static_cast<unsigned char>(sql[j]))) ++j;
    if (j < sql.size() && sql[j] == ':') {
      std::string name(sql.substr(start, end - start));
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
    }
  }
  return out;
}

void ParamSet::set(const std::string& name, const std::string& value) {
  std::erase_if(values_, [&](const auto& p) { return p.first == name; });
  values_.emplace_back(name, value);
}

void ParamSet::set_options(const std::vector<std::string>& name_value) {
  for (const auto& kv : name_value) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw std::invalid_argument("--param '" + kv + "' is not NAME=VALUE");
    }
    set(kv.substr(0, eq), kv.substr(eq + 1));
  }
}

store::QueryParams ParamSet::for_sql(std::string_view sql) const {
  const auto used = placeholders(sql);
  store::QueryParams p;
  for (const auto& [name, value] : values_) {
    if (std::find(used.begin(), used.end(), name) != used.end()) p.emplace_back(name, value);
  }
  return p;
}

std::vector<std::string> ParamSet::unbound(std::string_view sql) const {
  std::vector<std::string> out;
  for (const auto& name : placeholders(sql)) {
    const bool bound =
        std::any_of(values_.begin(), values_.end(), [&](const auto& p) { return p.first == name; });
    if (!bound) out.push_back(name);
  }
  return out;
}

}  // namespace naap::harness
