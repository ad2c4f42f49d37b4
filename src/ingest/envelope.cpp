#include "ingest/envelope.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <span>

#include "core/text.hpp"
#include "ingest/failures.hpp"

namespace naap::ingest {

namespace {

constexpr std::array<std::string_view, kEventTypeCount> kTypeNames = {
    "ai_stream_status",     "stream_trace",      "stream_ingest_metrics", "ai_stream_events",
    "network_capabilities", "discovery_results", "create_new_payment",
};

// Required paths per type (§3.2 #7), in check order.
constexpr std::string_view kStatusPaths[] = {"data.stream_id", "data.request_id", "data.pipeline"};
constexpr std::string_view kTracePaths[] = {"id", "data.stream_id", "data.request_id", "data.type"};
constexpr std::string_view kIngestPaths[] = {"data.stream_id", "data.request_id"};
constexpr std::string_view kAiEventPaths[] = {"data.stream_id", "data.request_id", "data.pipeline",
                                              "data.type"};
constexpr std::string_view kDataPaths[] = {"data"};
constexpr std::string_view kPaymentPaths[] = {
    "data.sessionID", "data.manifestID", "data.sender", "data.recipient", "data.orchestrator",
    "data.faceValue", "data.numTickets", "data.price",  "data.winProb",
};

std::span<const std::string_view> required_paths(EventType t) {
  auto view = [](const auto& arr) { return std::span<const std::string_view>(arr); };
  switch (t) {
    case EventType::kAiStreamStatus:
      return view(kStatusPaths);
    case EventType::kStreamTrace:
      return view(kTracePaths);
    case EventType::kStreamIngestMetrics:
      return view(kIngestPaths);
    case EventType::kAiStreamEvents:
      return view(kAiEventPaths);
    case EventType::kNetworkCapabilities:
    case EventType::kDiscoveryResults:
      return view(kDataPaths);
    case EventType::kCreateNewPayment:
      return view(kPaymentPaths);
  }
  return {};
}

// Walks a dotted path key by key (an intermediate non-object gives absent).
JsonRef walk(JsonRef node, std::string_view path) {
  while (true) {
    const size_t dot = path.find('.');
    node = node[path.substr(0, dot)];
    if (dot == std::string_view::npos) return node;
    path.remove_prefix(dot + 1);
  }
}

}  // namespace

std::optional<EventType> event_type_from_name(std::string_view name) {
  for (size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == name) return static_cast<EventType>(i);
  }
  return std::nullopt;
}

std::string_view event_type_name(EventType type) { return kTypeNames[static_cast<size_t>(type)]; }

std::string_view dedup_strategy_name(DedupStrategy s) {
  return s == DedupStrategy::kEventId ? "event_id" : "payload_hash";
}

bool read_replay(JsonRef root) {
  const JsonRef r = root["__replay"];
  if (!r.present()) return false;
  switch (r.type()) {
    case simdjson::dom::element_type::BOOL:
      return r.boolean();
    case simdjson::dom::element_type::INT64:
      return r.element().get_int64().value_unsafe() != 0;
    case simdjson::dom::element_type::UINT64:
      return r.element().get_uint64().value_unsafe() != 0;
    case simdjson::dom::element_type::STRING:
      return java_trim(r.string()) == "true";
    default:
      return false;
  }
}

void read_dimensions(JsonRef root, Dimensions& out) {
  const JsonRef data = root["data"];
  out.orchestrator.reset();
  const JsonRef info = data["orchestrator_info"];
  if (info.is_object()) assign_nullable_text(out.orchestrator, info["address"]);
  if (!out.orchestrator) assign_nullable_text(out.orchestrator, data["orchestrator"]);
  assign_nullable_text(out.broadcaster, data["broadcaster"]);
  assign_nullable_text(out.region, data["region"]);
}

bool read_version(JsonRef root, std::string& out) {
  JsonRef v = root["version"];
  if (v.missing_or_null()) v = root["data"]["version"];
  if (v.missing_or_null()) return false;
  out.clear();
  if (v.is_number()) {
    // Truncated to an integer, as Java's asInt (1.9 -> "1"), saturated.
    const auto i = lenient_int(v);
    const double d = lenient_float(v);
    const int64_t n = i ? *i : (d > 0 ? INT64_MAX : INT64_MIN);
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr);
    return true;
  }
  append_text_or_empty(out, v);
  return true;
}

void validate_envelope(JsonRef root, const std::vector<std::string>& supported_versions,
                       Validation& out) {
  out.error = ValidationError::kNone;
  out.timestamp.reset();
  out.has_version = false;
  out.missing_path = {};
  if (!root.is_object()) {
    out.error = ValidationError::kRootNotObject;
    return;
  }
  const JsonRef type = root["type"];
  if (!type.is_string()) {
    out.error = ValidationError::kMissingType;
    return;
  }
  out.timestamp = ts_ms(root["timestamp"]);
  if (!out.timestamp) {
    out.error = ValidationError::kMissingTimestamp;
    return;
  }
  if (!representable_as_datetime64(*out.timestamp)) {
    out.error = ValidationError::kTimestampOutOfRange;
    return;
  }
  const JsonRef data = root["data"];
  if (!data.present()) {
    out.error = ValidationError::kMissingData;
    return;
  }
  const auto et = event_type_from_name(type.string());
  if (!et) {
    out.error = ValidationError::kUnsupportedEventType;
    return;
  }
  out.type = *et;
  out.has_version = read_version(root, out.version);
  if (out.has_version && !supported_versions.empty() &&
      std::find(supported_versions.begin(), supported_versions.end(), out.version) ==
          supported_versions.end()) {
    out.error = ValidationError::kUnsupportedVersion;
    return;
  }
  for (std::string_view path : required_paths(*et)) {
    if (!present_and_non_empty(walk(root, path))) {
      out.error = ValidationError::kMissingField;
      out.missing_path = path;
      return;
    }
  }
  if (*et == EventType::kDiscoveryResults && data.array_size() == 0) {
    out.error = ValidationError::kEmptyArray;
    return;
  }
  if (*et == EventType::kNetworkCapabilities && !data.is_object() && !data.is_array()) {
    out.error = ValidationError::kInvalidDataShape;
    return;
  }
  if (!out.has_version) {
    out.version.clear();  // (not `= "1"`: GCC 12 -O3 raises a false -Wrestrict on it)
    out.version.push_back('1');
  }
}

FailureText validation_failure(ValidationError e) {
  using namespace failure;
  switch (e) {
    case ValidationError::kRootNotObject:
      return {kClassSchemaInvalid, kReasonRootNotObject};
    case ValidationError::kMissingType:
      return {kClassSchemaInvalid, kReasonMissingType};
    case ValidationError::kMissingTimestamp:
      return {kClassSchemaInvalid, kReasonMissingTimestamp};
    case ValidationError::kTimestampOutOfRange:
      return {kClassSchemaInvalid, kReasonTimestampOutOfRange};
    case ValidationError::kMissingData:
      return {kClassSchemaInvalid, kReasonMissingData};
    case ValidationError::kUnsupportedEventType:
      return {kClassSchemaInvalid, kReasonUnsupportedEventType};
    case ValidationError::kUnsupportedVersion:
      return {kClassUnsupportedVersion, kReasonUnsupportedVersion};
    case ValidationError::kMissingField:
      return {kClassSchemaInvalid, kReasonMissingField};
    case ValidationError::kEmptyArray:
      return {kClassSchemaInvalid, kReasonEmptyArray};
    case ValidationError::kInvalidDataShape:
      return {kClassSchemaInvalid, kReasonInvalidDataShape};
    case ValidationError::kNone:
      break;
  }
  return {};
}

void append_validation_details(std::string& out, const Validation& v, JsonRef root) {
  using namespace failure;
  switch (v.error) {
    case ValidationError::kRootNotObject:
      out += kDetailsRootNotObject;
      break;
    case ValidationError::kMissingType:
      out += kDetailsMissingType;
      break;
    case ValidationError::kMissingTimestamp:
      out += kDetailsMissingTimestamp;
      break;
    case ValidationError::kTimestampOutOfRange: {
      out += kDetailsTimestampOutOfRangePrefix;
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, v.timestamp.value_or(0));
      out.append(buf, r.ptr);
      break;
    }
    case ValidationError::kMissingData:
      out += kDetailsMissingData;
      break;
    case ValidationError::kUnsupportedEventType:
      out += kDetailsUnsupportedEventTypePrefix;
      out += root["type"].string();
      break;
    case ValidationError::kUnsupportedVersion:
      out += kDetailsUnsupportedVersionPrefix;
      out += v.version;
      break;
    case ValidationError::kMissingField:
      out += kDetailsMissingFieldPrefix;
      out += v.missing_path;
      break;
    case ValidationError::kEmptyArray:
      out += kDetailsEmptyArray;
      break;
    case ValidationError::kInvalidDataShape:
      out += kDetailsInvalidDataShape;
      break;
    case ValidationError::kNone:
      break;
  }
}

}  // namespace naap::ingest
