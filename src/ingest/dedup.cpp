#include "ingest/dedup.hpp"

#include <cstring>
#include <limits>
#include <stdexcept>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace naap::ingest {

namespace {
constexpr size_t kMinSlots = 1024;
constexpr std::string_view kMagic = "NAAPDEDUP1";

template <typename T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}
template <typename T>
T get(std::string_view& in) {
  if (in.size() < sizeof(T)) throw std::invalid_argument("dedup state: truncated");
  T v;
  std::memcpy(&v, in.data(), sizeof(T));
  in.remove_prefix(sizeof(T));
  return v;
}
}  // namespace

Dedup::Dedup(Config config)
    : config_(config), clock_(std::numeric_limits<EpochMs>::min()), slots_(kMinSlots) {}

void Dedup::set_config(Config config) {
  config_ = config;
  evict();
}

Dedup::Fp Dedup::fingerprint(std::string_view key) {
  const XXH128_hash_t h = XXH3_128bits(key.data(), key.size());
  Fp fp{h.low64, h.high64};
  if (fp.empty()) fp.b = 1;  // (0, 0) marks an empty slot
  return fp;
}

bool Dedup::contains(const Fp& fp) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = fp.a & mask;; i = (i + 1) & mask) {
    if (slots_[i].empty()) return false;
    if (slots_[i] == fp) return true;
  }
}

void Dedup::insert(const Fp& fp) {
  if ((fifo_.size() + 1) * 2 > slots_.size()) grow();
  const size_t mask = slots_.size() - 1;
  size_t i = fp.a & mask;
  while (!slots_[i].empty()) i = (i + 1) & mask;
  slots_[i] = fp;
}

void Dedup::grow() {
  std::vector<Fp> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Fp& fp : old) {
    if (fp.empty()) continue;
    size_t i = fp.a & mask;
    while (!slots_[i].empty()) i = (i + 1) & mask;
    slots_[i] = fp;
  }
}

void Dedup::erase(const Fp& fp) {
  const size_t mask = slots_.size() - 1;
  size_t i = fp.a & mask;
  while (!(slots_[i] == fp)) {
    if (slots_[i].empty()) return;
    i = (i + 1) & mask;
  }
  // Backward-shift deletion keeps every probe chain unbroken.
  slots_[i] = Fp{};
  for (size_t j = (i + 1) & mask; !slots_[j].empty(); j = (j + 1) & mask) {
    const size_t home = slots_[j].a & mask;
    const bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
    if (!stays) {
      slots_[i] = slots_[j];
      slots_[j] = Fp{};
      i = j;
    }
  }
}

void Dedup::evict() {
  const auto ttl = static_cast<uint64_t>(config_.ttl_ms < 0 ? 0 : config_.ttl_ms);
  while (!fifo_.empty()) {
    const Stamped& s = fifo_.front();
    // clock >= stamp always; unsigned difference cannot overflow.
    const bool expired = static_cast<uint64_t>(clock_) - static_cast<uint64_t>(s.stamp) >= ttl;
    const bool over_cap = config_.max_entries > 0 && fifo_.size() > config_.max_entries;
    if (!expired && !over_cap) break;
    erase(s.fp);
    fifo_.pop_front();
  }
}

bool Dedup::seen_before(std::string_view key, EpochMs event_ts) {
  if (event_ts > clock_) clock_ = event_ts;
  evict();
  const Fp fp = fingerprint(key);
  if (contains(fp)) return true;
  insert(fp);
  fifo_.push_back({fp, clock_});
  evict();  // the cap (and a zero TTL) apply to the new key too
  return false;
}

std::string Dedup::serialize() const {
  std::string out;
  out.reserve(kMagic.size() + 32 + fifo_.size() * 24);
  out.append(kMagic);
  put<int64_t>(out, config_.ttl_ms);
  put<uint64_t>(out, config_.max_entries);
  put<int64_t>(out, clock_);
  put<uint64_t>(out, fifo_.size());
  for (const Stamped& s : fifo_) {
    put<uint64_t>(out, s.fp.a);
    put<uint64_t>(out, s.fp.b);
    put<int64_t>(out, s.stamp);
  }
  return out;
}

Dedup Dedup::restore(std::string_view in) {
  if (in.substr(0, kMagic.size()) != kMagic) throw std::invalid_argument("dedup state: bad magic");
  in.remove_prefix(kMagic.size());
  Config config;
  config.ttl_ms = get<int64_t>(in);
  config.max_entries = static_cast<size_t>(get<uint64_t>(in));
  Dedup d(config);
  d.clock_ = get<int64_t>(in);
  const uint64_t n = get<uint64_t>(in);
  if (n > in.size() / 24 || in.size() != n * 24) {
    throw std::invalid_argument("dedup state: bad entry count");
  }
  EpochMs last = std::numeric_limits<EpochMs>::min();
  for (uint64_t i = 0; i < n; ++i) {
    Stamped s;
    s.fp.a = get<uint64_t>(in);
    s.fp.b = get<uint64_t>(in);
    s.stamp = get<int64_t>(in);
    if (s.fp.empty() || s.stamp < last || s.stamp > d.clock_ || d.contains(s.fp)) {
      throw std::invalid_argument("dedup state: inconsistent entry");
    }
    last = s.stamp;
    d.insert(s.fp);
    d.fifo_.push_back(s);
  }
  return d;
}

}  // namespace naap::ingest
