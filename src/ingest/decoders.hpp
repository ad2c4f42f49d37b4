// Per-type decoders (events-and-ingest §2): one validated envelope -> typed
// rows. Each is null-tolerant (any shape of `data` below the validated level
// gives defaults, never an error) and assigns every field of the rows it adds
// (rows are reused across events, see RowList).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/decoded_event.hpp"
#include "ingest/json_values.hpp"

namespace naap::ingest {

// What every decoder reads besides `data`.
struct EventContext {
  JsonRef data;                    // envelope `data`
  EpochMs timestamp = 0;           // envelope timestamp (ms)
  std::string_view event_id;       // text-or-empty(id)
  std::string_view gateway;        // text-or-empty(gateway)
  std::string_view raw_event_uid;  // event_uid(id, raw message)
  std::string_view raw_json;       // the whole (UTF-8 decoded) message
};

// Sets the fields every typed row carries.
inline void fill_row_base(RowBase& r, const EventContext& c, std::string_view raw_json) {
  r.event_timestamp = c.timestamp;
  r.raw_event_uid.assign(c.raw_event_uid);
  r.raw_json.assign(raw_json);
}

void decode_ai_stream_status(const EventContext& c, RowList<AiStreamStatusRow>& out);
void decode_stream_trace(const EventContext& c, RowList<StreamTraceRow>& out);
void decode_stream_ingest_metrics(const EventContext& c, RowList<StreamIngestMetricsRow>& out);
void decode_ai_stream_event(const EventContext& c, RowList<AiStreamEventRow>& out);
void decode_discovery_results(const EventContext& c, RowList<DiscoveryResultRow>& out,
                              std::string& scratch);
void decode_create_new_payment(const EventContext& c, RowList<PaymentEventRow>& out);

// network_capabilities (§2.9): the orchestrator list of the final state (an
// object `data` is a one-element list unless it is {}; array elements that
// are not non-empty objects are skipped), with each entry's compact JSON
// computed once for all four tables.
class Orchestrators {
 public:
  void build(JsonRef data);
  size_t size() const { return n_; }
  JsonRef entry(size_t i) const { return entries_[i]; }
  const std::string& raw_json(size_t i) const { return raw_json_[i]; }

 private:
  void add(JsonRef e);
  std::vector<JsonRef> entries_;
  std::vector<std::string> raw_json_;  // reused across events
  size_t n_ = 0;
};

// The four independent parsers (§2.9.1-2.9.4).
void decode_capability_snapshots(const EventContext& c, const Orchestrators& orchs,
                                 RowList<NetworkCapabilityRow>& out);
void decode_capabilities_advertised(const EventContext& c, const Orchestrators& orchs,
                                    RowList<CapabilityAdvertisedRow>& out);
void decode_capability_model_constraints(const EventContext& c, const Orchestrators& orchs,
                                         RowList<CapabilityModelConstraintRow>& out);
void decode_capability_prices(const EventContext& c, const Orchestrators& orchs,
                              RowList<CapabilityPriceRow>& out);

}  // namespace naap::ingest
