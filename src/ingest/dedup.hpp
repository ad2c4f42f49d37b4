// Deduplication (events-and-ingest §4), deterministic.
//
// Key: the envelope id when non-empty, else the payload hash (§4.1; built by
// the gate). The key space is global (no type prefix).
//
// TTL on event time (a deviation: the reference counts the 24 h TTL in
// processing time, which makes its output depend on when it ran). naap keeps
// a *dedup clock*: the largest envelope timestamp among the events that have
// entered dedup so far, the current one included. A key is stamped with the
// clock value when it is first accepted and stays live while
// `clock < stamp + ttl` (Flink's rule: expired once stamp + ttl <= now).
// Seeing a duplicate does not refresh the stamp; once expired, the same key is
// accepted again and re-stamped. Because the clock never goes back, keys
// expire in insertion order, so expired keys are evicted eagerly (memory is
// bounded by the keys first seen within one TTL of event time), plus an
// optional hard cap that evicts the oldest keys first.
//
// Consequences: a late event (timestamp below the clock) is checked against
// the clock, not its own time; one event with a far-future timestamp moves the
// clock and expires every key older than one TTL before it.
//
// Keys are stored as 128-bit XXH3 fingerprints (16 bytes, collision chance
// ~n^2/2^129), not as strings.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace naap::ingest {

class Dedup {
 public:
  struct Config {
    int64_t ttl_ms = 24LL * 60 * 60 * 1000;  // QUALITY_DEDUP_TTL_MINUTES (1440); <= 0: no dedup
    size_t max_entries = 0;                  // 0: no cap beyond the TTL
  };

  Dedup() : Dedup(Config{}) {}
  explicit Dedup(Config config);

  // Advances the clock to `event_ts`, evicts expired keys, then returns true
  // when `key` is live (a duplicate). Otherwise records it and returns false.
  bool seen_before(std::string_view key, EpochMs event_ts);

  size_t size() const { return fifo_.size(); }
  EpochMs clock() const { return clock_; }
  const Config& config() const { return config_; }
  // Applies a new TTL / cap (e.g. after restoring state written with others).
  void set_config(Config config);

  // The whole state as bytes; restore(serialize()) is an identical Dedup and
  // serializes to the same bytes. restore throws std::invalid_argument on
  // malformed input.
  std::string serialize() const;
  static Dedup restore(std::string_view bytes);

 private:
  struct Fp {
    uint64_t a = 0, b = 0;
    bool empty() const { return a == 0 && b == 0; }
    bool operator==(const Fp& o) const { return a == o.a && b == o.b; }
  };
  struct Stamped {
    Fp fp;
    EpochMs stamp;
  };

  static Fp fingerprint(std::string_view key);
  bool contains(const Fp& fp) const;
  void insert(const Fp& fp);
  void erase(const Fp& fp);
  void grow();
  void evict();

  Config config_;
  EpochMs clock_;
  std::vector<Fp> slots_;     // open addressing, linear probing; power-of-two size
  std::deque<Stamped> fifo_;  // live keys in stamp (= insertion) order
};

}  // namespace naap::ingest
