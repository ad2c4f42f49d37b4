// The capability catalog (events-and-ingest §2.9), embedded as data: the
// reference's bundled `capability_catalog.v1.json`.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace naap::ingest {

inline constexpr std::string_view kCapabilityCatalogVersion = "v1";

struct CapabilityInfo {
  int32_t id;              // -1 when the id was NULL
  std::string_view name;   // "unknown" when not in the catalog
  std::string_view group;  // "unknown" when not in the catalog
};

// Resolution rules: NULL -> (-1, unknown, unknown); an id not in the catalog
// keeps the id with unknown/unknown.
CapabilityInfo resolve_capability(std::optional<int32_t> id);

}  // namespace naap::ingest
