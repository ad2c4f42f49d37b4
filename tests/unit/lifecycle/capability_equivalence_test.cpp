// The capability index's fast paths (a rotation instead of a full sort at
// the cap, candidates recycled across upserts, selection hints normalized
// once) against a straightforward implementation of §3.2/§3.3 as first
// written: the same candidates in the same order after every upsert, and the
// same selection, over long random sequences.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "lifecycle/capability.hpp"

namespace naap::lifecycle {
namespace {

using Candidate = CapabilityBucket::Candidate;

// ---- the reference ----------------------------------------------------------

Candidate make(const SnapshotRef& r) {
  Candidate c;
  c.ref = r;
  c.model_key = normalize_key(r.model_id);
  c.canonical_key = normalize_key(r.canonical_orchestrator_address);
  c.url_key = normalize_key(r.orchestrator_url);
  c.gpu_key = normalize_key(r.gpu_id);
  c.source_key = normalize_key(r.source_event_id);
  return c;
}

auto key_tuple(const Candidate& c) {
  return std::tie(c.model_key, c.canonical_key, c.url_key, c.gpu_key, c.ref.snapshot_ts,
                  c.source_key);
}

bool same_key(const Candidate& a, const Candidate& b) {
  return a.ref.snapshot_ts == b.ref.snapshot_ts && a.model_key == b.model_key &&
         a.canonical_key == b.canonical_key && a.url_key == b.url_key && a.gpu_key == b.gpu_key &&
         a.source_key == b.source_key;
}

void reference_upsert(std::vector<Candidate>& v, const SnapshotRef& r, EpochMs now, int64_t ttl,
                      int max) {
  Candidate c = make(r);
  auto it = std::find_if(v.begin(), v.end(), [&](const Candidate& e) { return same_key(e, c); });
  if (it != v.end()) {
    *it = c;
  } else {
    v.push_back(c);
  }
  const uint64_t max_delta = 2 * static_cast<uint64_t>(std::max<int64_t>(ttl, 0));
  std::erase_if(v,
                [&](const Candidate& e) { return abs_diff(now, e.ref.snapshot_ts) > max_delta; });
  const size_t cap = static_cast<size_t>(std::max(1, max));
  if (v.size() > cap) {
    std::stable_sort(v.begin(), v.end(), [](const Candidate& a, const Candidate& b) {
      if (a.ref.snapshot_ts != b.ref.snapshot_ts) return a.ref.snapshot_ts < b.ref.snapshot_ts;
      return key_tuple(a) < key_tuple(b);
    });
    v.erase(v.begin(), v.begin() + static_cast<ptrdiff_t>(v.size() - cap));
  }
}

bool compatible(std::string_view hint, std::string_view model) {
  if (is_blank(hint) || is_blank(model)) return true;
  return equals_ignore_case(java_trim(hint), java_trim(model));
}

bool hint_matches(std::string_view hint, std::string_view key) {
  return !is_blank(hint) && equals_ignore_case(java_trim(hint), key);
}

std::optional<SnapshotRef> reference_select(const std::vector<Candidate>& v, std::string_view model,
                                            std::string_view url, std::string_view gpu, EpochMs ts,
                                            int64_t ttl_ms) {
  if (v.empty()) return std::nullopt;
  const uint64_t ttl = static_cast<uint64_t>(std::max<int64_t>(ttl_ms, 0));
  const std::string* first = nullptr;
  for (const Candidate& c : v) {
    if (!compatible(model, c.ref.model_id) || abs_diff(ts, c.ref.snapshot_ts) > ttl ||
        is_blank(c.ref.canonical_orchestrator_address)) {
      continue;
    }
    if (!first) {
      first = &c.canonical_key;
    } else if (*first != c.canonical_key) {
      return std::nullopt;
    }
  }
  using Score = std::tuple<int, int, int, int, uint64_t, EpochMs, std::string, std::string,
                           std::string, std::string, std::string>;
  std::optional<Score> best;
  const Candidate* winner = nullptr;
  for (const Candidate& c : v) {
    if (!compatible(model, c.ref.model_id)) continue;
    const uint64_t delta = abs_diff(ts, c.ref.snapshot_ts);
    const bool prior = c.ref.snapshot_ts <= ts;
    const int freshness = delta == 0                ? 0
                          : (prior && delta <= ttl) ? 1
                          : delta <= ttl            ? 2
                          : prior                   ? 3
                                                    : 4;
    const int compat = (!is_blank(model) && !is_blank(c.ref.model_id) &&
                        equals_ignore_case(java_trim(model), java_trim(c.ref.model_id)))
                           ? 0
                           : 1;
    // Newer first: the negated timestamp sorts ascending.
    Score s{compat,
            hint_matches(url, c.url_key) ? 0 : 1,
            hint_matches(gpu, c.gpu_key) ? 0 : 1,
            freshness,
            delta,
            -c.ref.snapshot_ts,
            c.model_key,
            c.url_key,
            c.gpu_key,
            c.canonical_key,
            c.source_key};
    if (!best || s < *best) {
      best = s;
      winner = &c;
    }
  }
  return winner ? std::optional<SnapshotRef>(winner->ref) : std::nullopt;
}

// ---- random inputs ----------------------------------------------------------

struct Gen {
  std::mt19937_64 rng{12345};
  std::string pick(std::initializer_list<const char*> xs) {
    std::vector<const char*> v(xs);
    return v[rng() % v.size()];
  }
  SnapshotRef snapshot(EpochMs ts) {
    SnapshotRef r;
    r.snapshot_ts = ts;
    r.source_event_id = pick({"", "e1", "E1 ", "e2", "e3"});
    r.canonical_orchestrator_address = pick({"0xaa", "0xbb", "", "0xcc"});
    r.orchestrator_url = pick({"", "https://a:1", "HTTPS://A:1", " https://b:2"});
    r.pipeline = pick({"p", ""});
    r.model_id = pick({"", "m1", "M1", " m1 ", "m2", "sdxl"});
    r.gpu_id = pick({"", "GPU-1", "gpu-1", "GPU-2"});
    return r;
  }
  std::string hint() {
    return pick({"", " ", "m1", "M1 ", "m2", "sdxl", "x", "https://a:1", "GPU-1", "gpu-2"});
  }
};

void expect_same(const std::vector<Candidate>& want, const CapabilityBucket* got, int step) {
  const size_t n = got ? got->size() : 0;
  ASSERT_EQ(want.size(), n) << "step " << step;
  for (size_t i = 0; i < n; ++i) {
    const Candidate& a = want[i];
    const Candidate& b = got->candidates()[i];
    ASSERT_EQ(a.ref, b.ref) << "step " << step << " candidate " << i;
    ASSERT_EQ(key_tuple(a), key_tuple(b)) << "step " << step << " candidate " << i;
  }
}

TEST(CapabilityEquivalence, BucketUpsertAndSelectMatchTheReference) {
  for (int max : {1, 3, 8, 32}) {
    Gen g;
    CapabilityBucket bucket;
    std::vector<Candidate> reference;
    const int64_t ttl = 5000;
    EpochMs clock = 100000;
    for (int step = 0; step < 3000; ++step) {
      // Mostly increasing time (the production shape: the sorted fast path),
      // sometimes late or repeated snapshots (the full sort, overwrites), and
      // jumps beyond 2 x TTL (pruning).
      const uint64_t r = g.rng() % 100;
      if (r < 70) {
        clock += static_cast<EpochMs>(g.rng() % 500);
      } else if (r < 75) {
        clock += 3 * ttl;
      }
      const EpochMs ts = r >= 90 ? clock - static_cast<EpochMs>(g.rng() % 4000) : clock;
      const SnapshotRef s = g.snapshot(ts);
      bucket.upsert(s, clock, ttl, max);
      reference_upsert(reference, s, clock, ttl, max);
      expect_same(reference, &bucket, step);
      const std::string m = g.hint(), u = g.hint(), gpu = g.hint();
      const EpochMs at = clock - 2000 + static_cast<EpochMs>(g.rng() % 4000);
      const SnapshotRef* got = select_best_candidate(&bucket, {m, u, gpu, at, ttl});
      const auto want = reference_select(reference, m, u, gpu, at, ttl);
      ASSERT_EQ(want.has_value(), got != nullptr) << "step " << step;
      if (want) {
        ASSERT_EQ(*want, *got) << "step " << step;
      }
    }
  }
}

// The index applies each row to its proxy and canonical buckets through one
// recycled candidate: every bucket must hold what the reference builds.
TEST(CapabilityEquivalence, IndexApplyMatchesTheReference) {
  Gen g;
  const int64_t ttl = 5000;
  const int max = 4;
  CapabilityIndex index(ttl, max);
  std::map<std::string, std::vector<Candidate>> reference;
  EpochMs clock = 100000;
  for (int step = 0; step < 4000; ++step) {
    clock += static_cast<EpochMs>(g.rng() % 300);
    const SnapshotRef s = g.snapshot(g.rng() % 10 == 0 ? clock - 1000 : clock);
    const std::string local = g.pick({"", "0xAA", " 0xaa", "0xDD", "0xee"});
    const std::string canonical = g.pick({"", "0xAA", "0xbb", " 0xCC "});
    CapabilitySnapshot row;
    row.event_timestamp = s.snapshot_ts;
    row.source_event_id = s.source_event_id;
    row.orchestrator_address = canonical;
    row.local_address = local;
    row.orch_uri = s.orchestrator_url;
    row.pipeline = s.pipeline;
    row.model_id = s.model_id;
    if (!s.gpu_id.empty() || g.rng() % 2) row.gpu_id = std::string_view(s.gpu_id);
    const bool applied = index.apply(row);
    const std::string hot = normalize_address(local), canon = normalize_address(canonical);
    ASSERT_EQ(applied, !(hot.empty() && canon.empty()));
    SnapshotRef ref = s;
    ref.canonical_orchestrator_address = canon;
    if (!hot.empty()) reference_upsert(reference[hot], ref, s.snapshot_ts, ttl, max);
    if (!canon.empty() && canon != hot)
      reference_upsert(reference[canon], ref, s.snapshot_ts, ttl, max);
    for (const auto& [key, want] : reference) expect_same(want, index.find(key), step);
  }
  EXPECT_EQ(index.wallet_count(), reference.size());
}

}  // namespace
}  // namespace naap::lifecycle
