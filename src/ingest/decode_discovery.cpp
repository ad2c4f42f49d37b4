// discovery_results -> discovery_results (events-and-ingest §2.7): one row
// per array element, in order, elements not filtered.
#include "ingest/decoders.hpp"

namespace naap::ingest {

void decode_discovery_results(const EventContext& c, RowList<DiscoveryResultRow>& out,
                              std::deque<std::string>& element_json) {
  if (!c.data.is_array()) return;
  size_t n = 0;
  for (auto e : c.data.array()) {
    const JsonRef el(e);
    // One reused string per element: rows view them (a deque never moves
    // its strings when it grows).
    if (n == element_json.size()) element_json.emplace_back();
    std::string& json = element_json[n++];
    json.clear();
    append_compact_json(json, el);
    DiscoveryResultRow& r = out.add();
    fill_row_base(r, c, json);
    assign_text_or_empty(r.orchestrator_address, el["address"]);  // not lower-cased
    assign_text_or_empty(r.orchestrator_url, el["url"]);
    r.latency_ms = narrow<uint32_t>(nullable_int(el["latency_ms"])).value_or(0);
  }
}

}  // namespace naap::ingest
