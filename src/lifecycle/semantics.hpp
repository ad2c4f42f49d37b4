// Small value semantics shared by every lifecycle operator (spec lifecycle.md
// §1.2 string semantics, §3.4 attribution method/confidence, §3.5 resolver,
// §4.3 excusable errors, §8.5 trace categories).
//
// Case-insensitive comparisons and lower-casing are ASCII-only. The reference
// (Java) folds Unicode case; the two differ only for identifiers containing
// non-ASCII letters, which the telemetry does not use (docs/deviations.md).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/text.hpp"
#include "core/time.hpp"

namespace naap::lifecycle {

inline constexpr int64_t kDefaultAttributionTtlMs = 86'400'000;  // 24 h
inline constexpr int kDefaultMaxCandidatesPerWallet = 32;
inline constexpr std::string_view kDefaultWorkflowType = "ai_live_video_stream";
inline constexpr std::string_view kTraceStreamRequest = "gateway_receive_stream_request";
inline constexpr std::string_view kTraceFirstProcessed = "gateway_receive_first_processed_segment";
inline constexpr std::string_view kTraceFewProcessed = "gateway_receive_few_processed_segments";
inline constexpr std::string_view kTraceNoOrchestrators = "gateway_no_orchestrators_available";
inline constexpr std::string_view kTraceOrchestratorSwap = "orchestrator_swap";
inline constexpr std::string_view kTraceStreamClosed = "gateway_ingest_stream_closed";

// "first non-blank of (a, b, ...)": the first non-blank argument, unmodified
// (not trimmed), or "" when every argument is blank.
inline std::string_view first_non_blank(std::initializer_list<std::string_view> values) {
  for (std::string_view v : values) {
    if (!is_blank(v)) return v;
  }
  return {};
}

// "blank-to-null": blank -> null, anything else unchanged (not trimmed).
inline std::optional<std::string> blank_to_null(std::string_view v) {
  if (is_blank(v)) return std::nullopt;
  return std::string(v);
}

inline std::string_view or_empty(const std::optional<std::string>& v) {
  return v ? std::string_view(*v) : std::string_view();
}

// Java String.equalsIgnoreCase, ASCII case folding.
bool equals_ignore_case(std::string_view a, std::string_view b);

// Candidate/selection key normalization (§3.2): blank -> "__empty__", else
// trimmed and lower-cased.
std::string normalize_key(std::string_view v);

// |a - b| without overflow for any pair of int64 values.
inline uint64_t abs_diff(int64_t a, int64_t b) {
  return a >= b ? static_cast<uint64_t>(a) - static_cast<uint64_t>(b)
                : static_cast<uint64_t>(b) - static_cast<uint64_t>(a);
}

// gpu_attribution_method values.
enum class AttributionMethod : uint8_t {
  kNone = 0,
  kExactOrchestratorTimeMatch = 1,
  kNearestPriorSnapshot = 2,
  kNearestSnapshotWithinTtl = 3,
  kProxyAddressJoin = 4,
};
std::string_view method_name(AttributionMethod m);

struct AttributionDecision {
  AttributionMethod method = AttributionMethod::kNone;
  float confidence = 0.0f;
  bool operator==(const AttributionDecision&) const = default;
};

// §3.4 (AttributionSemantics): method and confidence from the distance between
// the signal and the applied snapshot.
AttributionDecision attribution_semantics(EpochMs signal_ts, EpochMs snapshot_ts, int64_t ttl_ms);

// §4.3: an AI `error` message counts as excusable.
bool is_excusable_error(std::string_view message);

// §8.5 trace_category by prefix of the trace type.
std::string_view trace_category(std::string_view trace_type);

// §3.5 canonicalPipeline: "" when pipeline and model are both non-blank and
// equal ignoring case (untrimmed; a model-like label is not a pipeline), else
// the pipeline (blank -> "").
std::string_view canonical_pipeline(std::string_view pipeline, std::string_view model_id);

// §3.5 resolver mode.
enum class PipelineModelMode : uint8_t { kLegacyMisnamed = 0, kNativeCorrect = 1 };

// Mode from the value of LIFECYCLE_PIPELINE_MODEL_MODE: `native_correct` or
// `native` (trimmed, case-insensitive) -> NATIVE_CORRECT; anything else or
// unset (nullopt) -> LEGACY_MISNAMED.
PipelineModelMode parse_pipeline_model_mode(std::optional<std::string_view> env_value);

}  // namespace naap::lifecycle
