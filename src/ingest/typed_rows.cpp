// RowBinary encoding of the typed rows, in kColumns order.
#include "ingest/typed_rows.hpp"

namespace naap::ingest {

namespace {

template <typename T, typename F>
void opt(RowBinaryWriter& w, const std::optional<T>& v, F&& write) {
  w.nullable(v, std::forward<F>(write));
}

void capability_base(RowBinaryWriter& w, const CapabilityRowBase& r) {
  w.dt64(r.event_timestamp);
  w.str(r.raw_event_uid);
  w.str(r.source_event_id);
  w.str(r.orchestrator_address);
  w.str(r.local_address);
  w.str(r.orch_uri);
}

void track(RowBinaryWriter& w, const StreamIngestMetricsRow::Track& t) {
  w.f32(t.jitter);
  w.u32(t.packets_received);
  w.u32(t.packets_lost);
  w.f32(t.packet_loss_pct);
  w.f32(t.rtt);
  w.f32(t.last_input_ts);
  w.f32(t.latency);
}

}  // namespace

void AiStreamStatusRow::encode(RowBinaryWriter& w) const {
  w.dt64(event_timestamp);
  w.str(raw_event_uid);
  w.str(stream_id);
  w.str(request_id);
  w.str(gateway);
  w.str(orchestrator_address);
  w.str(orchestrator_url);
  w.str(pipeline);
  w.f32(output_fps);
  w.f32(input_fps);
  w.str(state);
  w.u32(restart_count);
  w.nullable_str(last_error);
  w.nullable_dt64(last_error_time);
  w.nullable_str(prompt_text);
  w.u16(prompt_width);
  w.u16(prompt_height);
  w.str(params_hash);
  // Not nullable: an absent start time is the epoch, as the reference stores it (§7.2).
  w.dt64(start_time.value_or(0));
  w.str(raw_json);
}

void StreamTraceRow::encode(RowBinaryWriter& w) const {
  w.dt64(event_timestamp);
  w.str(raw_event_uid);
  w.str(stream_id);
  w.str(request_id);
  w.str(orchestrator_address);
  w.str(orchestrator_url);
  w.str(trace_type);
  w.dt64(data_timestamp);
  w.str(raw_json);
}

void StreamIngestMetricsRow::encode(RowBinaryWriter& w) const {
  w.dt64(event_timestamp);
  w.str(raw_event_uid);
  w.str(stream_id);
  w.str(request_id);
  w.str(connection_quality);
  track(w, video);
  track(w, audio);
  w.u64(bytes_received);
  w.u64(bytes_sent);
  w.str(raw_json);
}

void AiStreamEventRow::encode(RowBinaryWriter& w) const {
  w.dt64(event_timestamp);
  w.str(raw_event_uid);
  w.str(stream_id);
  w.str(request_id);
  w.str(pipeline);
  w.str(event_type);
  w.str(message);
  w.str(capability);
  w.str(raw_json);
}

void DiscoveryResultRow::encode(RowBinaryWriter& w) const {
  w.dt64(event_timestamp);
  w.str(raw_event_uid);
  w.str(orchestrator_address);
  w.str(orchestrator_url);
  w.u32(latency_ms);
  w.str(raw_json);
}

void PaymentEventRow::encode(RowBinaryWriter& w) const {
  w.dt64(event_timestamp);
  w.str(raw_event_uid);
  w.str(request_id);
  w.str(session_id);
  w.str(manifest_id);
  w.str(sender);
  w.str(recipient);
  w.str(orchestrator);
  w.str(face_value);
  w.str(price);
  w.str(num_tickets);
  w.str(win_prob);
  w.str(client_ip);
  w.str(capability);
  w.str(raw_json);
}

void NetworkCapabilityRow::encode(RowBinaryWriter& w) const {
  capability_base(w, *this);
  w.nullable_str(gpu_id);
  w.nullable_str(gpu_name);
  opt(w, gpu_memory_total, [&](uint64_t v) { w.u64(v); });
  opt(w, gpu_memory_free, [&](uint64_t v) { w.u64(v); });
  opt(w, gpu_major, [&](uint8_t v) { w.u8(v); });
  opt(w, gpu_minor, [&](uint8_t v) { w.u8(v); });
  w.str(pipeline);
  w.str(model_id);
  opt(w, capability_id, [&](int32_t v) { w.i32(v); });
  w.nullable_str(capability_name);
  w.nullable_str(capability_group);
  w.nullable_str(capability_catalog_version);
  w.nullable_str(runner_version);
  opt(w, capacity, [&](uint8_t v) { w.u8(v); });
  opt(w, capacity_in_use, [&](uint8_t v) { w.u8(v); });
  opt(w, warm, [&](uint8_t v) { w.u8(v); });
  opt(w, price_per_unit, [&](uint32_t v) { w.u32(v); });
  opt(w, pixels_per_unit, [&](uint32_t v) { w.u32(v); });
  w.str(orchestrator_version);
  w.str(raw_json);
}

void CapabilityAdvertisedRow::encode(RowBinaryWriter& w) const {
  capability_base(w, *this);
  w.i32(capability_id);
  w.str(capability_name);
  w.str(capability_group);
  w.str(capability_catalog_version);
  opt(w, capacity, [&](int32_t v) { w.i32(v); });
  w.str(raw_json);
}

void CapabilityModelConstraintRow::encode(RowBinaryWriter& w) const {
  capability_base(w, *this);
  w.i32(capability_id);
  w.str(capability_name);
  w.str(capability_group);
  w.str(capability_catalog_version);
  w.str(model_id);
  w.nullable_str(runner_version);
  opt(w, capacity, [&](int32_t v) { w.i32(v); });
  opt(w, capacity_in_use, [&](int32_t v) { w.i32(v); });
  opt(w, warm, [&](int32_t v) { w.i32(v); });
  w.str(raw_json);
}

void CapabilityPriceRow::encode(RowBinaryWriter& w) const {
  capability_base(w, *this);
  w.i32(capability_id);
  w.str(capability_name);
  w.str(capability_group);
  w.str(capability_catalog_version);
  w.nullable_str(constraint_name);
  opt(w, price_per_unit, [&](int32_t v) { w.i32(v); });
  opt(w, pixels_per_unit, [&](int32_t v) { w.i32(v); });
  w.str(raw_json);
}

void RawEventRow::encode(RowBinaryWriter& w) const {
  w.str(id);
  w.str(type);
  w.u64(static_cast<uint64_t>(timestamp));
  w.str(gateway);
  w.str(data);
  w.str(raw_event_uid);
}

}  // namespace naap::ingest
