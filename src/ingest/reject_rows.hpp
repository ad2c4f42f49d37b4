// Reject rows: `streaming_events_dlq` (failures) and
// `streaming_events_quarantine` (duplicates), which share one column set
// (events-and-ingest §3.5) plus naap's raw_event_uid, payload_original_size
// and payload_truncated (spec README items 4 and 7).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/row_binary.hpp"
#include "core/time.hpp"
#include "ingest/envelope.hpp"

namespace naap::ingest {

struct RejectRow {
  static constexpr std::array kColumns = {
      Column{"schema_version", "LowCardinality(String)"},
      Column{"source_topic", "String"},
      Column{"source_partition", "UInt32"},
      Column{"source_offset", "UInt64"},
      Column{"source_record_timestamp", "DateTime64(3, 'UTC')"},
      Column{"event_id", "String"},
      Column{"event_type", "LowCardinality(String)"},
      Column{"event_version", "Nullable(String)"},
      Column{"event_timestamp", "Nullable(DateTime64(3, 'UTC'))"},
      Column{"dedup_key", "Nullable(String)"},
      Column{"dedup_strategy", "Nullable(String)"},
      Column{"replay", "UInt8"},
      Column{"failure_stage", "LowCardinality(String)"},
      Column{"failure_class", "LowCardinality(String)"},
      Column{"failure_reason", "String"},
      Column{"failure_details", "String"},
      Column{"orchestrator", "Nullable(String)"},
      Column{"broadcaster", "Nullable(String)"},
      Column{"region", "Nullable(String)"},
      Column{"payload_encoding", "LowCardinality(String)"},
      Column{"payload_body", "String"},
      Column{"payload_canonical_json", "Nullable(String)"},
      Column{"ingestion_timestamp", "DateTime64(3, 'UTC')"},
      Column{"raw_event_uid", "String"},
      Column{"payload_original_size", "UInt64"},
      Column{"payload_truncated", "UInt8"},
  };
  static constexpr std::string_view kSchemaVersion = "v1";

  std::string source_topic;
  uint32_t source_partition = 0;
  uint64_t source_offset = 0;
  EpochMs source_record_timestamp = 0;
  std::string event_id;
  std::string event_type;
  OptStr event_version;
  std::optional<EpochMs> event_timestamp;
  OptStr dedup_key;
  OptStr dedup_strategy;
  bool replay = false;
  // Stage, class and reason are the constants of failures.hpp.
  std::string_view failure_stage, failure_class, failure_reason;
  std::string failure_details;
  OptStr orchestrator, broadcaster, region;
  std::string_view payload_encoding;  // "json" or "base64"
  std::string payload_body;
  OptStr payload_canonical_json;
  EpochMs ingestion_timestamp = 0;  // the caller's "now": the gate never reads the clock
  std::string raw_event_uid;
  uint64_t payload_original_size = 0;  // bytes of payload_body before any truncation
  bool payload_truncated = false;

  void encode(RowBinaryWriter& w) const;

  // Rows are never dropped (spec README 7). Given the row's encoded size,
  // shrinks it to at most `limit` bytes: payload_body first (at a UTF-8
  // character boundary; whole Base64 quanta), then payload_canonical_json;
  // if the other columns alone still exceed the limit, each other string
  // column is cut to 1024 bytes. Sets payload_truncated. Returns false when
  // nothing could be cut.
  bool shrink_to(size_t encoded_size, size_t limit);
};

struct DlqRow : RejectRow {
  static constexpr std::string_view kTable = "streaming_events_dlq";
};
struct QuarantineRow : RejectRow {
  static constexpr std::string_view kTable = "streaming_events_quarantine";
};

// Standard Base64 (with padding) of `in`, appended to `out`.
void append_base64(std::string& out, std::string_view in);

}  // namespace naap::ingest
