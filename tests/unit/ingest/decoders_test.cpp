// Per-type decoders (events-and-ingest §2): P1-P6, U5, every column of every
// typed table, and the encoded RowBinary.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/capability_catalog.hpp"
#include "ingest/quality_gate.hpp"
#include "test_support.hpp"

namespace naap::ingest {
namespace {

using testing::kNow;
using testing::RowBinaryReader;
using testing::test_source;

// ---- fixtures of §6.2, written inline ---------------------------------------

const std::string kStatusExample =
    R"({"id":"ae6f98da-5418-43cd-80d5-8d9a9521bb22","type":"ai_stream_status","timestamp":"1770062064713","gateway":"",)"
    R"("data":{"inference_status":{"fps":23.58,"last_error":"Error updating params: boom","last_error_time":1770057341425,"last_params":{"height":512,"width":512,"prompt":"a cat"},"last_params_hash":"f2f41bce75e30de92f8c308a6722859b","restart_count":3},)"
    R"("input_status":{"fps":24.08,"last_input_time":1770062064697},)"
    R"("orchestrator_info":{"address":"0xCDF93b13efcf63f84f2affb01bec48a5c096c69e ","url":"https://rtv.nullworks.xyz:9924"},)"
    R"("pipeline":"streamdiffusion-sdxl","pipeline_id":"","request_id":"e66dd3fd","start_time":1770062024704,"state":"ONLINE",)"
    R"("stream_id":"stream-0h8yoh-ml5l86hk","timestamp":1770062064705,"type":"status"}})";

const std::string kTraceExample =
    R"({"id":"fb543250-7376-4de4-9541-42319b83e109","type":"stream_trace","timestamp":"1770062787846","gateway":"gw",)"
    R"("data":{"orchestrator_info":{"address":"","url":""},"pipeline_id":"","request_id":"56bc6b29","stream_id":"stream-qkqf2m-ml5lojrb",)"
    R"("timestamp":1770062787846,"type":"gateway_receive_stream_request"}})";

const std::string kAiEventExample =
    R"({"id":"63ff1bc9-acca-4808-97d3-066f8d210cbd","type":"ai_stream_events","timestamp":"1768483619196","gateway":"g2",)"
    R"("data":{"capability":"","message":"whip disconnected","pipeline":"streamdiffusion-sdxl-faceid","pipeline_id":"",)"
    R"("request_id":"5291f1cf","stream_id":"stream-3hc4ok-mkfh9jxs","type":"error"}})";

const std::string kIngestExample =
    R"({"id":"29c7f69a-d8d5-4ba4-9bbe-e52d4b53ccea","type":"stream_ingest_metrics","timestamp":"1768483618943","gateway":"",)"
    R"("data":{"pipeline_id":"","request_id":"5291f1cf","stream_id":"stream-3hc4ok-mkfh9jxs","timestamp":1768483618943,)"
    R"("stats":{"conn_quality":"good","peer_conn_stats":{"ID":"iceTransport","BytesReceived":66040673,"BytesSent":272347},)"
    R"("track_stats":[{"type":"video","jitter":8.667,"packets_lost":0,"packets_received":56264,"packet_loss_pct":0,"rtt":0,"last_input_ts":369.708,"last_output_ts":0,"latency":0},)"
    R"({"type":"audio","jitter":20.265,"packets_lost":3,"packets_received":18496,"packet_loss_pct":0.5,"rtt":12,"last_input_ts":369.72,"last_output_ts":0,"latency":7}]}}})";

const std::string kDiscoveryExample =
    R"({"id":"8e1a4b12-57e5-41aa-bcf3-20ec51353656","type":"discovery_results","timestamp":"1770062024627","gateway":"",)"
    R"("data":[{"address":"0xcdf93b13efcf63f84f2affb01bec48a5c096c69e","latency_ms":"84","url":"https://rtv.nullworks.xyz:9924"},)"
    R"({"address":"0xEDD45674825cd5a27c4c645014f37b9e402fdcbe","latency_ms":"119","url":"https://ai.nightnode.net:8888"}]})";

const std::string kPaymentExample =
    R"({"id":"a3361e98-29b7-4f0e-8caa-34bd0c23c386","type":"create_new_payment","timestamp":"1768483061892","gateway":"",)"
    R"("data":{"capability":"","clientIP":"","faceValue":"2416800000000000 WEI","manifestID":"35_streamdiffusion-sdxl-faceid","numTickets":"2",)"
    R"("orchestrator":"https://rtav-orch2.xodeapp.xyz:28935","price":"1505.712 wei/pixel","recipient":"0xd00354656922168815Fcd1e51CBddB9e359e3C7F",)"
    R"("requestID":"499ae98f","sender":"0x5aE4E42dB3671370a0c25AfF451E7482aAEc3D0B","sessionID":"223403ff","winProb":"0.0009930487"}})";

std::string capacities16() {
  std::string s = "{";
  const char* keys[] = {"0", "1", "2",  "3",  "4",  "5",  "6",  "7",
                        "8", "9", "10", "11", "12", "14", "26", "35"};
  for (size_t i = 0; i < 16; ++i) s += std::string(i ? "," : "") + "\"" + keys[i] + "\":1";
  return s + "}";
}

std::string gpu(std::string_view id, std::string_view name) {
  return R"({"0":{"id":")" + std::string(id) + R"(","name":")" + std::string(name) +
         R"(","major":8,"minor":9,"memory_free":25176571904,"memory_total":25757220864}})";
}

std::string orchestrator(std::string_view address, std::string_view uri, std::string_view model,
                         int price, std::string_view config, int hardware_entries,
                         std::string_view gpu_name) {
  std::string hw = "[";
  for (int i = 0; i < hardware_entries; ++i) {
    hw += std::string(i ? "," : "") + R"({"pipeline":"live-video-to-video","model_id":")" +
          std::string(model) + R"(","gpu_info":)" +
          gpu("GPU-" + std::string(address.substr(2, 6)) + "-" + std::to_string(i), gpu_name) + "}";
  }
  hw += "]";
  return R"({"address":")" + std::string(address) +
         R"(","local_address":"0xcdF93B13EFCf63f84f2afFB01BeC48A5c096C69E","orch_uri":")" +
         std::string(uri) + R"(","capabilities":{"bitstring":[34426871807],"capacities":)" +
         capacities16() +
         R"(,"version":"0.8.8","constraints":{"PerCapability":{"35":{"models":{")" +
         std::string(model) + R"(":)" + std::string(config) +
         R"(}}}}},"capabilities_prices":[{"pricePerUnit":)" + std::to_string(price) +
         R"(,"pixelsPerUnit":1,"capability":35,"constraint":")" + std::string(model) +
         R"("}],"hardware":)" + hw + "}";
}

// net_caps.json: 4 orchestrators with 2, 1, 1 and 1 hardware entries.
std::string net_caps_event() {
  return R"({"id":"bcca7b6c-e09e-4567-a34a-2c4f5200a8e8","type":"network_capabilities","timestamp":"1770063008615","gateway":"","data":[)" +
         orchestrator("0x9D61ae5875E89036FBf6059f3116d01a22ACe3C8",
                      "https://rtv.nullworks.xyz:9924", "streamdiffusion-sdxl", 2149,
                      R"({"warm":true,"runnerVersion":"0.14.1","capacityInUse":2})", 2,
                      "NVIDIA GeForce RTX 4090") +
         "," +
         orchestrator("0x1111111111111111111111111111111111111111", "https://b:1",
                      "streamdiffusion-sdxl-faceid", 2425,
                      R"({"warm":false,"runnerVersion":"0.14.1","capacity":1})", 1,
                      "NVIDIA GeForce RTX 5090") +
         "," +
         orchestrator("0x2222222222222222222222222222222222222222", "https://c:1",
                      "streamdiffusion-sdxl-v2v", 2704, R"({"warm":true,"capacity":4})", 1,
                      "NVIDIA GeForce RTX 5090") +
         "," +
         orchestrator("0x3333333333333333333333333333333333333333", "https://d:1",
                      "streamdiffusion-sdxl", 1000, R"({"warm":1,"capacity":2,"capacityInUse":1})",
                      1, "NVIDIA RTX A6000") +
         "]}";
}

// net_caps_prod_parse_failed_20260224.json, reduced to its shapes: most
// orchestrators have hardware and prices null; an unknown capability 37 with
// three LLM prices, one without pricePerUnit; a config with capacityInUse but
// no capacity; GPUs without minor.
const std::string kProdNetCaps =
    R"({"id":"a0b048eb-cb94-4639-8f9f-f283a22a154d","type":"network_capabilities","timestamp":"1771936670203","gateway":"","data":[)"
    R"({"address":"0x2cC8AeC211Fdc372c0F7E4d1add1675733381328","local_address":"0x2cC8AeC211Fdc372c0F7E4d1add1675733381328","orch_uri":"https://livebit.ca:8935",)"
    R"("capabilities":{"bitstring":[94487339007],"capacities":{"0":1,"1":1,"36":1},"version":"0.8.8","constraints":{"minVersion":"0.8.8"}},"capabilities_prices":null,"hardware":null},)"
    R"({"address":"0xAAAA000000000000000000000000000000000001","local_address":"0xaaaa000000000000000000000000000000000002","orch_uri":"https://llm:8935",)"
    R"("capabilities":{"capacities":{"37":1,"35":1},"version":"0.8.9","constraints":{"PerCapability":{"37":{"models":{"meta-llama/Meta-Llama-3.1-8B-Instruct":{"warm":true,"capacityInUse":0,"runnerVersion":"0.14.0"}}},"35":{"models":{"streamdiffusion":{"warm":false,"capacity":1}}}}}},)"
    R"("capabilities_prices":[{"pricePerUnit":10,"pixelsPerUnit":1,"capability":37,"constraint":"meta-llama/Meta-Llama-3.1-8B-Instruct"},)"
    R"({"pixelsPerUnit":1,"capability":37,"constraint":"other-llm"},{"pricePerUnit":30,"pixelsPerUnit":1,"capability":37,"constraint":"third-llm"}],)"
    R"("hardware":[{"pipeline":"llm","model_id":"meta-llama/Meta-Llama-3.1-8B-Instruct","gpu_info":{"0":{"id":"GPU-a","name":"NVIDIA GeForce RTX 5090","major":12,"memory_free":1,"memory_total":34190917632},"1":{"id":"GPU-b","name":"NVIDIA GeForce RTX 5090","major":12,"memory_free":2,"memory_total":34190917632}}}]},)"
    R"(null,{}]})";

const GateOutcome& run(QualityGate& gate, std::string_view line) {
  const GateOutcome& o = gate.process(line, test_source(), kNow);
  EXPECT_EQ(o.disposition, Disposition::kAccepted) << line;
  EXPECT_EQ(o.dlq.size(), 0u) << (o.dlq.empty() ? "" : o.dlq[0].failure_details);
  return o;
}

// ---- P1-P6 ------------------------------------------------------------------

TEST(Decoders, P1P2P3NetCapsFanOut) {
  QualityGate gate;
  const std::string line = net_caps_event();
  const GateOutcome& o = run(gate, line);
  ASSERT_EQ(o.rows.capabilities.size(), 5u);
  EXPECT_EQ(o.rows.capabilities_advertised.size(), 64u);
  EXPECT_EQ(o.rows.capability_model_constraints.size(), 4u);
  EXPECT_EQ(o.rows.capability_prices.size(), 4u);
  EXPECT_EQ(o.encoded_for(TableId::kNetworkCapabilities).rows, 5u);
  EXPECT_EQ(o.encoded_for(TableId::kNetworkCapabilitiesAdvertised).rows, 64u);
  EXPECT_EQ(o.encoded_for(TableId::kNetworkCapabilitiesModelConstraints).rows, 4u);
  EXPECT_EQ(o.encoded_for(TableId::kNetworkCapabilitiesPrices).rows, 4u);

  // P1: the first orchestrator's two snapshot rows.
  for (int i = 0; i < 2; ++i) {
    const NetworkCapabilityRow& r = o.rows.capabilities[i];
    EXPECT_EQ(r.orchestrator_address, "0x9d61ae5875e89036fbf6059f3116d01a22ace3c8");
    EXPECT_EQ(r.local_address, "0xcdf93b13efcf63f84f2affb01bec48a5c096c69e");
    EXPECT_EQ(r.orch_uri, "https://rtv.nullworks.xyz:9924");
    EXPECT_EQ(r.source_event_id, "bcca7b6c-e09e-4567-a34a-2c4f5200a8e8");
    EXPECT_EQ(r.raw_event_uid, "bcca7b6c-e09e-4567-a34a-2c4f5200a8e8");
    EXPECT_EQ(r.event_timestamp, 1770063008615);
    EXPECT_EQ(r.gpu_id, "GPU-9D61ae-" + std::to_string(i));
    EXPECT_EQ(r.gpu_name, "NVIDIA GeForce RTX 4090");
    EXPECT_EQ(r.gpu_memory_total, 25757220864u);
    EXPECT_EQ(r.gpu_memory_free, 25176571904u);
    EXPECT_EQ(r.gpu_major, 8);
    EXPECT_EQ(r.gpu_minor, 9);
    EXPECT_EQ(r.pipeline, "live-video-to-video");
    EXPECT_EQ(r.model_id, "streamdiffusion-sdxl");
    EXPECT_EQ(r.capability_id, 35);
    EXPECT_EQ(r.capability_name, "Live video to video");
    EXPECT_EQ(r.capability_group, "live-video");
    EXPECT_EQ(r.capability_catalog_version, "v1");
    EXPECT_EQ(r.runner_version, "0.14.1");
    EXPECT_FALSE(r.capacity.has_value());
    EXPECT_EQ(r.capacity_in_use, 2);
    EXPECT_EQ(r.warm, 1);
    EXPECT_EQ(r.price_per_unit, 2149u);
    EXPECT_EQ(r.pixels_per_unit, 1u);
    EXPECT_EQ(r.orchestrator_version, "0.8.8");
    EXPECT_EQ(r.raw_json.rfind(R"({"address":"0x9D61ae5875E89036FBf6059f3116d01a22ACe3C8",)", 0),
              0u);
  }
  EXPECT_EQ(o.rows.capabilities[2].warm, 0);
  EXPECT_EQ(o.rows.capabilities[2].capacity, 1);
  EXPECT_EQ(o.rows.capabilities[2].price_per_unit, 2425u);
  EXPECT_EQ(o.rows.capabilities[4].gpu_name, "NVIDIA RTX A6000");
  EXPECT_EQ(o.rows.capabilities[4].warm, 1);  // a number works as well

  // P2: advertised, in document order, catalog-resolved.
  const auto& adv = o.rows.capabilities_advertised;
  EXPECT_EQ(adv[0].capability_id, 0);
  EXPECT_EQ(adv[0].capability_name, "H.264");
  EXPECT_EQ(adv[0].capability_group, "transcoding");
  EXPECT_EQ(adv[0].capability_catalog_version, "v1");
  EXPECT_EQ(adv[0].capacity, 1);
  EXPECT_EQ(adv[4].capability_name, "Storage direct");
  EXPECT_EQ(adv[4].capability_group, "storage");
  EXPECT_EQ(adv[15].capability_id, 35);
  EXPECT_EQ(adv[15].capability_name, "Live video to video");
  EXPECT_EQ(adv[15].capability_group, "live-video");
  EXPECT_EQ(adv[15].orchestrator_address, "0x9d61ae5875e89036fbf6059f3116d01a22ace3c8");
  EXPECT_EQ(adv[16].orchestrator_address, "0x1111111111111111111111111111111111111111");
  EXPECT_EQ(adv[15].raw_json, o.rows.capabilities[0].raw_json);

  // P3: model constraints and prices.
  const auto& mc = o.rows.capability_model_constraints;
  EXPECT_EQ(mc[0].model_id, "streamdiffusion-sdxl");
  EXPECT_EQ(mc[0].capability_id, 35);
  EXPECT_EQ(mc[0].capability_name, "Live video to video");
  EXPECT_EQ(mc[0].runner_version, "0.14.1");
  EXPECT_FALSE(mc[0].capacity.has_value());
  EXPECT_EQ(mc[0].capacity_in_use, 2);
  EXPECT_EQ(mc[0].warm, 1);
  EXPECT_EQ(mc[1].model_id, "streamdiffusion-sdxl-faceid");
  EXPECT_EQ(mc[1].warm, 0);
  EXPECT_FALSE(mc[2].runner_version.has_value());
  const auto& pr = o.rows.capability_prices;
  EXPECT_EQ(pr[0].price_per_unit, 2149);
  EXPECT_EQ(pr[0].pixels_per_unit, 1);
  EXPECT_EQ(pr[0].capability_id, 35);
  EXPECT_EQ(pr[0].constraint_name, "streamdiffusion-sdxl");
  EXPECT_EQ(pr[3].price_per_unit, 1000);
}

TEST(Decoders, P4DiscoveryResults) {
  QualityGate gate;
  const GateOutcome& o = run(gate, kDiscoveryExample);
  ASSERT_EQ(o.rows.discovery.size(), 2u);
  const DiscoveryResultRow& a = o.rows.discovery[0];
  const DiscoveryResultRow& b = o.rows.discovery[1];
  EXPECT_EQ(a.latency_ms, 84u);
  EXPECT_EQ(b.latency_ms, 119u);
  EXPECT_EQ(a.orchestrator_address, "0xcdf93b13efcf63f84f2affb01bec48a5c096c69e");
  EXPECT_EQ(b.orchestrator_address,
            "0xEDD45674825cd5a27c4c645014f37b9e402fdcbe");  // not lower-cased
  EXPECT_EQ(a.orchestrator_url, "https://rtv.nullworks.xyz:9924");
  EXPECT_EQ(
      a.raw_json,
      R"({"address":"0xcdf93b13efcf63f84f2affb01bec48a5c096c69e","latency_ms":"84","url":"https://rtv.nullworks.xyz:9924"})");
  EXPECT_EQ(a.event_timestamp, 1770062024627);
  EXPECT_EQ(b.event_timestamp, 1770062024627);
  EXPECT_EQ(a.raw_event_uid, "8e1a4b12-57e5-41aa-bcf3-20ec51353656");
  // Encoded columns: event_timestamp, raw_event_uid, orchestrator_address, orchestrator_url,
  // latency_ms, raw_json.
  RowBinaryReader r(o.encoded_for(TableId::kDiscoveryResults).bytes);
  EXPECT_EQ(r.i64(), 1770062024627);
  EXPECT_EQ(r.str(), "8e1a4b12-57e5-41aa-bcf3-20ec51353656");
  EXPECT_EQ(r.str(), a.orchestrator_address);
  EXPECT_EQ(r.str(), a.orchestrator_url);
  EXPECT_EQ(r.u32(), 84u);
  EXPECT_EQ(r.str(), a.raw_json);
  r.i64();
  r.str();
  r.str();
  r.str();
  EXPECT_EQ(r.u32(), 119u);
  r.str();
  EXPECT_TRUE(r.done());
}

TEST(Decoders, P5AiStreamStatus) {
  QualityGate gate;
  const GateOutcome& o = run(gate, kStatusExample);
  ASSERT_EQ(o.rows.status.size(), 1u);
  const AiStreamStatusRow& s = o.rows.status[0];
  EXPECT_EQ(s.event_timestamp, 1770062064713);
  EXPECT_EQ(s.raw_event_uid, "ae6f98da-5418-43cd-80d5-8d9a9521bb22");
  EXPECT_EQ(s.event_id, "ae6f98da-5418-43cd-80d5-8d9a9521bb22");
  EXPECT_EQ(s.stream_id, "stream-0h8yoh-ml5l86hk");
  EXPECT_EQ(s.request_id, "e66dd3fd");
  EXPECT_EQ(s.gateway, "");
  EXPECT_EQ(s.orchestrator_address, "0xcdf93b13efcf63f84f2affb01bec48a5c096c69e");
  EXPECT_EQ(s.orchestrator_url, "https://rtv.nullworks.xyz:9924");
  EXPECT_EQ(s.pipeline, "streamdiffusion-sdxl");
  EXPECT_FLOAT_EQ(s.output_fps, 23.58f);
  EXPECT_FLOAT_EQ(s.input_fps, 24.08f);
  EXPECT_EQ(s.state, "ONLINE");
  EXPECT_EQ(s.restart_count, 3u);
  EXPECT_EQ(s.last_error, "Error updating params: boom");
  EXPECT_EQ(s.last_error_time, 1770057341425);
  EXPECT_EQ(s.prompt_text, "a cat");
  EXPECT_EQ(s.prompt_width, 512);
  EXPECT_EQ(s.prompt_height, 512);
  EXPECT_EQ(s.params_hash, "f2f41bce75e30de92f8c308a6722859b");
  EXPECT_EQ(s.start_time, 1770062024704);
  EXPECT_EQ(s.raw_json, kStatusExample);

  RowBinaryReader r(o.encoded_for(TableId::kAiStreamStatus).bytes);
  EXPECT_EQ(r.i64(), 1770062064713);
  EXPECT_EQ(r.str(), "ae6f98da-5418-43cd-80d5-8d9a9521bb22");
  EXPECT_EQ(r.str(), "stream-0h8yoh-ml5l86hk");
  EXPECT_EQ(r.str(), "e66dd3fd");
  EXPECT_EQ(r.str(), "");
  EXPECT_EQ(r.str(), "0xcdf93b13efcf63f84f2affb01bec48a5c096c69e");
  EXPECT_EQ(r.str(), "https://rtv.nullworks.xyz:9924");
  EXPECT_EQ(r.str(), "streamdiffusion-sdxl");
  EXPECT_FLOAT_EQ(r.f32(), 23.58f);
  EXPECT_FLOAT_EQ(r.f32(), 24.08f);
  EXPECT_EQ(r.str(), "ONLINE");
  EXPECT_EQ(r.u32(), 3u);
  EXPECT_EQ(r.nstr(), "Error updating params: boom");
  EXPECT_EQ(r.ni64(), 1770057341425);
  EXPECT_EQ(r.nstr(), "a cat");
  EXPECT_EQ(r.u16(), 512);
  EXPECT_EQ(r.u16(), 512);
  EXPECT_EQ(r.str(), "f2f41bce75e30de92f8c308a6722859b");
  EXPECT_EQ(r.i64(), 1770062024704);
  EXPECT_EQ(r.str(), kStatusExample);
  EXPECT_TRUE(r.done());
  EXPECT_EQ(AiStreamStatusRow::kColumns.size(), 20u);
}

TEST(Decoders, P6ProductionNetCapsShapes) {
  QualityGate gate;
  const GateOutcome& o = run(gate, kProdNetCaps);
  EXPECT_EQ(o.event.event_id, "a0b048eb-cb94-4639-8f9f-f283a22a154d");
  // Snapshot: only the LLM orchestrator has hardware: 1 entry x 2 GPUs.
  ASSERT_EQ(o.rows.capabilities.size(), 2u);
  for (const NetworkCapabilityRow& r : o.rows.capabilities) {
    EXPECT_EQ(r.orchestrator_address, "0xaaaa000000000000000000000000000000000001");
    EXPECT_EQ(r.model_id, "meta-llama/Meta-Llama-3.1-8B-Instruct");
    EXPECT_EQ(r.pipeline, "llm");
    EXPECT_EQ(r.capability_id, 37);
    EXPECT_EQ(r.capability_name, "unknown");
    EXPECT_EQ(r.capability_group, "unknown");
    EXPECT_FALSE(r.capacity.has_value());
    EXPECT_EQ(r.capacity_in_use, 0);
    EXPECT_EQ(r.warm, 1);
    EXPECT_EQ(r.runner_version, "0.14.0");
    EXPECT_EQ(r.price_per_unit, 10u);
    EXPECT_EQ(r.gpu_major, 12);
    EXPECT_FALSE(r.gpu_minor.has_value());
    EXPECT_EQ(r.orchestrator_version, "0.8.9");
  }
  EXPECT_EQ(o.rows.capabilities[0].gpu_id, "GPU-a");
  EXPECT_EQ(o.rows.capabilities[1].gpu_id, "GPU-b");
  EXPECT_EQ(o.rows.capabilities[1].gpu_memory_free, 2u);
  // Advertised: 3 + 2 rows (hardware: null still advertises).
  ASSERT_EQ(o.rows.capabilities_advertised.size(), 5u);
  EXPECT_EQ(o.rows.capabilities_advertised[0].orchestrator_address,
            "0x2cc8aec211fdc372c0f7e4d1add1675733381328");
  EXPECT_EQ(o.rows.capabilities_advertised[2].capability_name, "Text to speech");
  EXPECT_EQ(o.rows.capabilities_advertised[3].capability_id, 37);
  EXPECT_EQ(o.rows.capabilities_advertised[3].capability_name, "unknown");
  // Constraints: the first orchestrator has no PerCapability.
  ASSERT_EQ(o.rows.capability_model_constraints.size(), 2u);
  EXPECT_EQ(o.rows.capability_model_constraints[0].capability_id, 37);
  EXPECT_FALSE(o.rows.capability_model_constraints[0].capacity.has_value());
  EXPECT_EQ(o.rows.capability_model_constraints[0].capacity_in_use, 0);
  EXPECT_EQ(o.rows.capability_model_constraints[1].model_id, "streamdiffusion");
  EXPECT_EQ(o.rows.capability_model_constraints[1].capacity, 1);
  EXPECT_EQ(o.rows.capability_model_constraints[1].warm, 0);
  // Prices: capabilities_prices null gives none; a price without pricePerUnit is NULL.
  ASSERT_EQ(o.rows.capability_prices.size(), 3u);
  EXPECT_EQ(o.rows.capability_prices[0].price_per_unit, 10);
  EXPECT_FALSE(o.rows.capability_prices[1].price_per_unit.has_value());
  EXPECT_EQ(o.rows.capability_prices[1].constraint_name, "other-llm");
  EXPECT_EQ(o.rows.capability_prices[2].price_per_unit, 30);
  EXPECT_EQ(o.rows.capability_prices[2].capability_name, "unknown");
}

TEST(Decoders, U5CapabilityCatalog) {
  const CapabilityInfo live = resolve_capability(35);
  EXPECT_EQ(live.id, 35);
  EXPECT_EQ(live.name, "Live video to video");
  EXPECT_EQ(live.group, "live-video");
  const CapabilityInfo unknown = resolve_capability(9999);
  EXPECT_EQ(unknown.id, 9999);
  EXPECT_EQ(unknown.name, "unknown");
  EXPECT_EQ(unknown.group, "unknown");
  const CapabilityInfo null_id = resolve_capability(std::nullopt);
  EXPECT_EQ(null_id.id, -1);
  EXPECT_EQ(null_id.name, "unknown");
  EXPECT_EQ(resolve_capability(-1).name, "unknown");
  EXPECT_EQ(resolve_capability(0).name, "H.264");
  EXPECT_EQ(resolve_capability(10).name, "H264 Constrained, Contained High profile");
  EXPECT_EQ(resolve_capability(12).group, "auth");
  EXPECT_EQ(resolve_capability(13).group, "deprecated");
  EXPECT_EQ(resolve_capability(26).name, "Segment slicing");
  EXPECT_EQ(resolve_capability(33).name, "Llm");
  EXPECT_EQ(resolve_capability(36).name, "Text to speech");
  EXPECT_EQ(resolve_capability(36).group, "inference");
  EXPECT_EQ(resolve_capability(37).name, "unknown");
  EXPECT_EQ(kCapabilityCatalogVersion, "v1");
}

// ---- the other types, column by column --------------------------------------

TEST(Decoders, StreamTrace) {
  QualityGate gate;
  const GateOutcome& o = run(gate, kTraceExample);
  ASSERT_EQ(o.rows.trace.size(), 1u);
  const StreamTraceRow& t = o.rows.trace[0];
  EXPECT_EQ(format_utc_ms(t.event_timestamp), "2026-02-02 20:06:27.846");
  EXPECT_EQ(t.raw_event_uid, "fb543250-7376-4de4-9541-42319b83e109");
  EXPECT_EQ(t.stream_id, "stream-qkqf2m-ml5lojrb");
  EXPECT_EQ(t.request_id, "56bc6b29");
  EXPECT_EQ(t.orchestrator_address, "");
  EXPECT_EQ(t.orchestrator_url, "");
  EXPECT_EQ(t.trace_type, "gateway_receive_stream_request");
  EXPECT_EQ(format_utc_ms(t.data_timestamp), "2026-02-02 20:06:27.846");
  EXPECT_EQ(t.raw_json, kTraceExample);
  EXPECT_EQ(t.gateway, "gw");
  EXPECT_EQ(t.event_id, "fb543250-7376-4de4-9541-42319b83e109");
  RowBinaryReader r(o.encoded_for(TableId::kStreamTraceEvents).bytes);
  EXPECT_EQ(r.i64(), 1770062787846);
  EXPECT_EQ(r.str(), "fb543250-7376-4de4-9541-42319b83e109");
  EXPECT_EQ(r.str(), "stream-qkqf2m-ml5lojrb");
  EXPECT_EQ(r.str(), "56bc6b29");
  EXPECT_EQ(r.str(), "");
  EXPECT_EQ(r.str(), "");
  EXPECT_EQ(r.str(), "gateway_receive_stream_request");
  EXPECT_EQ(r.i64(), 1770062787846);
  EXPECT_EQ(r.str(), kTraceExample);
  EXPECT_TRUE(r.done());

  auto data_ts = [&](std::string_view ts_member) {
    QualityGate g;
    const std::string line =
        R"({"id":"t","type":"stream_trace","timestamp":500,"data":{"stream_id":"s","request_id":"r","type":"x",)" +
        std::string(ts_member) + R"("orchestrator_info":{"address":" 0xAbC ","url":"u"}}})";
    const GateOutcome& out = run(g, line);
    EXPECT_EQ(out.rows.trace[0].orchestrator_address, "0xabc");
    return out.rows.trace[0].data_timestamp;
  };
  EXPECT_EQ(data_ts(""), 500);                       // absent -> envelope time
  EXPECT_EQ(data_ts(R"("timestamp":"123",)"), 123);  // digit string
  EXPECT_EQ(data_ts(R"("timestamp":"x",)"), 500);
  EXPECT_EQ(data_ts(R"("timestamp":null,)"), 500);
  EXPECT_EQ(data_ts(R"("timestamp":99999999999999999,)"), 500);  // not representable
}

TEST(Decoders, AiStreamEvents) {
  QualityGate gate;
  const GateOutcome& o = run(gate, kAiEventExample);
  const AiStreamEventRow& e = o.rows.ai_events[0];
  EXPECT_EQ(e.event_timestamp, 1768483619196);
  EXPECT_EQ(e.stream_id, "stream-3hc4ok-mkfh9jxs");
  EXPECT_EQ(e.request_id, "5291f1cf");
  EXPECT_EQ(e.pipeline, "streamdiffusion-sdxl-faceid");
  EXPECT_EQ(e.event_type, "error");
  EXPECT_EQ(e.message, "whip disconnected");
  EXPECT_EQ(e.capability, "");
  EXPECT_EQ(e.gateway, "g2");
  EXPECT_EQ(e.event_id, "63ff1bc9-acca-4808-97d3-066f8d210cbd");
  RowBinaryReader r(o.encoded_for(TableId::kAiStreamEvents).bytes);
  EXPECT_EQ(r.i64(), 1768483619196);
  EXPECT_EQ(r.str(), "63ff1bc9-acca-4808-97d3-066f8d210cbd");
  EXPECT_EQ(r.str(), "stream-3hc4ok-mkfh9jxs");
  EXPECT_EQ(r.str(), "5291f1cf");
  EXPECT_EQ(r.str(), "streamdiffusion-sdxl-faceid");
  EXPECT_EQ(r.str(), "error");
  EXPECT_EQ(r.str(), "whip disconnected");
  EXPECT_EQ(r.str(), "");
  EXPECT_EQ(r.str(), kAiEventExample);
  EXPECT_TRUE(r.done());
}

TEST(Decoders, StreamIngestMetrics) {
  QualityGate gate;
  const GateOutcome& o = run(gate, kIngestExample);
  const StreamIngestMetricsRow& m = o.rows.ingest_metrics[0];
  EXPECT_EQ(m.stream_id, "stream-3hc4ok-mkfh9jxs");
  EXPECT_EQ(m.request_id, "5291f1cf");
  EXPECT_EQ(m.connection_quality, "good");
  EXPECT_FLOAT_EQ(m.video.jitter, 8.667f);
  EXPECT_EQ(m.video.packets_received, 56264u);
  EXPECT_EQ(m.video.packets_lost, 0u);
  EXPECT_FLOAT_EQ(m.video.last_input_ts, 369.708f);
  EXPECT_FLOAT_EQ(m.audio.jitter, 20.265f);
  EXPECT_EQ(m.audio.packets_received, 18496u);
  EXPECT_EQ(m.audio.packets_lost, 3u);
  EXPECT_FLOAT_EQ(m.audio.packet_loss_pct, 0.5f);
  EXPECT_FLOAT_EQ(m.audio.rtt, 12.0f);
  EXPECT_FLOAT_EQ(m.audio.last_input_ts, 369.72f);
  EXPECT_FLOAT_EQ(m.audio.latency, 7.0f);
  EXPECT_EQ(m.bytes_received, 66040673u);
  EXPECT_EQ(m.bytes_sent, 272347u);
  RowBinaryReader r(o.encoded_for(TableId::kStreamIngestMetrics).bytes);
  EXPECT_EQ(r.i64(), 1768483618943);
  EXPECT_EQ(r.str(), "29c7f69a-d8d5-4ba4-9bbe-e52d4b53ccea");
  EXPECT_EQ(r.str(), "stream-3hc4ok-mkfh9jxs");
  EXPECT_EQ(r.str(), "5291f1cf");
  EXPECT_EQ(r.str(), "good");
  EXPECT_FLOAT_EQ(r.f32(), 8.667f);
  EXPECT_EQ(r.u32(), 56264u);
  EXPECT_EQ(r.u32(), 0u);
  for (int i = 0; i < 4; ++i) r.f32();
  EXPECT_FLOAT_EQ(r.f32(), 20.265f);
  EXPECT_EQ(r.u32(), 18496u);
  EXPECT_EQ(r.u32(), 3u);
  EXPECT_FLOAT_EQ(r.f32(), 0.5f);
  EXPECT_FLOAT_EQ(r.f32(), 12.0f);
  EXPECT_FLOAT_EQ(r.f32(), 369.72f);
  EXPECT_FLOAT_EQ(r.f32(), 7.0f);
  EXPECT_EQ(r.u64(), 66040673u);
  EXPECT_EQ(r.u64(), 272347u);
  EXPECT_EQ(r.str(), kIngestExample);
  EXPECT_TRUE(r.done());

  // No track_stats: all zeros; the last track of a kind wins; other kinds ignored.
  QualityGate g2;
  const GateOutcome& o2 = run(
      g2,
      R"({"id":"i","type":"stream_ingest_metrics","timestamp":1,"data":{"stream_id":"s","request_id":"r","stats":{"peer_conn_stats":{"BytesReceived":" 123 ","BytesSent":"lots"}}}})");
  const StreamIngestMetricsRow& z = o2.rows.ingest_metrics[0];
  EXPECT_EQ(z.video.packets_received, 0u);
  EXPECT_FLOAT_EQ(z.video.jitter, 0.0f);
  EXPECT_FLOAT_EQ(z.audio.latency, 0.0f);
  EXPECT_EQ(z.connection_quality, "");
  EXPECT_EQ(z.bytes_received, 123u);
  EXPECT_EQ(z.bytes_sent, 0u);
  const GateOutcome& o3 = run(
      g2,
      R"({"id":"j","type":"stream_ingest_metrics","timestamp":1,"data":{"stream_id":"s","request_id":"r","stats":{"track_stats":[{"type":"video","jitter":1},{"type":"VIDEO","jitter":5},{"type":"data","jitter":6},{"type":"video","jitter":"2.5","packets_received":-4,"packets_lost":"7"},null,5]}}})");
  const StreamIngestMetricsRow& l = o3.rows.ingest_metrics[0];
  EXPECT_FLOAT_EQ(l.video.jitter, 2.5f);
  EXPECT_EQ(l.video.packets_received, 0u);  // negative: out of UInt32 range -> 0
  EXPECT_EQ(l.video.packets_lost, 7u);
  EXPECT_FLOAT_EQ(l.audio.jitter, 0.0f);
}

TEST(Decoders, Payment) {
  QualityGate gate;
  const GateOutcome& o = run(gate, kPaymentExample);
  const PaymentEventRow& p = o.rows.payments[0];
  EXPECT_EQ(p.request_id, "499ae98f");
  EXPECT_EQ(p.session_id, "223403ff");
  EXPECT_EQ(p.manifest_id, "35_streamdiffusion-sdxl-faceid");
  EXPECT_EQ(p.sender, "0x5aE4E42dB3671370a0c25AfF451E7482aAEc3D0B");
  EXPECT_EQ(p.recipient, "0xd00354656922168815Fcd1e51CBddB9e359e3C7F");
  EXPECT_EQ(p.orchestrator, "https://rtav-orch2.xodeapp.xyz:28935");
  EXPECT_EQ(p.face_value, "2416800000000000 WEI");
  EXPECT_EQ(p.price, "1505.712 wei/pixel");
  EXPECT_EQ(p.num_tickets, "2");
  EXPECT_EQ(p.win_prob, "0.0009930487");
  EXPECT_EQ(p.client_ip, "");
  EXPECT_EQ(p.capability, "");
  RowBinaryReader r(o.encoded_for(TableId::kPaymentEvents).bytes);
  EXPECT_EQ(r.i64(), 1768483061892);
  EXPECT_EQ(r.str(), "a3361e98-29b7-4f0e-8caa-34bd0c23c386");
  for (const char* v :
       {"499ae98f", "223403ff", "35_streamdiffusion-sdxl-faceid",
        "0x5aE4E42dB3671370a0c25AfF451E7482aAEc3D0B", "0xd00354656922168815Fcd1e51CBddB9e359e3C7F",
        "https://rtav-orch2.xodeapp.xyz:28935", "2416800000000000 WEI", "1505.712 wei/pixel", "2",
        "0.0009930487", "", ""}) {
    EXPECT_EQ(r.str(), v);
  }
  EXPECT_EQ(r.str(), kPaymentExample);
  EXPECT_TRUE(r.done());
  // requestID is not required.
  QualityGate g2;
  std::string no_request = kPaymentExample;
  no_request.erase(no_request.find(R"("requestID":"499ae98f",)"), 23);
  EXPECT_EQ(run(g2, no_request).rows.payments[0].request_id, "");
}

TEST(Decoders, StatusDefaults) {
  QualityGate gate;
  const GateOutcome& o = run(
      gate,
      R"({"id":"d","type":"ai_stream_status","timestamp":7,"data":{"stream_id":"s","request_id":"r","pipeline":"p","inference_status":{"fps":"12.5","restart_count":"2","last_error":"","last_error_time":"x","last_params":{"width":70000,"height":"480"}},"input_status":{"fps":true},"orchestrator_info":"not-an-object"}})");
  const AiStreamStatusRow& s = o.rows.status[0];
  EXPECT_FLOAT_EQ(s.output_fps, 12.5f);  // numeric string
  EXPECT_FLOAT_EQ(s.input_fps, 1.0f);    // boolean -> 1
  EXPECT_EQ(s.restart_count, 2u);
  EXPECT_FALSE(s.last_error.has_value());  // "" -> NULL
  EXPECT_FALSE(s.last_error_time.has_value());
  EXPECT_FALSE(s.prompt_text.has_value());
  EXPECT_EQ(s.prompt_width, 0);  // 70000 does not fit UInt16
  EXPECT_EQ(s.prompt_height, 480);
  EXPECT_EQ(s.orchestrator_address, "");
  EXPECT_EQ(s.state, "");
  EXPECT_EQ(s.params_hash, "");
  EXPECT_FALSE(s.start_time.has_value());
  // start_time absent -> the epoch in the non-nullable column.
  std::string bytes;
  RowBinaryWriter w(bytes);
  s.encode(w);
  RowBinaryReader r(bytes);
  for (int i = 0; i < 18; ++i) {
    switch (i) {
      case 0:
        r.i64();
        break;
      case 8:
      case 9:
        r.f32();
        break;
      case 11:
        r.u32();
        break;
      case 12:
      case 14:
        r.nstr();
        break;
      case 13:
        r.ni64();
        break;
      case 15:
      case 16:
        r.u16();
        break;
      default:
        r.str();
    }
  }
  EXPECT_EQ(r.i64(), 0);  // start_time
}

TEST(Decoders, DiscoveryElementsAreNotFiltered) {
  QualityGate gate;
  const GateOutcome& o = run(
      gate,
      R"({"id":"d","type":"discovery_results","timestamp":7,"data":[null,5,{"address":"A","latency_ms":12.7},{"latency_ms":"abc"},{"latency_ms":-3},{"latency_ms":" 42 "}]})");
  ASSERT_EQ(o.rows.discovery.size(), 6u);
  EXPECT_EQ(o.rows.discovery[0].orchestrator_address, "");
  EXPECT_EQ(o.rows.discovery[0].raw_json, "null");
  EXPECT_EQ(o.rows.discovery[1].raw_json, "5");
  EXPECT_EQ(o.rows.discovery[2].orchestrator_address, "A");
  EXPECT_EQ(o.rows.discovery[2].latency_ms, 12u);
  EXPECT_EQ(o.rows.discovery[3].latency_ms, 0u);
  EXPECT_EQ(o.rows.discovery[4].latency_ms, 0u);
  EXPECT_EQ(o.rows.discovery[5].latency_ms, 42u);
}

TEST(Decoders, NetCapsEdgeCases) {
  QualityGate gate;
  // A single object data; hardware entry without gpu_info -> one row with NULL GPU;
  // model not in PerCapability -> pass 2 (first capability's first model);
  // no matching price -> the first price; capacities key "abc" skipped.
  const GateOutcome& o = run(
      gate,
      R"({"type":"network_capabilities","timestamp":9,"data":{"address":" 0xABC ","capabilities":{"capacities":{"abc":1,"27":null,"-5":2,"99999999999":1},"constraints":{"PerCapability":{"28":{"models":{"first-model":{"capacity":300,"warm":"1","runnerVersion":""}}},"x":{"models":{"m2":{}}}}}},"capabilities_prices":[{"capability":30,"pricePerUnit":4294967295,"pixelsPerUnit":-1},{"capability":28,"constraint":"nope","pricePerUnit":"7"}],"hardware":[{"pipeline":"p","model_id":"wanted"},{"pipeline":"q","gpu_info":{}}]}})");
  EXPECT_EQ(o.event.event_id, "");
  ASSERT_EQ(o.rows.capabilities.size(), 2u);
  const NetworkCapabilityRow& a = o.rows.capabilities[0];
  EXPECT_EQ(a.source_event_id, "");
  EXPECT_EQ(a.orchestrator_address, "0xabc");
  EXPECT_EQ(a.local_address, "");
  EXPECT_FALSE(a.gpu_id.has_value());
  EXPECT_FALSE(a.gpu_memory_total.has_value());
  EXPECT_EQ(a.model_id, "wanted");
  EXPECT_EQ(a.capability_id, 28);  // pass 2: the first capability
  EXPECT_EQ(a.capability_name, "Image to image");
  EXPECT_FALSE(a.capacity.has_value());  // 300 does not fit UInt8
  EXPECT_EQ(a.warm, 1);                  // "1" via nullable-int
  EXPECT_FALSE(a.runner_version.has_value());
  // Price: capability 28 matches but the constraint does not -> the first entry.
  EXPECT_EQ(a.price_per_unit, 4294967295u);
  EXPECT_FALSE(a.pixels_per_unit.has_value());
  EXPECT_EQ(o.rows.capabilities[1].pipeline, "q");
  EXPECT_EQ(o.rows.capabilities[1].model_id, "");
  // Advertised: "abc" and the int32 overflow are skipped; "-5" parses.
  ASSERT_EQ(o.rows.capabilities_advertised.size(), 2u);
  EXPECT_EQ(o.rows.capabilities_advertised[0].capability_id, 27);
  EXPECT_FALSE(o.rows.capabilities_advertised[0].capacity.has_value());
  EXPECT_EQ(o.rows.capabilities_advertised[1].capability_id, -5);
  EXPECT_EQ(o.rows.capabilities_advertised[1].capability_name, "unknown");
  // Constraints: key "x" is skipped.
  ASSERT_EQ(o.rows.capability_model_constraints.size(), 1u);
  EXPECT_EQ(o.rows.capability_model_constraints[0].capacity, 300);  // Int32 here
  // Prices: 4294967295 does not fit Int32 -> NULL; "7" parses.
  ASSERT_EQ(o.rows.capability_prices.size(), 2u);
  EXPECT_FALSE(o.rows.capability_prices[0].price_per_unit.has_value());
  EXPECT_EQ(o.rows.capability_prices[0].pixels_per_unit, -1);
  EXPECT_EQ(o.rows.capability_prices[1].price_per_unit, 7);
  EXPECT_EQ(o.rows.capability_prices[1].constraint_name, "nope");

  // No config at all: the capability id comes from the price; without a price it is -1.
  const GateOutcome& o2 = run(
      gate,
      R"({"id":"n2","type":"network_capabilities","timestamp":9,"data":[{"address":"a","capabilities_prices":[{"capability":"35"}],"hardware":[{"model_id":"m"}]},{"address":"b","hardware":[{"model_id":"m"}]}]})");
  ASSERT_EQ(o2.rows.capabilities.size(), 2u);
  EXPECT_EQ(o2.rows.capabilities[0].capability_id, 35);
  EXPECT_FALSE(o2.rows.capabilities[0].warm.has_value());
  EXPECT_EQ(o2.rows.capabilities[1].capability_id, -1);
  EXPECT_EQ(o2.rows.capabilities[1].capability_name, "unknown");
  EXPECT_FALSE(o2.rows.capabilities[1].price_per_unit.has_value());

  // Pass 1 picks the capability holding the model even if it is not first.
  const GateOutcome& o3 = run(
      gate,
      R"({"id":"n3","type":"network_capabilities","timestamp":9,"data":[{"address":"a","capabilities":{"constraints":{"PerCapability":{"27":{"models":{"other":{"capacity":1}}},"35":{"models":{"m":{"capacity":2}}}}}},"capabilities_prices":[{"capability":27,"pricePerUnit":1},{"capability":35,"constraint":"m","pricePerUnit":2}],"hardware":[{"model_id":"m","gpu_info":{"1":{"id":"g1"},"0":{"id":"g0"}}}]}]})");
  ASSERT_EQ(o3.rows.capabilities.size(), 2u);
  EXPECT_EQ(o3.rows.capabilities[0].capability_id, 35);
  EXPECT_EQ(o3.rows.capabilities[0].capacity, 2);
  EXPECT_EQ(o3.rows.capabilities[0].price_per_unit, 2u);
  EXPECT_EQ(o3.rows.capabilities[0].gpu_id, "g1");  // document order
  EXPECT_EQ(o3.rows.capabilities[1].gpu_id, "g0");
}

TEST(Decoders, RowsAreFullyRewrittenWhenReused) {
  // Decoding a rich event and then a sparse one must give the same rows as
  // decoding the sparse one on a fresh gate (every field is assigned).
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {kStatusExample,
       R"({"id":"x1","type":"ai_stream_status","timestamp":1,"data":{"stream_id":"s","request_id":"r","pipeline":"p"}})"},
      {kTraceExample,
       R"({"id":"x2","type":"stream_trace","timestamp":1,"data":{"stream_id":"s","request_id":"r","type":"t"}})"},
      {kIngestExample,
       R"({"id":"x3","type":"stream_ingest_metrics","timestamp":1,"data":{"stream_id":"s","request_id":"r"}})"},
      {kAiEventExample,
       R"({"id":"x4","type":"ai_stream_events","timestamp":1,"data":{"stream_id":"s","request_id":"r","pipeline":"p","type":"t"}})"},
      {kPaymentExample,
       R"({"id":"x5","type":"create_new_payment","timestamp":1,"data":{"sessionID":"a","manifestID":"b","sender":"c","recipient":"d","orchestrator":"e","faceValue":"f","numTickets":"g","price":"h","winProb":"i"}})"},
      {kDiscoveryExample, R"({"id":"x6","type":"discovery_results","timestamp":1,"data":[{}]})"},
      {net_caps_event(),
       R"({"id":"x7","type":"network_capabilities","timestamp":1,"data":[{"hardware":[{}],"capabilities":{"capacities":{"1":null},"constraints":{"PerCapability":{"2":{"models":{"m":null}}}}},"capabilities_prices":[{}]}]})"},
      {kProdNetCaps,
       R"({"id":"x8","type":"network_capabilities","timestamp":1,"data":{"hardware":[1]}})"},
  };
  for (const auto& [rich, sparse] : pairs) {
    QualityGate reused;
    run(reused, rich);
    const GateOutcome& a = run(reused, sparse);
    std::array<std::string, kTableCount> first;
    for (size_t t = 0; t < kTableCount; ++t) first[t] = a.encoded[t].bytes;
    QualityGate fresh;
    const GateOutcome& b = run(fresh, sparse);
    for (size_t t = 0; t < kTableCount; ++t) {
      EXPECT_EQ(first[t], b.encoded[t].bytes) << sparse << " table " << table_name(TableId(t));
    }
  }
}

TEST(Decoders, TableNamesAndColumns) {
  EXPECT_EQ(table_name(TableId::kStreamingEvents), "streaming_events");
  EXPECT_EQ(table_name(TableId::kAiStreamStatus), "ai_stream_status");
  EXPECT_EQ(table_name(TableId::kStreamTraceEvents), "stream_trace_events");
  EXPECT_EQ(table_name(TableId::kStreamIngestMetrics), "stream_ingest_metrics");
  EXPECT_EQ(table_name(TableId::kAiStreamEvents), "ai_stream_events");
  EXPECT_EQ(table_name(TableId::kDiscoveryResults), "discovery_results");
  EXPECT_EQ(table_name(TableId::kPaymentEvents), "payment_events");
  EXPECT_EQ(table_name(TableId::kNetworkCapabilities), "network_capabilities");
  EXPECT_EQ(table_name(TableId::kNetworkCapabilitiesAdvertised), "network_capabilities_advertised");
  EXPECT_EQ(table_name(TableId::kNetworkCapabilitiesModelConstraints),
            "network_capabilities_model_constraints");
  EXPECT_EQ(table_name(TableId::kNetworkCapabilitiesPrices), "network_capabilities_prices");
  EXPECT_EQ(RawEventRow::kColumns.size(), 6u);
  EXPECT_EQ(NetworkCapabilityRow::kColumns.size(), 26u);
}

}  // namespace
}  // namespace naap::ingest
