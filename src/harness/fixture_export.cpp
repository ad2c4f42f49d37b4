#include "harness/fixture_export.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <stdexcept>

#include "core/time.hpp"
#include "harness/params.hpp"
#include "harness/result_table.hpp"

namespace naap::harness {
namespace fs = std::filesystem;

std::string sanitize_name(std::string_view s) {
  std::string out;
  bool run = false;
  for (const char c : s) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    if (ok) {
      out.push_back(c);
      run = false;
    } else if (!run) {
      out.push_back('_');
      run = true;
    }
  }
  const size_t b = out.find_first_not_of('_');
  if (b == std::string::npos) return "scenario";
  const size_t e = out.find_last_not_of('_');
  return out.substr(b, e - b + 1);
}

std::string manifest_time(int64_t ms) {
  std::string s = format_utc_ms(ms);  // YYYY-MM-DD HH:MM:SS.mmm
  s[10] = 'T';
  return s + "000+00:00";
}

namespace {

const SqlBlock& find_block(const std::vector<SqlBlock>& blocks, std::string_view name) {
  for (const auto& b : blocks) {
    if (b.name == name) return b;
  }
  throw std::runtime_error("the fixture export pack has no -- QUERY: " + std::string(name) +
                           " block");
}

std::string cell_text(const ResultTable& t, size_t row, std::string_view col) {
  const auto c = t.column(col);
  if (!c) throw std::runtime_error("scenario candidates have no column " + std::string(col));
  return t.rows[row][*c].is_null ? std::string() : t.rows[row][*c].text;
}

struct RawRow {
  std::string id, type, gateway, data;
  std::string timestamp;  // JSON number text
  int64_t ts = 0;
  bool operator<(const RawRow& o) const {
    return std::tie(ts, id, type, gateway, data) < std::tie(o.ts, o.id, o.type, o.gateway, o.data);
  }
};

void collect(const ResultTable& t, std::set<RawRow>& rows) {
  const auto id = t.column("id"), type = t.column("type"), ts = t.column("timestamp"),
             gw = t.column("gateway"), data = t.column("data");
  if (!id || !type || !ts || !gw || !data) {
    throw std::runtime_error("fixture export rows need columns id, type, timestamp, gateway, data");
  }
  for (const auto& r : t.rows) {
    RawRow row{r[*id].text, r[*type].text, r[*gw].text, r[*data].text, r[*ts].json, 0};
    row.ts = std::stoll(r[*ts].text);
    rows.insert(std::move(row));
  }
}

}  // namespace

ExportReport export_fixtures(store::Connection& conn, const Window& window, const ExportOptions& o,
                             std::ostream& log) {
  ExportReport report;
  const SqlBlock& core_block = find_block(o.export_blocks, "session_core_events");
  const SqlBlock& caps_block = find_block(o.export_blocks, "session_capability_events");

  // 1. Candidates, per scenario block in file order; a session goes to the
  // first scenario that lists it (spec §6 item 26: exporting it twice would
  // replay its events twice).
  ParamSet params;
  params.set("from_ts", window.from_text());
  params.set("to_ts", window.to_text());
  params.set("limit_per_scenario", std::to_string(o.limit_per_scenario));
  std::map<std::string, std::string> taken;  // session -> scenario
  std::vector<std::pair<std::string, std::vector<ExportedSession>>> planned;
  for (const auto& block : o.scenario_blocks) {
    const ResultTable t = run_table(conn, block.sql, params.for_sql(block.sql));
    std::vector<ExportedSession> sessions;
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    bool any = false;
    for (size_t i = 0; i < t.rows.size(); ++i) {
      ExportedSession s;
      s.scenario = block.name;
      s.workflow_session_id = cell_text(t, i, "workflow_session_id");
      s.stream_id = cell_text(t, i, "stream_id");
      s.request_id = cell_text(t, i, "request_id");
      const std::string start = cell_text(t, i, "session_start_ts");
      const std::string end = cell_text(t, i, "session_end_ts");
      if (s.workflow_session_id.empty() || start.empty() || !parse_utc(start, s.start_ms)) continue;
      if (!seen.insert({s.workflow_session_id, s.stream_id, s.request_id}).second) continue;
      any = true;
      s.has_end = !end.empty() && parse_utc(end, s.end_ms);
      if (auto [it, fresh] = taken.emplace(s.workflow_session_id, block.name); !fresh) {
        report.skipped.push_back(block.name + ": " + s.workflow_session_id +
                                 " (already exported for " + it->second + ")");
        continue;
      }
      sessions.push_back(std::move(s));
    }
    if (!any) report.missing.push_back(block.name);
    planned.emplace_back(block.name, std::move(sessions));
  }
  if (!report.missing.empty()) {
    log << "Missing scenario candidates:\n";
    for (const auto& m : report.missing) log << "  - " << m << "\n";
    if (o.require_all_scenarios) {
      report.aborted = true;
      return report;
    }
  }

  // 2. Per session: core and capability rows, one file.
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) throw std::runtime_error("cannot create '" + o.out_dir + "': " + ec.message());
  const int64_t pad = int64_t{o.session_padding_minutes} * 60000;
  for (auto& [scenario, sessions] : planned) {
    const std::string dir = sanitize_name(scenario);
    for (auto& s : sessions) {
      const int64_t end =
          s.has_end ? s.end_ms : s.start_ms + int64_t{o.open_session_duration_minutes} * 60000;
      ParamSet sp;
      sp.set("workflow_session_id", s.workflow_session_id);
      sp.set("stream_id", s.stream_id);
      sp.set("request_id", s.request_id);
      sp.set("session_start", format_utc_ms(s.start_ms));
      sp.set("extract_from", format_utc_ms(s.start_ms - pad));
      sp.set("extract_to", format_utc_ms(end + pad));
      sp.set("capability_window_minutes", std::to_string(o.capability_window_minutes));
      sp.set("capability_max_rows_per_context", std::to_string(o.capability_max_rows_per_context));
      std::set<RawRow> rows;
      collect(run_table(conn, core_block.sql, sp.for_sql(core_block.sql)), rows);
      collect(run_table(conn, caps_block.sql, sp.for_sql(caps_block.sql)), rows);

      fs::create_directories(fs::path(o.out_dir) / dir, ec);
      s.file = dir + "/" + sanitize_name(s.workflow_session_id) + ".jsonl";
      std::ofstream out(fs::path(o.out_dir) / s.file, std::ios::binary | std::ios::trunc);
      if (!out)
        throw std::runtime_error("cannot write '" + (fs::path(o.out_dir) / s.file).string() + "'");
      std::map<std::string, uint64_t> by_type;
      std::vector<std::string> type_order;
      for (const auto& r : rows) {
        out << "{\"__table\": \"streaming_events\", \"__scenario\": " << json_quote(scenario)
            << ", \"__workflow_session_id\": " << json_quote(s.workflow_session_id)
            << ", \"id\": " << json_quote(r.id) << ", \"type\": " << json_quote(r.type)
            << ", \"timestamp\": " << r.timestamp << ", \"gateway\": " << json_quote(r.gateway)
            << ", \"data\": " << json_quote(r.data) << "}\n";
        if (by_type[r.type]++ == 0) type_order.push_back(r.type);
      }
      if (!out.flush()) throw std::runtime_error("cannot write '" + s.file + "'");
      s.table_counts.emplace_back("streaming_events", rows.size());
      for (const auto& t : type_order)
        s.table_counts.emplace_back("streaming_events:" + t, by_type[t]);
      report.sessions.push_back(s);
    }
    report.scenarios.emplace_back(scenario, sessions.size());
  }

  // 3. manifest.json (§4.4.4).
  const int64_t mpad = int64_t{o.manifest_window_padding_minutes} * 60000;
  int64_t wfrom = window.from_ms, wto = window.to_ms;
  if (!report.sessions.empty()) {
    wfrom = INT64_MAX;
    wto = INT64_MIN;
    for (const auto& s : report.sessions) {
      wfrom = std::min(wfrom, s.start_ms - mpad);
      wto = std::max(wto, (s.has_end ? s.end_ms : s.start_ms) + mpad);
    }
  }
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  std::string m = "{\n";
  m += "  \"generated_at\": " + json_quote(manifest_time(now_ms)) + ",\n";
  m += "  \"window\": {\n    \"from_ts\": " + json_quote(manifest_time(wfrom)) +
       ",\n    \"to_ts\": " + json_quote(manifest_time(wto)) + "\n  },\n";
  m += "  \"source\": {\n    \"warehouse\": " + json_quote(conn.describe()) +
       ",\n    \"database\": \"livepeer_analytics\",\n    \"scenario_sql\": " +
       json_quote(o.scenario_sql_label) + "\n  },\n";
  m += "  \"scenarios\": {";
  for (size_t i = 0; i < planned.size(); ++i) {
    const auto& [scenario, sessions] = planned[i];
    m += fmt::format("{}\n    {}: {{\n      \"candidate_count\": {},\n      \"sessions\": [",
                     i ? "," : "", json_quote(scenario), sessions.size());
    for (size_t j = 0; j < sessions.size(); ++j) {
      const auto& s = sessions[j];
      m += std::string(j ? "," : "") + "\n        {\n";
      m += "          \"workflow_session_id\": " + json_quote(s.workflow_session_id) + ",\n";
      m += "          \"stream_id\": " + json_quote(s.stream_id) + ",\n";
      m += "          \"request_id\": " + json_quote(s.request_id) + ",\n";
      m += "          \"session_start_ts\": " + json_quote(manifest_time(s.start_ms)) + ",\n";
      m += "          \"session_end_ts\": " +
           (s.has_end ? json_quote(manifest_time(s.end_ms)) : std::string("null")) + ",\n";
      m += "          \"file\": " + json_quote(s.file) + ",\n";
      m += "          \"table_counts\": {";
      for (size_t k = 0; k < s.table_counts.size(); ++k) {
        m += fmt::format("{}\n            {}: {}", k ? "," : "",
                         json_quote(s.table_counts[k].first), s.table_counts[k].second);
      }
      m += "\n          }\n        }";
    }
    m += std::string(sessions.empty() ? "" : "\n      ") + "]\n    }";
  }
  m += "\n  },\n  \"metadata\": {\n";
  m += "    \"query_window\": {\n      \"from_ts\": " + json_quote(manifest_time(window.from_ms)) +
       ",\n      \"to_ts\": " + json_quote(manifest_time(window.to_ms)) + "\n    },\n";
  m += fmt::format("    \"manifest_window_padding_minutes\": {},\n",
                   o.manifest_window_padding_minutes);
  m += "    \"fixture_event_source\": \"streaming_events\",\n";
  m += "    \"exporter\": \"naap fixtures export\",\n";
  m += fmt::format(
      "    \"limit_per_scenario\": {},\n    \"session_padding_minutes\": {},\n"
      "    \"open_session_duration_minutes\": {},\n    \"capability_window_minutes\": {},\n"
      "    \"capability_max_rows_per_context\": {},\n",
      o.limit_per_scenario, o.session_padding_minutes, o.open_session_duration_minutes,
      o.capability_window_minutes, o.capability_max_rows_per_context);
  m += "    \"missing_scenarios\": [";
  for (size_t i = 0; i < report.missing.size(); ++i)
    m += (i ? ", " : "") + json_quote(report.missing[i]);
  m += "],\n    \"skipped_sessions_already_exported\": [";
  for (size_t i = 0; i < report.skipped.size(); ++i)
    m += (i ? ", " : "") + json_quote(report.skipped[i]);
  m += "]\n  }\n}\n";
  report.manifest_path = (fs::path(o.out_dir) / "manifest.json").string();
  std::ofstream mf(report.manifest_path, std::ios::binary | std::ios::trunc);
  if (!(mf << m) || !mf.flush())
    throw std::runtime_error("cannot write '" + report.manifest_path + "'");
  return report;
}

}  // namespace naap::harness
