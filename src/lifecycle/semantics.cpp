#include "lifecycle/semantics.hpp"

#include <array>

namespace naap::lifecycle {

namespace {
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

std::string normalize_key(std::string_view v) {
  if (is_blank(v)) return "__empty__";
  return lower_ascii(java_trim(v));
}

std::string_view method_name(AttributionMethod m) {
  switch (m) {
    case AttributionMethod::kNone:
      return "none";
    case AttributionMethod::kExactOrchestratorTimeMatch:
      return "exact_orchestrator_time_match";
    case AttributionMethod::kNearestPriorSnapshot:
      return "nearest_prior_snapshot";
    case AttributionMethod::kNearestSnapshotWithinTtl:
      return "nearest_snapshot_within_ttl";
    case AttributionMethod::kProxyAddressJoin:
      return "proxy_address_join";
  }
  return "none";
}

AttributionDecision attribution_semantics(EpochMs signal_ts, EpochMs snapshot_ts, int64_t ttl_ms) {
  const uint64_t delta = abs_diff(signal_ts, snapshot_ts);
  const uint64_t ttl = ttl_ms < 0 ? 0 : static_cast<uint64_t>(ttl_ms);
  if (delta == 0) return {AttributionMethod::kExactOrchestratorTimeMatch, 1.0f};
  if (snapshot_ts <= signal_ts && delta <= ttl)
    return {AttributionMethod::kNearestPriorSnapshot, 0.9f};
  if (delta <= ttl) return {AttributionMethod::kNearestSnapshotWithinTtl, 0.7f};
  return {AttributionMethod::kProxyAddressJoin, 0.4f};
}

bool is_excusable_error(std::string_view message) {
  static constexpr std::array<std::string_view, 6> kExcusable = {
      "no orchestrators available",  "mediamtx ingest disconnected",
      "whip disconnected",           "missing video",
      "ice connection state failed", "user disconnected",
  };
  if (is_blank(message)) return false;
  const std::string lowered = lower_ascii(message);
  for (std::string_view pattern : kExcusable) {
    if (lowered.find(pattern) != std::string::npos) return true;
  }
  return false;
}

std::string_view trace_category(std::string_view t) {
  if (t.starts_with("gateway_")) return "gateway";
  if (t.starts_with("orchestrator_")) return "orchestrator";
  if (t.starts_with("runner_")) return "runner";
  if (t.starts_with("app_")) return "app";
  return "other";
}

std::string_view canonical_pipeline(std::string_view pipeline, std::string_view model_id) {
  // Compared untrimmed, as the reference does.
  const std::string_view p = first_non_blank({pipeline});
  if (!p.empty() && !is_blank(model_id) && equals_ignore_case(p, model_id)) return {};
  return p;
}

PipelineModelMode parse_pipeline_model_mode(std::optional<std::string_view> env_value) {
  if (!env_value) return PipelineModelMode::kLegacyMisnamed;
  const std::string v = lower_ascii(java_trim(*env_value));
  if (v == "native_correct" || v == "native") return PipelineModelMode::kNativeCorrect;
  return PipelineModelMode::kLegacyMisnamed;
}

}  // namespace naap::lifecycle
