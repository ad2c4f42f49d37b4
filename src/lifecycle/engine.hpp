// The lifecycle engine: turns the arrival-ordered stream of status, trace, AI
// and capability events into the lifecycle and silver fact rows of spec
// lifecycle.md (final February state; LEGACY_MISNAMED pipeline/model mode by
// default, NATIVE_CORRECT as an option).
//
// Determinism. The engine is a pure function of its restored state and the
// events it is given, in the order given (arrival order; it never reorders by
// timestamp). No wall clock, randomness, I/O or threads. Time is event time.
//
// Per signal (status / trace / AI event), in this order, as the reference's
// keyed operators (all keyed by the §2.1 workflow_session_id):
//   1. status/trace only: the raw event is offered to the session's silver
//      attribution (§8) BEFORE this event's segment rows (§8.6 order);
//   2. session operator (§4) -> fact_workflow_sessions + latency sample (§7);
//   3. segment operator (§5) -> 1 or 2 segment rows, each also fed to the
//      silver attribution (which may resolve the pending raw event);
//   4. param-update operator (§6) -> a row for `params_update` AI events;
//   5. coverage operator (§10) -> fact_lifecycle_edge_coverage;
//   6. a raw event still unresolved is emitted unattributed (replaces the
//      reference's 15 s processing-time timer; see SilverAttribution in
//      operators.hpp for the exact rule and its one difference).
// Capability rows update the shared capability index (§3) at once; a row is
// never applied retroactively (§11).
//
// Fixes of the reference (spec §13, listed in docs/deviations.md):
//  * §13.2  status start_time is used only when > 0 and within 24 h of the
//           status event's timestamp (LifecycleConfig::start_time_rule).
//  * §13.13 bounded state: idle sessions leave memory (see below).
//  * §13.17 deterministic selector / cap ties (capability.hpp).
//  * §13.10 arrival-order races decided by arrival order: the raw
//           status/trace event is matched before its own segment rows, so an
//           orchestrator-change event and a `gateway_ingest_stream_closed`
//           edge at T are attributed to the segment still open at T.
// Everything else in §13 is reproduced.
//
// Bounded state (§13.13): a session whose last event is more than
// `idle_retention_ms` of event time older than the newest event seen (the
// engine clock = max signal timestamp so far), or the least recently used one
// when more than `max_live_sessions` are live, is SPILLED: its complete state
// (session, segment, param-update and silver-attribution state) is serialized
// to the StateSpill and dropped from memory. A later event of that session
// loads it back, so it produces exactly the row versions it would have
// produced had the session stayed in memory: eviction never changes output.
// Live state is bounded by the two limits; spilled bytes live where the
// StateSpill keeps them (a runtime-provided store, e.g. on disk; without one
// the engine keeps them in an in-process map that is part of its checkpoint).
// A bogus far-future timestamp advances the clock and makes every other
// session idle: they are spilled and reloaded on their next event (cost only,
// never output). The capability index is not evicted (as in the reference,
// stale candidates stay selectable, §13.5); it holds at most
// `max_candidates_per_wallet` candidates per wallet address seen.
//
// Checkpoints: serialize() captures the complete live state (capability index,
// live sessions, LRU order, clock, and the engine-owned spill map if used);
// restore() rebuilds an engine whose further output is identical to the
// original's. Nothing is ever pending between two calls, so a checkpoint can
// be taken after any call and never changes output. With a runtime-provided
// StateSpill, the runtime must make the spill writes made since the previous
// checkpoint durable atomically with the next checkpoint, and `get` must see
// writes not yet made durable.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lifecycle/capability.hpp"
#include "lifecycle/events.hpp"
#include "lifecycle/fact_sink.hpp"
#include "lifecycle/semantics.hpp"
#include "lifecycle/signal.hpp"

namespace naap::lifecycle {

// Where idle session state goes (and comes back from). Keys are
// workflow_session_ids; values are opaque bytes. `get` must return the last
// value `put` for the key (the engine never relies on a get removing it).
class StateSpill {
 public:
  virtual ~StateSpill() = default;
  virtual void put(std::string_view key, std::string_view bytes) = 0;
  virtual std::optional<std::string> get(std::string_view key) const = 0;
};

// An in-memory StateSpill (tests; the engine's default when none is given).
class MemoryStateSpill final : public StateSpill {
 public:
  void put(std::string_view key, std::string_view bytes) override;
  std::optional<std::string> get(std::string_view key) const override;
  void erase(std::string_view key);
  size_t size() const { return map_.size(); }
  size_t bytes() const;
  const auto& entries() const { return map_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> map_;
};

struct LifecycleConfig {
  // Env LIFECYCLE_PIPELINE_MODEL_MODE (parse_pipeline_model_mode).
  PipelineModelMode pipeline_model_mode = PipelineModelMode::kLegacyMisnamed;
  int64_t attribution_ttl_ms = kDefaultAttributionTtlMs;
  int max_candidates_per_wallet = kDefaultMaxCandidatesPerWallet;
  StartTimeRule start_time_rule = StartTimeRule::kValidated;
  // Event-time idle retention of live session state; <= 0: no time-based
  // eviction.
  int64_t idle_retention_ms = 3'600'000;
  // Hard cap on live sessions (least recently used spilled first); 0: no cap.
  size_t max_live_sessions = 200'000;
  // Not owned; must outlive the engine. nullptr: an engine-owned
  // MemoryStateSpill (included in serialize()).
  StateSpill* spill = nullptr;
};

class LifecycleEngine {
 public:
  // `sink` is not owned and must outlive the engine (or be replaced).
  LifecycleEngine(LifecycleConfig config, FactSink& sink);
  ~LifecycleEngine();
  LifecycleEngine(LifecycleEngine&&) noexcept;
  LifecycleEngine& operator=(LifecycleEngine&&) noexcept;
  LifecycleEngine(const LifecycleEngine&) = delete;
  LifecycleEngine& operator=(const LifecycleEngine&) = delete;

  void set_sink(FactSink& sink);

  // One `network_capabilities` row (fan-out element). No output.
  void on_capability(const CapabilitySnapshot& row);
  // One event each; rows go to the sink before the call returns.
  void on_status(const StatusEvent& event);
  void on_trace(const TraceEvent& event);
  void on_ai_event(const AiEvent& event);
  // End of input. Nothing is ever pending between calls (see above), so this
  // emits nothing; it exists so callers need not know that.
  void flush();

  // Checkpoint bytes (deterministic for a given state).
  std::string serialize() const;
  // Throws StateFormatError on malformed bytes and std::invalid_argument when
  // the checkpoint was taken with a different mode / TTL / candidate cap /
  // start-time rule, holds engine-owned spill data while `config.spill` names
  // an external store, or spilled to an external store while `config.spill`
  // is null. (The external store itself is the caller's to restore.)
  static LifecycleEngine restore(std::string_view bytes, LifecycleConfig config, FactSink& sink);

  struct Stats {
    size_t live_sessions = 0;
    uint64_t sessions_spilled = 0;   // spill writes
    uint64_t sessions_reloaded = 0;  // spill reads that found state
    size_t owned_spill_sessions = 0;
    size_t owned_spill_bytes = 0;
    size_t capability_wallets = 0;
    size_t capability_candidates = 0;
    EpochMs clock = 0;  // max signal timestamp seen
  };
  Stats stats() const;
  // Approximate bytes held by live session state (walks every live session).
  size_t approx_live_state_bytes() const;
  const CapabilityIndex& capabilities() const;

 private:
  struct Impl;
  explicit LifecycleEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace naap::lifecycle
