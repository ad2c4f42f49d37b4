// Every line of the real fixture files (spec README item 10) decodes without
// a crash into the expected typed table. The older snapshots also hold the
// reference's own typed rows: naap's decoded values must equal them (their
// DateTime64 values are 5 hours late, README item 10).
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "ingest/quality_gate.hpp"
#include "test_support.hpp"

namespace naap::ingest {
namespace {

using testing::kNow;
using testing::test_source;

constexpr EpochMs kFiveHours = 5LL * 60 * 60 * 1000;

std::vector<std::filesystem::path> fixture_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(NAAP_FIXTURES_DIR)) {
    if (e.is_regular_file() && e.path().extension() == ".jsonl") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// "2026-02-24T22:48:04.396000+00:00" -> "2026-02-24 22:48:04.396"
std::string fixture_time(JsonRef v) {
  std::string s = text_or_empty(v);
  if (s.size() < 23) return s;
  s[10] = ' ';
  return s.substr(0, 23);
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

EpochMs fixture_ms(JsonRef v) {
  const std::string s = text_or_empty(v);
  auto num = [&](size_t pos, size_t len) { return std::stoll(s.substr(pos, len)); };
  const int64_t days = days_from_civil(num(0, 4), static_cast<unsigned>(num(5, 2)),
                                       static_cast<unsigned>(num(8, 2)));
  return ((days * 24 + num(11, 2)) * 60 + num(14, 2)) * 60000 + num(17, 2) * 1000 + num(20, 3);
}

std::optional<int64_t> opt_int(JsonRef v) {
  return v.missing_or_null() ? std::nullopt : lenient_int(v);
}

template <typename T>
std::optional<int64_t> widen(const std::optional<T>& v) {
  return v ? std::optional<int64_t>(static_cast<int64_t>(*v)) : std::nullopt;
}

OptStr opt_text(JsonRef v) {
  if (v.missing_or_null()) return std::nullopt;
  return text_or_empty(v);
}

void expect_float(float ours, JsonRef reference, const std::string& what) {
  const double want = lenient_float(reference);
  EXPECT_NEAR(ours, want, 1e-3 + std::fabs(want) * 1e-6) << what;
}

struct Counts {
  std::map<std::string, int> lines;
  int malformed = 0;
};

void check_status(const GateOutcome& o, JsonRef ref, const std::string& where) {
  ASSERT_EQ(o.rows.status.size(), 1u) << where;
  const AiStreamStatusRow& r = o.rows.status[0];
  EXPECT_EQ(format_utc_ms(r.event_timestamp + kFiveHours), fixture_time(ref["event_timestamp"]))
      << where;
  EXPECT_EQ(r.stream_id, text_or_empty(ref["stream_id"])) << where;
  EXPECT_EQ(r.request_id, text_or_empty(ref["request_id"])) << where;
  EXPECT_EQ(r.gateway, text_or_empty(ref["gateway"])) << where;
  EXPECT_EQ(r.orchestrator_address, text_or_empty(ref["orchestrator_address"])) << where;
  EXPECT_EQ(r.orchestrator_url, text_or_empty(ref["orchestrator_url"])) << where;
  EXPECT_EQ(r.pipeline, text_or_empty(ref["pipeline"])) << where;
  expect_float(r.output_fps, ref["output_fps"], where + " output_fps");
  expect_float(r.input_fps, ref["input_fps"], where + " input_fps");
  EXPECT_EQ(r.state, text_or_empty(ref["state"])) << where;
  EXPECT_EQ(r.restart_count, lenient_int(ref["restart_count"]).value_or(-1)) << where;
  EXPECT_EQ(r.last_error, opt_text(ref["last_error"])) << where;
  if (ref["last_error_time"].missing_or_null()) {
    EXPECT_FALSE(r.last_error_time.has_value()) << where;
  } else {
    ASSERT_TRUE(r.last_error_time.has_value()) << where;
    EXPECT_EQ(format_utc_ms(*r.last_error_time + kFiveHours), fixture_time(ref["last_error_time"]));
  }
  EXPECT_EQ(r.prompt_text, opt_text(ref["prompt_text"])) << where;
  EXPECT_EQ(r.prompt_width, lenient_int(ref["prompt_width"]).value_or(-1)) << where;
  EXPECT_EQ(r.prompt_height, lenient_int(ref["prompt_height"]).value_or(-1)) << where;
  EXPECT_EQ(r.params_hash, text_or_empty(ref["params_hash"])) << where;
  EXPECT_EQ(format_utc_ms(r.start_time.value_or(0) + kFiveHours), fixture_time(ref["start_time"]))
      << where;
}

void check_trace(const GateOutcome& o, JsonRef ref, const std::string& where) {
  ASSERT_EQ(o.rows.trace.size(), 1u) << where;
  const StreamTraceRow& r = o.rows.trace[0];
  EXPECT_EQ(format_utc_ms(r.event_timestamp + kFiveHours), fixture_time(ref["event_timestamp"]))
      << where;
  EXPECT_EQ(r.stream_id, text_or_empty(ref["stream_id"])) << where;
  EXPECT_EQ(r.request_id, text_or_empty(ref["request_id"])) << where;
  EXPECT_EQ(r.orchestrator_address, text_or_empty(ref["orchestrator_address"])) << where;
  EXPECT_EQ(r.orchestrator_url, text_or_empty(ref["orchestrator_url"])) << where;
  EXPECT_EQ(r.trace_type, text_or_empty(ref["trace_type"])) << where;
  EXPECT_EQ(format_utc_ms(r.data_timestamp + kFiveHours), fixture_time(ref["data_timestamp"]))
      << where;
}

void check_ai_event(const GateOutcome& o, JsonRef ref, const std::string& where) {
  ASSERT_EQ(o.rows.ai_events.size(), 1u) << where;
  const AiStreamEventRow& r = o.rows.ai_events[0];
  EXPECT_EQ(format_utc_ms(r.event_timestamp + kFiveHours), fixture_time(ref["event_timestamp"]))
      << where;
  EXPECT_EQ(r.stream_id, text_or_empty(ref["stream_id"])) << where;
  EXPECT_EQ(r.request_id, text_or_empty(ref["request_id"])) << where;
  EXPECT_EQ(r.pipeline, text_or_empty(ref["pipeline"])) << where;
  EXPECT_EQ(r.event_type, text_or_empty(ref["event_type"])) << where;
  EXPECT_EQ(r.message, text_or_empty(ref["message"])) << where;
  EXPECT_EQ(r.capability, text_or_empty(ref["capability"])) << where;
}

void check_ingest(const GateOutcome& o, JsonRef ref, const std::string& where) {
  ASSERT_EQ(o.rows.ingest_metrics.size(), 1u) << where;
  EXPECT_EQ(o.rows.ingest_metrics[0].stream_id, text_or_empty(ref["stream_id"])) << where;
}

// An older-format capability row: rebuild its one-entry envelope (timestamp
// corrected by 5 h) and compare the snapshot row of the same GPU.
void check_capability(JsonRef ref, const std::string& where) {
  std::string line = R"({"id":)";
  append_json_string(line, text_or_empty(ref["source_event_id"]));
  line += R"(,"type":"network_capabilities","timestamp":)";
  line += std::to_string(fixture_ms(ref["event_timestamp"]) - kFiveHours);
  line += R"(,"gateway":"","data":[)";
  line += text_or_empty(ref["raw_json"]);
  line += "]}";
  QualityGate gate;
  const GateOutcome& o = gate.process(line, test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted) << where;
  ASSERT_EQ(o.dlq.size(), 0u) << where;
  const NetworkCapabilityRow* row = nullptr;
  for (const NetworkCapabilityRow& r : o.rows.capabilities) {
    if (r.gpu_id == opt_text(ref["gpu_id"]) && r.model_id == text_or_empty(ref["model_id"]) &&
        r.pipeline == text_or_empty(ref["pipeline"])) {
      row = &r;
    }
  }
  ASSERT_NE(row, nullptr) << where;
  const NetworkCapabilityRow& r = *row;
  EXPECT_EQ(format_utc_ms(r.event_timestamp + kFiveHours), fixture_time(ref["event_timestamp"]))
      << where;
  EXPECT_EQ(r.source_event_id, text_or_empty(ref["source_event_id"])) << where;
  EXPECT_EQ(r.orchestrator_address, text_or_empty(ref["orchestrator_address"])) << where;
  EXPECT_EQ(r.local_address, text_or_empty(ref["local_address"])) << where;
  EXPECT_EQ(r.orch_uri, text_or_empty(ref["orch_uri"])) << where;
  EXPECT_EQ(r.gpu_name, opt_text(ref["gpu_name"])) << where;
  EXPECT_EQ(widen(r.gpu_memory_total), opt_int(ref["gpu_memory_total"])) << where;
  EXPECT_EQ(widen(r.gpu_memory_free), opt_int(ref["gpu_memory_free"])) << where;
  EXPECT_EQ(widen(r.gpu_major), opt_int(ref["gpu_major"])) << where;
  EXPECT_EQ(widen(r.gpu_minor), opt_int(ref["gpu_minor"])) << where;
  EXPECT_EQ(widen(r.capability_id), opt_int(ref["capability_id"])) << where;
  EXPECT_EQ(r.capability_name, opt_text(ref["capability_name"])) << where;
  EXPECT_EQ(r.capability_group, opt_text(ref["capability_group"])) << where;
  EXPECT_EQ(r.capability_catalog_version, opt_text(ref["capability_catalog_version"])) << where;
  EXPECT_EQ(r.runner_version, opt_text(ref["runner_version"])) << where;
  EXPECT_EQ(widen(r.capacity), opt_int(ref["capacity"])) << where;
  EXPECT_EQ(widen(r.capacity_in_use), opt_int(ref["capacity_in_use"])) << where;
  EXPECT_EQ(widen(r.warm), opt_int(ref["warm"])) << where;
  EXPECT_EQ(widen(r.price_per_unit), opt_int(ref["price_per_unit"])) << where;
  EXPECT_EQ(widen(r.pixels_per_unit), opt_int(ref["pixels_per_unit"])) << where;
  EXPECT_EQ(r.orchestrator_version, text_or_empty(ref["orchestrator_version"])) << where;
  // The element's compact JSON is byte-identical to the reference's (Jackson) raw_json.
  EXPECT_EQ(r.raw_json, text_or_empty(ref["raw_json"])) << where;
}

// Independent count of §2.9.1 snapshot rows.
size_t expected_snapshot_rows(JsonRef data) {
  size_t n = 0;
  if (!data.is_array()) return 0;
  for (auto orch : data.array()) {
    const JsonRef hw = JsonRef(orch)["hardware"];
    if (!hw.is_array()) continue;
    for (auto h : hw.array()) {
      const JsonRef gpus = JsonRef(h)["gpu_info"];
      const size_t g = gpus.is_object() ? gpus.object().size() : 0;
      n += g > 0 ? g : 1;
    }
  }
  return n;
}

// A newer-format raw archive row: rebuild the envelope and decode it.
void check_raw_archive_row(JsonRef ref, const std::string& where, Counts& counts) {
  const std::string type = text_or_empty(ref["type"]);
  const std::string data_text = text_or_empty(ref["data"]);
  std::string line = R"({"id":)";
  append_json_string(line, text_or_empty(ref["id"]));
  line += R"(,"type":)";
  append_json_string(line, type);
  line += R"(,"timestamp":)" + text_or_empty(ref["timestamp"]) + R"(,"gateway":)";
  append_json_string(line, text_or_empty(ref["gateway"]));
  line += R"(,"data":)" + data_text + "}";
  QualityGate gate;
  const GateOutcome& o = gate.process(line, test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted) << where;
  ASSERT_EQ(o.dlq.size(), 0u) << where;
  EXPECT_EQ(o.raw.id, text_or_empty(ref["id"])) << where;
  EXPECT_EQ(o.raw.type, type) << where;
  EXPECT_EQ(std::to_string(o.raw.timestamp), text_or_empty(ref["timestamp"])) << where;
  EXPECT_EQ(o.raw.gateway, text_or_empty(ref["gateway"])) << where;
  // Compact input comes back byte-identical, except where the producer (Go)
  // escaped characters that Jackson writes as they are ("\u003e" for '>').
  if (data_text.find("\\u00") == std::string::npos) {
    EXPECT_EQ(o.raw.data, data_text) << where;
  } else {
    EXPECT_NE(o.raw.data.find("->"), std::string::npos) << where;
    EXPECT_EQ(o.raw.data.find("\\u003e"), std::string::npos) << where;
  }
  EXPECT_EQ(o.encoded_for(TableId::kStreamingEvents).rows, 1u) << where;
  ++counts.lines["raw:" + type];
  if (type == "ai_stream_status") {
    EXPECT_EQ(o.rows.status.size(), 1u) << where;
    EXPECT_EQ(o.rows.row_count(), 1u) << where;
  } else if (type == "stream_trace") {
    EXPECT_EQ(o.rows.trace.size(), 1u) << where;
    EXPECT_EQ(o.rows.row_count(), 1u) << where;
  } else if (type == "ai_stream_events") {
    EXPECT_EQ(o.rows.ai_events.size(), 1u) << where;
    EXPECT_EQ(o.rows.row_count(), 1u) << where;
  } else if (type == "network_capabilities") {
    simdjson::dom::parser p;
    simdjson::dom::element data;
    ASSERT_EQ(p.parse(data_text).get(data), simdjson::SUCCESS);
    EXPECT_EQ(o.rows.capabilities.size(), expected_snapshot_rows(JsonRef(data))) << where;
    EXPECT_GT(o.rows.capabilities.size(), 0u) << where;
    EXPECT_GT(o.rows.capabilities_advertised.size(), 0u) << where;
    EXPECT_EQ(o.encoded_for(TableId::kNetworkCapabilities).rows, o.rows.capabilities.size());
  } else {
    ADD_FAILURE() << "unexpected type " << type << " at " << where;
  }
}

TEST(Fixtures, EveryLineDecodes) {
  const auto files = fixture_files();
  ASSERT_GE(files.size(), 40u);
  Counts counts;
  simdjson::dom::parser parser;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::string text;
    int line_no = 0;
    while (std::getline(in, text)) {
      ++line_no;
      const std::string where = file.filename().string() + ":" + std::to_string(line_no);
      simdjson::dom::element el;
      if (parser.parse(text).get(el) != simdjson::SUCCESS) {
        ++counts.malformed;  // a fixture reader reports and skips such a line
        // The gate itself never crashes on it.
        QualityGate gate;
        EXPECT_EQ(gate.process(text, test_source(), kNow).disposition, Disposition::kRejected);
        continue;
      }
      const JsonRef ref(el);
      const std::string table = text_or_empty(ref["__table"]);
      if (table == "streaming_events") {
        check_raw_archive_row(ref, where, counts);
        continue;
      }
      if (table == "network_capabilities") {
        check_capability(ref, where);
        ++counts.lines[table];
        continue;
      }
      if (table != "ai_stream_status" && table != "stream_trace_events" &&
          table != "ai_stream_events" && table != "stream_ingest_metrics") {
        continue;
      }
      ++counts.lines[table];
      QualityGate gate;
      const std::string raw = text_or_empty(ref["raw_json"]);
      const GateOutcome& o = gate.process(raw, test_source(line_no), kNow);
      ASSERT_EQ(o.disposition, Disposition::kAccepted) << where;
      ASSERT_EQ(o.dlq.size(), 0u) << where;
      EXPECT_EQ(o.encoded_for(TableId::kStreamingEvents).rows, 1u);
      if (table == "ai_stream_status") check_status(o, ref, where);
      if (table == "stream_trace_events") check_trace(o, ref, where);
      if (table == "ai_stream_events") check_ai_event(o, ref, where);
      if (table == "stream_ingest_metrics") check_ingest(o, ref, where);
      EXPECT_EQ(o.rows.row_count(), 1u) << where;
    }
  }
  EXPECT_EQ(counts.malformed, 1);  // line 15 of ..._ebeb78b7.jsonl
  EXPECT_EQ(counts.lines["ai_stream_status"], 75);
  EXPECT_EQ(counts.lines["stream_trace_events"], 201);
  EXPECT_EQ(counts.lines["ai_stream_events"], 70);
  EXPECT_EQ(counts.lines["network_capabilities"], 56);
  EXPECT_EQ(counts.lines["raw:stream_trace"], 66);
  EXPECT_EQ(counts.lines["raw:ai_stream_events"], 26);
  EXPECT_EQ(counts.lines["raw:ai_stream_status"], 24);
  EXPECT_EQ(counts.lines["raw:network_capabilities"], 18);
}

}  // namespace
}  // namespace naap::ingest
