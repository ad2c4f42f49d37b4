// The quality gate: one raw message in, one outcome out (events-and-ingest
// §3): decode (lenient UTF-8, JSON) -> validate (§3.2, + naap's
// timestamp_out_of_range) -> dedup (§4) -> per-type decoders (§2) -> row
// guard (§3.4) -> RowBinary per table.
//
// Usage (one gate per input partition / thread; not thread-safe):
//
//   QualityGate gate(config);
//   const GateOutcome& o = gate.process(line, {path, 0, line_no, std::nullopt}, now_ms);
//   for each TableId t: append o.encoded[t].bytes (o.encoded[t].rows rows) to t's batch;
//   if (o.disposition == Disposition::kAccepted) lifecycle reads o.event and o.rows.
//
// The outcome is owned by the gate and valid until the next process() call.
//
// Deviations from the reference (see the report / docs/deviations.md):
//  * timestamps DateTime64(3) cannot represent -> DLQ timestamp_out_of_range;
//    nested timestamps (start_time, last_error_time, data.timestamp) outside
//    that range are treated as absent (NULL / epoch / envelope time);
//  * integers narrowed per column (json_values.hpp);
//  * dedup TTL on a deterministic event-time clock (dedup.hpp);
//  * reject rows are never dropped: oversized payloads are truncated
//    (RejectRow::shrink_to); the guard measures RowBinary bytes, not JSON;
//  * the raw archive row (streaming_events) is written by the gate itself and
//    goes through the same row guard.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/decoded_event.hpp"
#include "ingest/decoders.hpp"
#include "ingest/dedup.hpp"
#include "ingest/envelope.hpp"
#include "ingest/json_document.hpp"
#include "ingest/reject_rows.hpp"
#include "ingest/typed_rows.hpp"

namespace naap::ingest {

struct GateConfig {
  // QUALITY_SUPPORTED_VERSIONS; empty disables the version check.
  std::vector<std::string> supported_versions{"1", "v1"};
  // QUALITY_DEDUP_TTL_MINUTES (as ms) and an optional hard cap on keys.
  Dedup::Config dedup;
  // CLICKHOUSE_SINK_MAX_RECORD_BYTES: the largest encoded row.
  size_t max_record_bytes = 1'000'000;
  // Tests only: called before each per-type parser runs; it may throw to
  // simulate a parser failure (events-and-ingest §3.4 PARSE rejects).
  void (*parser_hook)(TableId table) = nullptr;
};

// failure_details of a parser exception: "<demangled class>: <what()>", or
// just the class name when what() is empty.
std::string parse_exception_details(const std::exception& e);

enum class Disposition : uint8_t {
  kAccepted,   // passed validation and dedup: raw row + typed rows (+ PARSE/SINK_GUARD DLQ rows)
  kRejected,   // failed decoding or validation: one DLQ row
  kDuplicate,  // a duplicate: one quarantine row
};

// RowBinary rows of one table produced by one event.
struct EncodedRows {
  std::string bytes;  // the rows (empty when the gate encodes into external buffers)
  size_t rows = 0;
  size_t size = 0;  // bytes of those rows, in `bytes` or appended to the external buffer
};

// One buffer per table (indexed by TableId) that the gate appends encoded rows
// to instead of the outcome's own `encoded[t].bytes` (see encode_into).
using EncodeTargets = std::array<std::string*, kTableCount>;

struct GateOutcome {
  Disposition disposition = Disposition::kRejected;
  EventMeta event;
  DecodedEvent rows;  // kAccepted: every decoded row (the lifecycle reads these,
                      // including rows the row guard sent to the DLQ)
  RawEventRow raw;    // kAccepted: the raw archive row
  RowList<DlqRow> dlq;
  RowList<QuarantineRow> quarantine;
  // Per table, the rows to write (typed rows that passed the guard, the raw
  // row, DLQ and quarantine rows), encoded in the tables' column order.
  std::array<EncodedRows, kTableCount> encoded;

  const EncodedRows& encoded_for(TableId t) const { return encoded[static_cast<size_t>(t)]; }
};

class QualityGate {
 public:
  explicit QualityGate(GateConfig config = {});

  // One message (a Kafka value or a file line, without its line terminator).
  // `now_ms` is the ingestion timestamp written into reject rows and the
  // fallback source record timestamp: the gate never reads the clock.
  const GateOutcome& process(std::string_view value, const SourcePointer& source, EpochMs now_ms);
  // A Kafka tombstone (null value): DLQ null_payload.
  const GateOutcome& process_null(const SourcePointer& source, EpochMs now_ms);

  // Encodes rows straight into caller-owned buffers (e.g. a batcher's open
  // batches), so each row is written once: process() appends table t's rows
  // to *targets[t] (never reading or changing what is already there) and
  // `encoded[t]` reports only the row count and byte size it appended. The
  // strings must outlive the gate or the next encode_into() call. Without
  // it (the default), or for a table whose target is nullptr, each call
  // fills `encoded[t].bytes` afresh.
  void encode_into(const EncodeTargets& targets);

  const GateConfig& config() const { return config_; }
  const Dedup& dedup() const { return dedup_; }
  // Checkpointing: the dedup state is the gate's only state.
  std::string serialize_state() const { return dedup_.serialize(); }
  // Restores dedup state; this gate's TTL and cap apply from then on.
  void restore_state(std::string_view bytes);

 private:
  void reset();
  const GateOutcome& finish();
  std::string& buffer(size_t t) { return buffers_[t] ? *buffers_[t] : out_.encoded[t].bytes; }
  std::string& buffer(TableId t) { return buffer(static_cast<size_t>(t)); }
  RejectRow& new_dlq_row(const SourcePointer& source, EpochMs now_ms);
  void fill_accepted_reject(RejectRow& r, const SourcePointer& source, EpochMs now_ms);
  void reject_validation(JsonRef root, const Validation& v, const SourcePointer& source,
                         EpochMs now_ms);
  void accept(JsonRef root, const Validation& v, const SourcePointer& source, EpochMs now_ms);
  void decode_rows(JsonRef root, const SourcePointer& source, EpochMs now_ms);
  template <typename Row>
  void guard_and_encode(TableId t, const Row& row, const SourcePointer& source, EpochMs now_ms);
  template <typename Row>
  void encode_reject(TableId t, Row& row);
  void parse_failure(std::string_view details, const SourcePointer& source, EpochMs now_ms);

  GateConfig config_;
  Dedup dedup_;
  JsonDocumentParser parser_;
  GateOutcome out_;
  EncodeTargets buffers_{};                   // external buffers; nullptr: out_.encoded[t].bytes
  std::array<size_t, kTableCount> starts_{};  // size of each buffer when this call began
  Validation validation_;
  Orchestrators orchestrators_;
  std::string decoded_;  // the message being processed (UTF-8-repaired when needed)
  std::deque<std::string> discovery_json_;  // per-element raw_json of discovery rows
  std::string hash_input_;
};

}  // namespace naap::ingest
