#include "runtime/retention_meter.hpp"

namespace naap::runtime {

namespace {
constexpr EpochMs kDayMs = 86'400'000;
EpochMs floor_day(EpochMs ms) {
  return ms >= 0 ? ms - ms % kDayMs : ms - (kDayMs + ms % kDayMs) % kDayMs;
}
}  // namespace

EpochMs RetentionMeter::cutoff(EpochMs now_ms, uint32_t days) {
  // Dropped iff day(ts) < now - days, i.e. ts < floor_day(now - days) + 1 day.
  return floor_day(now_ms - static_cast<EpochMs>(days) * kDayMs) + kDayMs;
}

RetentionMeter::RetentionMeter(const store::Retention& retention, EpochMs now_ms) {
  for (const auto& t : store::table_retentions()) {
    const uint32_t days =
        retention.mode == store::Retention::Mode::kDays ? retention.days : t.spec_days;
    cutoff_ms_[t.table] = cutoff(now_ms, days);
  }
}

}  // namespace naap::runtime
