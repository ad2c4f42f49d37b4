// QualityGate::encode_into: rows encoded straight into caller-owned buffers
// (the pipeline's open batches) are byte for byte the rows the gate encodes
// into its own per-event buffers, appended after whatever the buffers held.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/json_document.hpp"
#include "ingest/quality_gate.hpp"
#include "test_support.hpp"

namespace naap::ingest {
namespace {

using testing::kNow;
using testing::test_source;

// A varied corpus: every line of the fixture files (typed rows of the
// reference, most of them rejected by the gate), the original events they
// carry in raw_json (accepted, duplicated when repeated), and hand-made
// events: capability broadcasts, garbage, an oversized payload.
std::vector<std::string> corpus() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(NAAP_FIXTURES_DIR)) {
    if (e.is_regular_file() && e.path().extension() == ".jsonl") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> lines;
  JsonDocumentParser parser;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    for (std::string line; std::getline(in, line);) {
      lines.push_back(line);
      const auto doc = parser.parse(line);
      if (doc.status != JsonDocumentParser::Status::kOk) continue;
      const JsonRef raw = JsonRef(doc.root)["raw_json"];
      if (raw.is_string()) lines.emplace_back(raw.string());
    }
  }
  const std::string orch =
      R"({"address":"0xAB","local_address":"0xCD","orch_uri":"https://o:1","capabilities":{"capacities":{"0":1,"35":2,"x":3},)"
      R"("version":"0.9","constraints":{"PerCapability":{"35":{"models":{"m1":{"warm":true,"capacity":1}}}}}},)"
      R"("capabilities_prices":[{"capability":35,"constraint":"m1","pricePerUnit":7,"pixelsPerUnit":1}],)"
      R"("hardware":[{"pipeline":"p","model_id":"m1","gpu_info":{"0":{"id":"GPU-1","name":"n","major":8}}}]})";
  lines.push_back(
      R"({"id":"caps-1","type":"network_capabilities","timestamp":1771000000000,"data":[)" + orch +
      "," + orch + R"(,null,{},5]})");
  lines.push_back(
      R"({"id":"caps-2","type":"network_capabilities","timestamp":1771000000001,"data":)" + orch +
      "}");
  lines.push_back(R"({"type":"network_capabilities","timestamp":1771000000002,"data":[]})");
  lines.push_back("not json at all");
  lines.push_back("");
  lines.push_back(
      R"({"id":"caps-1","type":"network_capabilities","timestamp":1771000000000,"data":[]})");
  lines.push_back(
      R"({"id":"big","type":"stream_trace","timestamp":1771000000003,"data":{"stream_id":"s","request_id":"r","type":"gateway_receive_stream_request","pad":")" +
      std::string(5000, 'x') + R"("}})");
  lines.push_back(
      R"({"id":"d1","type":"discovery_results","timestamp":1771000000004,"data":[{"address":"A","latency_ms":3},null,5]})");
  return lines;
}

void expect_same_encoding(const GateConfig& config) {
  const std::vector<std::string> lines = corpus();
  ASSERT_GT(lines.size(), 500u);
  QualityGate own(config), external(config);
  std::array<std::string, kTableCount> buffers;
  EncodeTargets targets{};
  for (size_t t = 0; t < kTableCount; ++t) {
    buffers[t] = "header-" + std::to_string(t);  // what an open batch starts with
    targets[t] = &buffers[t];
  }
  external.encode_into(targets);
  std::array<std::string, kTableCount> expected;
  for (size_t t = 0; t < kTableCount; ++t) expected[t] = buffers[t];
  size_t n = 0, rows = 0;
  for (const std::string& line : lines) {
    const SourcePointer src = test_source(++n);
    const GateOutcome& a = own.process(line, src, kNow);
    std::array<size_t, kTableCount> before;
    for (size_t t = 0; t < kTableCount; ++t) before[t] = buffers[t].size();
    const GateOutcome& b = external.process(line, src, kNow);
    ASSERT_EQ(a.disposition, b.disposition) << line;
    for (size_t t = 0; t < kTableCount; ++t) {
      const std::string_view appended = std::string_view(buffers[t]).substr(before[t]);
      EXPECT_EQ(a.encoded[t].bytes, appended) << "table " << t << ": " << line;
      EXPECT_EQ(a.encoded[t].rows, b.encoded[t].rows) << "table " << t << ": " << line;
      EXPECT_EQ(a.encoded[t].size, a.encoded[t].bytes.size());
      EXPECT_EQ(b.encoded[t].size, appended.size());
      EXPECT_TRUE(b.encoded[t].bytes.empty());
      expected[t] += a.encoded[t].bytes;
      rows += a.encoded[t].rows;
    }
  }
  for (size_t t = 0; t < kTableCount; ++t) EXPECT_EQ(buffers[t], expected[t]) << "table " << t;
  EXPECT_GT(rows, lines.size());
}

TEST(EncodeInto, SameBytesAsTheGatesOwnBuffers) { expect_same_encoding(GateConfig{}); }

// With a small row limit the row guard and the shrinking of reject rows
// (which rewrite what they appended) run often.
TEST(EncodeInto, SameBytesWithTheRowGuardAndRejectShrinking) {
  GateConfig c;
  c.max_record_bytes = 700;
  expect_same_encoding(c);
}

// Back to the gate's own buffers for tables without a target.
TEST(EncodeInto, NullTargetsKeepTheOutcomesBuffers) {
  QualityGate gate;
  std::string raw;
  EncodeTargets targets{};
  targets[static_cast<size_t>(TableId::kStreamingEvents)] = &raw;
  gate.encode_into(targets);
  const GateOutcome& o = gate.process(
      R"({"id":"e1","type":"stream_trace","timestamp":1771000000000,"data":{"stream_id":"s","request_id":"r","type":"t"}})",
      test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_FALSE(raw.empty());
  EXPECT_TRUE(o.encoded_for(TableId::kStreamingEvents).bytes.empty());
  EXPECT_EQ(o.encoded_for(TableId::kStreamingEvents).size, raw.size());
  EXPECT_EQ(o.encoded_for(TableId::kStreamTraceEvents).rows, 1u);
  EXPECT_EQ(o.encoded_for(TableId::kStreamTraceEvents).size,
            o.encoded_for(TableId::kStreamTraceEvents).bytes.size());
  EXPECT_FALSE(o.encoded_for(TableId::kStreamTraceEvents).bytes.empty());
}

}  // namespace
}  // namespace naap::ingest
