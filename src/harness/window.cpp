#include "harness/window.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/time.hpp"
#include "fixtures/fixture_events.hpp"

namespace naap::harness {

std::string iso_utc_ms(int64_t ms) {
  std::string s = format_utc_ms(ms);
  s[10] = 'T';
  return s + "Z";
}

std::string Window::from_text() const { return format_utc_ms(from_ms); }
std::string Window::to_text() const { return format_utc_ms(to_ms); }
std::string Window::iso_from() const { return iso_utc_ms(from_ms); }
std::string Window::iso_to() const { return iso_utc_ms(to_ms); }

bool parse_utc(std::string_view text, int64_t& ms) {
  if (text.size() == 10)
    return fixtures::parse_iso_timestamp_ms(std::string(text) + " 00:00:00", ms);
  return fixtures::parse_iso_timestamp_ms(text, ms);
}

std::optional<std::pair<int64_t, int64_t>> data_time_range(store::Connection& conn) {
  const auto r = conn.query(
      "SELECT count(), toUnixTimestamp64Milli(min(ts)), toUnixTimestamp64Milli(max(ts)) FROM ("
      " SELECT event_timestamp AS ts FROM livepeer_analytics.streaming_events"
      " UNION ALL SELECT assumeNotNull(event_timestamp) FROM "
      "livepeer_analytics.streaming_events_dlq"
      "   WHERE event_timestamp IS NOT NULL"
      " UNION ALL SELECT source_record_timestamp FROM livepeer_analytics.streaming_events_dlq"
      " UNION ALL SELECT assumeNotNull(event_timestamp) FROM "
      "livepeer_analytics.streaming_events_quarantine"
      "   WHERE event_timestamp IS NOT NULL"
      " UNION ALL SELECT source_record_timestamp FROM "
      "livepeer_analytics.streaming_events_quarantine)",
      "TSV");
  unsigned long long n = 0;
  long long lo = 0, hi = 0;
  if (std::sscanf(r.data.c_str(), "%llu\t%lld\t%lld", &n, &lo, &hi) != 3 || n == 0) {
    return std::nullopt;
  }
  return std::make_pair(static_cast<int64_t>(lo), static_cast<int64_t>(hi));
}

Window resolve_window(const WindowOptions& o, store::Connection& conn) {
  auto parse = [](const std::string& text, const char* opt) {
    int64_t ms = 0;
    if (!parse_utc(text, ms)) {
      throw std::invalid_argument(std::string(opt) + " '" + text +
                                  "' is not a UTC time (YYYY-MM-DD[ HH:MM:SS[.mmm]][Z])");
    }
    return ms;
  };
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  Window w;
  if (o.lookback_hours) {
    if (!o.from.empty())
      throw std::invalid_argument("--from and --lookback-hours exclude each other");
    if (!(*o.lookback_hours > 0) || !std::isfinite(*o.lookback_hours)) {
      throw std::invalid_argument("--lookback-hours must be a positive number of hours");
    }
    w.to_ms = o.to.empty() ? now_ms : parse(o.to, "--to");
    w.from_ms = w.to_ms - static_cast<int64_t>(std::llround(*o.lookback_hours * 3600 * 1000));
    char buf[64];
    std::snprintf(buf, sizeof buf, "--lookback-hours %g", *o.lookback_hours);
    w.source = buf;
  } else {
    std::optional<std::pair<int64_t, int64_t>> range;
    if (o.from.empty() || o.to.empty()) range = data_time_range(conn);
    if (o.from.empty() && o.to.empty()) {
      w.source = range ? "all data in the store" : "store holds no events: the last 24 h";
    } else if (o.from.empty() || o.to.empty()) {
      w.source = std::string(o.from.empty() ? "--to" : "--from") +
                 (range ? ", other bound from the data" : ", store holds no events");
    } else {
      w.source = "--from/--to";
    }
    w.to_ms = !o.to.empty() ? parse(o.to, "--to") : range ? range->second + 1 : now_ms;
    w.from_ms = !o.from.empty() ? parse(o.from, "--from")
                : range         ? range->first
                                : w.to_ms - 24LL * 3600 * 1000;
  }
  if (w.from_ms >= w.to_ms) {
    throw std::invalid_argument("empty window: " + w.from_text() + " is not before " + w.to_text());
  }
  return w;
}

}  // namespace naap::harness
