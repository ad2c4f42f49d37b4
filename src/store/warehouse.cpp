#include "store/warehouse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>

#include "core/hash.hpp"
#include "store/embedded_sql.hpp"

namespace naap::store {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' ||
                        s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool only_comments(std::string_view stmt) {
  size_t pos = 0;
  while (pos < stmt.size()) {
    size_t eol = stmt.find('\n', pos);
    if (eol == std::string_view::npos) eol = stmt.size();
    const std::string_view line = trim(stmt.substr(pos, eol - pos));
    if (!line.empty() && !line.starts_with("--")) return false;
    pos = eol + 1;
  }
  return true;
}

// The DDL that records applied migrations; it belongs to the runner itself.
constexpr std::string_view kMigrationsTable =
    "CREATE TABLE IF NOT EXISTS livepeer_analytics.schema_migrations ("
    "version UInt32, name String, checksum String, "
    "applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) "
    "ENGINE = ReplacingMergeTree ORDER BY version";

}  // namespace

std::vector<std::string> split_statements(std::string_view sql) {
  std::vector<std::string> out;
  size_t start = 0, pos = 0;
  while (pos <= sql.size()) {
    size_t eol = sql.find('\n', pos);
    if (eol == std::string_view::npos) eol = sql.size();
    const std::string_view line = trim(sql.substr(pos, eol - pos));
    const bool is_comment = line.starts_with("--");
    if ((!is_comment && line.ends_with(';')) || eol == sql.size()) {
      std::string_view stmt = trim(sql.substr(start, eol - start));
      if (stmt.ends_with(';')) stmt.remove_suffix(1);
      stmt = trim(stmt);
      if (!stmt.empty() && !only_comments(stmt)) out.emplace_back(stmt);
      start = eol + 1;
    }
    pos = eol + 1;
  }
  return out;
}

std::vector<Migration> migrations() {
  std::vector<Migration> out;
  for (const auto& f : embedded_sql()) {
    constexpr std::string_view kDir = "migrations/";
    if (!f.path.starts_with(kDir) || !f.path.ends_with(".sql")) continue;
    const std::string_view name = f.path.substr(kDir.size());
    uint32_t version = 0;
    const auto [p, ec] = std::from_chars(name.data(), name.data() + name.size(), version);
    if (ec != std::errc() || p == name.data()) {
      throw std::runtime_error(fmt::format("migration '{}' does not start with a version", name));
    }
    out.push_back({version, std::string(name), f.content});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].version == out[i - 1].version) {
      throw std::runtime_error(fmt::format("migrations '{}' and '{}' share version {}",
                                           out[i - 1].name, out[i].name, out[i].version));
    }
  }
  return out;
}

std::optional<Retention> Retention::parse(std::string_view text) {
  if (text == "spec") return Retention{Mode::kSpec, 0};
  if (text == "none") return Retention{Mode::kNone, 0};
  uint32_t days = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
  if (ec == std::errc() && p == text.data() + text.size() && days > 0) {
    return Retention{Mode::kDays, days};
  }
  return std::nullopt;
}

std::string Retention::describe() const {
  switch (mode) {
    case Mode::kSpec: return "spec";
    case Mode::kNone: return "none";
    case Mode::kDays: return fmt::format("{} days", days);
  }
  return "?";
}

std::vector<TableRetention> table_retentions() {
  for (const auto& f : embedded_sql()) {
    if (f.path != "retention.tsv") continue;
    std::vector<TableRetention> out;
    size_t pos = 0;
    bool header = true;
    while (pos < f.content.size()) {
      size_t eol = f.content.find('\n', pos);
      if (eol == std::string_view::npos) eol = f.content.size();
      const std::string_view line = trim(f.content.substr(pos, eol - pos));
      pos = eol + 1;
      if (line.empty() || line.starts_with("#")) continue;
      if (header) {
        header = false;
        continue;
      }
      const size_t t1 = line.find('\t');
      const size_t t2 = line.find('\t', t1 + 1);
      if (t1 == std::string_view::npos || t2 == std::string_view::npos) {
        throw std::runtime_error(fmt::format("retention.tsv: malformed line '{}'", line));
      }
      TableRetention r{std::string(line.substr(0, t1)),
                       std::string(line.substr(t1 + 1, t2 - t1 - 1)), 0};
      const std::string_view days = line.substr(t2 + 1);
      std::from_chars(days.data(), days.data() + days.size(), r.spec_days);
      out.push_back(std::move(r));
    }
    return out;
  }
  return {};
}

ApplyReport apply_schema(const SqlExecutor& exec, const Retention& retention) {
  ApplyReport report;
  exec("CREATE DATABASE IF NOT EXISTS livepeer_analytics");
  exec(kMigrationsTable);
  std::map<uint32_t, std::string> recorded;
  {
    const std::string tsv =
        exec("SELECT version, checksum FROM livepeer_analytics.schema_migrations FINAL");
    size_t pos = 0;
    while (pos < tsv.size()) {
      size_t eol = tsv.find('\n', pos);
      if (eol == std::string::npos) eol = tsv.size();
      const std::string_view line(tsv.data() + pos, eol - pos);
      pos = eol + 1;
      const size_t tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      uint32_t v = 0;
      std::from_chars(line.data(), line.data() + tab, v);
      recorded[v] = std::string(line.substr(tab + 1));
    }
  }
  for (const auto& m : migrations()) {
    const std::string checksum = sha256_hex(m.sql);
    if (auto it = recorded.find(m.version); it != recorded.end()) {
      if (it->second != checksum) {
        throw std::runtime_error(fmt::format(
            "migration {} changed after it was applied to this store (checksum {} != {}); "
            "add a new migration instead of editing an applied one",
            m.name, checksum.substr(0, 12), it->second.substr(0, 12)));
      }
      ++report.already_applied;
      continue;
    }
    for (const auto& stmt : split_statements(m.sql)) {
      try {
        exec(stmt);
      } catch (const std::exception& e) {
        throw std::runtime_error(fmt::format("migration {} failed: {}", m.name, e.what()));
      }
      ++report.statements;
    }
    exec(fmt::format(
        "INSERT INTO livepeer_analytics.schema_migrations (version, name, checksum) VALUES "
        "({}, '{}', '{}')",
        m.version, m.name, checksum));
    report.applied.push_back(m.name);
  }
  for (const auto& t : table_retentions()) {
    const std::string table = fmt::format("livepeer_analytics.{}", t.table);
    if (retention.mode == Retention::Mode::kNone) {
      // REMOVE TTL fails on a table without one, so ask first.
      const std::string has_ttl = exec(fmt::format(
          "SELECT count() FROM system.tables WHERE database = 'livepeer_analytics' AND name = "
          "'{}' AND position(engine_full, ' TTL ') > 0",
          t.table));
      if (trim(has_ttl) != "0") exec(fmt::format("ALTER TABLE {} REMOVE TTL", table));
      continue;
    }
    const uint32_t days = retention.mode == Retention::Mode::kSpec ? t.spec_days : retention.days;
    exec(fmt::format("ALTER TABLE {} MODIFY TTL {} + INTERVAL {} DAY", table, t.ttl_expression,
                     days));
  }
  return report;
}

}  // namespace naap::store
