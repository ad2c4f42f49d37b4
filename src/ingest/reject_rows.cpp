#include "ingest/reject_rows.hpp"

#include "ingest/failures.hpp"

namespace naap::ingest {

void RejectRow::encode(RowBinaryWriter& w) const {
  w.str(kSchemaVersion);
  w.str(source_topic);
  w.u32(source_partition);
  w.u64(source_offset);
  w.dt64(source_record_timestamp);
  w.str(event_id);
  w.str(event_type);
  w.nullable_str(event_version);
  w.nullable_dt64(event_timestamp);
  w.nullable_str(dedup_key);
  w.nullable_str(dedup_strategy);
  w.u8(replay ? 1 : 0);
  w.str(failure_stage);
  w.str(failure_class);
  w.str(failure_reason);
  w.str(failure_details);
  w.nullable_str(orchestrator);
  w.nullable_str(broadcaster);
  w.nullable_str(region);
  w.str(payload_encoding);
  w.str(payload_body);
  w.nullable_str(payload_canonical_json);
  w.dt64(ingestion_timestamp);
  w.str(raw_event_uid);
  w.u64(payload_original_size);
  w.u8(payload_truncated ? 1 : 0);
}

namespace {

// Largest length <= n that does not split a UTF-8 sequence of s.
size_t utf8_cut(std::string_view s, size_t n) {
  if (n >= s.size()) return s.size();
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

// Removes up to `excess` bytes from the end of s; returns the bytes removed.
size_t cut(std::string& s, size_t excess, bool base64) {
  if (excess == 0 || s.empty()) return 0;
  size_t keep = excess >= s.size() ? 0 : s.size() - excess;
  keep = base64 ? keep - keep % 4 : utf8_cut(s, keep);
  const size_t removed = s.size() - keep;
  s.resize(keep);
  return removed;
}

constexpr size_t kFieldCap = 1024;

size_t cap(std::string& s) {
  if (s.size() <= kFieldCap) return 0;
  const size_t removed = s.size() - utf8_cut(s, kFieldCap);
  s.resize(s.size() - removed);
  return removed;
}
size_t cap(OptStr& s) { return s ? cap(*s) : 0; }

}  // namespace

bool RejectRow::shrink_to(size_t encoded_size, size_t limit) {
  if (encoded_size <= limit) return false;
  // Shorter strings never need longer length prefixes, so removing `excess`
  // payload bytes brings the row within the limit.
  size_t excess = encoded_size - limit;
  size_t removed = cut(payload_body, excess, payload_encoding == failure::kEncodingBase64);
  excess = removed >= excess ? 0 : excess - removed;
  if (payload_canonical_json) {
    const size_t r = cut(*payload_canonical_json, excess, false);
    removed += r;
    excess = r >= excess ? 0 : excess - r;
  }
  if (excess > 0) {
    removed += cap(source_topic) + cap(event_id) + cap(event_type) + cap(event_version) +
               cap(dedup_key) + cap(failure_details) + cap(orchestrator) + cap(broadcaster) +
               cap(region) + cap(raw_event_uid);
  }
  if (removed > 0) payload_truncated = true;
  return removed > 0;
}

void append_base64(std::string& out, std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  out.reserve(out.size() + (in.size() + 2) / 3 * 4);
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8) | p[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  const size_t rest = in.size() - i;
  if (rest == 1) {
    const uint32_t v = uint32_t{p[i]} << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (rest == 2) {
    const uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
}

}  // namespace naap::ingest
