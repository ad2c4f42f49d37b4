// Rollups and serving views equal an independent recomputation from the facts
// (warehouse_model.hpp: plain SELECTs of the fact rows, latest versions and
// aggregates computed in C++), on the store built from every bundled fixture;
// and the comparison notices a served value that is off, or a rollup row too many.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <functional>

#include "warehouse_model.hpp"

namespace naap::testing::warehouse {
namespace {

// The number of gtest failures `f` reports (intercepted, not reported).
size_t failures_of(const std::function<void()>& f) {
  ::testing::TestPartResultArray results;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
    f();
  }
  return static_cast<size_t>(results.size());
}

TEST(WarehouseRecompute, RollupsAndViewsEqualAnIndependentRecomputationOnTheFixtureStore) {
  TempDir dir("warehouse-recompute");
  const std::string store = dir / "store";
  const auto run = replay_fixtures(store);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  store::Chdb db(store);
  const Facts f(db);
  ASSERT_EQ(f.latest.size(), 45u);  // the 45 sessions of the bundled fixtures
  expect_rollups_and_views_match_model(db, f);

  // An SLA score 0.1 % off is caught...
  db.query(view_replacing("v_api_sla_compliance", "sla_score * 0.999 AS sla_score"));
  EXPECT_GT(failures_of([&] { expect_rollups_and_views_match_model(db, f); }), 0u);
  db.query(create_view("v_api_sla_compliance", view_body("v_api_sla_compliance")));
  EXPECT_EQ(failures_of([&] { expect_rollups_and_views_match_model(db, f); }), 0u);
  // ...and so is one session counted twice in a rollup.
  db.query(
      "INSERT INTO livepeer_analytics.agg_reliability_1h (window_start, gateway, "
      "orchestrator_address, pipeline, model_id, gpu_id, region, known_sessions_state) "
      "SELECT window_start, gateway, orchestrator_address, pipeline, model_id, gpu_id, region, "
      "sumState(toUInt64(1)) FROM (SELECT * FROM livepeer_analytics.agg_reliability_1h LIMIT 1) "
      "GROUP BY ALL");
  EXPECT_GT(failures_of([&] { expect_rollups_and_views_match_model(db, f); }), 0u);
}

}  // namespace
}  // namespace naap::testing::warehouse
