// Deduplication (events-and-ingest §4): D1-D3, the event-time TTL, bounded
// state, and exact serialization.
#include "ingest/dedup.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/hash.hpp"
#include "ingest/quality_gate.hpp"
#include "test_support.hpp"

namespace naap::ingest {
namespace {

using testing::kNow;
using testing::test_source;

constexpr int64_t kDay = 24LL * 60 * 60 * 1000;

// "k<n>" (built by appending: `"k" + std::to_string(n)` trips a false GCC 12
// -O3 -Wrestrict warning).
std::string key(int n) {
  std::string s = "k";
  s += std::to_string(n);
  return s;
}

std::string trace(std::string_view id, int64_t ts, std::string_view stream = "s") {
  std::string s = "{";
  if (!id.empty()) s += R"("id":")" + std::string(id) + R"(",)";
  s += R"("type":"stream_trace","timestamp":)" + std::to_string(ts) + R"(,"data":{"stream_id":")" +
       std::string(stream) + R"(","request_id":"r","type":"t"}})";
  return s;
}

std::string status_without_id(int64_t ts, std::string_view extra = "") {
  return R"({"type":"ai_stream_status","timestamp":)" + std::to_string(ts) + std::string(extra) +
         R"(,"data":{"stream_id":"s","request_id":"r","pipeline":"p","orchestrator_info":{"address":"0xA"},"region":"eu"}})";
}

TEST(Dedup, D1EventIdKey) {
  QualityGate gate;
  const auto& o = gate.process(trace("evt-123", 1000), test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_EQ(o.event.dedup_key, "evt-123");
  EXPECT_EQ(o.event.dedup_strategy, DedupStrategy::kEventId);
  EXPECT_EQ(dedup_strategy_name(o.event.dedup_strategy), "event_id");
}

TEST(Dedup, D2PayloadHashKey) {
  QualityGate gate;
  const std::string line = status_without_id(1000);
  const auto& o = gate.process(line, test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_EQ(o.event.dedup_strategy, DedupStrategy::kPayloadHash);
  EXPECT_EQ(dedup_strategy_name(o.event.dedup_strategy), "payload_hash");
  EXPECT_EQ(o.event.dedup_key.size(), 64u);
  // type|orchestrator|broadcaster|region|canonical JSON (missing dimension -> "null").
  EXPECT_EQ(o.event.dedup_key, sha256_hex("ai_stream_status|0xA|null|eu|" + line));
}

TEST(Dedup, D3SameEventTwiceIsQuarantined) {
  QualityGate gate;
  const std::string line = trace("dedup-1", 1000);
  ASSERT_EQ(gate.process(line, test_source(1), kNow).disposition, Disposition::kAccepted);
  const auto& o = gate.process(line, test_source(2), kNow + 5);
  ASSERT_EQ(o.disposition, Disposition::kDuplicate);
  EXPECT_EQ(o.rows.row_count(), 0u);
  EXPECT_EQ(o.encoded_for(TableId::kStreamingEvents).rows, 0u);
  EXPECT_EQ(o.encoded_for(TableId::kStreamingEventsDlq).rows, 0u);
  const EncodedRows& e = o.encoded_for(TableId::kStreamingEventsQuarantine);
  ASSERT_EQ(e.rows, 1u);
  testing::RowBinaryReader r(e.bytes);
  const auto q = testing::read_reject(r);
  EXPECT_TRUE(r.done());
  EXPECT_EQ(q.failure_stage, "DEDUP");
  EXPECT_EQ(q.failure_class, "DUPLICATE");
  EXPECT_EQ(q.failure_reason, "duplicate_event");
  EXPECT_EQ(q.failure_details, "Duplicate detected for key: dedup-1");
  EXPECT_EQ(q.dedup_key, "dedup-1");
  EXPECT_EQ(q.dedup_strategy, "event_id");
  EXPECT_EQ(q.event_id, "dedup-1");
  EXPECT_EQ(q.event_type, "stream_trace");
  EXPECT_EQ(q.event_version, "1");
  EXPECT_EQ(q.event_timestamp, 1000);
  EXPECT_EQ(q.payload_encoding, "json");
  EXPECT_EQ(q.payload_body, line);
  EXPECT_FALSE(q.payload_canonical_json.has_value());
  EXPECT_EQ(q.source_offset, 2u);
  EXPECT_EQ(q.ingestion_timestamp, kNow + 5);
  EXPECT_EQ(q.raw_event_uid, "dedup-1");
}

TEST(Dedup, GlobalKeySpaceAcrossTypes) {
  QualityGate gate;
  ASSERT_EQ(gate.process(trace("same", 1000), test_source(), kNow).disposition,
            Disposition::kAccepted);
  const std::string payment =
      R"({"id":"same","type":"create_new_payment","timestamp":2000,"data":{"sessionID":"a","manifestID":"b","sender":"c","recipient":"d","orchestrator":"e","faceValue":"f","numTickets":"g","price":"h","winProb":"i"}})";
  EXPECT_EQ(gate.process(payment, test_source(), kNow).disposition, Disposition::kDuplicate);
}

TEST(Dedup, ReplayMarkersDoNotChangeThePayloadHash) {
  QualityGate gate;
  ASSERT_EQ(gate.process(status_without_id(1000), test_source(), kNow).disposition,
            Disposition::kAccepted);
  const auto& o = gate.process(
      status_without_id(
          1000,
          R"(,"__replay":true,"__replay_ts":123,"__replay_source":"dlq","__replay_failure_class":"PARSING_FAILED")"),
      test_source(), kNow);
  EXPECT_EQ(o.disposition, Disposition::kDuplicate);
  EXPECT_TRUE(o.event.replay);
  // A different payload is not a duplicate.
  EXPECT_EQ(gate.process(status_without_id(1001), test_source(), kNow).disposition,
            Disposition::kAccepted);
}

TEST(Dedup, RejectedEventsDoNotClaimTheirId) {
  QualityGate gate;
  const std::string bad =
      R"({"id":"fix-me","type":"stream_trace","timestamp":1,"data":{"request_id":"r","type":"t"}})";
  ASSERT_EQ(gate.process(bad, test_source(), kNow).disposition, Disposition::kRejected);
  EXPECT_EQ(gate.process(trace("fix-me", 1), test_source(), kNow).disposition,
            Disposition::kAccepted);
}

TEST(Dedup, TtlOnEventTimeClock) {
  QualityGate gate;
  const int64_t t0 = 1770000000000;
  ASSERT_EQ(gate.process(trace("k", t0), test_source(), kNow).disposition, Disposition::kAccepted);
  // Within 24 h of the clock: duplicate (an older event time too).
  EXPECT_EQ(gate.process(trace("k", t0 + kDay - 1), test_source(), kNow).disposition,
            Disposition::kDuplicate);
  EXPECT_EQ(gate.process(trace("k", t0 - 5 * kDay), test_source(), kNow).disposition,
            Disposition::kDuplicate);
  // Another event moves the clock to exactly t0 + 24 h: "k" expires (stamp + ttl <= clock).
  EXPECT_EQ(gate.process(trace("other", t0 + kDay), test_source(), kNow).disposition,
            Disposition::kAccepted);
  EXPECT_EQ(gate.dedup().clock(), t0 + kDay);
  // So even a late copy of "k" is accepted again, and re-stamped at the clock.
  EXPECT_EQ(gate.process(trace("k", t0), test_source(), kNow).disposition, Disposition::kAccepted);
  EXPECT_EQ(gate.process(trace("k", t0 + 1), test_source(), kNow).disposition,
            Disposition::kDuplicate);
}

TEST(Dedup, SameIdAfterMoreThan24hAcceptedAgain) {
  QualityGate gate;
  const int64_t t0 = 1770000000000;
  ASSERT_EQ(gate.process(trace("x", t0), test_source(), kNow).disposition, Disposition::kAccepted);
  EXPECT_EQ(gate.process(trace("x", t0 + kDay + 1), test_source(), kNow).disposition,
            Disposition::kAccepted);
  // A duplicate does not refresh the stamp.
  Dedup d(Dedup::Config{.ttl_ms = 100, .max_entries = 0});
  EXPECT_FALSE(d.seen_before("a", 0));
  EXPECT_TRUE(d.seen_before("a", 99));
  EXPECT_FALSE(d.seen_before("a", 100));
}

TEST(Dedup, ExpiredKeysAreEvicted) {
  Dedup d(Dedup::Config{.ttl_ms = 1000, .max_entries = 0});
  for (int i = 0; i < 5000; ++i) EXPECT_FALSE(d.seen_before("key-" + std::to_string(i), i));
  // The clock is at 4999: keys stamped before 4000 are gone.
  EXPECT_EQ(d.size(), 1000u);
  EXPECT_TRUE(d.seen_before("key-4000", 0));
  EXPECT_FALSE(d.seen_before("key-3999", 0));
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(d.seen_before("late-" + std::to_string(i), 100000));
  EXPECT_EQ(d.size(), 10u);
}

TEST(Dedup, HardCapEvictsOldest) {
  Dedup d(Dedup::Config{.ttl_ms = kDay, .max_entries = 3});
  EXPECT_FALSE(d.seen_before("a", 1));
  EXPECT_FALSE(d.seen_before("b", 2));
  EXPECT_FALSE(d.seen_before("c", 3));
  EXPECT_FALSE(d.seen_before("d", 4));
  EXPECT_EQ(d.size(), 3u);
  EXPECT_FALSE(d.seen_before("a", 5));  // evicted, accepted again (evicting "b")
  EXPECT_TRUE(d.seen_before("d", 6));
  EXPECT_TRUE(d.seen_before("c", 6));
  EXPECT_FALSE(d.seen_before("b", 6));
}

TEST(Dedup, ManyKeysWithDeletesStayConsistent) {
  // Exercises growth and backward-shift deletion against a reference set.
  Dedup d(Dedup::Config{.ttl_ms = 50, .max_entries = 0});
  for (int round = 0; round < 20000; ++round) {
    const std::string k = key(round % 997);
    const bool dup = d.seen_before(k, round / 10);
    // Key k is re-seen every 997 events = ~99.7 clock ms > ttl: never a duplicate.
    ASSERT_FALSE(dup) << round;
    ASSERT_TRUE(d.seen_before(k, round / 10)) << round;
  }
}

TEST(Dedup, SerializeRestoreExactly) {
  Dedup d(Dedup::Config{.ttl_ms = 1000, .max_entries = 0});
  for (int i = 0; i < 3000; ++i) d.seen_before(key(i), 10 * (i / 7));
  const std::string bytes = d.serialize();
  Dedup r = Dedup::restore(bytes);
  EXPECT_EQ(r.serialize(), bytes);
  EXPECT_EQ(r.size(), d.size());
  EXPECT_EQ(r.clock(), d.clock());
  EXPECT_EQ(r.config().ttl_ms, 1000);
  // Same answers afterwards.
  for (int i = 2000; i < 3100; ++i) {
    const std::string k = key(i);
    EXPECT_EQ(d.seen_before(k, 4300), r.seen_before(k, 4300)) << k;
  }
  EXPECT_EQ(r.serialize(), d.serialize());
  // Empty state.
  EXPECT_EQ(Dedup::restore(Dedup().serialize()).serialize(), Dedup().serialize());
}

TEST(Dedup, RestoreRejectsMalformedState) {
  Dedup d;
  d.seen_before("a", 1);
  const std::string good = d.serialize();
  EXPECT_THROW(Dedup::restore(""), std::invalid_argument);
  EXPECT_THROW(Dedup::restore("garbage"), std::invalid_argument);
  EXPECT_THROW(Dedup::restore(good.substr(0, good.size() - 1)), std::invalid_argument);
  EXPECT_THROW(Dedup::restore(good + "x"), std::invalid_argument);
}

TEST(Dedup, GateStateCheckpointRoundTrip) {
  QualityGate a;
  ASSERT_EQ(a.process(trace("c1", 5), test_source(), kNow).disposition, Disposition::kAccepted);
  QualityGate b;
  b.restore_state(a.serialize_state());
  EXPECT_EQ(b.process(trace("c1", 6), test_source(), kNow).disposition, Disposition::kDuplicate);
  EXPECT_EQ(b.process(trace("c2", 6), test_source(), kNow).disposition, Disposition::kAccepted);
}

}  // namespace
}  // namespace naap::ingest
