// Failure stages, classes and reasons of reject rows (events-and-ingest
// §3.2-3.4, §4.4): every such string is spelled here once.
#pragma once

#include <string_view>

namespace naap::ingest::failure {

// failure_stage
inline constexpr std::string_view kStageDeserialization = "DESERIALIZATION";
inline constexpr std::string_view kStageSchemaValidation = "SCHEMA_VALIDATION";
inline constexpr std::string_view kStageDedup = "DEDUP";
inline constexpr std::string_view kStageParse = "PARSE";
inline constexpr std::string_view kStageSinkGuard = "SINK_GUARD";

// failure_class
inline constexpr std::string_view kClassDeserializationFailed = "DESERIALIZATION_FAILED";
inline constexpr std::string_view kClassSchemaInvalid = "SCHEMA_INVALID";
inline constexpr std::string_view kClassUnsupportedVersion = "UNSUPPORTED_VERSION";
inline constexpr std::string_view kClassDuplicate = "DUPLICATE";
inline constexpr std::string_view kClassParsingFailed = "PARSING_FAILED";
inline constexpr std::string_view kClassRecordTooLarge = "RECORD_TOO_LARGE";

// failure_reason
inline constexpr std::string_view kReasonNullPayload = "null_payload";
inline constexpr std::string_view kReasonJsonParseError = "json_parse_error";
inline constexpr std::string_view kReasonRootNotObject = "root_not_object";
inline constexpr std::string_view kReasonMissingType = "missing_type";
inline constexpr std::string_view kReasonMissingTimestamp = "missing_timestamp";
inline constexpr std::string_view kReasonTimestampOutOfRange = "timestamp_out_of_range";  // naap
inline constexpr std::string_view kReasonMissingData = "missing_data";
inline constexpr std::string_view kReasonUnsupportedEventType = "unsupported_event_type";
inline constexpr std::string_view kReasonUnsupportedVersion = "unsupported_version";
inline constexpr std::string_view kReasonMissingField = "missing_field";
inline constexpr std::string_view kReasonEmptyArray = "empty_array";
inline constexpr std::string_view kReasonInvalidDataShape = "invalid_data_shape";
inline constexpr std::string_view kReasonDuplicateEvent = "duplicate_event";
inline constexpr std::string_view kReasonParseException = "parse_exception";
inline constexpr std::string_view kReasonRecordTooLarge = "record_too_large";

// failure_details (fixed texts; the variable ones are built by their producers)
inline constexpr std::string_view kDetailsNullPayload = "Record value is null";
inline constexpr std::string_view kDetailsRootNotObject = "Root node is missing or not an object";
inline constexpr std::string_view kDetailsMissingType = "Event type is missing or not a string";
inline constexpr std::string_view kDetailsMissingTimestamp =
    "Event timestamp is missing or not numeric";
inline constexpr std::string_view kDetailsTimestampOutOfRangePrefix =
    "Event timestamp is outside the DateTime64(3) range: ";
inline constexpr std::string_view kDetailsMissingData = "Event data payload is missing";
inline constexpr std::string_view kDetailsUnsupportedEventTypePrefix = "Unsupported event type: ";
inline constexpr std::string_view kDetailsUnsupportedVersionPrefix = "Unsupported event version: ";
inline constexpr std::string_view kDetailsMissingFieldPrefix = "Missing required field: ";
inline constexpr std::string_view kDetailsEmptyArray = "Expected non-empty data array";
inline constexpr std::string_view kDetailsInvalidDataShape = "Expected data object or array";
inline constexpr std::string_view kDetailsDuplicatePrefix = "Duplicate detected for key: ";
inline constexpr std::string_view kDetailsUnknownParseError = "Unknown parse error";

// payload_encoding
inline constexpr std::string_view kEncodingJson = "json";
inline constexpr std::string_view kEncodingBase64 = "base64";

}  // namespace naap::ingest::failure
