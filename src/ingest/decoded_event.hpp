// The rows decoded from one accepted event, one list per typed table, and the
// table ids the runtime routes encoded rows by.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ingest/reject_rows.hpp"
#include "ingest/typed_rows.hpp"

namespace naap::ingest {

// A list of rows whose element objects are kept across events: clear() only
// resets the count, so the strings inside keep their capacity and decoding
// allocates nothing once warmed up. A decoder must therefore assign every
// field of the row add() returns.
template <typename T>
class RowList {
 public:
  T& add() {
    if (n_ == items_.size()) items_.emplace_back();
    return items_[n_++];
  }
  void clear() { n_ = 0; }
  void truncate(size_t n) {
    if (n < n_) n_ = n;
  }
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  T& operator[](size_t i) { return items_[i]; }
  const T& operator[](size_t i) const { return items_[i]; }
  T* begin() { return items_.data(); }
  T* end() { return items_.data() + n_; }
  const T* begin() const { return items_.data(); }
  const T* end() const { return items_.data() + n_; }

 private:
  std::vector<T> items_;
  size_t n_ = 0;
};

// Every table the gate produces rows for.
enum class TableId : uint8_t {
  kStreamingEvents,
  kAiStreamStatus,
  kStreamTraceEvents,
  kStreamIngestMetrics,
  kAiStreamEvents,
  kDiscoveryResults,
  kPaymentEvents,
  kNetworkCapabilities,
  kNetworkCapabilitiesAdvertised,
  kNetworkCapabilitiesModelConstraints,
  kNetworkCapabilitiesPrices,
  kStreamingEventsDlq,
  kStreamingEventsQuarantine,
};
inline constexpr size_t kTableCount = 13;

// Calls f(std::type_identity<Row>{}) with the row type of a table, e.g. to
// read Row::kTable and Row::kColumns.
template <typename F>
decltype(auto) with_row_type(TableId t, F&& f) {
  switch (t) {
    case TableId::kStreamingEvents:
      return f(std::type_identity<RawEventRow>{});
    case TableId::kAiStreamStatus:
      return f(std::type_identity<AiStreamStatusRow>{});
    case TableId::kStreamTraceEvents:
      return f(std::type_identity<StreamTraceRow>{});
    case TableId::kStreamIngestMetrics:
      return f(std::type_identity<StreamIngestMetricsRow>{});
    case TableId::kAiStreamEvents:
      return f(std::type_identity<AiStreamEventRow>{});
    case TableId::kDiscoveryResults:
      return f(std::type_identity<DiscoveryResultRow>{});
    case TableId::kPaymentEvents:
      return f(std::type_identity<PaymentEventRow>{});
    case TableId::kNetworkCapabilities:
      return f(std::type_identity<NetworkCapabilityRow>{});
    case TableId::kNetworkCapabilitiesAdvertised:
      return f(std::type_identity<CapabilityAdvertisedRow>{});
    case TableId::kNetworkCapabilitiesModelConstraints:
      return f(std::type_identity<CapabilityModelConstraintRow>{});
    case TableId::kNetworkCapabilitiesPrices:
      return f(std::type_identity<CapabilityPriceRow>{});
    case TableId::kStreamingEventsDlq:
      return f(std::type_identity<DlqRow>{});
    case TableId::kStreamingEventsQuarantine:
      break;
  }
  return f(std::type_identity<QuarantineRow>{});
}

inline std::string_view table_name(TableId t) {
  return with_row_type(t, [](auto id) -> std::string_view { return decltype(id)::type::kTable; });
}

// The typed rows of one accepted event. Single-row types hold one row,
// discovery one per array element, network_capabilities its four fan-outs.
struct DecodedEvent {
  RowList<AiStreamStatusRow> status;
  RowList<StreamTraceRow> trace;
  RowList<StreamIngestMetricsRow> ingest_metrics;
  RowList<AiStreamEventRow> ai_events;
  RowList<DiscoveryResultRow> discovery;
  RowList<PaymentEventRow> payments;
  RowList<NetworkCapabilityRow> capabilities;
  RowList<CapabilityAdvertisedRow> capabilities_advertised;
  RowList<CapabilityModelConstraintRow> capability_model_constraints;
  RowList<CapabilityPriceRow> capability_prices;

  void clear() {
    for_each_table([](TableId, auto& rows) { rows.clear(); });
  }
  size_t row_count() const {
    size_t n = 0;
    for_each_table([&](TableId, const auto& rows) { n += rows.size(); });
    return n;
  }

  // f(TableId, RowList<Row>&) for each typed table.
  template <typename F>
  void for_each_table(F&& f) {
    visit(*this, f);
  }
  template <typename F>
  void for_each_table(F&& f) const {
    visit(*this, f);
  }

 private:
  template <typename Self, typename F>
  static void visit(Self& s, F& f) {
    f(TableId::kAiStreamStatus, s.status);
    f(TableId::kStreamTraceEvents, s.trace);
    f(TableId::kStreamIngestMetrics, s.ingest_metrics);
    f(TableId::kAiStreamEvents, s.ai_events);
    f(TableId::kDiscoveryResults, s.discovery);
    f(TableId::kPaymentEvents, s.payments);
    f(TableId::kNetworkCapabilities, s.capabilities);
    f(TableId::kNetworkCapabilitiesAdvertised, s.capabilities_advertised);
    f(TableId::kNetworkCapabilitiesModelConstraints, s.capability_model_constraints);
    f(TableId::kNetworkCapabilitiesPrices, s.capability_prices);
  }
};

}  // namespace naap::ingest
