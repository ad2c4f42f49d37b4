// The event envelope (events-and-ingest §1.2, §1.3) and its validation
// (§3.2): event types, the source pointer, derived metadata, and the
// validator with its exact check order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "ingest/json_values.hpp"

namespace naap::ingest {

// The seven accepted `type` values (exact, case-sensitive).
enum class EventType : uint8_t {
  kAiStreamStatus,
  kStreamTrace,
  kStreamIngestMetrics,
  kAiStreamEvents,
  kNetworkCapabilities,
  kDiscoveryResults,
  kCreateNewPayment,
};
inline constexpr size_t kEventTypeCount = 7;
std::optional<EventType> event_type_from_name(std::string_view name);
std::string_view event_type_name(EventType type);

// Where a message came from. Kafka: topic/partition/offset/record timestamp.
// Files: topic = the file path (or "-" for stdin), partition 0, offset = the
// line number. An absent record timestamp is replaced by the ingestion time.
struct SourcePointer {
  std::string_view topic;
  uint32_t partition = 0;
  uint64_t offset = 0;
  std::optional<EpochMs> record_timestamp;
};

// The reject-row dimensions (§1.3); also part of the payload-hash dedup key.
struct Dimensions {
  OptStr orchestrator;  // data.orchestrator_info.address, else data.orchestrator (not normalized)
  OptStr broadcaster;   // nullable-text(data.broadcaster)
  OptStr region;        // nullable-text(data.region)
};

enum class DedupStrategy : uint8_t { kEventId, kPayloadHash };
std::string_view dedup_strategy_name(DedupStrategy s);  // "event_id" / "payload_hash"

// Metadata of one event (§1.3). Complete for accepted and duplicate events;
// for rejected ones, whatever was known when the event was rejected.
struct EventMeta {
  std::string event_id;    // text-or-empty(id)
  std::string event_type;  // text-or-empty(type)
  std::optional<EventType> type;
  std::string version;  // the validated version ("1" when none is given)
  EpochMs timestamp = 0;
  std::string gateway;  // text-or-empty(gateway)
  bool replay = false;  // __replay
  Dimensions dimensions;
  std::string raw_event_uid;  // event_uid(id, raw message)
  std::string dedup_key;
  DedupStrategy dedup_strategy = DedupStrategy::kEventId;
  std::string_view raw_json;  // the UTF-8 decoded message; valid until the next process()
};

// `__replay` read as a boolean: true, a non-zero integer, or the string "true".
bool read_replay(JsonRef root);
// Fills the dimensions from `data` (all NULL when it is not an object).
void read_dimensions(JsonRef root, Dimensions& out);
// The envelope version of check #6: top-level `version`, else `data.version`
// (when not null). A string is taken as is; a number is truncated to an
// integer and written in decimal. False when there is none.
bool read_version(JsonRef root, std::string& out);

enum class ValidationError : uint8_t {
  kNone,
  kRootNotObject,
  kMissingType,
  kMissingTimestamp,
  kTimestampOutOfRange,  // naap: the timestamp is outside DateTime64(3) (spec README 7)
  kMissingData,
  kUnsupportedEventType,
  kUnsupportedVersion,
  kMissingField,
  kEmptyArray,
  kInvalidDataShape,
};

struct Validation {
  ValidationError error = ValidationError::kNone;
  EventType type = EventType::kAiStreamStatus;  // when the type is supported
  std::optional<int64_t> timestamp;             // ts-ms(timestamp), possibly out of range
  bool has_version = false;
  std::string version;            // as read (when has_version)
  std::string_view missing_path;  // for kMissingField, e.g. "data.stream_id"
};

// The SchemaValidator, checks in the order of §3.2 (the first failing check
// decides). `supported_versions` empty disables the version check.
void validate_envelope(JsonRef root, const std::vector<std::string>& supported_versions,
                       Validation& out);

// failure_class, failure_reason and failure_details of a failed validation.
struct FailureText {
  std::string_view failure_class;
  std::string_view reason;
};
FailureText validation_failure(ValidationError e);
void append_validation_details(std::string& out, const Validation& v, JsonRef root);

}  // namespace naap::ingest
