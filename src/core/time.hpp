// Event time helpers. naap's event time is signed epoch milliseconds (UTC).
#pragma once

#include <cstdint>
#include <string>

namespace naap {

using EpochMs = int64_t;

// The range ClickHouse DateTime64(3) stores: 1900-01-01 00:00:00.000 through
// 2299-12-31 23:59:59.999 UTC. Timestamps outside it go to the DLQ
// (`timestamp_out_of_range`) instead of being silently clamped by the engine.
inline constexpr EpochMs kDateTime64MinMs = -2208988800000LL;
inline constexpr EpochMs kDateTime64MaxMs = 10413791999999LL;
inline bool representable_as_datetime64(EpochMs ms) {
  return ms >= kDateTime64MinMs && ms <= kDateTime64MaxMs;
}

// "yyyy-MM-dd HH:mm:ss.SSS" in UTC (the reference's text form of DateTime64(3)).
std::string format_utc_ms(EpochMs ms);

}  // namespace naap
