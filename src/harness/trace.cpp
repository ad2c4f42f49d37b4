#include "harness/trace.hpp"

#include <fmt/format.h>

#include <cctype>
#include <ostream>

namespace naap::harness {

bool TraceReport::any_error() const {
  for (const auto& s : sections) {
    if (!s.error.empty()) return true;
  }
  return false;
}

std::string section_title(std::string_view name) {
  size_t i = 0;
  while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
  if (i > 0 && i < name.size() && name[i] == '_')
    ++i;
  else
    i = 0;
  std::string t(name.substr(i));
  for (char& c : t) {
    if (c == '_') c = ' ';
  }
  if (!t.empty()) t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
  return t;
}

TraceReport run_trace(store::Connection& conn, const std::vector<SqlBlock>& blocks,
                      const std::string& pack_label, const std::string& session_id,
                      const ParamSet& extra) {
  TraceReport report;
  report.session_id = session_id;
  report.warehouse = conn.describe();
  report.pack = pack_label;
  ParamSet params = extra;
  params.set("workflow_session_id", session_id);
  for (size_t i = 0; i < blocks.size(); ++i) {
    const SqlBlock& b = blocks[i];
    TraceSection s{b.name, section_title(b.name), {}, {}};
    try {
      s.table = run_table(conn, b.sql, params.for_sql(b.sql));
    } catch (const store::ConnectionError&) {
      throw;
    } catch (const std::exception& e) {
      s.error = e.what();
      for (char& c : s.error) {
        if (c == '\n') c = ' ';
      }
    }
    if (i == 0) {
      report.found = s.error.empty() && !s.table.rows.empty();
      if (!report.found && s.error.empty()) return report;
    }
    report.sections.push_back(std::move(s));
  }
  return report;
}

void print_trace(std::ostream& out, const TraceReport& r, size_t max_rows) {
  out << "Session trace: " << r.session_id << "\n";
  out << "Warehouse: " << r.warehouse << "\n";
  out << "SQL: " << r.pack << "\n";
  RenderOptions o;
  o.max_rows = max_rows;
  o.max_cell_width = 66;
  o.indent = "  ";
  size_t n = 0;
  for (const auto& s : r.sections) {
    ++n;
    const std::string rows = s.error.empty() ? fmt::format("{} row{}", s.table.rows.size(),
                                                           s.table.rows.size() == 1 ? "" : "s")
                                             : "query failed";
    out << fmt::format("\n== {}. {} ({}) ==\n", n, s.title, rows);
    if (!s.error.empty()) {
      out << "  error: " << s.error << "\n";
    } else if (s.table.rows.size() == 1 && s.table.columns.size() > 6) {
      out << render_record(s.table, 0, o);
    } else {
      out << render_table(s.table, o);
    }
  }
  out.flush();
}

std::string trace_json(const TraceReport& r) {
  std::string out = "{\n  \"workflow_session_id\": " + json_quote(r.session_id) + ",\n";
  out += "  \"warehouse\": " + json_quote(r.warehouse) + ",\n";
  out += "  \"sql\": " + json_quote(r.pack) + ",\n";
  out += std::string("  \"found\": ") + (r.found ? "true" : "false") + ",\n";
  out += "  \"sections\": [";
  for (size_t i = 0; i < r.sections.size(); ++i) {
    const auto& s = r.sections[i];
    out += fmt::format("{}\n    {{\"name\": {}, \"title\": {}, \"error\": {}, \"result\": {}}}",
                       i ? "," : "", json_quote(s.name), json_quote(s.title),
                       s.error.empty() ? "null" : json_quote(s.error),
                       s.error.empty() ? table_json(s.table) : "null");
  }
  out += "\n  ]\n}\n";
  return out;
}

}  // namespace naap::harness
