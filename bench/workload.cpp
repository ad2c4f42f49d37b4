#include "workload.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <vector>

namespace naap::bench {
namespace {

// splitmix64: tiny, fast, identical everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ULL + 0x6A09E667F3BCC909ULL) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  uint64_t below(uint64_t n) { return n ? next() % n : 0; }
  int64_t between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(below(hi - lo + 1)); }
  bool chance(double p) { return uniform() < p; }
  template <typename T, size_t N>
  const T& pick(const std::array<T, N>& a) {
    return a[below(N)];
  }

 private:
  uint64_t s_;
};

constexpr char kHex[] = "0123456789abcdef";

std::string hex(Rng& r, size_t n) {
  std::string s(n, '0');
  for (auto& c : s) c = kHex[r.below(16)];
  return s;
}

std::string uuid(Rng& r) {
  return hex(r, 8) + "-" + hex(r, 4) + "-4" + hex(r, 3) + "-" + kHex[8 + r.below(4)] + hex(r, 3) +
         "-" + hex(r, 12);
}

// Mixed-case checksum-style address as the network sends them.
std::string address(Rng& r) {
  std::string s = "0x" + hex(r, 40);
  for (size_t i = 2; i < s.size(); ++i) {
    if (s[i] >= 'a' && r.chance(0.5)) s[i] = static_cast<char>(s[i] - 'a' + 'A');
  }
  return s;
}

std::string fixed(double v, int digits) { return fmt::format("{:.{}f}", v, digits); }

const std::array<std::string_view, 5> kGateways = {
    "cloud-spe-ai-live-video-tester-fra", "cloud-spe-ai-live-video-tester-nyc",
    "cloud-spe-ai-live-video-tester-sin", "daydream-gateway-prod-1", ""};
const std::array<std::string_view, 5> kPipelines = {
    "streamdiffusion-sdxl", "streamdiffusion-sdxl-v2v", "streamdiffusion-sdxl-faceid",
    "streamdiffusion", "comfystream"};
const std::array<std::string_view, 4> kGpuNames = {
    "NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 3090", "NVIDIA RTX A6000", "NVIDIA L40S"};
const std::array<std::string_view, 6> kHosts = {"lvpr.io", "nullworks.xyz", "ai-bitbender.xyz",
                                                 "pon-eth.com", "xodeapp.xyz", "livebit.ca"};

// One orchestrator of the network, as its capability entries describe it.
struct Orchestrator {
  std::string address, local_address, uri;
  std::string version;
  bool ai = false;
  struct Hw {
    std::string model;
    std::vector<std::string> gpu_ids;
    std::string_view gpu_name;
    uint64_t memory_total = 25757220864ULL;
  };
  std::vector<Hw> hardware;
  std::vector<int> capacities;
  uint64_t bitstring = 0;
  uint32_t price = 0;
};

Orchestrator make_orchestrator(Rng& r, size_t i) {
  Orchestrator o;
  o.address = address(r);
  o.local_address = r.chance(0.7) ? o.address : address(r);
  o.uri = fmt::format("https://{}{}.{}:{}", r.chance(0.5) ? "ai" : "orch", i, kHosts[r.below(6)],
                      r.between(8900, 29000));
  o.ai = r.chance(0.72);
  o.version = o.ai ? "0.8.9-48c5d860" : "0.8.8";
  const int ncap = o.ai ? 28 : 37;
  for (int c = 0; c < ncap; ++c) o.capacities.push_back(o.ai && c >= 19 ? c + 7 : c);
  o.bitstring = o.ai ? 128782426111ULL : 94487339007ULL;
  if (o.ai) {
    // 1 hardware entry mostly, a few multi-GPU farms (fixtures: 1-7).
    const double u = r.uniform();
    const int entries = u < 0.70 ? 1 : u < 0.85 ? 2 : u < 0.95 ? 4 : 7;
    const std::string_view model = kPipelines[r.below(3)];
    for (int h = 0; h < entries; ++h) {
      Orchestrator::Hw hw;
      hw.model = std::string(model);
      hw.gpu_ids.push_back("GPU-" + hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" +
                           hex(r, 4) + "-" + hex(r, 12));
      hw.gpu_name = kGpuNames[r.below(kGpuNames.size())];
      o.hardware.push_back(std::move(hw));
    }
    o.price = static_cast<uint32_t>(r.between(900, 3000));
  }
  return o;
}

void append_orchestrator(std::string& s, Rng& r, const Orchestrator& o) {
  s += "{\"address\":\"";
  s += o.address;
  s += "\",\"capabilities\":{\"bitstring\":[";
  s += std::to_string(o.bitstring);
  s += "],\"capacities\":{";
  for (size_t i = 0; i < o.capacities.size(); ++i) {
    if (i) s += ',';
    fmt::format_to(std::back_inserter(s), "\"{}\":1", o.capacities[i]);
  }
  s += "},\"version\":\"";
  s += o.version;
  s += "\",\"constraints\":{";
  if (o.ai) {
    fmt::format_to(std::back_inserter(s),
                   "\"PerCapability\":{{\"35\":{{\"models\":{{\"{}\":{{\"warm\":true,"
                   "\"runnerVersion\":\"0.14.1-50a742ce\",\"capacity\":{},\"capacityInUse\":{}}}}}}}}}",
                   o.hardware[0].model, o.hardware.size(), r.below(o.hardware.size() + 1));
  } else {
    s += "\"minVersion\":\"0.8.8\"";
  }
  s += "}},\"local_address\":\"";
  s += o.local_address;
  s += "\",\"orch_uri\":\"";
  s += o.uri;
  s += "\",\"capabilities_prices\":";
  if (o.ai) {
    fmt::format_to(std::back_inserter(s),
                   "[{{\"capability\":35,\"pixelsPerUnit\":1,\"constraint\":\"{}\",\"pricePerUnit\":{}}}]",
                   o.hardware[0].model, o.price);
  } else {
    s += "null";
  }
  s += ",\"hardware\":";
  if (o.ai) {
    s += '[';
    for (size_t h = 0; h < o.hardware.size(); ++h) {
      const auto& hw = o.hardware[h];
      if (h) s += ',';
      fmt::format_to(std::back_inserter(s),
                     "{{\"pipeline\":\"live-video-to-video\",\"gpu_info\":{{\"0\":{{\"memory_free\":{},"
                     "\"major\":8,\"minor\":9,\"name\":\"{}\",\"id\":\"{}\",\"memory_total\":{}}}}},"
                     "\"model_id\":\"{}\"}}",
                     hw.memory_total - 100'000'000ULL * r.below(60), hw.gpu_name, hw.gpu_ids[0],
                     hw.memory_total, hw.model);
    }
    s += ']';
  } else {
    s += "null";
  }
  s += '}';
}

// A session's script: what it will still send.
enum class Step : uint8_t {
  kDiscovery,
  kTrace,  // trace_type in `trace`
  kStatus,
  kAiError,
  kParamsUpdate,
  kIngestMetrics,
  kPayment,
};

struct Session {
  std::string stream_id, request_id, pipeline;
  std::string_view gateway;
  const Orchestrator* orch = nullptr;  // current orchestrator (nullptr: none yet)
  const Orchestrator* next_orch = nullptr;
  int64_t start_ms = 0;
  uint32_t restart_count = 0;
  struct Item {
    Step step;
    std::string_view text;  // trace type / error message
  };
  std::deque<Item> script;
  uint32_t statuses = 0;
};

class Generator {
 public:
  Generator(const WorkloadConfig& c, const std::function<void(std::string_view)>& emit)
      : c_(c), emit_(emit), r_(c.seed) {
    for (size_t i = 0; i < std::max<uint32_t>(c.orchestrators + c.orchestrators / 10, 1); ++i) {
      orchs_.push_back(make_orchestrator(r_, i));
      if (orchs_.back().ai) ai_orchs_.push_back(&orchs_.back());
    }
    if (ai_orchs_.empty()) ai_orchs_.push_back(&orchs_.front());
    gap_ms_ = 86'400'000.0 / c.events_per_day;
    const double session_share = 1.0 - c.capability_share - c.garbage_share - c.duplicate_share;
    const uint64_t sessions = c.sessions ? c.sessions : std::max<uint64_t>(1, c.events / 7.2);
    // The scripted mix below averages ~7 lines per session at scale 1; the
    // success scenario's length absorbs the difference to the target.
    target_len_ = std::max(1.5, static_cast<double>(c.events) * session_share / sessions);
  }

  WorkloadStats run() {
    now_ = static_cast<double>(c_.start_ms);
    stats_.first_ms = c_.start_ms;
    while (stats_.lines < c_.events) {
      now_ += gap_ms_ * (0.2 + 1.6 * r_.uniform());
      const double u = r_.uniform();
      if (u < c_.capability_share) {
        capability_broadcast();
      } else if (u < c_.capability_share + c_.garbage_share) {
        garbage();
      } else if (u < c_.capability_share + c_.garbage_share + c_.duplicate_share && !recent_.empty()) {
        const std::string& line = recent_[r_.below(recent_.size())];
        ++stats_.duplicates;
        out(line, false);
      } else {
        session_event();
      }
    }
    stats_.last_ms = static_cast<int64_t>(now_);
    return stats_;
  }

 private:
  int64_t ts() const { return static_cast<int64_t>(now_); }

  void out(const std::string& line, bool keep) {
    emit_(line);
    ++stats_.lines;
    stats_.bytes += line.size() + 1;
    if (keep) {
      if (recent_.size() < 256) {
        recent_.push_back(line);
      } else {
        recent_[r_.below(recent_.size())] = line;
      }
    }
  }

  std::string envelope_head(std::string_view type, std::string_view gateway) {
    return fmt::format("{{\"id\":\"{}\",\"type\":\"{}\",\"timestamp\":\"{}\",\"gateway\":\"{}\",\"data\":",
                       uuid(r_), type, ts(), gateway);
  }

  void capability_broadcast() {
    std::string s = envelope_head("network_capabilities", "");
    s += '[';
    const uint32_t n = std::min<uint32_t>(
        static_cast<uint32_t>(orchs_.size()),
        static_cast<uint32_t>(std::max<int64_t>(1, c_.orchestrators - 5 + r_.below(11))));
    const size_t offset = r_.below(orchs_.size());
    for (uint32_t i = 0; i < n; ++i) {
      if (i) s += ',';
      append_orchestrator(s, r_, orchs_[(offset + i) % orchs_.size()]);
    }
    s += "]}";
    ++stats_.capability_broadcasts;
    stats_.capability_bytes += s.size() + 1;
    ++stats_.by_type[4];
    out(s, false);
  }

  void garbage() {
    ++stats_.garbage;
    const uint64_t kind = r_.below(6);
    std::string s;
    switch (kind) {
      case 0:  // truncated line (malformed JSON)
        s = envelope_head("stream_trace", kGateways[0]) + "{\"request_id\":\"" + hex(r_, 8);
        break;
      case 1:  // unsupported event type
        s = envelope_head("ai_batch_request", "") + "{\"request_id\":\"" + hex(r_, 8) + "\"}}";
        break;
      case 2:  // stream_trace without its required fields
        s = envelope_head("stream_trace", kGateways[1]) + "{\"orchestrator_info\":{}}}";
        break;
      case 3:  // timestamp not numeric
        s = fmt::format("{{\"id\":\"{}\",\"type\":\"ai_stream_events\",\"timestamp\":\"n/a\","
                        "\"gateway\":\"\",\"data\":{{\"type\":\"error\"}}}}",
                        uuid(r_));
        break;
      case 4:  // not an object
        s = "[\"" + hex(r_, 16) + "\"]";
        break;
      default:  // unsupported version
        s = fmt::format("{{\"id\":\"{}\",\"type\":\"ai_stream_events\",\"version\":\"3\","
                        "\"timestamp\":\"{}\",\"gateway\":\"\",\"data\":{{\"type\":\"error\","
                        "\"stream_id\":\"s\",\"request_id\":\"r\",\"message\":\"x\"}}}}",
                        uuid(r_), ts());
        break;
    }
    out(s, false);
  }

  // Picks or starts a session and emits its next scripted event.
  void session_event() {
    while (active_.size() < std::max<uint32_t>(c_.concurrency, 1)) active_.push_back(new_session());
    const size_t i = r_.below(active_.size());
    Session& s = active_[i];
    emit_step(s);
    if (s.script.empty()) {
      active_[i] = std::move(active_.back());
      active_.pop_back();
    }
  }

  Session new_session() {
    ++stats_.sessions;
    Session s;
    s.gateway = kGateways[r_.below(4)];
    s.pipeline = std::string(kPipelines[r_.below(kPipelines.size())]);
    s.request_id = hex(r_, 8);
    s.stream_id = r_.chance(0.5) ? fmt::format("aiJobTesterStream-{}{}", ts(), r_.between(100000, 999999))
                                 : "stream-" + hex(r_, 6) + "-" + hex(r_, 8);
    s.start_ms = ts();
    auto add = [&](Step st, std::string_view text = {}) { s.script.push_back({st, text}); };
    const double u = r_.uniform();
    if (u < 0.55) {
      // No orchestrator, then closed (startup excused).
      if (r_.chance(0.5)) add(Step::kDiscovery);
      add(Step::kTrace, "gateway_receive_stream_request");
      add(Step::kTrace, "gateway_no_orchestrators_available");
      add(Step::kAiError, "no orchestrators available");
      add(Step::kTrace, "gateway_ingest_stream_closed");
      if (r_.chance(0.3)) add(Step::kAiError, "mediamtx ingest disconnected");
    } else if (u < 0.76) {
      // Success, sometimes with swaps, param updates, errors.
      s.next_orch = ai_orchs_[r_.below(ai_orchs_.size())];
      add(Step::kDiscovery);
      add(Step::kTrace, "gateway_receive_stream_request");
      add(Step::kTrace, "gateway_send_first_ingest_segment");
      add(Step::kTrace, "runner_receive_first_ingest_segment");
      add(Step::kTrace, "runner_send_first_processed_segment");
      add(Step::kTrace, "gateway_receive_first_processed_segment");
      add(Step::kTrace, "gateway_receive_few_processed_segments");
      // Mean lines per session = 0.55 * 4.8 (no orchestrator) + 0.21 * 1.5
      // (AI events only) + 0.03 * 4 (startup failure) + 0.21 * (8.75 +
      // extra) (success); `extra` (statuses, payments, metrics, errors)
      // scales so that the mean meets the target.
      const double base = 0.55 * 4.8 + 0.21 * 1.5 + 0.03 * 4 + 0.21 * 8.75;
      const double need = (target_len_ - base) / 0.21;
      const int extra = static_cast<int>(std::max(2.0, need * (0.5 + r_.uniform())));
      const bool swap = r_.chance(0.05);
      const bool params = r_.chance(0.10);
      for (int k = 0; k < extra; ++k) {
        const double v = r_.uniform();
        if (v < 0.45) {
          add(Step::kStatus);
        } else if (v < 0.80) {
          add(Step::kPayment);
        } else if (v < 0.90) {
          add(Step::kIngestMetrics);
        } else {
          add(Step::kAiError, r_.chance(0.5) ? "trickle subscribe error reading: Channel exists but sequence is old"
                                             : "whip disconnected");
        }
        if (params && k == extra / 3) add(Step::kParamsUpdate);
        if (swap && k == extra / 2) {
          add(Step::kTrace, "orchestrator_swap");
          add(Step::kTrace, "gateway_send_first_ingest_segment");
          add(Step::kTrace, "gateway_receive_first_processed_segment");
        }
      }
      add(Step::kTrace, "gateway_ingest_stream_closed");
      if (r_.chance(0.5)) add(Step::kAiError, "mediamtx ingest disconnected");
    } else if (u < 0.97) {
      // Unknown stream: AI events only.
      add(Step::kAiError, "whip disconnected");
      if (r_.chance(0.5)) add(Step::kAiError, "ice connection state failed");
    } else {
      // Startup failure: request, unexcused error, closed.
      add(Step::kTrace, "gateway_receive_stream_request");
      add(Step::kAiError, "error starting stream: runner exited with code 1");
      add(Step::kTrace, "gateway_ingest_stream_closed");
      add(Step::kAiError, "user disconnected");
    }
    return s;
  }

  void emit_step(Session& s) {
    const Session::Item item = s.script.front();
    s.script.pop_front();
    std::string line;
    switch (item.step) {
      case Step::kDiscovery: {
        ++stats_.by_type[5];
        line = envelope_head("discovery_results", s.gateway) + "[";
        const int n = static_cast<int>(r_.between(2, 5));
        for (int k = 0; k < n; ++k) {
          const Orchestrator* o = ai_orchs_[r_.below(ai_orchs_.size())];
          if (k) line += ',';
          fmt::format_to(std::back_inserter(line), "{{\"address\":\"{}\",\"latency_ms\":\"{}\",\"url\":\"{}\"}}",
                         o->address, r_.between(20, 400), o->uri);
        }
        line += "]}";
        break;
      }
      case Step::kTrace: {
        ++stats_.by_type[1];
        if (item.text == "gateway_send_first_ingest_segment" && s.next_orch) {
          s.orch = s.next_orch;
          s.next_orch = nullptr;
        }
        const bool closed_or_request = item.text == "gateway_receive_stream_request" ||
                                       item.text == "gateway_no_orchestrators_available" ||
                                       item.text == "gateway_ingest_stream_closed";
        const Orchestrator* o = closed_or_request ? nullptr : s.orch;
        line = envelope_head("stream_trace", s.gateway);
        if (item.text == "orchestrator_swap") {
          fmt::format_to(std::back_inserter(line),
                         "{{\"message\":\"orchestrator is slow\",\"orchestrator_info\":{{\"address\":\"{}\",\"url\":\"{}\"}},"
                         "\"pipeline\":\"{}\",\"pipeline_id\":\"\",\"request_id\":\"{}\",\"stream_id\":\"{}\","
                         "\"type\":\"orchestrator_swap\"}}}}",
                         o ? o->address : "", o ? o->uri : "", s.pipeline, s.request_id, s.stream_id);
          s.next_orch = ai_orchs_[r_.below(ai_orchs_.size())];
        } else {
          fmt::format_to(std::back_inserter(line),
                         "{{\"orchestrator_info\":{{\"address\":\"{}\",\"url\":\"{}\"}},\"pipeline_id\":\"\","
                         "\"request_id\":\"{}\",\"stream_id\":\"{}\",\"timestamp\":{},\"type\":\"{}\"}}}}",
                         o ? o->address : "", o ? o->uri : "", s.request_id, s.stream_id,
                         ts() - r_.below(20), item.text);
        }
        break;
      }
      case Step::kStatus: {
        ++stats_.by_type[0];
        const Orchestrator* o = s.orch;
        const bool degraded = r_.chance(0.35);
        const double fps = degraded ? r_.uniform() * 8 : 12 + r_.uniform() * 14;
        if (r_.chance(0.02)) ++s.restart_count;
        line = envelope_head("ai_stream_status", s.gateway);
        fmt::format_to(
            std::back_inserter(line),
            "{{\"inference_status\":{{\"fps\":{},\"last_error\":null,\"last_error_time\":null,"
            "\"last_output_time\":{},\"last_params\":{{}},\"last_params_hash\":\"{}\","
            "\"last_params_update_time\":{},\"last_restart_logs\":null,\"last_restart_time\":null,"
            "\"restart_count\":{}}},\"input_status\":{{\"fps\":{},\"last_input_time\":{}}},"
            "\"last_state_update_time\":{},\"last_status_timestamp\":{},\"orchestrator_info\":{{\"address\":\"{}\","
            "\"url\":\"{}\"}},\"pipeline\":\"{}\",\"pipeline_id\":\"\",\"request_id\":\"{}\",\"start_time\":{},"
            "\"state\":\"{}\",\"stream_id\":\"{}\",\"timestamp\":{},\"type\":\"status\"}}}}",
            fixed(fps, 2), ts() - 20, hex(r_, 32), s.start_ms + 100, s.restart_count,
            fixed(fps + r_.uniform(), 2), ts() - 15, ts() - 3000, ts() - 10000,
            o ? o->address : "", o ? o->uri : "", s.pipeline, s.request_id, s.start_ms + 100,
            degraded ? "DEGRADED_INPUT" : "ONLINE", s.stream_id, ts() - 11);
        break;
      }
      case Step::kAiError:
      case Step::kParamsUpdate: {
        ++stats_.by_type[3];
        const bool params = item.step == Step::kParamsUpdate;
        line = envelope_head("ai_stream_events", s.gateway);
        fmt::format_to(std::back_inserter(line),
                       "{{\"capability\":\"\",\"message\":\"{}\",\"pipeline\":\"{}\",\"pipeline_id\":\"\","
                       "\"request_id\":\"{}\",\"stream_id\":\"{}\",\"type\":\"{}\"}}}}",
                       params ? "{\\\"prompt\\\":\\\"a watercolor city at night\\\",\\\"width\\\":512,\\\"height\\\":512}"
                              : item.text,
                       s.pipeline, s.request_id, s.stream_id, params ? "params_update" : "error");
        break;
      }
      case Step::kIngestMetrics: {
        ++stats_.by_type[2];
        line = envelope_head("stream_ingest_metrics", s.gateway);
        fmt::format_to(
            std::back_inserter(line),
            "{{\"pipeline_id\":\"\",\"request_id\":\"{}\",\"stream_id\":\"{}\",\"timestamp\":{},"
            "\"stats\":{{\"conn_quality\":\"{}\",\"peer_conn_stats\":{{\"ID\":\"iceTransport\","
            "\"BytesReceived\":{},\"BytesSent\":{}}},\"track_stats\":[{{\"type\":\"video\",\"jitter\":{},"
            "\"packets_lost\":{},\"packets_received\":{},\"packet_loss_pct\":0,\"rtt\":0,\"last_input_ts\":{},"
            "\"last_output_ts\":0,\"latency\":0}},{{\"type\":\"audio\",\"jitter\":{},\"packets_lost\":0,"
            "\"packets_received\":{},\"packet_loss_pct\":0,\"rtt\":0,\"last_input_ts\":{},\"last_output_ts\":0,"
            "\"latency\":0}}]}}}}}}",
            s.request_id, s.stream_id, ts(), r_.chance(0.9) ? "good" : "poor", r_.between(1000000, 90000000),
            r_.between(10000, 400000), fixed(r_.uniform() * 20, 3), r_.below(20), r_.between(1000, 90000),
            fixed((ts() - s.start_ms) / 1000.0, 3), fixed(r_.uniform() * 30, 3), r_.between(1000, 30000),
            fixed((ts() - s.start_ms) / 1000.0, 3));
        break;
      }
      case Step::kPayment: {
        ++stats_.by_type[6];
        const Orchestrator* o = s.orch ? s.orch : ai_orchs_[0];
        line = envelope_head("create_new_payment", s.gateway);
        fmt::format_to(std::back_inserter(line),
                       "{{\"capability\":\"\",\"clientIP\":\"\",\"faceValue\":\"{} WEI\",\"manifestID\":\"{}_{}\","
                       "\"numTickets\":\"{}\",\"orchestrator\":\"{}\",\"price\":\"{} wei/pixel\",\"recipient\":\"{}\","
                       "\"requestID\":\"{}\",\"sender\":\"0x5aE4E42dB3671370a0c25AfF451E7482aAEc3D0B\","
                       "\"sessionID\":\"{}\",\"winProb\":\"0.0009930487\"}}}}",
                       r_.between(1000000000000000LL, 3000000000000000LL), r_.between(1, 99), s.pipeline,
                       r_.between(1, 4), o->uri, fixed(1000 + r_.uniform() * 1000, 3), o->address,
                       s.request_id, hex(r_, 8));
        break;
      }
    }
    out(line, true);
  }

  const WorkloadConfig& c_;
  const std::function<void(std::string_view)>& emit_;
  Rng r_;
  std::deque<Orchestrator> orchs_;  // stable addresses
  std::vector<const Orchestrator*> ai_orchs_;
  std::vector<Session> active_;
  std::vector<std::string> recent_;
  double now_ = 0, gap_ms_ = 1, target_len_ = 7;
  WorkloadStats stats_;
};

}  // namespace

WorkloadStats generate(const WorkloadConfig& config,
                       const std::function<void(std::string_view line)>& emit) {
  Generator g(config, emit);
  return g.run();
}

std::string generate_jsonl(const WorkloadConfig& config, WorkloadStats* stats) {
  std::string out;
  const WorkloadStats s = generate(config, [&](std::string_view line) {
    out.append(line);
    out.push_back('\n');
  });
  if (stats) *stats = s;
  return out;
}

}  // namespace naap::bench
