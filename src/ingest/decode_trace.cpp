// stream_trace -> stream_trace_events (events-and-ingest §2.4).
#include "ingest/decoders.hpp"

namespace naap::ingest {

void decode_stream_trace(const EventContext& c, RowList<StreamTraceRow>& out) {
  const JsonRef d = c.data;
  const JsonRef orch = d["orchestrator_info"];
  StreamTraceRow& r = out.add();
  fill_row_base(r, c, c.raw_json);
  assign_text_or_empty(r.stream_id, d["stream_id"]);
  assign_text_or_empty(r.request_id, d["request_id"]);
  assign_address(r.orchestrator_address, orch["address"]);
  assign_text_or_empty(r.orchestrator_url, orch["url"]);
  assign_text_or_empty(r.trace_type, d["type"]);
  r.data_timestamp = ts_ms_column(d["timestamp"]).value_or(c.timestamp);
  r.gateway.assign(c.gateway);
  r.event_id.assign(c.event_id);
}

}  // namespace naap::ingest
