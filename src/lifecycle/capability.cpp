#include "lifecycle/capability.hpp"

#include <algorithm>
#include <tuple>

namespace naap::lifecycle {

namespace {

using Candidate = CapabilityBucket::Candidate;

Candidate make_candidate(const SnapshotRef& ref) {
  Candidate c;
  c.ref = ref;
  c.model_key = normalize_key(ref.model_id);
  c.canonical_key = normalize_key(ref.canonical_orchestrator_address);
  c.url_key = normalize_key(ref.orchestrator_url);
  c.gpu_key = normalize_key(ref.gpu_id);
  c.source_key = normalize_key(ref.source_event_id);
  return c;
}

bool same_key(const Candidate& a, const Candidate& b) {
  return a.ref.snapshot_ts == b.ref.snapshot_ts && a.model_key == b.model_key &&
         a.canonical_key == b.canonical_key && a.url_key == b.url_key && a.gpu_key == b.gpu_key &&
         a.source_key == b.source_key;
}

// Total order on candidate keys (used for deterministic cap ties).
auto key_tuple(const Candidate& c) {
  return std::tie(c.model_key, c.canonical_key, c.url_key, c.gpu_key, c.ref.snapshot_ts,
                  c.source_key);
}

bool model_compatible(std::string_view hint, std::string_view model) {
  if (is_blank(hint) || is_blank(model)) return true;
  return equals_ignore_case(java_trim(hint), java_trim(model));
}

// normalize_key(hint) == key, without allocating (key is already normalized).
bool hint_matches_key(std::string_view hint, std::string_view key) {
  return !is_blank(hint) && equals_ignore_case(java_trim(hint), key);
}

struct Score {
  int compatibility, url, gpu, freshness;
  uint64_t delta;
  EpochMs snapshot_ts;
  const Candidate* c;
};

// true when a ranks strictly before b.
bool better(const Score& a, const Score& b) {
  if (a.compatibility != b.compatibility) return a.compatibility < b.compatibility;
  if (a.url != b.url) return a.url < b.url;
  if (a.gpu != b.gpu) return a.gpu < b.gpu;
  if (a.freshness != b.freshness) return a.freshness < b.freshness;
  if (a.delta != b.delta) return a.delta < b.delta;
  if (a.snapshot_ts != b.snapshot_ts) return a.snapshot_ts > b.snapshot_ts;  // newer first
  if (int c = a.c->model_key.compare(b.c->model_key); c != 0) return c < 0;
  if (int c = a.c->url_key.compare(b.c->url_key); c != 0) return c < 0;
  if (int c = a.c->gpu_key.compare(b.c->gpu_key); c != 0) return c < 0;
  // Deterministic tie-break (spec §13.17); not in the reference.
  if (int c = a.c->canonical_key.compare(b.c->canonical_key); c != 0) return c < 0;
  return a.c->source_key < b.c->source_key;
}

}  // namespace

void CapabilityBucket::upsert(const SnapshotRef& ref, EpochMs reference_ts, int64_t ttl_ms,
                              int max_candidates) {
  Candidate c = make_candidate(ref);
  auto it = std::find_if(candidates_.begin(), candidates_.end(),
                         [&](const Candidate& e) { return same_key(e, c); });
  if (it != candidates_.end()) {
    *it = std::move(c);
  } else {
    candidates_.push_back(std::move(c));
  }
  // Prune: |reference - snapshot| > 2 x TTL.
  const uint64_t max_delta = 2 * static_cast<uint64_t>(std::max<int64_t>(ttl_ms, 0));
  std::erase_if(candidates_, [&](const Candidate& e) {
    return abs_diff(reference_ts, e.ref.snapshot_ts) > max_delta;
  });
  // Cap: drop the oldest (ties: smallest candidate key first).
  const size_t cap = static_cast<size_t>(std::max(1, max_candidates));
  if (candidates_.size() > cap) {
    std::stable_sort(candidates_.begin(), candidates_.end(),
                     [](const Candidate& a, const Candidate& b) {
                       if (a.ref.snapshot_ts != b.ref.snapshot_ts)
                         return a.ref.snapshot_ts < b.ref.snapshot_ts;
                       return key_tuple(a) < key_tuple(b);
                     });
    candidates_.erase(candidates_.begin(),
                      candidates_.begin() + static_cast<ptrdiff_t>(candidates_.size() - cap));
  }
}

std::string CapabilityBucket::candidate_key(size_t i) const {
  const Candidate& c = candidates_.at(i);
  return c.model_key + "|" + c.canonical_key + "|" + c.url_key + "|" + c.gpu_key + "|" +
         std::to_string(c.ref.snapshot_ts) + "|" + c.source_key;
}

void CapabilityBucket::serialize(ByteWriter& w) const {
  w.uv(candidates_.size());
  for (const Candidate& c : candidates_) {
    w.sv(c.ref.snapshot_ts);
    w.str(c.ref.source_event_id);
    w.str(c.ref.canonical_orchestrator_address);
    w.str(c.ref.orchestrator_url);
    w.str(c.ref.pipeline);
    w.str(c.ref.model_id);
    w.str(c.ref.gpu_id);
  }
}

CapabilityBucket CapabilityBucket::deserialize(ByteReader& r) {
  CapabilityBucket b;
  const uint64_t n = r.count();
  b.candidates_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    SnapshotRef ref;
    ref.snapshot_ts = r.sv();
    ref.source_event_id = r.str();
    ref.canonical_orchestrator_address = r.str();
    ref.orchestrator_url = r.str();
    ref.pipeline = r.str();
    ref.model_id = r.str();
    ref.gpu_id = r.str();
    b.candidates_.push_back(make_candidate(ref));
  }
  return b;
}

const SnapshotRef* select_best_candidate(const CapabilityBucket* bucket,
                                         const SelectionContext& ctx) {
  if (bucket == nullptr || bucket->size() == 0) return nullptr;
  const uint64_t ttl = static_cast<uint64_t>(std::max<int64_t>(ctx.ttl_ms, 0));
  const auto& candidates = bucket->candidates();

  // Ambiguity guard: compatible candidates within the TTL must not name two
  // or more distinct canonical orchestrators.
  const std::string* first_canonical = nullptr;
  for (const Candidate& c : candidates) {
    if (!model_compatible(ctx.model_hint, c.ref.model_id)) continue;
    if (abs_diff(ctx.signal_ts, c.ref.snapshot_ts) > ttl) continue;
    if (is_blank(c.ref.canonical_orchestrator_address)) continue;
    const std::string& canonical = c.canonical_key;  // normalized address
    if (first_canonical == nullptr) {
      first_canonical = &canonical;
    } else if (*first_canonical != canonical) {
      return nullptr;
    }
  }

  std::optional<Score> best;
  for (const Candidate& c : candidates) {
    if (!model_compatible(ctx.model_hint, c.ref.model_id)) continue;
    Score s;
    s.c = &c;
    s.snapshot_ts = c.ref.snapshot_ts;
    s.delta = abs_diff(ctx.signal_ts, c.ref.snapshot_ts);
    s.compatibility = (!is_blank(ctx.model_hint) && !is_blank(c.ref.model_id) &&
                       equals_ignore_case(java_trim(ctx.model_hint), java_trim(c.ref.model_id)))
                          ? 0
                          : 1;
    s.url = hint_matches_key(ctx.orchestrator_url_hint, c.url_key) ? 0 : 1;
    s.gpu = hint_matches_key(ctx.gpu_hint, c.gpu_key) ? 0 : 1;
    const bool prior = c.ref.snapshot_ts <= ctx.signal_ts;
    if (s.delta == 0) {
      s.freshness = 0;
    } else if (prior && s.delta <= ttl) {
      s.freshness = 1;
    } else if (s.delta <= ttl) {
      s.freshness = 2;
    } else if (prior) {
      s.freshness = 3;
    } else {
      s.freshness = 4;
    }
    if (!best || better(s, *best)) best = s;
  }
  return best ? &best->c->ref : nullptr;
}

bool CapabilityIndex::apply(const CapabilitySnapshot& row) {
  const std::string hot = normalize_address(row.local_address);
  const std::string canonical = normalize_address(row.orchestrator_address);
  if (hot.empty() && canonical.empty()) return false;
  SnapshotRef ref;
  ref.snapshot_ts = row.event_timestamp;
  ref.source_event_id = std::string(row.source_event_id);
  ref.canonical_orchestrator_address = canonical;
  ref.orchestrator_url = std::string(row.orch_uri);
  ref.pipeline = std::string(row.pipeline);
  ref.model_id = std::string(row.model_id);
  ref.gpu_id = row.gpu_id ? std::string(*row.gpu_id) : std::string();
  if (!hot.empty()) upsert(hot, ref, row.event_timestamp);
  if (!canonical.empty() && canonical != hot) upsert(canonical, ref, row.event_timestamp);
  return true;
}

void CapabilityIndex::upsert(std::string_view key, const SnapshotRef& ref, EpochMs reference_ts) {
  auto it = buckets_.find(key);
  if (it == buckets_.end()) it = buckets_.emplace(std::string(key), CapabilityBucket()).first;
  it->second.upsert(ref, reference_ts, ttl_ms_, max_candidates_);
}

const CapabilityBucket* CapabilityIndex::find(std::string_view key) const {
  auto it = buckets_.find(key);
  return it == buckets_.end() ? nullptr : &it->second;
}

size_t CapabilityIndex::candidate_count() const {
  size_t n = 0;
  for (const auto& [k, b] : buckets_) n += b.size();
  return n;
}

void CapabilityIndex::serialize(ByteWriter& w) const {
  std::vector<const std::pair<const std::string, CapabilityBucket>*> entries;
  entries.reserve(buckets_.size());
  for (const auto& e : buckets_) entries.push_back(&e);
  std::sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->first < b->first; });
  w.uv(entries.size());
  for (const auto* e : entries) {
    w.str(e->first);
    e->second.serialize(w);
  }
}

void CapabilityIndex::deserialize(ByteReader& r) {
  buckets_.clear();
  const uint64_t n = r.count();
  for (uint64_t i = 0; i < n; ++i) {
    std::string key = r.str();
    buckets_.insert_or_assign(std::move(key), CapabilityBucket::deserialize(r));
  }
}

}  // namespace naap::lifecycle
