// The harness's time window [from, to), UTC (warehouse spec §2.2), bound as
// {from_ts:DateTime64(3)} / {to_ts:DateTime64(3)}.
//
// Resolution:
//  * --lookback-hours N: to = --to or now, from = to - N h;
//  * otherwise from = --from, to = --to, and a bound not given is taken from
//    the data: from = the earliest, to = the latest timestamp + 1 ms of the raw
//    archive and both error lanes (event time; for rejected rows also the
//    record time) — so with no option the window covers everything stored;
//  * an empty store with a missing bound: the last 24 h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/connection.hpp"

namespace naap::harness {

struct WindowOptions {
  std::string from, to;                  // UTC text; "" = not given
  std::optional<double> lookback_hours;  // given
};

struct Window {
  int64_t from_ms = 0, to_ms = 0;
  std::string source;             // how it was chosen, e.g. "all data in the store"
  std::string from_text() const;  // "YYYY-MM-DD HH:MM:SS.mmm"
  std::string to_text() const;
  std::string iso_from() const;  // "YYYY-MM-DDTHH:MM:SS.mmmZ"
  std::string iso_to() const;
};

// Parses "YYYY-MM-DD[ T]HH:MM:SS[.fff][Z|+00:00]" or "YYYY-MM-DD" as UTC.
bool parse_utc(std::string_view text, int64_t& ms);

// Throws std::invalid_argument for bad options (unparseable time, from >= to,
// --from with --lookback-hours, a non-positive lookback).
Window resolve_window(const WindowOptions& o, store::Connection& conn);

// The earliest and latest stored timestamp (see above); nullopt when empty.
std::optional<std::pair<int64_t, int64_t>> data_time_range(store::Connection& conn);

std::string iso_utc_ms(int64_t ms);

}  // namespace naap::harness
