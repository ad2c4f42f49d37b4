// Fact row structs: every visited value matches its column's ClickHouse type,
// and RowBinary bytes are exactly what ClickHouse expects.
#include "lifecycle/fact_rows.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <type_traits>

namespace naap::lifecycle {
namespace {

template <typename T>
std::string_view expected_type_class() {
  if constexpr (std::is_same_v<T, std::string>) return "string";
  if constexpr (std::is_same_v<T, OptStr>) return "Nullable(String)";
  if constexpr (std::is_same_v<T, EpochMs>) return "DateTime64(3, 'UTC')";
  if constexpr (std::is_same_v<T, OptTs>) return "Nullable(DateTime64(3, 'UTC'))";
  if constexpr (std::is_same_v<T, std::optional<double>>) return "Nullable(Float64)";
  if constexpr (std::is_same_v<T, float>) return "Float32";
  if constexpr (std::is_same_v<T, uint8_t>) return "UInt8";
  if constexpr (std::is_same_v<T, uint16_t>) return "UInt16";
  if constexpr (std::is_same_v<T, uint32_t>) return "UInt32";
  if constexpr (std::is_same_v<T, uint64_t>) return "UInt64";
  return "?";
}

template <typename Row>
void check_types() {
  Row row;
  size_t i = 0;
  row.visit([&](const auto& v) {
    using T = std::decay_t<decltype(v)>;
    ASSERT_LT(i, Row::kColumns.size()) << Row::kTable;
    const Column& c = Row::kColumns[i];
    const std::string_view want = expected_type_class<T>();
    if (want == "string") {
      EXPECT_TRUE(c.type == "String" || c.type == "LowCardinality(String)")
          << Row::kTable << "." << c.name << " is " << c.type;
    } else {
      EXPECT_EQ(c.type, want) << Row::kTable << "." << c.name;
    }
    ++i;
  });
  EXPECT_EQ(i, Row::kColumns.size()) << Row::kTable;
}

TEST(FactRows, VisitedTypesMatchColumnTypes) {
  check_types<FactStreamStatusSampleRow>();
  check_types<FactStreamTraceEdgeRow>();
  check_types<FactWorkflowSessionRow>();
  check_types<FactWorkflowSessionSegmentRow>();
  check_types<FactWorkflowParamUpdateRow>();
  check_types<FactLifecycleEdgeCoverageRow>();
  check_types<FactWorkflowLatencySampleRow>();
}

TEST(FactRows, ColumnCountsAndTables) {
  EXPECT_EQ(FactStreamStatusSampleRow::kColumns.size(), 18u);
  EXPECT_EQ(FactStreamTraceEdgeRow::kColumns.size(), 14u);
  EXPECT_EQ(FactWorkflowSessionRow::kColumns.size(), 43u);
  EXPECT_EQ(FactWorkflowSessionSegmentRow::kColumns.size(), 18u);
  EXPECT_EQ(FactWorkflowParamUpdateRow::kColumns.size(), 16u);
  EXPECT_EQ(FactLifecycleEdgeCoverageRow::kColumns.size(), 17u);
  EXPECT_EQ(FactWorkflowLatencySampleRow::kColumns.size(), 18u);
  EXPECT_EQ(FactWorkflowSessionRow::kTable, "fact_workflow_sessions");
  EXPECT_EQ(FactWorkflowSessionRow::kColumns.back().name, "source_last_event_uid");
  EXPECT_EQ(FactStreamStatusSampleRow::kColumns[14].name, "is_attributed");
}

// Independent byte builder (little-endian, LEB128 lengths).
struct Bytes {
  std::string b;
  Bytes& u8(uint8_t v) {
    b.push_back(static_cast<char>(v));
    return *this;
  }
  template <typename T>
  Bytes& le(T v) {
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));
    b.append(buf, sizeof(T));
    return *this;
  }
  Bytes& s(std::string_view v) {
    u8(static_cast<uint8_t>(v.size()));  // all test strings < 128 bytes
    b.append(v);
    return *this;
  }
};

TEST(FactRows, TraceEdgeRowBinaryBytes) {
  FactStreamTraceEdgeRow r;
  r.edge_ts = 1'771'000'000'123;
  r.workflow_session_id = "s|r";
  r.stream_id = "s";
  r.request_id = "r";
  r.gateway = "gw";
  r.orchestrator_address = "0xc";
  r.orchestrator_url = "";
  r.pipeline = "p";
  r.model_id = std::nullopt;
  r.trace_type = "orchestrator_swap";
  r.trace_category = "orchestrator";
  r.is_swap_event = 1;
  r.is_attributed = 0;
  r.source_event_uid = "uid";
  std::string out;
  RowBinaryWriter w(out);
  r.encode(w);
  Bytes want;
  want.le<int64_t>(1'771'000'000'123).s("s|r").s("s").s("r").s("gw").s("0xc").s("").s("p");
  want.u8(1);  // NULL model_id
  want.s("orchestrator_swap").s("orchestrator").u8(1).u8(0).s("uid");
  EXPECT_EQ(out, want.b);
}

TEST(FactRows, SegmentRowBinaryBytes) {
  FactWorkflowSessionSegmentRow r;
  r.workflow_session_id = "k";
  r.segment_index = 258;
  r.segment_start_ts = -5;
  r.segment_end_ts = 7;
  r.gateway = "";
  r.pipeline = "";
  r.orchestrator_address = "0xa";
  r.orchestrator_url = "";
  r.gpu_id = "g";
  r.model_id = std::nullopt;
  r.gpu_attribution_method = "nearest_prior_snapshot";
  r.gpu_attribution_confidence = 0.9f;
  r.reason = "initial";
  r.source_trace_type = "";
  r.source_event_uid = "e";
  r.version = 3;
  std::string out;
  RowBinaryWriter w(out);
  r.encode(w);
  Bytes want;
  want.s("k").le<uint16_t>(258).le<int64_t>(-5).u8(0).le<int64_t>(7).s("").s("").s("0xa").s("");
  want.u8(0).s("");   // worker_id: "" (not NULL)
  want.u8(0).s("g");  // gpu_id
  want.u8(1);         // model_id NULL
  want.u8(1);         // region NULL
  want.s("nearest_prior_snapshot").le<float>(0.9f).s("initial").s("").s("e").le<uint64_t>(3);
  EXPECT_EQ(out, want.b);
}

TEST(FactRows, LatencyRowBinaryBytes) {
  FactWorkflowLatencySampleRow r;
  r.sample_ts = 1000;
  r.prompt_to_first_frame_ms = 200.0;
  r.has_prompt_to_first_frame = 1;
  r.version = 9;
  r.source_event_uid = "not-a-column";
  std::string out;
  RowBinaryWriter w(out);
  r.encode(w);
  Bytes want;
  want.le<int64_t>(1000).s("").s("").s("").s("").s("").s("");
  want.u8(1).u8(1).u8(1);                    // model, gpu, region NULL
  want.u8(0).le<double>(200.0).u8(1).u8(1);  // ptff 200, startup NULL, e2e NULL
  want.u8(1).u8(0).u8(0).s("v1").le<uint64_t>(9);
  EXPECT_EQ(out, want.b);
}

TEST(FactRows, DebugString) {
  FactLifecycleEdgeCoverageRow r;
  r.signal_ts = 5;
  r.workflow_session_id = "k";
  const std::string d = debug_string(r);
  EXPECT_EQ(d.substr(0, 36), "signal_ts=5, workflow_session_id=\"k\"");
  EXPECT_NE(d.find("version=0"), std::string::npos);
}

}  // namespace
}  // namespace naap::lifecycle
