// An independent C++ model of the rollups and serving views (warehouse spec
// §1.6, §1.7 and the project's decisions, docs/warehouse.md): it reads the fact
// and dimension rows with plain SELECTs (no GROUP BY, no aggregate, no join),
// takes each session's latest version in C++ and aggregates in C++. The
// warehouse_*_test.cpp files compare it with what the engine serves.
//
// Keys are compared with NULL and '' as one value (the views compare Nullable
// keys with ifNull(x, '')); a key a view emits twice is reported.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "warehouse_util.hpp"

namespace naap::testing::warehouse {

using Key = std::vector<std::string>;
using Metrics = std::map<std::string, double>;
using Table = std::map<Key, Metrics>;

constexpr int64_t kHour = 3'600'000, kMinute = 60'000;
inline int64_t floor_to(int64_t ms, int64_t unit) {
  return (ms >= 0 ? ms / unit : (ms - unit + 1) / unit) * unit;
}
inline int64_t i64(const Cell& c) { return std::stoll(c.v); }
inline std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}
constexpr int64_t kSentinelMs = 946'684'800'000;  // 2000-01-01 00:00:00 UTC

struct SessionRow {
  std::string sid, request_id, gateway, orch, pipeline;
  Cell model, gpu, region, end;
  uint64_t version = 0;
  int64_t ingestion = 0, start = 0;
  uint64_t known = 0, success = 0, excused = 0, unexcused = 0, csw = 0, isw = 0, errors = 0,
           last_error = 0, loading_only = 0, zero_fps = 0, status_errors = 0, health = 0,
           health_expected = 0;
  bool swapped() const { return csw > 0 || isw > 0; }
};

struct LatencyRow {
  std::string sid, orch, pipeline;
  Cell model, gpu, region;
  uint64_t version = 0;
  int64_t ingestion = 0, sample = 0;
  Cell kpi[3];  // prompt_to_first_frame, startup_time, e2e_latency
  bool has[3] = {false, false, false};
};

struct StatusRow {
  std::string sid, stream_id, gateway, orch, pipeline, state;
  Cell model, gpu, region;
  int64_t ts = 0;
  double fps = 0;
  bool attributed = false;
};

// The facts, read as they are stored.
struct Facts {
  std::vector<SessionRow> sessions;  // every stored version
  std::vector<LatencyRow> latency;   // every stored version
  std::vector<StatusRow> status;
  std::map<std::string, SessionRow> latest;  // by workflow_session_id
  std::map<std::string, LatencyRow> latest_latency;

  explicit Facts(store::Chdb& db) {
    for (const auto& r :
         rows(db,
              "SELECT workflow_session_id, request_id, gateway, orchestrator_address, pipeline, "
              "model_id, gpu_id, region, toUnixTimestamp64Milli(session_end_ts), version, "
              "toUnixTimestamp64Milli(ingestion_timestamp), "
              "toUnixTimestamp64Milli(session_start_ts), "
              "known_stream, startup_success, startup_excused, startup_unexcused, "
              "confirmed_swap_count, inferred_orchestrator_change_count, error_count, "
              "last_error_occurred, loading_only_session, zero_output_fps_session, "
              "status_error_sample_count, health_signal_count, health_expected_signal_count "
              "FROM livepeer_analytics.fact_workflow_sessions")) {
      SessionRow s;
      s.sid = r[0].v, s.request_id = r[1].v, s.gateway = r[2].v, s.orch = r[3].v;
      s.pipeline = r[4].v, s.model = r[5], s.gpu = r[6], s.region = r[7], s.end = r[8];
      s.version = r[9].u64(), s.ingestion = i64(r[10]), s.start = i64(r[11]);
      uint64_t* f[] = {
          &s.known,         &s.success, &s.excused,        &s.unexcused,    &s.csw,
          &s.isw,           &s.errors,  &s.last_error,     &s.loading_only, &s.zero_fps,
          &s.status_errors, &s.health,  &s.health_expected};
      for (size_t i = 0; i < 13; ++i) *f[i] = r[12 + i].u64();
      sessions.push_back(s);
    }
    for (const auto& s : sessions) {
      auto it = latest.find(s.sid);
      if (it == latest.end() ||
          std::tie(s.version, s.ingestion) > std::tie(it->second.version, it->second.ingestion)) {
        latest[s.sid] = s;
      }
    }
    for (
        const auto& r : rows(
            db,
            "SELECT workflow_session_id, orchestrator_address, pipeline, model_id, gpu_id, region, "
            "version, toUnixTimestamp64Milli(ingestion_timestamp), "
            "toUnixTimestamp64Milli(sample_ts), "
            "prompt_to_first_frame_ms, startup_time_ms, e2e_latency_ms, has_prompt_to_first_frame, "
            "has_startup_time, has_e2e_latency FROM "
            "livepeer_analytics.fact_workflow_latency_samples")) {
      LatencyRow l;
      l.sid = r[0].v, l.orch = r[1].v, l.pipeline = r[2].v, l.model = r[3], l.gpu = r[4];
      l.region = r[5], l.version = r[6].u64(), l.ingestion = i64(r[7]), l.sample = i64(r[8]);
      for (int k = 0; k < 3; ++k) l.kpi[k] = r[9 + k], l.has[k] = r[12 + k].v == "1";
      latency.push_back(l);
    }
    for (const auto& l : latency) {
      auto it = latest_latency.find(l.sid);
      if (it == latest_latency.end() ||
          std::tie(l.version, l.ingestion) > std::tie(it->second.version, it->second.ingestion)) {
        latest_latency[l.sid] = l;
      }
    }
    for (const auto& r :
         rows(db,
              "SELECT workflow_session_id, stream_id, gateway, orchestrator_address, pipeline, "
              "state, "
              "model_id, gpu_id, region, toUnixTimestamp64Milli(sample_ts), toFloat64(output_fps), "
              "is_attributed FROM livepeer_analytics.fact_stream_status_samples")) {
      StatusRow s;
      s.sid = r[0].v, s.stream_id = r[1].v, s.gateway = r[2].v, s.orch = r[3].v;
      s.pipeline = r[4].v, s.state = r[5].v, s.model = r[6], s.gpu = r[7], s.region = r[8];
      s.ts = i64(r[9]), s.fps = r[10].num(), s.attributed = r[11].v == "1";
      status.push_back(s);
    }
  }
};

// Streaming statistics of a set of values.
struct Stats {
  double n = 0, sum = 0, sum_sq = 0;
  void add(double x) { n += 1, sum += x, sum_sq += x * x; }
  double avg() const { return n ? sum / n : std::nan(""); }
  double stddev_pop() const {
    if (!n) return std::nan("");
    const double m = avg();
    return std::sqrt(std::max(0.0, sum_sq / n - m * m));
  }
};

// The 14 reliability counters of spec §1.6 / §1.7 (rel_1h), summed over sessions.
inline void add_reliability(Metrics& m, const SessionRow& s) {
  m["known_sessions"] += s.known;
  m["startup_success_sessions"] += s.success;
  m["excused_sessions"] += s.excused;
  m["unexcused_sessions"] += s.unexcused;
  m["confirmed_swapped_sessions"] += s.csw > 0;
  m["inferred_orchestrator_change_sessions"] += s.isw > 0;
  m["swapped_sessions"] += s.swapped();
  m["sessions_with_errors"] += s.errors > 0;
  m["sessions_with_last_error"] += s.last_error > 0;
  m["loading_only_sessions"] += s.loading_only > 0;
  m["zero_output_fps_sessions"] += s.zero_fps > 0;
  m["status_error_samples"] += static_cast<double>(s.status_errors);
  m["health_signal_count"] += static_cast<double>(s.health);
  m["health_expected_signal_count"] += static_cast<double>(s.health_expected);
}
inline const std::vector<std::string>& reliability_columns() {
  static const std::vector<std::string> c = {"known_sessions",
                                             "startup_success_sessions",
                                             "excused_sessions",
                                             "unexcused_sessions",
                                             "confirmed_swapped_sessions",
                                             "inferred_orchestrator_change_sessions",
                                             "swapped_sessions",
                                             "sessions_with_errors",
                                             "sessions_with_last_error",
                                             "loading_only_sessions",
                                             "zero_output_fps_sessions",
                                             "status_error_samples",
                                             "health_signal_count",
                                             "health_expected_signal_count"};
  return c;
}
inline double ratio_or(double num, double den, double dflt) { return den != 0 ? num / den : dflt; }

// -- Rollups --------------------------------------------------------------------

// agg_reliability_1h: latest sessions by start hour x (gateway, orch, pipeline, model, gpu,
// region).
inline Table model_reliability_1h(const Facts& f) {
  Table t;
  for (const auto& [_, s] : f.latest) {
    Key k{std::to_string(floor_to(s.start, kHour)),
          s.gateway,
          s.orch,
          s.pipeline,
          s.model.str(),
          s.gpu.str(),
          s.region.str()};
    add_reliability(t[k], s);
  }
  return t;
}

// agg_latency_kpis_1m: latest latency row per session by sample minute x (orch, pipeline, model,
// gpu, region): valid counts and averages (and the exact values, for the p95 checks).
inline Table model_latency_kpis_1m(const Facts& f,
                                   std::map<Key, std::vector<double>>* values = nullptr) {
  static const char* names[] = {"prompt_to_first_frame_ms", "startup_time_ms", "e2e_latency_ms"};
  static const char* valid[] = {"valid_prompt_to_first_frame", "valid_startup_time",
                                "valid_e2e_latency"};
  Table t;
  std::map<Key, Stats> st[3];
  for (const auto& [_, l] : f.latest_latency) {
    Key k{std::to_string(floor_to(l.sample, kMinute)),
          l.orch,
          l.pipeline,
          l.model.str(),
          l.gpu.str(),
          l.region.str()};
    Metrics& m = t[k];
    for (int i = 0; i < 3; ++i) {
      m[valid[i]] += l.has[i];
      if (l.has[i]) {
        st[i][k].add(l.kpi[i].num());
        if (values && i == 1) (*values)[k].push_back(l.kpi[i].num());
      }
    }
  }
  for (auto& [k, m] : t) {
    for (int i = 0; i < 3; ++i) m[names[i]] = st[i].count(k) ? st[i][k].avg() : std::nan("");
  }
  return t;
}

// agg_stream_performance_1m: attributed status samples by minute x (gateway, orch, pipeline,
// model, gpu, region).
inline Table model_stream_performance_1m(const Facts& f) {
  std::map<Key, std::pair<std::set<std::string>, std::set<std::string>>> ids;
  std::map<Key, Stats> fps;
  for (const auto& s : f.status) {
    if (!s.attributed) continue;
    Key k{std::to_string(floor_to(s.ts, kMinute)),
          s.gateway,
          s.orch,
          s.pipeline,
          s.model.str(),
          s.gpu.str(),
          s.region.str()};
    ids[k].first.insert(s.sid);
    ids[k].second.insert(s.stream_id);
    fps[k].add(s.fps);
  }
  Table t;
  for (const auto& [k, st] : fps) {
    t[k] = {{"sessions", double(ids[k].first.size())},
            {"streams", double(ids[k].second.size())},
            {"avg_output_fps", st.avg()},
            {"samples", st.n}};
  }
  return t;
}

// -- Serving views --------------------------------------------------------------

// Session-hours of attributed status samples: (hour, sid, orch, pipeline, model, gpu, region).
struct SessionHour {
  uint64_t samples = 0, fps_positive = 0, running = 0;
  bool idle() const { return fps_positive == 0 && running == 0 && samples < 3; }
};
using SessionHourKey = std::tuple<int64_t, std::string, std::string, std::string, std::string,
                                  std::string, std::string>;
inline std::map<SessionHourKey, SessionHour> session_hours(const Facts& f) {
  std::map<SessionHourKey, SessionHour> out;
  for (const auto& s : f.status) {
    if (!s.attributed) continue;
    auto& h = out[{floor_to(s.ts, kHour), s.sid, s.orch, s.pipeline, s.model.str(), s.gpu.str(),
                   s.region.str()}];
    ++h.samples;
    h.fps_positive += s.fps > 0;
    h.running +=
        s.state == "ONLINE" || s.state == "DEGRADED_INFERENCE" || s.state == "DEGRADED_INPUT";
  }
  return out;
}
// A tail artifact (spec §1.7): the session started before the hour, closed inside it, the hour
// is idle and the same key's previous hour exists and is idle.
inline bool is_tail_artifact(const Facts& f, const std::map<SessionHourKey, SessionHour>& hours,
                             const SessionHourKey& k, const SessionHour& h) {
  const auto ls = f.latest.find(std::get<1>(k));
  if (ls == f.latest.end()) return false;
  const int64_t hour = std::get<0>(k);
  const auto& s = ls->second;
  if (!(s.start < hour && !s.end.null && i64(s.end) >= hour && i64(s.end) < hour + kHour))
    return false;
  if (!h.idle()) return false;
  auto prev = k;
  std::get<0>(prev) = hour - kHour;
  const auto p = hours.find(prev);
  return p != hours.end() && p->second.idle();
}

// v_api_gpu_metrics: keys (hour, orch, pipeline, model, gpu, region).
inline Table model_gpu_metrics(const Facts& f) {
  std::map<Key, Stats> perf;
  for (const auto& s : f.status) {
    if (!s.attributed) continue;
    perf[{std::to_string(floor_to(s.ts, kHour)), s.orch, s.pipeline, s.model.str(), s.gpu.str(),
          s.region.str()}]
        .add(s.fps);
  }
  Table rel;
  for (const auto& [_, s] : f.latest) {
    if (s.start <= kSentinelMs) continue;
    add_reliability(rel[{std::to_string(floor_to(s.start, kHour)), s.orch, s.pipeline,
                         s.model.str(), s.gpu.str(), s.region.str()}],
                    s);
  }
  std::map<Key, std::array<Stats, 3>> lat;
  for (const auto& [_, l] : f.latest_latency) {
    auto& a = lat[{std::to_string(floor_to(l.sample, kHour)), l.orch, l.pipeline, l.model.str(),
                   l.gpu.str(), l.region.str()}];
    for (int i = 0; i < 3; ++i) {
      if (l.has[i]) a[i].add(l.kpi[i].num());
    }
  }
  std::set<Key> keys;
  for (const auto& [k, _] : perf) keys.insert(k);
  for (const auto& [k, _] : rel) keys.insert(k);
  for (const auto& [k, _] : lat) keys.insert(k);
  const auto hours = session_hours(f);
  for (const auto& [k, h] : hours) {
    if (is_tail_artifact(f, hours, k, h)) {
      keys.erase({std::to_string(std::get<0>(k)), std::get<2>(k), std::get<3>(k), std::get<4>(k),
                  std::get<5>(k), std::get<6>(k)});
    }
  }
  static const char* lat_names[] = {"prompt_to_first_frame_ms", "startup_time_ms",
                                    "e2e_latency_ms"};
  static const char* lat_valid[] = {"valid_prompt_to_first_frame_count", "valid_startup_time_count",
                                    "valid_e2e_latency_count"};
  Table t;
  for (const auto& k : keys) {
    if (k[1].empty() || k[4].empty()) continue;  // orchestrator and GPU required
    Metrics m;
    const auto p = perf.find(k);
    m["status_samples"] = p == perf.end() ? 0 : p->second.n;
    m["avg_output_fps"] = p == perf.end() ? std::nan("") : p->second.avg();
    m["jitter_coeff_fps"] = p == perf.end() || p->second.avg() == 0
                                ? std::nan("")
                                : p->second.stddev_pop() / p->second.avg();
    const auto r = rel.find(k);
    for (const auto& c : reliability_columns()) m[c] = r == rel.end() ? 0 : r->second.at(c);
    const auto l = lat.find(k);
    for (int i = 0; i < 3; ++i) {
      const double n = l == lat.end() ? 0 : l->second[i].n;
      m[lat_valid[i]] = n;
      m[lat_names[i]] = n > 0 ? l->second[i].avg() : std::nan("");
    }
    m["startup_time_s"] = m["startup_time_ms"] / 1000.0;
    m["failure_rate"] = ratio_or(m["unexcused_sessions"], m["known_sessions"], 0);
    m["swap_rate"] = ratio_or(m["swapped_sessions"], m["known_sessions"], 0);
    m["health_completeness_ratio"] =
        ratio_or(m["health_signal_count"], m["health_expected_signal_count"], 1.0);
    t[k] = m;
  }
  return t;
}

// Pipeline normalization of the demand views: a pipeline equal to the model (ci) is ''.
inline std::string normalized_pipeline(const std::string& pipeline, const std::string& model) {
  return !pipeline.empty() && !model.empty() && lower(pipeline) == lower(model) ? "" : pipeline;
}

// v_api_network_demand: keys (hour, gateway, region, pipeline, model).
inline Table model_network_demand(const Facts& f) {
  // The fallback pipeline of (start hour, gateway, region, model): the only non-empty
  // (normalized) pipeline of its latest sessions, if exactly one.
  std::map<Key, std::set<std::string>> fallback_set;
  for (const auto& [_, s] : f.latest) {
    if (s.start <= kSentinelMs) continue;
    const auto p = normalized_pipeline(s.pipeline, s.model.str());
    auto& set = fallback_set[{std::to_string(floor_to(s.start, kHour)), s.gateway, s.region.str(),
                              s.model.str()}];
    if (!p.empty()) set.insert(p);
  }
  auto effective = [&](const std::string& hour, const std::string& gateway,
                       const std::string& region, const std::string& model,
                       const std::string& own) {
    std::string p = own;
    if (p.empty()) {
      const auto it = fallback_set.find({hour, gateway, region, model});
      if (it != fallback_set.end() && it->second.size() == 1) p = *it->second.begin();
    }
    return normalized_pipeline(p, model);
  };
  std::map<Key, std::pair<std::set<std::string>, std::set<std::string>>> ids;
  std::map<Key, Stats> fps;
  for (const auto& s : f.status) {
    if (!s.attributed) continue;
    const std::string hour = std::to_string(floor_to(s.ts, kHour));
    Key k{hour, s.gateway, s.region.str(),
          effective(hour, s.gateway, s.region.str(), s.model.str(), s.pipeline), s.model.str()};
    ids[k].first.insert(s.sid);
    ids[k].second.insert(s.stream_id);
    fps[k].add(s.fps);
  }
  Table t;
  for (const auto& [k, st] : fps) {
    Metrics& m = t[k];
    m["total_sessions"] = double(ids[k].first.size());
    m["total_streams"] = double(ids[k].second.size());
    m["total_minutes"] = st.n / 60.0;
    m["avg_output_fps"] = st.avg();
  }
  std::map<Key, double> failed;
  for (const auto& [_, s] : f.latest) {
    if (s.start <= kSentinelMs) continue;
    const std::string hour = std::to_string(floor_to(s.start, kHour));
    Key k{hour, s.gateway, s.region.str(),
          effective(hour, s.gateway, s.region.str(), s.model.str(),
                    normalized_pipeline(s.pipeline, s.model.str())),
          s.model.str()};
    Metrics& m = t[k];
    add_reliability(m, s);
    m["served_sessions"] += s.known && !s.orch.empty();
    m["unserved_sessions"] += s.known && s.orch.empty();
    failed[k] += s.unexcused > 0 || s.zero_fps > 0 || s.loading_only > 0;
  }
  for (auto& [k, m] : t) {
    for (const char* c :
         {"total_sessions", "total_streams", "total_minutes", "served_sessions",
          "unserved_sessions", "known_sessions", "unexcused_sessions", "swapped_sessions",
          "zero_output_fps_sessions", "loading_only_sessions"}) {
      m.emplace(c, 0.0);
    }
    m.emplace("avg_output_fps", std::nan(""));
    m["total_demand_sessions"] = m["served_sessions"] + m["unserved_sessions"];
    m["missing_capacity_count"] = m["unserved_sessions"];
    m["startup_success_ratio"] =
        m["known_sessions"] ? 1 - m["unexcused_sessions"] / m["known_sessions"] : 0;
    m["success_ratio"] = m["known_sessions"] ? 1 - failed[k] / m["known_sessions"] : 0;
    m["fee_payment_eth"] = 0;  // no payment rows in the models' stores
  }
  return t;
}

// v_api_sla_compliance: keys (status hour, orch, pipeline, model, gpu, region); each latest
// session counted in every attributed status hour/key of it, tail-artifact session-hours out.
inline Table model_sla_compliance(const Facts& f) {
  const auto hours = session_hours(f);
  Table t;
  std::map<Key, double> q_count, f_count;
  for (const auto& [k, h] : hours) {
    const auto ls = f.latest.find(std::get<1>(k));
    if (ls == f.latest.end()) continue;  // INNER JOIN latest sessions
    if (std::get<0>(k) <= kSentinelMs || std::get<2>(k).empty()) continue;
    if (is_tail_artifact(f, hours, k, h)) continue;
    const auto& s = ls->second;
    Key key{std::to_string(std::get<0>(k)),
            std::get<2>(k),
            std::get<3>(k),
            std::get<4>(k),
            std::get<5>(k),
            std::get<6>(k)};
    add_reliability(t[key], s);
    q_count[key] += s.loading_only > 0 || s.zero_fps > 0;
    f_count[key] += s.unexcused > 0 || s.zero_fps > 0 || s.loading_only > 0;
  }
  for (auto& [k, m] : t) {
    const double K = m["known_sessions"], U = m["unexcused_sessions"], S = m["swapped_sessions"];
    const double H = ratio_or(m["health_signal_count"], m["health_expected_signal_count"], 1.0);
    m["health_completeness_ratio"] = H;
    m["startup_success_ratio"] = K ? 1 - U / K : std::nan("");
    m["success_ratio"] = K ? 1 - f_count[k] / K : std::nan("");
    m["no_swap_ratio"] = K ? 1 - S / K : std::nan("");
    m["sla_score"] =
        K ? ((1 - U / K) * 0.4 + (1 - S / K) * 0.2 + (1 - q_count[k] / K) * 0.4) * H * 100
          : std::nan("");
  }
  return t;
}

// v_api_network_demand_by_gpu: one row per usage key (hour, gateway, orch, region, pipeline,
// model, gpu) after the GPU back-fill; reliability of the latest sessions at the same key.
inline Table model_network_demand_by_gpu(const Facts& f) {
  // The GPU of the latest-starting session with a GPU per (start hour, gateway, orch, region,
  // pipeline, model).
  std::map<Key, std::pair<std::pair<int64_t, std::string>, std::string>> latest_gpu;
  for (const auto& [_, s] : f.latest) {
    if (s.gpu.str().empty()) continue;
    Key k{std::to_string(floor_to(s.start, kHour)),
          s.gateway,
          s.orch,
          s.region.str(),
          s.pipeline,
          s.model.str()};
    const auto rank = std::pair{s.start, s.sid};
    auto it = latest_gpu.find(k);
    if (it == latest_gpu.end() || rank > it->second.first) latest_gpu[k] = {rank, s.gpu.str()};
  }
  auto backfill = [&](const Key& k6, const std::string& gpu) {
    if (!gpu.empty()) return gpu;
    const auto it = latest_gpu.find(k6);
    return it == latest_gpu.end() ? std::string() : it->second.second;
  };
  std::map<Key, std::pair<std::set<std::string>, std::set<std::string>>> ids;
  std::map<Key, double> samples;
  for (const auto& s : f.status) {
    if (!s.attributed) continue;
    const Key k6{std::to_string(floor_to(s.ts, kHour)),
                 s.gateway,
                 s.orch,
                 s.region.str(),
                 s.pipeline,
                 s.model.str()};
    Key k = k6;
    k.push_back(backfill(k6, s.gpu.str()));
    ids[k].first.insert(s.sid);
    ids[k].second.insert(s.stream_id);
    samples[k] += 1;
  }
  Table rel;
  for (const auto& [_, s] : f.latest) {
    if (s.start <= kSentinelMs) continue;
    const Key k6{std::to_string(floor_to(s.start, kHour)),
                 s.gateway,
                 s.orch,
                 s.region.str(),
                 s.pipeline,
                 s.model.str()};
    Key k = k6;
    k.push_back(backfill(k6, s.gpu.str()));
    add_reliability(rel[k], s);
  }
  Table t;
  for (const auto& [k, n] : samples) {
    Metrics& m = t[k];
    m["total_sessions"] = double(ids[k].first.size());
    m["total_streams"] = double(ids[k].second.size());
    m["used_inference_minutes"] = n / 60.0;
    m["inference_minutes_by_gpu_type"] = n / 60.0;
    const auto r = rel.find(k);
    for (const auto& c : reliability_columns()) {
      if (c == "startup_success_sessions" || c == "excused_sessions") continue;
      m[c] = r == rel.end() ? 0 : r->second.at(c);
    }
    m["missing_capacity_count"] = m["unexcused_sessions"];
    m["health_completeness_ratio"] =
        ratio_or(m["health_signal_count"], m["health_expected_signal_count"], 1.0);
  }
  return t;
}

// v_api_jitter_5m: the perf rollup's (attributed) samples by 5-minute bucket x (orch, pipeline,
// model, gpu, region), groups of >= 10 samples.
inline Table model_jitter_5m(const Facts& f) {
  std::map<Key, Stats> st;
  for (const auto& s : f.status) {
    if (!s.attributed) continue;
    st[{std::to_string(floor_to(s.ts, 5 * kMinute)), s.orch, s.pipeline, s.model.str(), s.gpu.str(),
        s.region.str()}]
        .add(s.fps);
  }
  Table t;
  for (const auto& [k, s] : st) {
    if (s.n < 10) continue;
    t[k] = {{"avg_output_fps", s.avg()},
            {"jitter_coeff_fps", s.avg() == 0 ? std::nan("") : s.stddev_pop() / s.avg()},
            {"status_samples", s.n}};
  }
  return t;
}

// -- Reading what the engine serves, and comparing ---------------------------------

// Rows of `sql`: the first `key_columns` columns form the key (NULL read as '', timestamps
// must be selected as epoch ms), the rest are the named metrics. A key seen twice is recorded
// in `duplicates`.
inline Table served(store::Chdb& db, const std::string& sql, size_t key_columns,
                    const std::vector<std::string>& metric_names,
                    std::vector<Key>* duplicates = nullptr) {
  Table t;
  for (const auto& r : rows(db, sql)) {
    Key k;
    for (size_t i = 0; i < key_columns; ++i) k.push_back(r[i].str());
    Metrics m;
    for (size_t i = 0; i < metric_names.size(); ++i) m[metric_names[i]] = r[key_columns + i].num();
    if (!t.emplace(k, m).second && duplicates) duplicates->push_back(k);
  }
  return t;
}

inline std::string key_text(const Key& k) {
  std::string s;
  for (const auto& p : k) s += (s.empty() ? "" : "|") + p;
  return s;
}

inline bool close(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::fabs(a - b) <= 1e-6 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

// Compares a served table with the model on the metrics named in `served_table`'s rows.
// `zero_rows_ok`: a served key absent from the model is fine when all its metrics are 0
// (a rollup key whose sessions all moved to another key keeps a row of zeros).
inline void expect_same(const std::string& what, const Table& model, const Table& served_table,
                        bool zero_rows_ok = false, bool may_be_empty = false) {
  size_t compared = 0;
  for (const auto& [k, m] : served_table) {
    const auto it = model.find(k);
    if (it == model.end()) {
      bool zero = zero_rows_ok;
      for (const auto& [_, v] : m) zero = zero && (v == 0 || std::isnan(v));
      EXPECT_TRUE(zero) << what << ": served key not in the model: " << key_text(k);
      continue;
    }
    for (const auto& [name, v] : m) {
      const auto mv = it->second.find(name);
      ASSERT_NE(mv, it->second.end()) << what << ": the model has no " << name;
      EXPECT_TRUE(close(v, mv->second)) << what << " " << key_text(k) << " " << name << ": served "
                                        << v << ", model " << mv->second;
      ++compared;
    }
  }
  for (const auto& [k, _] : model) {
    EXPECT_TRUE(served_table.count(k)) << what << ": model key not served: " << key_text(k);
  }
  if (!may_be_empty || !model.empty()) {
    EXPECT_GT(compared, 0u) << what << ": nothing compared";
  }
}

// Every rollup and serving view against the model (spec §1.6, §1.7).
inline void expect_rollups_and_views_match_model(store::Chdb& db, const Facts& f) {
  std::string rel_states;
  for (const auto& c : reliability_columns()) rel_states += ", sumMerge(" + c + "_state)";
  // agg_reliability_1h's states are named <counter>_state.
  std::string rel_sql =
      "SELECT toUnixTimestamp64Milli(window_start), gateway, orchestrator_address, "
      "pipeline, ifNull(model_id, ''), ifNull(gpu_id, ''), ifNull(region, '')" +
      rel_states + " FROM livepeer_analytics.agg_reliability_1h GROUP BY 1, 2, 3, 4, 5, 6, 7";
  expect_same("agg_reliability_1h", model_reliability_1h(f),
              served(db, rel_sql, 7, reliability_columns()), /*zero_rows_ok=*/true);

  std::map<Key, std::vector<double>> startup_values;
  expect_same(
      "agg_latency_kpis_1m", model_latency_kpis_1m(f, &startup_values),
      served(db,
             "SELECT toUnixTimestamp64Milli(window_start), orchestrator_address, pipeline, "
             "ifNull(model_id, ''), ifNull(gpu_id, ''), ifNull(region, ''), "
             "sumMerge(valid_prompt_to_first_frame_state), sumMerge(valid_startup_time_state), "
             "sumMerge(valid_e2e_latency_state), avgMerge(prompt_to_first_frame_ms_avg_state), "
             "avgMerge(startup_time_ms_avg_state), avgMerge(e2e_latency_ms_avg_state) "
             "FROM livepeer_analytics.agg_latency_kpis_1m GROUP BY 1, 2, 3, 4, 5, 6",
             6,
             {"valid_prompt_to_first_frame", "valid_startup_time", "valid_e2e_latency",
              "prompt_to_first_frame_ms", "startup_time_ms", "e2e_latency_ms"}),
      /*zero_rows_ok=*/true);
  // A t-digest p95 of one value is that value; of several, it lies between them.
  for (const auto& r :
       rows(db,
            "SELECT toUnixTimestamp64Milli(window_start), orchestrator_address, pipeline, "
            "ifNull(model_id, ''), ifNull(gpu_id, ''), ifNull(region, ''), "
            "quantileTDigestMerge(0.95)(startup_time_ms_p95_state) "
            "FROM livepeer_analytics.agg_latency_kpis_1m GROUP BY 1, 2, 3, 4, 5, 6")) {
    Key k;
    for (int i = 0; i < 6; ++i) k.push_back(r[i].str());
    const auto it = startup_values.find(k);
    if (it == startup_values.end()) continue;
    const auto [lo, hi] = std::minmax_element(it->second.begin(), it->second.end());
    EXPECT_GE(r[6].num(), *lo - 1e-3) << "p95 startup " << key_text(k);
    EXPECT_LE(r[6].num(), *hi + 1e-3) << "p95 startup " << key_text(k);
  }

  expect_same(
      "agg_stream_performance_1m", model_stream_performance_1m(f),
      served(db,
             "SELECT toUnixTimestamp64Milli(window_start), gateway, orchestrator_address, "
             "pipeline, ifNull(model_id, ''), ifNull(gpu_id, ''), ifNull(region, ''), "
             "uniqExactMerge(sessions_uniq_state), uniqExactMerge(streams_uniq_state), "
             "avgMerge(output_fps_avg_state), countMerge(sample_count_state) "
             "FROM livepeer_analytics.agg_stream_performance_1m GROUP BY 1, 2, 3, 4, 5, 6, 7",
             7, {"sessions", "streams", "avg_output_fps", "samples"}));

  std::vector<Key> dup;
  std::vector<std::string> gpu_cols = {"status_samples", "avg_output_fps", "jitter_coeff_fps"};
  for (const auto& c : reliability_columns()) gpu_cols.push_back(c);
  for (const char* c : {"failure_rate", "swap_rate", "health_completeness_ratio", "startup_time_ms",
                        "startup_time_s", "e2e_latency_ms", "prompt_to_first_frame_ms",
                        "valid_prompt_to_first_frame_count", "valid_startup_time_count",
                        "valid_e2e_latency_count"}) {
    gpu_cols.push_back(c);
  }
  std::string list;
  for (const auto& c : gpu_cols) list += ", " + c;
  expect_same("v_api_gpu_metrics", model_gpu_metrics(f),
              served(db,
                     "SELECT toUnixTimestamp(window_start) * 1000, orchestrator_address, pipeline, "
                     "ifNull(model_id, ''), ifNull(gpu_id, ''), ifNull(region, '')" +
                         list + " FROM livepeer_analytics.v_api_gpu_metrics",
                     6, gpu_cols, &dup));

  const std::vector<std::string> demand_cols = {"total_sessions",
                                                "total_streams",
                                                "total_minutes",
                                                "avg_output_fps",
                                                "known_sessions",
                                                "served_sessions",
                                                "unserved_sessions",
                                                "total_demand_sessions",
                                                "unexcused_sessions",
                                                "swapped_sessions",
                                                "zero_output_fps_sessions",
                                                "loading_only_sessions",
                                                "missing_capacity_count",
                                                "startup_success_ratio",
                                                "success_ratio",
                                                "fee_payment_eth"};
  list.clear();
  for (const auto& c : demand_cols) list += ", " + c;
  expect_same("v_api_network_demand", model_network_demand(f),
              served(db,
                     "SELECT toUnixTimestamp(window_start) * 1000, gateway, region, pipeline, "
                     "model_id" +
                         list + " FROM livepeer_analytics.v_api_network_demand",
                     5, demand_cols, &dup));

  std::vector<std::string> by_gpu_cols = {"total_sessions",         "total_streams",
                                          "used_inference_minutes", "inference_minutes_by_gpu_type",
                                          "missing_capacity_count", "health_completeness_ratio"};
  for (const auto& c : reliability_columns()) {
    if (c != "startup_success_sessions" && c != "excused_sessions") by_gpu_cols.push_back(c);
  }
  list.clear();
  for (const auto& c : by_gpu_cols) list += ", " + c;
  expect_same("v_api_network_demand_by_gpu", model_network_demand_by_gpu(f),
              served(db,
                     "SELECT toUnixTimestamp(window_start) * 1000, gateway, orchestrator_address, "
                     "ifNull(region, ''), pipeline, ifNull(model_id, ''), ifNull(gpu_id, '')" +
                         list + " FROM livepeer_analytics.v_api_network_demand_by_gpu",
                     7, by_gpu_cols, &dup));

  std::vector<std::string> sla_cols = reliability_columns();
  for (const char* c : {"health_completeness_ratio", "startup_success_ratio", "success_ratio",
                        "no_swap_ratio", "sla_score"}) {
    sla_cols.push_back(c);
  }
  list.clear();
  for (const auto& c : sla_cols) list += ", " + c;
  expect_same("v_api_sla_compliance", model_sla_compliance(f),
              served(db,
                     "SELECT toUnixTimestamp(window_start) * 1000, orchestrator_address, pipeline, "
                     "ifNull(model_id, ''), ifNull(gpu_id, ''), ifNull(region, '')" +
                         list + " FROM livepeer_analytics.v_api_sla_compliance",
                     6, sla_cols, &dup));
  expect_same(
      "v_api_jitter_5m", model_jitter_5m(f),
      served(db,
             "SELECT toUnixTimestamp(window_start_5m) * 1000, orchestrator_address, pipeline, "
             "ifNull(model_id, ''), ifNull(gpu_id, ''), ifNull(region, ''), avg_output_fps, "
             "jitter_coeff_fps, status_samples FROM livepeer_analytics.v_api_jitter_5m",
             6, {"avg_output_fps", "jitter_coeff_fps", "status_samples"}, &dup),
      false, /*may_be_empty=*/true);
  EXPECT_TRUE(dup.empty()) << "a serving view emits a key twice: " << key_text(dup.front());
}

}  // namespace naap::testing::warehouse
