// stream_ingest_metrics -> stream_ingest_metrics (events-and-ingest §2.5).
#include "ingest/decoders.hpp"

namespace naap::ingest {

namespace {

void read_track(JsonRef t, StreamIngestMetricsRow::Track& out) {
  out.jitter = to_float32(lenient_float(t["jitter"]));
  out.packets_received = narrow<uint32_t>(lenient_int(t["packets_received"])).value_or(0);
  out.packets_lost = narrow<uint32_t>(lenient_int(t["packets_lost"])).value_or(0);
  out.packet_loss_pct = to_float32(lenient_float(t["packet_loss_pct"]));
  out.rtt = to_float32(lenient_float(t["rtt"]));
  out.last_input_ts = to_float32(lenient_float(t["last_input_ts"]));
  out.latency = to_float32(lenient_float(t["latency"]));
}

}  // namespace

void decode_stream_ingest_metrics(const EventContext& c, RowList<StreamIngestMetricsRow>& out) {
  const JsonRef d = c.data;
  const JsonRef stats = d["stats"];
  const JsonRef peer = stats["peer_conn_stats"];
  StreamIngestMetricsRow& r = out.add();
  fill_row_base(r, c, c.raw_json);
  assign_text_or_empty(r.stream_id, d["stream_id"]);
  assign_text_or_empty(r.request_id, d["request_id"]);
  assign_text_or_empty(r.connection_quality, stats["conn_quality"]);
  // The last track of each kind wins; absent tracks are all zeros.
  JsonRef video, audio;
  const JsonRef tracks = stats["track_stats"];
  if (tracks.is_array()) {
    for (auto e : tracks.array()) {
      const JsonRef t(e);
      const JsonRef type = t["type"];
      if (!type.is_string()) continue;
      if (type.string() == "video") video = t;
      if (type.string() == "audio") audio = t;
    }
  }
  read_track(video, r.video);
  read_track(audio, r.audio);
  r.bytes_received = narrow<uint64_t>(lenient_int(peer["BytesReceived"])).value_or(0);
  r.bytes_sent = narrow<uint64_t>(lenient_int(peer["BytesSent"])).value_or(0);
}

}  // namespace naap::ingest
