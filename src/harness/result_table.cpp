#include "harness/result_table.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "ingest/json_values.hpp"

namespace naap::harness {
namespace {

std::string_view unwrap_type(std::string_view t) {
  for (;;) {
    bool changed = false;
    for (std::string_view w :
         {std::string_view("Nullable("), std::string_view("LowCardinality(")}) {
      if (t.starts_with(w) && t.ends_with(")")) {
        t = t.substr(w.size(), t.size() - w.size() - 1);
        changed = true;
      }
    }
    if (!changed) return t;
  }
}

bool numeric_type(std::string_view type) {
  const auto t = unwrap_type(type);
  return t.starts_with("Int") || t.starts_with("UInt") || t.starts_with("Float") ||
         t.starts_with("Decimal");
}

bool looks_numeric(std::string_view s) {
  if (s.empty()) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digits = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

Cell to_cell(simdjson::dom::element v, std::string_view type) {
  Cell c;
  switch (v.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      c.is_null = true;
      c.text = "NULL";
      c.json = "null";
      break;
    case simdjson::dom::element_type::STRING: {
      c.text = std::string(v.get_string().value_unsafe());
      // The engine may quote 64-bit integers and decimals; keep them numbers.
      c.json = numeric_type(type) && looks_numeric(c.text) ? c.text : json_quote(c.text);
      break;
    }
    default:
      c.json = simdjson::minify(v);
      c.text = c.json;
      break;
  }
  return c;
}

std::string clean_for_display(std::string_view s, size_t max_width) {
  // Byte offset where each code point starts.
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  std::string out(s);
  if (starts.size() > max_width && max_width >= 3)
    out = out.substr(0, starts[max_width - 3]) + "...";
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

bool float_type(std::string_view type) { return unwrap_type(type).starts_with("Float"); }

// Floats read at a glance: at most 3 decimals (3 significant digits below
// 0.01), trailing zeros dropped. The JSON value keeps full precision.
std::string display_text(const Cell& c, std::string_view type) {
  if (c.is_null || !float_type(type)) return c.text;
  char* end = nullptr;
  const double v = std::strtod(c.text.c_str(), &end);
  if (end == c.text.c_str() || *end != '\0' || !std::isfinite(v) || v == std::floor(v) ||
      std::fabs(v) >= 1e15) {
    return c.text;
  }
  std::string out = std::fabs(v) < 0.01 ? fmt::format("{:.3g}", v) : fmt::format("{:.3f}", v);
  if (out.find('.') != std::string::npos && out.find('e') == std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out;
}

std::string cell_display(const ResultTable& t, size_t row, size_t col) {
  return display_text(t.rows[row][col], col < t.types.size() ? t.types[col] : std::string_view());
}

}  // namespace

std::optional<size_t> ResultTable::column(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return i;
  }
  return std::nullopt;
}

size_t display_width(std::string_view s) {
  size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string json_quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  ingest::append_json_string(out, s);
  return out;
}

ResultTable parse_result(std::string_view data) {
  ResultTable t;
  simdjson::dom::parser parser;
  size_t pos = 0, line_no = 0;
  while (pos < data.size()) {
    size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) eol = data.size();
    const std::string_view line = data.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty()) continue;
    simdjson::dom::array arr;
    if (parser.parse(line.data(), line.size()).get_array().get(arr)) {
      throw std::runtime_error(fmt::format("unreadable result line {}: {}", line_no + 1,
                                           std::string(line.substr(0, 200))));
    }
    if (line_no == 0 || line_no == 1) {
      auto& dst = line_no == 0 ? t.columns : t.types;
      for (auto v : arr) {
        std::string_view s;
        if (v.get_string().get(s)) throw std::runtime_error("unreadable result header");
        dst.emplace_back(s);
      }
    } else {
      std::vector<Cell> row;
      row.reserve(t.columns.size());
      size_t i = 0;
      for (auto v : arr) {
        row.push_back(to_cell(v, i < t.types.size() ? t.types[i] : std::string_view()));
        ++i;
      }
      row.resize(t.columns.size());
      t.rows.push_back(std::move(row));
    }
    ++line_no;
  }
  return t;
}

ResultTable run_table(store::Connection& conn, std::string_view sql,
                      const store::QueryParams& params) {
  return parse_result(conn.query(sql, params, kResultFormat).data);
}

std::string render_table(const ResultTable& t, const RenderOptions& o) {
  if (t.rows.empty()) return o.indent + "(no rows)\n";
  const size_t shown = std::min(t.rows.size(), o.max_rows);
  const size_t ncol = t.columns.size();
  std::vector<std::vector<std::string>> cells(shown, std::vector<std::string>(ncol));
  std::vector<size_t> width(ncol);
  std::vector<bool> right(ncol);
  for (size_t c = 0; c < ncol; ++c) {
    width[c] = display_width(t.columns[c]);
    right[c] = c < t.types.size() && numeric_type(t.types[c]);
  }
  for (size_t r = 0; r < shown; ++r) {
    for (size_t c = 0; c < ncol; ++c) {
      cells[r][c] = clean_for_display(cell_display(t, r, c), o.max_cell_width);
      width[c] = std::max(width[c], display_width(cells[r][c]));
    }
  }
  auto pad = [](const std::string& s, size_t w, bool right_align) {
    const size_t n = display_width(s);
    const std::string fill(w > n ? w - n : 0, ' ');
    return right_align ? fill + s : s + fill;
  };
  std::string out;
  auto line = [&](auto&& cell_text, bool header) {
    std::string l = o.indent;
    for (size_t c = 0; c < ncol; ++c) {
      if (c) l += "  ";
      l += pad(cell_text(c), width[c], !header && right[c]);
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line([&](size_t c) { return t.columns[c]; }, true);
  line([&](size_t c) { return std::string(width[c], '-'); }, true);
  for (size_t r = 0; r < shown; ++r) line([&](size_t c) { return cells[r][c]; }, false);
  if (t.rows.size() > shown)
    out += fmt::format("{}... ({} more rows)\n", o.indent, t.rows.size() - shown);
  return out;
}

std::string render_record(const ResultTable& t, size_t row, const RenderOptions& o) {
  size_t w = 0;
  for (const auto& c : t.columns) w = std::max(w, display_width(c));
  std::string out;
  for (size_t c = 0; c < t.columns.size(); ++c) {
    const std::string& name = t.columns[c];
    out += o.indent + name + std::string(w - display_width(name) + 2, ' ') +
           clean_for_display(cell_display(t, row, c), std::max<size_t>(o.max_cell_width, 200)) +
           "\n";
  }
  return out;
}

std::string row_json(const ResultTable& t, size_t row) {
  std::string out = "{";
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (c) out += ", ";
    out += json_quote(t.columns[c]) + ": " + t.rows[row][c].json;
  }
  return out + "}";
}

std::string table_json(const ResultTable& t, size_t max_rows) {
  std::string out = "{\"columns\": [";
  for (size_t c = 0; c < t.columns.size(); ++c) out += (c ? ", " : "") + json_quote(t.columns[c]);
  out += "], \"types\": [";
  for (size_t c = 0; c < t.types.size(); ++c) out += (c ? ", " : "") + json_quote(t.types[c]);
  out += "], \"rows\": [";
  const size_t shown = std::min(max_rows, t.rows.size());
  for (size_t r = 0; r < shown; ++r) out += (r ? ", " : "") + row_json(t, r);
  out += fmt::format("], \"total_rows\": {}}}", t.rows.size());
  return out;
}

}  // namespace naap::harness
