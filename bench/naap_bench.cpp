// naap_bench: the benchmark driver behind `make bench` (bench/run.sh).
//
//   naap_bench gen    --out FILE [--events N] [--sessions S] [--concurrency C] [--seed X]
//   naap_bench run    BENCH --input FILE [--store DIR] [--repeat R] [--batch-rows N]
//                     [--batch-mb M] [--batch-total-mb T] [--format F] [--label L]
//   naap_bench report RESULTS_FILE
//   naap_bench dump   --store DIR [--out DIR]
//
// `dump` fingerprints a store's warehouse for output-identity checks: per
// table (views excluded) its row count and an order-independent hash of its
// rows without the wall-clock columns (ingestion_timestamp; in the reject
// tables source_record_timestamp and event_date); with --out, also
// each table's rows sorted, as TSV (one file per table) for diffing. Tables
// whose engine merges rows (Replacing/Aggregating/...MergeTree) are read with
// FINAL, and aggregate states finalized, so that the result does not depend
// on when background merges ran.
//
// BENCH is one of
//   simdjson   (a) the ceiling: simdjson parses every line, nothing else
//   gate       (1) decode + quality gate (typed rows encoded), no lifecycle
//   lifecycle  (2) decode + gate + lifecycle engine + batch encoding, null sink
//   e2e        (3) end to end from the file into a fresh embedded store
//   baseline_b (b) ClickHouse ingests the same bytes: raw table + JSONExtract MVs
//   baseline_c (c) ClickHouse lands the same lines in one raw table (LineAsString)
//   sink       e2e with one sink format (--format) and batch limit
// Each `run` prints one RESULT line per measurement (bench_util.hpp); every
// benchmark runs in its own process so that its peak RSS is its own.
#include <fmt/format.h>
#include <simdjson.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "bench_util.hpp"
#include "ingest/quality_gate.hpp"
#include "runtime/pipeline.hpp"
#ifndef NAAP_BENCH_NO_ENGINE
#include "sinks/async_sink.hpp"
#include "sinks/chdb_sink.hpp"
#include "sinks/format_sinks.hpp"
#endif
#include "sources/line_reader.hpp"
#ifndef NAAP_BENCH_NO_ENGINE
#include "store/chdb.hpp"
#include "store/chdb_c_api.h"
#include "store/store_dir.hpp"
#include "store/warehouse.hpp"
#endif
#include "workload.hpp"

namespace fs = std::filesystem;
using namespace naap;
using namespace naap::bench;

namespace {

std::string g_input;  // stem of --input, added to every RESULT line

struct Args {
  std::string cmd, bench, input, out, store = "/tmp/naap-bench-store", format = "rowbinary", label,
                                      settings;
  WorkloadConfig workload;
  int repeat = 1;
  uint64_t batch_rows = 0, batch_mb = 0, batch_total_mb = 0;
};

Args parse_args(int argc, char** argv) {
  Args a;
  if (argc < 2) throw std::runtime_error("usage: naap_bench gen|run|report ...");
  a.cmd = argv[1];
  int i = 2;
  if (a.cmd == "run" || a.cmd == "report") {
    if (argc < 3) throw std::runtime_error("naap_bench " + a.cmd + ": missing argument");
    a.bench = argv[i++];
  }
  for (; i < argc; ++i) {
    const std::string k = argv[i];
    if (i + 1 >= argc) throw std::runtime_error("missing value for " + k);
    const std::string v = argv[++i];
    if (k == "--input")
      a.input = v;
    else if (k == "--out")
      a.out = v;
    else if (k == "--store")
      a.store = v;
    else if (k == "--format")
      a.format = v;
    else if (k == "--label")
      a.label = v;
    else if (k == "--settings")
      a.settings = v;
    else if (k == "--repeat")
      a.repeat = std::max(1, std::stoi(v));
    else if (k == "--batch-rows")
      a.batch_rows = std::stoull(v);
    else if (k == "--batch-mb")
      a.batch_mb = std::stoull(v);
    else if (k == "--batch-total-mb")
      a.batch_total_mb = std::stoull(v);
    else if (k == "--events")
      a.workload.events = std::stoull(v);
    else if (k == "--sessions")
      a.workload.sessions = std::stoull(v);
    else if (k == "--concurrency")
      a.workload.concurrency = static_cast<uint32_t>(std::stoul(v));
    else if (k == "--seed")
      a.workload.seed = std::stoull(v);
    else if (k == "--cap-share")
      a.workload.capability_share = std::stod(v);
    else if (k == "--orchestrators")
      a.workload.orchestrators = static_cast<uint32_t>(std::stoul(v));
    else if (k == "--garbage-share")
      a.workload.garbage_share = std::stod(v);
    else if (k == "--duplicate-share")
      a.workload.duplicate_share = std::stod(v);
    else
      throw std::runtime_error("unknown option " + k);
  }
  return a;
}

// ---------------------------------------------------------------- gen

int cmd_gen(const Args& a) {
  if (a.out.empty()) throw std::runtime_error("gen: --out FILE is required");
  std::ofstream f(a.out, std::ios::binary);
  std::string buf;
  buf.reserve(8 << 20);
  const auto t0 = Clock::now();
  const WorkloadStats s = generate(a.workload, [&](std::string_view line) {
    buf.append(line);
    buf.push_back('\n');
    if (buf.size() >= (4u << 20)) {
      f.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  });
  f.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  f.close();
  if (!f) throw std::runtime_error("gen: cannot write " + a.out);
  Record r("workload");
  r.set("label", a.label.empty() ? fs::path(a.out).stem().string() : a.label)
      .set("events", s.lines)
      .set("bytes", s.bytes)
      .set("sessions", s.sessions)
      .set("concurrency", static_cast<uint64_t>(a.workload.concurrency))
      .set("seed", a.workload.seed)
      .set("caps", s.capability_broadcasts)
      .set("cap_bytes", s.capability_bytes)
      .set("garbage", s.garbage)
      .set("duplicates", s.duplicates)
      .set("status", s.by_type[0])
      .set("trace", s.by_type[1])
      .set("ingest", s.by_type[2])
      .set("ai", s.by_type[3])
      .set("discovery", s.by_type[5])
      .set("payment", s.by_type[6])
      .set("days", static_cast<double>(s.last_ms - s.first_ms) / 86'400'000.0)
      .set("gen_s", seconds_since(t0));
  r.print();
  return 0;
}

// ---------------------------------------------------------------- helpers

uint64_t file_size(const std::string& path) { return fs::file_size(path); }

struct Measured {
  double seconds = 0, cpu_s = 0;
};

// Runs `body` `repeat` times; returns the median wall time and its CPU time.
template <typename F>
Measured repeat_median(int repeat, F&& body) {
  std::vector<std::pair<double, double>> runs;
  for (int i = 0; i < repeat; ++i) {
    const double c0 = process_cpu_s();
    const auto t0 = Clock::now();
    body();
    runs.emplace_back(seconds_since(t0), process_cpu_s() - c0);
  }
  std::sort(runs.begin(), runs.end());
  return {runs[runs.size() / 2].first, runs[runs.size() / 2].second};
}

void throughput(Record& r, uint64_t events, uint64_t bytes, const Measured& m) {
  r.set("input", g_input)
      .set("events", events)
      .set("bytes", bytes)
      .set("seconds", m.seconds)
      .set("cpu_s", m.cpu_s)
      .set("eps", static_cast<double>(events) / m.seconds)
      .set("mbps", static_cast<double>(bytes) / 1e6 / m.seconds)
      .set("eps_core", static_cast<double>(events) / std::max(m.cpu_s, 1e-9));
}

class NullSink final : public sinks::Sink {
 public:
  void write(const sinks::Batch& b) override {
    rows += b.rows;
    bytes += b.payload.size();
  }
  std::string describe() const override { return "null sink"; }
  uint64_t rows = 0, bytes = 0;
};

EpochMs wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// ---------------------------------------------------------------- (a), (1), (2)

int bench_simdjson(const Args& a) {
  const uint64_t bytes = file_size(a.input);
  simdjson::dom::parser parser;
  uint64_t events = 0, ok = 0;
  const Measured m = repeat_median(a.repeat, [&] {
    sources::LineReader reader(a.input);
    sources::Line line;
    events = ok = 0;
    while (reader.next(line)) {
      ++events;
      simdjson::dom::element doc;
      // realloc_if_needed: copies into a padded buffer, as naap's parser does.
      if (!parser.parse(line.bytes.data(), line.bytes.size(), true).get(doc)) ++ok;
    }
  });
  Record r("simdjson");
  throughput(r, events, bytes, m);
  r.set("parsed", ok).set("peak_rss_mb", peak_rss_mb());
  r.print();
  return 0;
}

int bench_gate(const Args& a) {
  const uint64_t bytes = file_size(a.input);
  uint64_t events = 0, accepted = 0;
  const Measured m = repeat_median(a.repeat, [&] {
    ingest::QualityGate gate;
    sources::LineReader reader(a.input);
    sources::Line line;
    events = accepted = 0;
    const EpochMs now = wall_ms();
    while (reader.next(line)) {
      ++events;
      const ingest::SourcePointer src{reader.path(), 0, line.number, std::nullopt};
      const auto& o = gate.process(line.bytes, src, now);
      accepted += o.disposition == ingest::Disposition::kAccepted;
    }
  });
  // Latency pass (timed per event, separate from the throughput runs).
  std::vector<uint32_t> lat;
  {
    ingest::QualityGate gate;
    sources::LineReader reader(a.input);
    sources::Line line;
    lat.reserve(events);
    const EpochMs now = wall_ms();
    while (reader.next(line)) {
      const ingest::SourcePointer src{reader.path(), 0, line.number, std::nullopt};
      const auto t0 = Clock::now();
      gate.process(line.bytes, src, now);
      lat.push_back(static_cast<uint32_t>(std::min<int64_t>(
          UINT32_MAX,
          std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count())));
    }
  }
  Record r("gate");
  throughput(r, events, bytes, m);
  r.set("accepted", accepted)
      .set("p50_us", percentile_us(lat, 50))
      .set("p99_us", percentile_us(lat, 99))
      .set("peak_rss_mb", peak_rss_mb());
  r.print();
  return 0;
}

runtime::PipelineConfig pipeline_config(const Args& a) {
  runtime::PipelineConfig c;
  if (a.batch_rows) c.batch.max_rows = a.batch_rows;
  if (a.batch_mb) c.batch.max_bytes = a.batch_mb << 20;
  if (a.batch_total_mb) c.batch.max_total_bytes = a.batch_total_mb << 20;
  return c;
}

// Feeds the file through a pipeline exactly as runtime::run_inputs does,
// optionally timing each event.
runtime::RunSummary feed(const Args& a, sinks::Sink& sink, std::vector<uint32_t>* lat) {
  const runtime::PipelineConfig config = pipeline_config(a);
  auto inputs = runtime::open_inputs({a.input}, config);
  runtime::Pipeline pipeline(sink, config);
  sources::Line line;
  for (auto& reader : inputs) {
    while (reader->next(line)) {
      if (lat) {
        const auto t0 = Clock::now();
        pipeline.process(line.bytes, reader->path(), line.number);
        lat->push_back(static_cast<uint32_t>(std::min<int64_t>(
            UINT32_MAX,
            std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count())));
      } else {
        pipeline.process(line.bytes, reader->path(), line.number);
      }
    }
  }
  pipeline.finish();
  return pipeline.summary();
}

uint64_t total_rows(const runtime::RunSummary& s) {
  uint64_t n = 0;
  for (const auto& [_, t] : s.rows_by_table) n += t.rows;
  return n;
}

int bench_lifecycle(const Args& a) {
  const uint64_t bytes = file_size(a.input);
  runtime::RunSummary summary;
  NullSink sink;
  double steady = 0, peak = 0;
  const Measured m = repeat_median(a.repeat, [&] {
    sink = NullSink();
    RssSampler rss;
    summary = runtime::run_inputs(runtime::open_inputs({a.input}, pipeline_config(a)),
                                  pipeline_config(a), sink);
    steady = rss.steady();
    peak = std::max(peak, rss.peak());
  });
  std::vector<uint32_t> lat;
  lat.reserve(summary.lines_read);
  NullSink sink2;
  feed(a, sink2, &lat);
  Record r(a.label.empty() ? "lifecycle" : a.label);
  throughput(r, summary.lines_read, bytes, m);
  r.set("rows", total_rows(summary))
      .set("row_bytes", sink.bytes)
      .set("accepted", summary.accepted())
      .set("dlq", summary.dlq())
      .set("quarantined", summary.quarantined())
      .set("p50_us", percentile_us(lat, 50))
      .set("p99_us", percentile_us(lat, 99))
      .set("steady_rss_mb", steady)
      .set("peak_rss_mb", std::max(peak, peak_rss_mb()));
  r.print();
  return 0;
}

#ifndef NAAP_BENCH_NO_ENGINE
// ---------------------------------------------------------------- engine helpers

store::SqlExecutor executor(store::Chdb& db) {
  return [&db](std::string_view sql) { return db.query(sql, "TSV").data; };
}

std::string scalar(store::Chdb& db, const std::string& sql) {
  std::string v = db.query(sql, "TSV").data;
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
  return v;
}

double engine_memory_mb(store::Chdb& db) {
  const std::string v =
      scalar(db, "SELECT value FROM system.metrics WHERE metric = 'MemoryTracking'");
  return v.empty() ? 0 : std::stod(v) / (1024.0 * 1024.0);
}

uint64_t committed_rows(store::Chdb& db, std::string_view database) {
  const std::string v = scalar(
      db,
      fmt::format("SELECT sum(rows) FROM system.parts WHERE database = '{}' AND active", database));
  return v.empty() ? 0 : std::stoull(v);
}

void fresh_warehouse(store::Chdb& db) {
  db.query("DROP DATABASE IF EXISTS livepeer_analytics SYNC");
  store::apply_schema(executor(db), *store::Retention::parse("none"));
}

std::optional<sinks::SinkFormat> parse_format(const std::string& f) {
  if (f == "rowbinary") return sinks::SinkFormat::kRowBinaryStream;
  if (f == "rowbinary-query") return sinks::SinkFormat::kRowBinaryQuery;
  if (f == "jsoneachrow") return sinks::SinkFormat::kJsonEachRow;
  if (f == "native") return sinks::SinkFormat::kNative;
  if (f == "arrow") return sinks::SinkFormat::kArrow;
  return std::nullopt;
}

// (3), (4) and the sink comparison: file -> pipeline -> sink -> fresh store.
int bench_e2e(const Args& a, bool use_format_sink) {
  const uint64_t bytes = file_size(a.input);
  fs::remove_all(a.store);
  auto db = store::open_store(a.store);
  // As `naap run`: a second connection, so two inserts run at once.
  auto db2 = use_format_sink ? nullptr : store::open_store(a.store);
  const auto format = parse_format(a.format);
  if (!format) throw std::runtime_error("unknown --format " + a.format);
  std::vector<double> secs, cpus, inserts, encodes;
  runtime::RunSummary summary;
  std::vector<uint32_t> lat;
  double steady = 0, peak = 0, engine_mb = 0;
  uint64_t committed = 0, sent_bytes = 0;
  for (int i = 0; i < a.repeat; ++i) {
    fresh_warehouse(*db);
    lat.clear();
    lat.reserve(1 << 20);
    std::unique_ptr<sinks::Sink> sink;
    sinks::FormatSink* fsink = nullptr;
    if (use_format_sink) {
      auto s = std::make_unique<sinks::FormatSink>(*db, *format, a.settings);
      fsink = s.get();
      sink = std::move(s);
    }
    std::unique_ptr<sinks::ChdbSink> writer1, writer2;
    if (!use_format_sink) {
      // As `naap run`: the inserts on two worker threads, one connection each
      // (the sink comparison times each insert itself, so it keeps them inline).
      writer1 = std::make_unique<sinks::ChdbSink>(*db);
      writer2 = std::make_unique<sinks::ChdbSink>(*db2);
      sink = std::make_unique<sinks::AsyncSink>(
          std::vector<sinks::Sink*>{writer1.get(), writer2.get()});
    }
    RssSampler rss;
    const double c0 = process_cpu_s();
    const auto t0 = Clock::now();
    summary = feed(a, *sink, &lat);
    secs.push_back(seconds_since(t0));
    cpus.push_back(process_cpu_s() - c0);
    steady = rss.steady();
    peak = std::max(peak, rss.peak());
    if (fsink) {
      inserts.push_back(std::chrono::duration<double>(fsink->times().insert).count());
      encodes.push_back(std::chrono::duration<double>(fsink->times().encode).count());
      sent_bytes = fsink->times().encoded_bytes;
    }
    committed = committed_rows(*db, "livepeer_analytics");
    engine_mb = engine_memory_mb(*db);
  }
  Record r(a.label.empty() ? (use_format_sink ? "sink" : "e2e") : a.label);
  throughput(r, summary.lines_read, bytes, {median(secs), median(cpus)});
  r.set("rows", total_rows(summary)).set("committed_rows", committed);
  uint64_t row_bytes = 0;
  for (const auto& [_, t] : summary.rows_by_table) row_bytes += t.bytes;
  r.set("row_bytes", row_bytes);
  uint64_t batches = 0;
  for (const auto& [_, t] : summary.rows_by_table) batches += t.batches;
  r.set("batches", batches)
      .set("accepted", summary.accepted())
      .set("dlq", summary.dlq())
      .set("quarantined", summary.quarantined());
  if (use_format_sink) {
    r.set("format", std::string(sinks::sink_format_name(*format)) +
                        (a.settings.empty() ? "" : " (" + a.settings + ")"))
        .set("insert_s", median(inserts))
        .set("encode_s", median(encodes))
        .set("sent_bytes", sent_bytes);
  }
  r.set("batch_rows", pipeline_config(a).batch.max_rows)
      .set("batch_mb", pipeline_config(a).batch.max_bytes >> 20)
      .set("batch_total_mb", pipeline_config(a).batch.max_total_bytes >> 20)
      .set("p50_us", percentile_us(lat, 50))
      .set("p99_us", percentile_us(lat, 99))
      .set("steady_rss_mb", steady)
      .set("peak_rss_mb", std::max(peak, peak_rss_mb()))
      .set("engine_mem_mb", engine_mb)
      .set("repeat", a.repeat);
  r.print();
  return 0;
}

// ---------------------------------------------------------------- (b), (c)

std::string read_text(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Streams the file's bytes into one INSERT, in line-aligned chunks, through
// the engine's streaming-insert API (as ChdbSink does with its batches).
double stream_file(store::Chdb& db, const std::string& head, const std::string& format,
                   const std::string& path) {
  std::string a0 = "naap_bench", a1 = "--path=" + db.path();
  char* argv[] = {a0.data(), a1.data()};
  chdb_connection* conn = chdb_connect(2, argv);
  if (!conn || !*conn) throw std::runtime_error("cannot open a second connection");
  const auto t0 = Clock::now();
  chdb_insert_stream s =
      chdb_stream_insert_n(*conn, head.data(), head.size(), format.data(), format.size());
  if (!s) throw std::runtime_error("stream insert: no stream");
  if (const char* e = chdb_stream_insert_error(s); e && *e) throw std::runtime_error(e);
  std::ifstream f(path, std::ios::binary);
  std::string buf(8u << 20, '\0'), carry;
  while (f) {
    f.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const size_t n = static_cast<size_t>(f.gcount());
    if (n == 0) break;
    std::string chunk = carry;
    chunk.append(buf.data(), n);
    const size_t cut = chunk.rfind('\n');
    if (cut == std::string::npos) {
      carry = std::move(chunk);
      continue;
    }
    carry = chunk.substr(cut + 1);
    if (chdb_stream_append(s, chunk.data(), cut + 1) != CHDBSuccess) {
      const char* e = chdb_stream_insert_error(s);
      throw std::runtime_error(e && *e ? e : "stream append failed");
    }
  }
  if (!carry.empty() && chdb_stream_append(s, carry.data(), carry.size()) != CHDBSuccess) {
    throw std::runtime_error("stream append failed");
  }
  chdb_result* res = chdb_stream_done(s);
  std::string err;
  if (!res)
    err = "stream done: no result";
  else if (const char* e = chdb_result_error(res); e && *e)
    err = e;
  if (res) chdb_destroy_query_result(res);
  chdb_destroy_insert_stream(s);
  const double secs = seconds_since(t0);
  chdb_close_conn(conn);
  if (!err.empty()) throw std::runtime_error(err);
  return secs;
}

void run_sql_file(store::Chdb& db, const std::string& path) {
  for (const auto& stmt : store::split_statements(read_text(path))) db.query(stmt);
}

int bench_baseline(const Args& a, char which) {
  const uint64_t bytes = file_size(a.input);
  const std::string sql_dir = std::string(NAAP_SOURCE_DIR) + "/bench/sql/";
  fs::remove_all(a.store);
  auto db = store::open_store(a.store);
  struct Variant {
    std::string name, database, head, format;
  };
  std::vector<Variant> variants;
  if (which == 'b') {
    variants.push_back({"baseline_b", "bench_b", "INSERT INTO bench_b.kafka", "LineAsString"});
  } else {
    variants.push_back(
        {"baseline_c", "bench_c", "INSERT INTO bench_c.lines (line)", "LineAsString"});
  }
  for (const auto& v : variants) {
    std::vector<double> secs, cpus;
    uint64_t committed = 0;
    double steady = 0, engine_mb = 0;
    for (int i = 0; i < a.repeat; ++i) {
      db->query("DROP DATABASE IF EXISTS " + v.database + " SYNC");
      run_sql_file(*db, sql_dir + (which == 'b' ? "baseline_b.sql" : "baseline_c.sql"));
      RssSampler rss;
      const double c0 = process_cpu_s();
      secs.push_back(stream_file(*db, v.head, v.format, a.input));
      cpus.push_back(process_cpu_s() - c0);
      steady = rss.steady();
      committed = committed_rows(*db, v.database);
      engine_mb = engine_memory_mb(*db);
    }
    uint64_t events = 0;
    {
      sources::LineReader reader(a.input);
      sources::Line line;
      while (reader.next(line)) ++events;
    }
    Record r(v.name);
    throughput(r, events, bytes, {median(secs), median(cpus)});
    r.set("committed_rows", committed)
        .set("steady_rss_mb", steady)
        .set("peak_rss_mb", peak_rss_mb())
        .set("engine_mem_mb", engine_mb)
        .set("repeat", a.repeat);
    r.print();
  }
  return 0;
}

#endif  // NAAP_BENCH_NO_ENGINE

// ---------------------------------------------------------------- report

struct Row {
  std::string name;
  std::map<std::string, std::string> f;
  double num(const std::string& k) const {
    auto it = f.find(k);
    return it == f.end() || it->second.empty() ? 0 : std::stod(it->second);
  }
  std::string str(const std::string& k) const {
    auto it = f.find(k);
    return it == f.end() ? "" : it->second;
  }
};

std::string human(double v) {
  if (v >= 1e6) return fmt::format("{:.2f}M", v / 1e6);
  if (v >= 1e4) return fmt::format("{:.1f}k", v / 1e3);
  if (v >= 1e3) return fmt::format("{:.2f}k", v / 1e3);
  return fmt::format("{:.0f}", v);
}

int cmd_report(const Args& a) {
  std::ifstream f(a.bench);
  if (!f) throw std::runtime_error("cannot read " + a.bench);
  std::vector<Row> rows;
  std::string line;
  while (std::getline(f, line)) {
    if (!line.starts_with("RESULT\t")) continue;
    std::vector<std::string> parts;
    size_t p = 0;
    while (true) {
      const size_t t = line.find('\t', p);
      parts.push_back(line.substr(p, t == std::string::npos ? std::string::npos : t - p));
      if (t == std::string::npos) break;
      p = t + 1;
    }
    Row r;
    r.name = parts[1];
    for (size_t i = 2; i < parts.size(); ++i) {
      const size_t eq = parts[i].find('=');
      if (eq != std::string::npos) r.f[parts[i].substr(0, eq)] = parts[i].substr(eq + 1);
    }
    rows.push_back(std::move(r));
  }
  auto find = [&](const std::string& name, const std::string& input = "") -> const Row* {
    for (const auto& r : rows) {
      if (r.name == name && (input.empty() || r.str("input") == input)) return &r;
    }
    return nullptr;
  };

  // Workloads.
  fmt::print("Workloads (bench/workload.cpp, seeded):\n");
  for (const auto& r : rows) {
    if (r.name != "workload") continue;
    const double ev = r.num("events");
    fmt::print(
        "  {:<7} {:>9} events {:>8.1f} MB {:>7} sessions, concurrency {}, {:.1f} days of event "
        "time;"
        " capability broadcasts {:.2f}% of events, {:.0f}% of bytes; garbage {:.1f}%, duplicates "
        "{:.1f}%\n",
        r.str("label"), human(ev), r.num("bytes") / 1e6, human(r.num("sessions")),
        r.str("concurrency"), r.num("days"), 100 * r.num("caps") / ev,
        100 * r.num("cap_bytes") / r.num("bytes"), 100 * r.num("garbage") / ev,
        100 * r.num("duplicates") / ev);
  }

  // Main table per workload: "short" (production mix), "nocaps" (the same
  // without capability broadcasts).
  auto ratio = [](const Row* x, const Row* base) -> std::string {
    if (!x || !base || base->num("eps") == 0) return "-";
    return fmt::format("{:.2f}x", x->num("eps") / base->num("eps"));
  };
  const std::pair<const char*, const char*> order[] = {
      {"simdjson", "(a) simdjson parse only (ceiling)"},
      {"gate", "1. decode + quality gate"},
      {"lifecycle", "2. decode + gate + lifecycle, null sink"},
      {"e2e", "3. end to end into the embedded store"},
      {"baseline_b", "(b) ClickHouse: raw + JSONExtract MVs"},
      {"baseline_c", "(c) ClickHouse: lines into one raw table"},
  };
  for (const std::string in : {"short", "nocaps"}) {
    const Row* A = find("simdjson", in);
    const Row* B = find("baseline_b", in);
    const Row* C = find("baseline_c", in);
    if (!A && !B && !C) continue;
    fmt::print(
        "\n| workload '{}' | events/s | MB/s | events/s/core | p50 us | p99 us | peak RSS MB | "
        "rows written | vs (a) | vs (b) | vs (c) |\n",
        in);
    fmt::print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const auto& [name, title] : order) {
      const Row* r = find(name, in);
      if (!r) continue;
      auto lat = [&](const char* k) {
        return r->f.count(k) ? fmt::format("{:.1f}", r->num(k)) : std::string("-");
      };
      const double written =
          r->num("committed_rows") > 0 ? r->num("committed_rows") : r->num("rows");
      fmt::print("| {} | {} | {:.1f} | {} | {} | {} | {:.0f} | {} | {} | {} | {} |\n", title,
                 human(r->num("eps")), r->num("mbps"), human(r->num("eps_core")), lat("p50_us"),
                 lat("p99_us"), r->num("peak_rss_mb"),
                 written > 0 ? human(written) : std::string("-"), ratio(r, A), ratio(r, B),
                 ratio(r, C));
    }
  }
  const std::string in = "short";
  const Row* B = find("baseline_b", in);
  const Row* C = find("baseline_c", in);

  // Month replay.
  const Row* M = find("month");
  const Row* MC = find("baseline_c", "month");
  const Row* ML = find("month_naap_only");
  if (M) {
    fmt::print(
        "\n4. month replay ('{}': {} events): {:.1f} s ({} events/s, {:.0f} MB/s, {:.2f} CPU-s per "
        "wall-s); "
        "{} rows committed; RSS steady {:.0f} MB / peak {:.0f} MB (engine MemoryTracking {:.0f} "
        "MB)",
        M->str("input"), human(M->num("events")), M->num("seconds"), human(M->num("eps")),
        M->num("mbps"), M->num("cpu_s") / M->num("seconds"), human(M->num("committed_rows")),
        M->num("steady_rss_mb"), M->num("peak_rss_mb"), M->num("engine_mem_mb"));
    if (MC) fmt::print("; (c) on the same bytes {:.1f} s", MC->num("seconds"));
    fmt::print("\n");
    if (ML) {
      fmt::print(
          "   naap alone on the same input (benchmark 2, no engine): {:.1f} s, RSS steady {:.0f} "
          "MB / peak {:.0f} MB\n",
          ML->num("seconds"), ML->num("steady_rss_mb"), ML->num("peak_rss_mb"));
    }
  }

  // Sink formats and batch sizes.
  bool header = false;
  for (const auto& r : rows) {
    if (r.name != "sink") continue;
    if (!header) {
      fmt::print("\nSink formats and batch limits (benchmark 3 on '{}', same batches):\n",
                 r.str("input"));
      fmt::print(
          "| sink | batch limit | end to end s | in engine s | re-encode s | events/s | bytes sent "
          "MB |\n");
      fmt::print("|---|---|---:|---:|---:|---:|---:|\n");
      header = true;
    }
    if (!r.str("error").empty()) {
      fmt::print("| {} | {} rows / {} MB | failed: {} | | | | |\n", r.str("format"),
                 human(r.num("batch_rows")), r.str("batch_mb"), r.str("error"));
      continue;
    }
    fmt::print("| {} | {} rows / {} MB | {:.2f} | {:.2f} | {:.2f} | {} | {:.0f} |\n",
               r.str("format"), human(r.num("batch_rows")), r.str("batch_mb"), r.num("seconds"),
               r.num("insert_s"), r.num("encode_s"), human(r.num("eps")),
               r.num("sent_bytes") / 1e6);
  }

  // Targets.
  const Row* L = find("lifecycle", in);
  const Row* E = find("e2e", in);
  fmt::print("\nTargets (issue 5):\n");
  auto verdict = [](bool ok) { return ok ? "met" : "MISSED"; };
  if (L) {
    fmt::print("  decode+lifecycle >= 500k events/s on one core: {} events/s per core -> {}\n",
               human(L->num("eps_core")), verdict(L->num("eps_core") >= 500e3));
  }
  if (E && B) {
    const double x = E->num("eps") / B->num("eps");
    fmt::print("  end to end >= 2x (b): {:.2f}x -> {}\n", x, verdict(x >= 2));
  }
  if (E && C) {
    const double x = E->num("eps") / C->num("eps");
    fmt::print("  end to end >= 0.5x (c): {:.2f}x -> {}\n", x, verdict(x >= 0.5));
  }
  if (M) {
    const bool full = M->num("events") >= 1.4e6;
    fmt::print(
        "  month replay < 30 s on 2 cores: {:.1f} s for {} events{} -> {}\n", M->num("seconds"),
        human(M->num("events")),
        full ? ""
             : fmt::format(" (short version; x{:.1f} = {:.0f} s projected for 1.5M)",
                           1.5e6 / M->num("events"), M->num("seconds") * 1.5e6 / M->num("events")),
        full ? verdict(M->num("seconds") < 30)
             : (M->num("seconds") * 1.5e6 / M->num("events") < 30 ? "met (projected)"
                                                                  : "MISSED (projected)"));
    if (ML) {
      fmt::print(
          "  steady-state RSS < 200 MB beside the engine's caches: naap alone {:.0f} MB steady; "
          "with the engine {:.0f} MB"
          " of which engine-tracked {:.0f} MB -> {}\n",
          ML->num("steady_rss_mb"), M->num("steady_rss_mb"), M->num("engine_mem_mb"),
          verdict(ML->num("steady_rss_mb") < 200));
    }
  }
  return 0;
}

#ifndef NAAP_BENCH_NO_ENGINE
int cmd_dump(const Args& a) {
  auto db = store::open_store(a.store);
  const std::string db_name = "livepeer_analytics";
  const std::string tables =
      db->query(fmt::format("SELECT name, engine FROM system.tables WHERE database = '{}' AND "
                            "engine NOT IN ('View', 'MaterializedView') ORDER BY name",
                            db_name),
                "TSV")
          .data;
  if (!a.out.empty()) fs::create_directories(a.out);
  std::istringstream names(tables);
  for (std::string line; std::getline(names, line);) {
    if (line.empty()) continue;
    const std::string t = line.substr(0, line.find('\t'));
    const std::string engine = line.substr(line.find('\t') + 1);
    const bool merging = engine != "MergeTree" && engine.find("MergeTree") != std::string::npos;
    const std::string cols_tsv =
        db->query(fmt::format("SELECT name, type FROM system.columns WHERE database = '{}' AND "
                              "table = '{}' AND "
                              "name != 'ingestion_timestamp' AND default_kind NOT IN ('ALIAS', "
                              "'EPHEMERAL') ORDER BY position",
                              db_name, t),
                  "TSV")
            .data;
    std::string cols;
    std::istringstream cs(cols_tsv);
    // Reject rows without a source record timestamp take the wall clock
    // (QualityGate's now_ms), and their event_date follows it.
    const bool wall_clock_source = cols_tsv.find("source_record_timestamp\t") != std::string::npos;
    for (std::string c; std::getline(cs, c);) {
      if (c.empty()) continue;
      const std::string name = c.substr(0, c.find('\t'));
      const std::string type = c.substr(c.find('\t') + 1);
      if (wall_clock_source && (name == "source_record_timestamp" || name == "event_date"))
        continue;
      if (!cols.empty()) cols += ", ";
      if (type.starts_with("AggregateFunction(")) {
        cols += "finalizeAggregation(`" + name + "`)";
      } else {
        cols += "`" + name + "`";
      }
    }
    const std::string from = fmt::format("{}.`{}`{}", db_name, t, merging ? " FINAL" : "");
    std::string fp =
        db->query(fmt::format("SELECT count(), sum(cityHash64(toString(tuple({})))) FROM {}", cols,
                              from),
                  "TSV")
            .data;
    while (!fp.empty() && fp.back() == '\n') fp.pop_back();
    fmt::print("{}\t{}\n", t, fp);
    if (!a.out.empty()) {
      std::ofstream f(fs::path(a.out) / (t + ".tsv"), std::ios::binary);
      f << db->query(fmt::format("SELECT {} FROM {} ORDER BY {}", cols, from, cols), "TSV").data;
    }
  }
  return 0;
}
#endif

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args a = parse_args(argc, argv);
    if (a.cmd == "gen") return cmd_gen(a);
    if (a.cmd == "report") return cmd_report(a);
#ifndef NAAP_BENCH_NO_ENGINE
    if (a.cmd == "dump") return cmd_dump(a);
#endif
    if (a.cmd != "run") throw std::runtime_error("unknown command " + a.cmd);
    if (a.input.empty()) throw std::runtime_error("run: --input FILE is required");
    sources::detach_stdin();
    g_input = fs::path(a.input).stem().string();
    const std::string& b = a.bench;
    if (b == "simdjson") return bench_simdjson(a);
    if (b == "gate") return bench_gate(a);
    if (b == "lifecycle") return bench_lifecycle(a);
#ifndef NAAP_BENCH_NO_ENGINE
    if (b == "e2e") return bench_e2e(a, false);
    if (b == "sink") {
      try {
        return bench_e2e(a, true);
      } catch (const std::exception& e) {
        // A format that fails is a result too (e.g. binary data inlined in
        // the query text): record it and let the run go on.
        std::string msg = e.what();
        for (auto& c : msg) {
          if (c == '\t' || c == '\n') c = ' ';
        }
        Record r("sink");
        const auto f = parse_format(a.format);
        r.set("input", g_input)
            .set("format", f ? std::string(sinks::sink_format_name(*f)) : a.format)
            .set("batch_rows", pipeline_config(a).batch.max_rows)
            .set("batch_mb", pipeline_config(a).batch.max_bytes >> 20)
            .set("error", msg.substr(0, 160));
        r.print();
        return 0;
      }
    }
    if (b == "baseline_b") return bench_baseline(a, 'b');
    if (b == "baseline_c") return bench_baseline(a, 'c');
#endif
    throw std::runtime_error("unknown benchmark " + b);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "naap_bench: %s\n", e.what());
    return 1;
  }
}
