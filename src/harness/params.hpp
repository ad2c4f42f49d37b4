// Values for the {name:Type} placeholders of harness SQL, bound server-side.
// A block is given exactly the parameters it mentions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/chdb.hpp"

namespace naap::harness {

class ParamSet {
 public:
  // Sets (or replaces) a value.
  void set(const std::string& name, const std::string& value);
  // Parses NAME=VALUE options (--param); throws std::invalid_argument.
  void set_options(const std::vector<std::string>& name_value);
  // The values `sql` mentions as {name:...}.
  store::QueryParams for_sql(std::string_view sql) const;
  // Placeholders `sql` mentions that have no value, in order of appearance.
  std::vector<std::string> unbound(std::string_view sql) const;

 private:
  store::QueryParams values_;
};

// The distinct {name:Type} placeholder names in `sql`.
std::vector<std::string> placeholders(std::string_view sql);

}  // namespace naap::harness
