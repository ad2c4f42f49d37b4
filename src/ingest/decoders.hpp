// Per-type decoders (events-and-ingest §2): one validated envelope -> typed
// rows. Each is null-tolerant (any shape of `data` below the validated level
// gives defaults, never an error) and assigns every field of the rows it adds
// (rows are reused across events, see RowList).
#pragma once

#include <deque>
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

// Sets the fields every typed row carries. `raw_json` must outlive the row's
// use (the message, or a gate-owned per-element buffer).
inline void fill_row_base(RowBase& r, const EventContext& c, std::string_view raw_json) {
  r.event_timestamp = c.timestamp;
  r.raw_event_uid = c.raw_event_uid;
  r.raw_json = raw_json;
}

void decode_ai_stream_status(const EventContext& c, RowList<AiStreamStatusRow>& out);
void decode_stream_trace(const EventContext& c, RowList<StreamTraceRow>& out);
void decode_stream_ingest_metrics(const EventContext& c, RowList<StreamIngestMetricsRow>& out);
void decode_ai_stream_event(const EventContext& c, RowList<AiStreamEventRow>& out);
// `element_json` holds each element's compact JSON (the rows' raw_json view it).
void decode_discovery_results(const EventContext& c, RowList<DiscoveryResultRow>& out,
                              std::deque<std::string>& element_json);
void decode_create_new_payment(const EventContext& c, RowList<PaymentEventRow>& out);

// network_capabilities (§2.9): the orchestrator list of the final state (an
// object `data` is a one-element list unless it is {}; array elements that
// are not non-empty objects are skipped), with each entry's shared columns
// (compact JSON, addresses, URI) computed once for all four tables; rows view
// them (RowBase).
class Orchestrators {
 public:
  void build(const EventContext& c);
  size_t size() const { return n_; }
  JsonRef entry(size_t i) const { return entries_[i].json; }
  const std::string& raw_json(size_t i) const { return entries_[i].raw_json; }
  // Sets the shared fields of a row of entry i (views of this object).
  void fill(size_t i, CapabilityRowBase& r) const;
  // Appends the compact JSON of `data` (the value build() was given), the
  // same text append_compact_json writes, reusing the entries' texts instead
  // of serializing them again.
  void append_data_json(std::string& out, JsonRef data) const;

 private:
  struct Entry {
    JsonRef json;
    std::string raw_json, address, local_address, orch_uri;
  };
  void add(JsonRef e);
  // Reused across events; grows only inside build(), before any row views it.
  std::vector<Entry> entries_;
  size_t n_ = 0;
  EpochMs timestamp_ = 0;
  std::string_view raw_event_uid_, event_id_;
};

// The four independent parsers (§2.9.1-2.9.4), over the entries (and the
// event fields) Orchestrators::build() took.
void decode_capability_snapshots(const Orchestrators& orchs, RowList<NetworkCapabilityRow>& out);
void decode_capabilities_advertised(const Orchestrators& orchs,
                                    RowList<CapabilityAdvertisedRow>& out);
void decode_capability_model_constraints(const Orchestrators& orchs,
                                         RowList<CapabilityModelConstraintRow>& out);
void decode_capability_prices(const Orchestrators& orchs, RowList<CapabilityPriceRow>& out);

}  // namespace naap::ingest
