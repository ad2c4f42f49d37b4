// ai_stream_status -> ai_stream_status (events-and-ingest §2.3).
#include "ingest/decoders.hpp"

namespace naap::ingest {

void decode_ai_stream_status(const EventContext& c, RowList<AiStreamStatusRow>& out) {
  const JsonRef d = c.data;
  const JsonRef inference = d["inference_status"];
  const JsonRef params = inference["last_params"];
  const JsonRef orch = d["orchestrator_info"];
  AiStreamStatusRow& r = out.add();
  fill_row_base(r, c, c.raw_json);
  assign_text_or_empty(r.stream_id, d["stream_id"]);
  assign_text_or_empty(r.request_id, d["request_id"]);
  r.gateway.assign(c.gateway);
  assign_address(r.orchestrator_address, orch["address"]);
  assign_text_or_empty(r.orchestrator_url, orch["url"]);
  assign_text_or_empty(r.pipeline, d["pipeline"]);
  r.output_fps = to_float32(lenient_float(inference["fps"]));
  r.input_fps = to_float32(lenient_float(d["input_status"]["fps"]));
  assign_text_or_empty(r.state, d["state"]);
  r.restart_count = narrow<uint32_t>(lenient_int(inference["restart_count"])).value_or(0);
  assign_nullable_text(r.last_error, inference["last_error"]);
  r.last_error_time = ts_ms_column(inference["last_error_time"]);
  assign_nullable_text(r.prompt_text, params["prompt"]);
  r.prompt_width = narrow<uint16_t>(lenient_int(params["width"])).value_or(0);
  r.prompt_height = narrow<uint16_t>(lenient_int(params["height"])).value_or(0);
  assign_text_or_empty(r.params_hash, inference["last_params_hash"]);
  r.start_time = ts_ms_column(d["start_time"]);
  r.event_id.assign(c.event_id);
}

}  // namespace naap::ingest
