// ai_stream_events -> ai_stream_events (events-and-ingest §2.6).
#include "ingest/decoders.hpp"

namespace naap::ingest {

void decode_ai_stream_event(const EventContext& c, RowList<AiStreamEventRow>& out) {
  const JsonRef d = c.data;
  AiStreamEventRow& r = out.add();
  fill_row_base(r, c, c.raw_json);
  assign_text_or_empty(r.stream_id, d["stream_id"]);
  assign_text_or_empty(r.request_id, d["request_id"]);
  assign_text_or_empty(r.pipeline, d["pipeline"]);
  assign_text_or_empty(r.event_type, d["type"]);
  assign_text_or_empty(r.message, d["message"]);
  assign_text_or_empty(r.capability, d["capability"]);
  r.gateway.assign(c.gateway);
  r.event_id.assign(c.event_id);
}

}  // namespace naap::ingest
