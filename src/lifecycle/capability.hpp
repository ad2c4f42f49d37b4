// Capability index and attribution machinery (spec lifecycle.md §3.1-§3.3):
// snapshot references built from `network_capabilities` rows, per-wallet
// candidate buckets (upsert, prune, cap) and the candidate selector with its
// ambiguity guard.
//
// Deterministic ties (fix of spec §13.17, docs/deviations.md): the reference
// leaves two orders to Java hash-map iteration order; naap fixes them:
//  * selection: after the nine reference score components, a smaller
//    canonical-address key wins, then a smaller source-event-id key (with the
//    model/URL/GPU keys and the timestamp these complete the candidate key, so
//    the order is total);
//  * the cap (> max candidates): among candidates with the same oldest
//    snapshot timestamp, the one with the smallest candidate key is dropped
//    first.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/time.hpp"
#include "lifecycle/codec.hpp"
#include "lifecycle/events.hpp"
#include "lifecycle/semantics.hpp"

namespace naap::lifecycle {

// One capability candidate (CapabilitySnapshotRef). Blank/absent values are "".
struct SnapshotRef {
  EpochMs snapshot_ts = 0;
  std::string source_event_id;
  std::string canonical_orchestrator_address;  // normalized (trim + lower)
  std::string orchestrator_url;
  std::string pipeline;
  std::string model_id;
  std::string gpu_id;
  bool operator==(const SnapshotRef&) const = default;
};

class CapabilityBucket {
 public:
  struct Candidate {
    SnapshotRef ref;
    // Normalized parts of the candidate key (§3.2).
    std::string model_key, canonical_key, url_key, gpu_key, source_key;
  };

  // §3.2: insert or overwrite by candidate key, then prune every candidate
  // with |reference_ts - snapshot_ts| > 2 x ttl, then cap at max_candidates
  // (at least 1) by dropping the oldest.
  void upsert(const SnapshotRef& ref, EpochMs reference_ts, int64_t ttl_ms, int max_candidates);
  // The same with a prepared candidate (its keys set, see CapabilityIndex),
  // passed in `c`: the bucket takes its contents and hands back in `c` a
  // candidate it no longer holds (overwritten or dropped), whose strings the
  // caller reuses, so that a full bucket allocates nothing per upsert.
  void upsert_recycling(Candidate& c, EpochMs reference_ts, int64_t ttl_ms, int max_candidates);

  // A deque: the cap drops the oldest candidates from the front without
  // moving the others.
  const std::deque<Candidate>& candidates() const { return candidates_; }
  size_t size() const { return candidates_.size(); }
  // The reference's candidate key text
  // `modelKey|canonical|url|gpu|snapshotTs|sourceEventId` of candidate i.
  std::string candidate_key(size_t i) const;

  void serialize(ByteWriter& w) const;
  static CapabilityBucket deserialize(ByteReader& r);

 private:
  std::deque<Candidate> candidates_;
};

struct SelectionContext {
  std::string_view model_hint;
  std::string_view orchestrator_url_hint;
  std::string_view gpu_hint;
  EpochMs signal_ts = 0;
  int64_t ttl_ms = kDefaultAttributionTtlMs;
};

// §3.3 selectBestCandidate: the best compatible candidate, or nullptr (no
// bucket, no compatible candidate, or the ambiguity guard fired). The pointer
// stays valid until the bucket is next modified.
const SnapshotRef* select_best_candidate(const CapabilityBucket* bucket,
                                         const SelectionContext& context);

// §3.6 step 1: the bucket key of a signal = normalize(first non-blank(signal
// orchestrator address, state orchestrator address)); "" = no lookup.
inline std::string capability_lookup_key(std::string_view signal_address,
                                         std::string_view state_address) {
  return normalize_address(first_non_blank({signal_address, state_address}));
}

// The global capability index (§3.1): buckets keyed by normalized wallet
// address; each row is indexed under its proxy (`local_address`) key and,
// when different, its canonical key.
class CapabilityIndex {
 public:
  CapabilityIndex(int64_t ttl_ms, int max_candidates_per_wallet)
      : ttl_ms_(ttl_ms), max_candidates_(max_candidates_per_wallet) {}

  // Applies one capability row; returns false when it was ignored (both
  // addresses blank).
  bool apply(const CapabilitySnapshot& row);
  // Direct insert into the bucket of `key` (tests and the reference's unit
  // tests work on buckets directly).
  void upsert(std::string_view key, const SnapshotRef& ref, EpochMs reference_ts);

  const CapabilityBucket* find(std::string_view key) const;
  const SnapshotRef* select(std::string_view key, std::string_view model_hint,
                            std::string_view url_hint, std::string_view gpu_hint,
                            EpochMs signal_ts) const {
    return select_best_candidate(find(key), {model_hint, url_hint, gpu_hint, signal_ts, ttl_ms_});
  }

  size_t wallet_count() const { return buckets_.size(); }
  size_t candidate_count() const;
  int64_t ttl_ms() const { return ttl_ms_; }

  // Buckets in key order (deterministic bytes).
  void serialize(ByteWriter& w) const;
  void deserialize(ByteReader& r);  // replaces the contents

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  CapabilityBucket& bucket(std::string_view key);

  int64_t ttl_ms_;
  int max_candidates_;
  std::unordered_map<std::string, CapabilityBucket, Hash, std::equal_to<>> buckets_;
  // Scratch reused by apply(): the normalized keys, the row's candidate and a
  // recycled one (no allocation per row once warm).
  std::string hot_, canonical_;
  CapabilityBucket::Candidate row_candidate_, spare_;
};

}  // namespace naap::lifecycle
