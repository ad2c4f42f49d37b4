// Golden cases 14-24 of lifecycle.md §14 (CapabilityAttributionSelectorTest;
// max 8 candidates unless stated) plus the §13.17 deterministic tie-breaks.
#include <gtest/gtest.h>

#include <set>

#include "test_util.hpp"

namespace naap::lifecycle::test {
namespace {

constexpr std::string_view kCanonical = "0xd00354656922168815fcd1e51cbddb9e359e3c7f";
constexpr std::string_view kGpu = "GPU-6f1bacf5-d5be-9cad-aa38-e35f905daebe";
constexpr std::string_view kLlama = "meta-llama/Meta-Llama-3.1-8B-Instruct";
constexpr std::string_view kSdxl = "streamdiffusion-sdxl";

SnapshotRef ref(EpochMs ts, std::string_view canonical, std::string_view model,
                std::string_view gpu = "", std::string_view url = "", std::string_view src = "") {
  SnapshotRef r = snap(ts, std::string(canonical), std::string(model), std::string(gpu));
  r.orchestrator_url = url;
  r.source_event_id = src;
  return r;
}

void add(CapabilityBucket& b, const SnapshotRef& r, int max = 8) {
  b.upsert(r, r.snapshot_ts, kTtl, max);
}

const SnapshotRef* select(const CapabilityBucket& b, std::string_view hint, EpochMs ts,
                          std::string_view url = "", std::string_view gpu = "") {
  return select_best_candidate(&b, {hint, url, gpu, ts, kTtl});
}

// Case 14.
TEST(CapabilityAttributionSelector, Golden14_CompatibleBeatsIncompatibleLatest) {
  CapabilityBucket b;
  add(b, ref(1000, "0xcanonical", kLlama));
  add(b, ref(2000, "0xcanonical", kSdxl, "GPU-1"));
  const SnapshotRef* s = select(b, kSdxl, 2500);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->model_id, kSdxl);
  EXPECT_EQ(s->gpu_id, "GPU-1");
}

// Case 15.
TEST(CapabilityAttributionSelector, Golden15_NearestPriorBeatsNearestFuture) {
  CapabilityBucket b;
  add(b, ref(9000, "0xcanonical", kSdxl, "GPU-prior"));
  add(b, ref(11'000, "0xcanonical", kSdxl, "GPU-future"));
  const SnapshotRef* s = select(b, kSdxl, 10'000);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->gpu_id, "GPU-prior");
}

// Case 16.
TEST(CapabilityAttributionSelector, Golden16_NoCompatibleCandidate) {
  CapabilityBucket b;
  add(b, ref(1000, "0xcanonical", kLlama));
  EXPECT_EQ(select(b, kSdxl, 2000), nullptr);
}

// Case 17.
TEST(CapabilityAttributionSelector, Golden17_BoundAndPruneVeryStale) {
  CapabilityBucket b;
  const EpochMs five = 5 * kTtl;
  b.upsert(ref(0, "0xcanonical", "old-model"), five, kTtl, 3);
  EXPECT_EQ(b.size(), 0u);  // pruned at once: 5 TTL > 2 TTL
  b.upsert(ref(five - 20, "0xcanonical", "model-a"), five, kTtl, 3);
  b.upsert(ref(five - 10, "0xcanonical", "model-b"), five, kTtl, 3);
  b.upsert(ref(five, "0xcanonical", "model-c"), five, kTtl, 3);
  b.upsert(ref(five + 10, "0xcanonical", "model-d"), five + 10, kTtl, 3);
  ASSERT_EQ(b.size(), 3u);
  std::set<std::string> models;
  for (const auto& c : b.candidates()) models.insert(c.ref.model_id);
  EXPECT_EQ(models, (std::set<std::string>{"model-b", "model-c", "model-d"}));
}

CapabilityBucket prod_bucket(bool with_third = true) {
  CapabilityBucket b;
  add(b, ref(1'739'040'506'612, kCanonical, kSdxl, kGpu), 32);
  add(b, ref(1'739'040'509'903, kCanonical, kLlama), 32);
  if (with_third) add(b, ref(1'739'040'519'000, kCanonical, kSdxl, kGpu), 32);
  return b;
}

// Case 18.
TEST(CapabilityAttributionSelector, Golden18_ProdStreamdiffusionMustNotSelectLlama) {
  const CapabilityBucket b = prod_bucket();
  const SnapshotRef* s = select(b, kSdxl, 1'739'041'800'304);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->model_id, kSdxl);
  EXPECT_EQ(s->gpu_id, kGpu);
  EXPECT_EQ(s->snapshot_ts, 1'739'040'519'000);
}

// Case 19.
TEST(CapabilityAttributionSelector, Golden19_HintDecidesBetweenModels) {
  const CapabilityBucket b = prod_bucket(false);
  const SnapshotRef* no_hint = select(b, "", 1'739'040'510'000);
  ASSERT_NE(no_hint, nullptr);
  EXPECT_EQ(no_hint->model_id, kLlama);
  const SnapshotRef* sdxl = select(b, kSdxl, 1'739'040'510'000);
  ASSERT_NE(sdxl, nullptr);
  EXPECT_EQ(sdxl->model_id, kSdxl);
  EXPECT_EQ(sdxl->gpu_id, kGpu);
}

// Case 20.
TEST(CapabilityAttributionSelector, Golden20_IncompatibleFreshSnapshotNotSelected) {
  CapabilityBucket b;
  add(b, ref(1'739'040'509'903, kCanonical, kLlama), 32);
  EXPECT_EQ(select(b, kSdxl, 1'739'040'510'000), nullptr);
}

// Case 21.
TEST(CapabilityAttributionSelector, Golden21_AmbiguityGuard) {
  CapabilityBucket b;
  add(b, ref(10'000, "0xcanonical-a", kSdxl));
  add(b, ref(10'100, "0xcanonical-b", kSdxl));
  EXPECT_EQ(select(b, kSdxl, 10'120), nullptr);
}

// Case 22.
TEST(CapabilityAttributionSelector, Golden22_UrlHintDecides) {
  CapabilityBucket b;
  add(b, ref(10'000, "0xcanonical", kSdxl, "", "https://orch-a.example"));
  add(b, ref(10'000, "0xcanonical", kSdxl, "", "https://orch-b.example"));
  ASSERT_EQ(b.size(), 2u);
  const SnapshotRef* s = select(b, kSdxl, 10'010, "https://orch-b.example");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->orchestrator_url, "https://orch-b.example");
  // Matched after trim + lower-case.
  const SnapshotRef* s2 = select(b, kSdxl, 10'010, "  HTTPS://ORCH-B.EXAMPLE ");
  ASSERT_NE(s2, nullptr);
  EXPECT_EQ(s2->orchestrator_url, "https://orch-b.example");
}

// Case 23.
TEST(CapabilityAttributionSelector, Golden23_GpuHintDecides) {
  CapabilityBucket b;
  add(b, ref(10'000, "0xcanonical", kSdxl, "GPU-A", "https://orch.example"));
  add(b, ref(10'000, "0xcanonical", kSdxl, "GPU-B", "https://orch.example"));
  const SnapshotRef* s = select(b, kSdxl, 10'020, "", "GPU-A");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->gpu_id, "GPU-A");
  const SnapshotRef* s2 = select(b, kSdxl, 10'020, "", "GPU-B");
  ASSERT_NE(s2, nullptr);
  EXPECT_EQ(s2->gpu_id, "GPU-B");
}

// Case 24.
TEST(CapabilityAttributionSelector, Golden24_SourceEventIdIsPartOfTheKey) {
  CapabilityBucket b;
  add(b, ref(10'000, "0xcanonical", kSdxl, "", "https://a.example", "evt-a"));
  add(b, ref(10'000, "0xcanonical", kSdxl, "", "https://b.example", "evt-b"));
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b.candidate_key(0),
            "streamdiffusion-sdxl|0xcanonical|https://a.example|__empty__|10000|evt-a");
  // Same key again (model/source id differ only in case and spaces): overwrite.
  SnapshotRef again =
      ref(10'000, "0xcanonical", " STREAMDIFFUSION-SDXL ", "", "https://a.example", "EVT-A");
  again.pipeline = "live-video-to-video";
  add(b, again);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b.candidates()[0].ref.pipeline, "live-video-to-video");
}

// URL / GPU matches outrank freshness (§3.3 consequence, §13.6).
TEST(CapabilityAttributionSelector, UrlMatchOutranksFreshness) {
  CapabilityBucket b;
  add(b, ref(1000, "0xc", kSdxl, "", "https://old.example"));
  add(b, ref(5000, "0xc", kSdxl, "", "https://new.example"));
  const SnapshotRef* s = select(b, kSdxl, 5000, "https://old.example");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->snapshot_ts, 1000);
}

// A candidate beyond the TTL (but not yet pruned) is still returned (§13.5).
TEST(CapabilityAttributionSelector, StaleCandidateStillSelectable) {
  CapabilityBucket b;
  add(b, ref(1000, "0xc", kSdxl));
  const SnapshotRef* s = select(b, kSdxl, 1000 + 10 * kTtl);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->snapshot_ts, 1000);
  EXPECT_EQ(attribution_semantics(1000 + 10 * kTtl, s->snapshot_ts, kTtl).method,
            AttributionMethod::kProxyAddressJoin);
}

// §13.17 fix: candidates equal in every reference score component but with
// different canonical addresses (beyond the TTL, so the guard does not fire)
// resolve to the smaller canonical key, whatever the insertion order.
TEST(CapabilityAttributionSelector, DeterministicTieOnCanonicalThenSourceId) {
  for (bool reversed : {false, true}) {
    CapabilityBucket b;
    const SnapshotRef x = ref(1000, "0xbbb", kSdxl);
    const SnapshotRef y = ref(1000, "0xaaa", kSdxl);
    add(b, reversed ? y : x);
    add(b, reversed ? x : y);
    const SnapshotRef* s = select(b, kSdxl, 1000 + 3 * kTtl / 2);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->canonical_orchestrator_address, "0xaaa") << "reversed=" << reversed;
  }
  for (bool reversed : {false, true}) {
    CapabilityBucket b;
    const SnapshotRef x = ref(1000, "0xaaa", kSdxl, "", "", "evt-2");
    const SnapshotRef y = ref(1000, "0xaaa", kSdxl, "", "", "evt-1");
    add(b, reversed ? y : x);
    add(b, reversed ? x : y);
    const SnapshotRef* s = select(b, kSdxl, 1000);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->source_event_id, "evt-1") << "reversed=" << reversed;
  }
}

// §13.17 fix: the cap drops, among equally old candidates, the smallest key.
TEST(CapabilityAttributionSelector, DeterministicCapTie) {
  for (bool reversed : {false, true}) {
    CapabilityBucket b;
    const SnapshotRef x = ref(1000, "0xc", "model-x");
    const SnapshotRef y = ref(1000, "0xc", "model-y");
    b.upsert(reversed ? y : x, 1000, kTtl, 2);
    b.upsert(reversed ? x : y, 1000, kTtl, 2);
    b.upsert(ref(2000, "0xc", "model-z"), 2000, kTtl, 2);
    ASSERT_EQ(b.size(), 2u);
    std::set<std::string> models;
    for (const auto& c : b.candidates()) models.insert(c.ref.model_id);
    EXPECT_EQ(models, (std::set<std::string>{"model-y", "model-z"})) << "reversed=" << reversed;
  }
}

// §3.1: rows indexed under the proxy and (if different) the canonical key;
// rows with both addresses blank are ignored.
TEST(CapabilityIndex, IndexesProxyAndCanonical) {
  CapabilityIndex index(kTtl, 32);
  CapabilitySnapshot row;
  row.event_timestamp = 900;
  row.orchestrator_address = " 0xCanon ";
  row.local_address = "0xHOT";
  row.model_id = "m";
  EXPECT_TRUE(index.apply(row));
  ASSERT_NE(index.find("0xhot"), nullptr);
  ASSERT_NE(index.find("0xcanon"), nullptr);
  EXPECT_EQ(index.find("0xhot")->candidates()[0].ref.canonical_orchestrator_address, "0xcanon");
  EXPECT_EQ(index.wallet_count(), 2u);

  CapabilitySnapshot same;
  same.event_timestamp = 900;
  same.orchestrator_address = "0xsame";
  same.local_address = "0xSAME";
  EXPECT_TRUE(index.apply(same));
  EXPECT_EQ(index.wallet_count(), 3u);  // one key when proxy == canonical

  CapabilitySnapshot blank;
  blank.local_address = "  ";
  EXPECT_FALSE(index.apply(blank));
  EXPECT_EQ(index.wallet_count(), 3u);
  EXPECT_EQ(index.candidate_count(), 3u);
}

}  // namespace
}  // namespace naap::lifecycle::test
