// Helpers shared by the ingest unit tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/quality_gate.hpp"

namespace naap::ingest::testing {

inline constexpr EpochMs kNow = 1772000000000;  // the "now" tests pass to the gate

inline SourcePointer test_source(uint64_t offset = 7) {
  return SourcePointer{"events.jsonl", 0, offset, std::nullopt};
}

// Reads RowBinary values back, to check encoded rows column by column.
class RowBinaryReader {
 public:
  explicit RowBinaryReader(std::string_view bytes) : b_(bytes) {}
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      const auto c = static_cast<unsigned char>(take(1)[0]);
      v |= uint64_t{c & 0x7fu} << shift;
      if (!(c & 0x80)) return v;
    }
  }
  std::string str() { return std::string(take(varint())); }
  template <typename T>
  T pod() {
    T v;
    std::memcpy(&v, take(sizeof(T)).data(), sizeof(T));
    return v;
  }
  uint8_t u8() { return pod<uint8_t>(); }
  uint16_t u16() { return pod<uint16_t>(); }
  uint32_t u32() { return pod<uint32_t>(); }
  uint64_t u64() { return pod<uint64_t>(); }
  int32_t i32() { return pod<int32_t>(); }
  int64_t i64() { return pod<int64_t>(); }
  float f32() { return pod<float>(); }
  // Nullable: true when the value is NULL (then nothing follows).
  bool null() { return u8() == 1; }
  std::optional<std::string> nstr() { return null() ? std::nullopt : std::optional(str()); }
  std::optional<int64_t> ni64() { return null() ? std::nullopt : std::optional(i64()); }
  bool done() const { return pos_ == b_.size(); }
  size_t pos() const { return pos_; }

 private:
  std::string_view take(size_t n) {
    if (pos_ + n > b_.size()) throw std::out_of_range("RowBinaryReader: past the end");
    std::string_view s = b_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::string_view b_;
  size_t pos_ = 0;
};

// A decoded reject row (all 26 columns).
struct DecodedReject {
  std::string schema_version, source_topic;
  uint32_t source_partition = 0;
  uint64_t source_offset = 0;
  int64_t source_record_timestamp = 0;
  std::string event_id, event_type;
  std::optional<std::string> event_version;
  std::optional<int64_t> event_timestamp;
  std::optional<std::string> dedup_key, dedup_strategy;
  uint8_t replay = 0;
  std::string failure_stage, failure_class, failure_reason, failure_details;
  std::optional<std::string> orchestrator, broadcaster, region;
  std::string payload_encoding, payload_body;
  std::optional<std::string> payload_canonical_json;
  int64_t ingestion_timestamp = 0;
  std::string raw_event_uid;
  uint64_t payload_original_size = 0;
  uint8_t payload_truncated = 0;
};

inline DecodedReject read_reject(RowBinaryReader& r) {
  DecodedReject d;
  d.schema_version = r.str();
  d.source_topic = r.str();
  d.source_partition = r.u32();
  d.source_offset = r.u64();
  d.source_record_timestamp = r.i64();
  d.event_id = r.str();
  d.event_type = r.str();
  d.event_version = r.nstr();
  d.event_timestamp = r.ni64();
  d.dedup_key = r.nstr();
  d.dedup_strategy = r.nstr();
  d.replay = r.u8();
  d.failure_stage = r.str();
  d.failure_class = r.str();
  d.failure_reason = r.str();
  d.failure_details = r.str();
  d.orchestrator = r.nstr();
  d.broadcaster = r.nstr();
  d.region = r.nstr();
  d.payload_encoding = r.str();
  d.payload_body = r.str();
  d.payload_canonical_json = r.nstr();
  d.ingestion_timestamp = r.i64();
  d.raw_event_uid = r.str();
  d.payload_original_size = r.u64();
  d.payload_truncated = r.u8();
  return d;
}

// The only DLQ row of an outcome, decoded from its encoded bytes.
inline DecodedReject only_dlq(const GateOutcome& o) {
  const EncodedRows& e = o.encoded_for(TableId::kStreamingEventsDlq);
  EXPECT_EQ(e.rows, 1u);
  RowBinaryReader r(e.bytes);
  DecodedReject d = read_reject(r);
  EXPECT_TRUE(r.done());
  return d;
}

}  // namespace naap::ingest::testing
