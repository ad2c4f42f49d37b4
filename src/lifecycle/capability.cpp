#include "lifecycle/capability.hpp"

#include <algorithm>
#include <tuple>

namespace naap::lifecycle {

namespace {

using Candidate = CapabilityBucket::Candidate;

// normalize_key(v) into `out`, reusing its buffer.
void assign_key(std::string& out, std::string_view v) {
  const std::string_view t = java_trim(v);
  if (t.empty()) {
    out.assign("__empty__");
    return;
  }
  out.assign(t);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// addr-norm (normalize_address) into `out`, reusing its buffer.
void assign_address_key(std::string& out, std::string_view v) {
  out.assign(java_trim(v));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// The candidate keys (§3.2) of c.ref.
void set_keys(Candidate& c) {
  assign_key(c.model_key, c.ref.model_id);
  assign_key(c.canonical_key, c.ref.canonical_orchestrator_address);
  assign_key(c.url_key, c.ref.orchestrator_url);
  assign_key(c.gpu_key, c.ref.gpu_id);
  assign_key(c.source_key, c.ref.source_event_id);
}

Candidate make_candidate(const SnapshotRef& ref) {
  Candidate c;
  c.ref = ref;
  set_keys(c);
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

// A selection hint, trimmed and lower-cased once per selection so that each
// candidate is compared with one memcmp against its normalized key instead
// of a case-folding loop: equals_ignore_case(trim(hint), trim(v)) is
// key() == lower(trim(v)), which is the candidate's key for a non-blank v.
class HintKey {
 public:
  HintKey(const HintKey&) = delete;  // key_ may view small_
  HintKey& operator=(const HintKey&) = delete;
  explicit HintKey(std::string_view hint) {
    const std::string_view t = java_trim(hint);
    if (t.empty()) return;  // blank
    char* out = t.size() <= sizeof small_ ? small_ : (large_.resize(t.size()), large_.data());
    for (size_t i = 0; i < t.size(); ++i) {
      const char c = t[i];
      out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    key_ = std::string_view(out, t.size());
  }
  bool blank() const { return key_.empty(); }
  // normalize_key(hint) == key for a non-blank hint; false for a blank one.
  bool matches(std::string_view normalized_key) const { return !blank() && key_ == normalized_key; }

 private:
  char small_[128];
  std::string large_;
  std::string_view key_;
};

// model_compatible(hint, model) of §3.3: either side blank, or equal ignoring
// case after trimming (c.model_key is the normalized model).
bool model_compatible(const HintKey& hint, const Candidate& c) {
  if (hint.blank() || is_blank(c.ref.model_id)) return true;
  return hint.matches(c.model_key);
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
  upsert_recycling(c, reference_ts, ttl_ms, max_candidates);
}

void CapabilityBucket::upsert_recycling(Candidate& c, EpochMs reference_ts, int64_t ttl_ms,
                                        int max_candidates) {
  auto it = std::find_if(candidates_.begin(), candidates_.end(),
                         [&](const Candidate& e) { return same_key(e, c); });
  if (it != candidates_.end()) {
    std::swap(*it, c);  // c now holds the overwritten candidate
  } else {
    candidates_.push_back(std::move(c));
    c = Candidate();
  }
  // Prune: |reference - snapshot| > 2 x TTL.
  const uint64_t max_delta = 2 * static_cast<uint64_t>(std::max<int64_t>(ttl_ms, 0));
  std::erase_if(candidates_, [&](const Candidate& e) {
    return abs_diff(reference_ts, e.ref.snapshot_ts) > max_delta;
  });
  // Cap: drop the oldest (ties: smallest candidate key first).
  const size_t cap = static_cast<size_t>(std::max(1, max_candidates));
  if (candidates_.size() > cap) {
    const auto older = [](const Candidate& a, const Candidate& b) {
      if (a.ref.snapshot_ts != b.ref.snapshot_ts) return a.ref.snapshot_ts < b.ref.snapshot_ts;
      return key_tuple(a) < key_tuple(b);
    };
    // The result is the stable sort's. A full bucket is usually sorted already
    // (by an earlier cap) but for the candidate just appended: then one
    // rotation (after any equal ones, as stable_sort keeps them) replaces the
    // sort, which moved every candidate twice.
    const auto last = candidates_.end() - 1;
    if (std::is_sorted(candidates_.begin(), last, older)) {
      std::rotate(std::upper_bound(candidates_.begin(), last, *last, older), last,
                  candidates_.end());
    } else {
      std::stable_sort(candidates_.begin(), candidates_.end(), older);
    }
    while (candidates_.size() > cap) {
      std::swap(c, candidates_.front());  // hand the dropped one back for reuse
      candidates_.pop_front();
    }
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
  const HintKey model_hint(ctx.model_hint);
  const HintKey url_hint(ctx.orchestrator_url_hint);
  const HintKey gpu_hint(ctx.gpu_hint);

  // Ambiguity guard: compatible candidates within the TTL must not name two
  // or more distinct canonical orchestrators.
  const std::string* first_canonical = nullptr;
  for (const Candidate& c : candidates) {
    if (!model_compatible(model_hint, c)) continue;
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
    if (!model_compatible(model_hint, c)) continue;
    Score s;
    s.c = &c;
    s.snapshot_ts = c.ref.snapshot_ts;
    s.delta = abs_diff(ctx.signal_ts, c.ref.snapshot_ts);
    s.compatibility = (!is_blank(c.ref.model_id) && model_hint.matches(c.model_key)) ? 0 : 1;
    // normalize_key(hint) == key (keys are already normalized).
    s.url = url_hint.matches(c.url_key) ? 0 : 1;
    s.gpu = gpu_hint.matches(c.gpu_key) ? 0 : 1;
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
  assign_address_key(hot_, row.local_address);
  assign_address_key(canonical_, row.orchestrator_address);
  if (hot_.empty() && canonical_.empty()) return false;
  // The row's candidate, built once for both buckets in reused strings.
  SnapshotRef& ref = row_candidate_.ref;
  ref.snapshot_ts = row.event_timestamp;
  ref.source_event_id.assign(row.source_event_id);
  ref.canonical_orchestrator_address.assign(canonical_);
  ref.orchestrator_url.assign(row.orch_uri);
  ref.pipeline.assign(row.pipeline);
  ref.model_id.assign(row.model_id);
  if (row.gpu_id) {
    ref.gpu_id.assign(*row.gpu_id);
  } else {
    ref.gpu_id.clear();
  }
  set_keys(row_candidate_);
  const auto upsert_copy = [&](std::string_view key) {
    // Copy-assigned into the recycled candidate: its strings are reused.
    spare_ = row_candidate_;
    bucket(key).upsert_recycling(spare_, row.event_timestamp, ttl_ms_, max_candidates_);
  };
  if (!hot_.empty()) upsert_copy(hot_);
  if (!canonical_.empty() && canonical_ != hot_) upsert_copy(canonical_);
  return true;
}

CapabilityBucket& CapabilityIndex::bucket(std::string_view key) {
  auto it = buckets_.find(key);
  if (it == buckets_.end()) it = buckets_.emplace(std::string(key), CapabilityBucket()).first;
  return it->second;
}

void CapabilityIndex::upsert(std::string_view key, const SnapshotRef& ref, EpochMs reference_ts) {
  bucket(key).upsert(ref, reference_ts, ttl_ms_, max_candidates_);
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
