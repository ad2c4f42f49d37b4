// network_capabilities -> network_capabilities, _advertised,
// _model_constraints and _prices (events-and-ingest §2.9, final state).
#include "ingest/capability_catalog.hpp"
#include "ingest/decoders.hpp"

namespace naap::ingest {

namespace {

void set(OptStr& o, std::string_view v) {
  if (!o) o.emplace();
  o->assign(v);
}

// text-or-empty(v) == s, without allocating for the usual string case.
bool text_equals(JsonRef v, std::string_view s) {
  if (v.is_string()) return v.string() == s;
  return text_or_empty(v) == s;
}

// The shared columns of one orchestrator entry, computed once per entry and
// copied into each of its rows.
class EntryBase {
 public:
  void set(const EventContext& c, const Orchestrators& orchs, size_t i) {
    const JsonRef orch = orchs.entry(i);
    fill_row_base(base_, c, {});
    base_.source_event_id.assign(c.event_id);  // no hash fallback (§7.9)
    assign_address(base_.orchestrator_address, orch["address"]);
    assign_address(base_.local_address, orch["local_address"]);
    assign_text_or_empty(base_.orch_uri, orch["orch_uri"]);
    raw_json_ = &orchs.raw_json(i);
  }
  void fill(CapabilityRowBase& r) const {
    r.event_timestamp = base_.event_timestamp;
    r.raw_event_uid.assign(base_.raw_event_uid);
    r.raw_json.assign(*raw_json_);
    r.source_event_id.assign(base_.source_event_id);
    r.orchestrator_address.assign(base_.orchestrator_address);
    r.local_address.assign(base_.local_address);
    r.orch_uri.assign(base_.orch_uri);
  }

 private:
  CapabilityRowBase base_;
  const std::string* raw_json_ = nullptr;
};

// The catalog columns of the three non-nullable capability tables.
template <typename Row>
void set_capability(Row& r, std::optional<int32_t> id) {
  const CapabilityInfo info = resolve_capability(id);
  r.capability_id = info.id;
  r.capability_name.assign(info.name);
  r.capability_group.assign(info.group);
  r.capability_catalog_version.assign(kCapabilityCatalogVersion);
}

JsonRef per_capability(JsonRef orch) {
  return orch["capabilities"]["constraints"]["PerCapability"];
}

}  // namespace

void Orchestrators::add(JsonRef e) {
  if (n_ == entries_.size()) {
    entries_.emplace_back();
    raw_json_.emplace_back();
  }
  entries_[n_] = e;
  raw_json_[n_].clear();
  append_compact_json(raw_json_[n_], e);
  ++n_;
}

void Orchestrators::build(JsonRef data) {
  n_ = 0;
  const auto non_empty_object = [](JsonRef e) { return e.is_object() && e.object().size() > 0; };
  if (data.is_object()) {
    if (non_empty_object(data)) add(data);
  } else if (data.is_array()) {
    for (auto e : data.array()) {
      if (non_empty_object(JsonRef(e))) add(JsonRef(e));
    }
  }
}

// §2.9.1: orchestrator x hardware entry x GPU.
void decode_capability_snapshots(const EventContext& c, const Orchestrators& orchs,
                                 RowList<NetworkCapabilityRow>& out) {
  EntryBase base;
  for (size_t i = 0; i < orchs.size(); ++i) {
    const JsonRef orch = orchs.entry(i);
    base.set(c, orchs, i);
    const JsonRef hardware = orch["hardware"];
    if (hardware.array_size() == 0) continue;  // absent, null, not an array or empty
    const JsonRef per_cap = per_capability(orch);
    const JsonRef prices = orch["capabilities_prices"];
    const JsonRef version = orch["capabilities"]["version"];
    for (auto hw_el : hardware.array()) {
      const JsonRef hw(hw_el);
      const JsonRef pipeline = hw["pipeline"];
      const JsonRef model = hw["model_id"];
      const std::string model_id = text_or_empty(model);

      // Step 3: the model config. Pass 1: the first capability whose models
      // hold model_id; pass 2: the first model of the first capability.
      JsonRef config;
      bool have_config = false;
      std::optional<int32_t> cap_id;
      if (!model_id.empty()) {
        for_each_member(per_cap, [&](std::string_view key, JsonRef cap) {
          if (have_config) return;
          const JsonRef models = cap["models"];
          if (!models.is_object()) return;
          const JsonRef cfg = models[model_id];
          if (!cfg.present()) return;
          config = cfg;
          have_config = true;
          cap_id = parse_int32_key(key);
        });
      }
      if (!have_config) {
        bool first = true;
        for_each_member(per_cap, [&](std::string_view key, JsonRef cap) {
          if (!first) return;
          first = false;
          for_each_member(cap["models"], [&](std::string_view, JsonRef cfg) {
            if (have_config) return;
            config = cfg;
            have_config = true;
          });
          if (have_config) cap_id = parse_int32_key(key);
        });
      }

      // Step 4: the price entry (first match, else the first entry).
      JsonRef price;
      if (prices.array_size() > 0) {
        for (auto p_el : prices.array()) {
          const JsonRef p(p_el);
          const bool cap_ok = !cap_id || narrow<int32_t>(nullable_int(p["capability"])) == cap_id;
          const bool model_ok = model_id.empty() || text_equals(p["constraint"], model_id);
          if (cap_ok && model_ok) {
            price = p;
            break;
          }
        }
        if (!price.present()) price = JsonRef(prices.array().at(0).value_unsafe());
      }
      // Step 5.
      if (!cap_id && price.present()) cap_id = narrow<int32_t>(nullable_int(price["capability"]));
      // Step 6.
      const CapabilityInfo info = resolve_capability(cap_id);

      const auto emit = [&](JsonRef gpu) {
        NetworkCapabilityRow& r = out.add();
        base.fill(r);
        assign_nullable_text(r.gpu_id, gpu["id"]);
        assign_nullable_text(r.gpu_name, gpu["name"]);
        r.gpu_memory_total = narrow<uint64_t>(nullable_int(gpu["memory_total"]));
        r.gpu_memory_free = narrow<uint64_t>(nullable_int(gpu["memory_free"]));
        r.gpu_major = narrow<uint8_t>(nullable_int(gpu["major"]));
        r.gpu_minor = narrow<uint8_t>(nullable_int(gpu["minor"]));
        assign_text_or_empty(r.pipeline, pipeline);
        r.model_id.assign(model_id);
        r.capability_id = info.id;
        set(r.capability_name, info.name);
        set(r.capability_group, info.group);
        set(r.capability_catalog_version, kCapabilityCatalogVersion);
        assign_nullable_text(r.runner_version, config["runnerVersion"]);
        r.capacity = narrow<uint8_t>(nullable_int(config["capacity"]));
        r.capacity_in_use = narrow<uint8_t>(nullable_int(config["capacityInUse"]));
        r.warm = have_config ? narrow<uint8_t>(bool_or_nullable_int(config["warm"])) : std::nullopt;
        r.price_per_unit = narrow<uint32_t>(nullable_int(price["pricePerUnit"]));
        r.pixels_per_unit = narrow<uint32_t>(nullable_int(price["pixelsPerUnit"]));
        assign_text_or_empty(r.orchestrator_version, version);
      };
      // Step 7: one row per gpu_info key, or one row with NULL GPU columns.
      const JsonRef gpus = hw["gpu_info"];
      if (gpus.is_object() && gpus.object().size() > 0) {
        for_each_member(gpus, [&](std::string_view, JsonRef gpu) { emit(gpu); });
      } else {
        emit(JsonRef());
      }
    }
  }
}

// §2.9.2: orchestrator x advertised capability id.
void decode_capabilities_advertised(const EventContext& c, const Orchestrators& orchs,
                                    RowList<CapabilityAdvertisedRow>& out) {
  EntryBase base;
  for (size_t i = 0; i < orchs.size(); ++i) {
    const JsonRef orch = orchs.entry(i);
    base.set(c, orchs, i);
    for_each_member(orch["capabilities"]["capacities"], [&](std::string_view key, JsonRef value) {
      const auto id = parse_int32_key(key);
      if (!id) return;  // e.g. "abc"
      CapabilityAdvertisedRow& r = out.add();
      base.fill(r);
      set_capability(r, id);
      r.capacity = narrow<int32_t>(nullable_int(value));
    });
  }
}

// §2.9.3: orchestrator x capability x model.
void decode_capability_model_constraints(const EventContext& c, const Orchestrators& orchs,
                                         RowList<CapabilityModelConstraintRow>& out) {
  EntryBase base;
  for (size_t i = 0; i < orchs.size(); ++i) {
    const JsonRef orch = orchs.entry(i);
    base.set(c, orchs, i);
    for_each_member(per_capability(orch), [&](std::string_view key, JsonRef cap) {
      const auto id = parse_int32_key(key);
      if (!id) return;
      for_each_member(cap["models"], [&](std::string_view model_id, JsonRef cfg) {
        CapabilityModelConstraintRow& r = out.add();
        base.fill(r);
        set_capability(r, id);
        r.model_id.assign(model_id);
        assign_nullable_text(r.runner_version, cfg["runnerVersion"]);
        r.capacity = narrow<int32_t>(nullable_int(cfg["capacity"]));
        r.capacity_in_use = narrow<int32_t>(nullable_int(cfg["capacityInUse"]));
        r.warm = narrow<int32_t>(bool_or_nullable_int(cfg["warm"]));
      });
    });
  }
}

// §2.9.4: orchestrator x price entry.
void decode_capability_prices(const EventContext& c, const Orchestrators& orchs,
                              RowList<CapabilityPriceRow>& out) {
  EntryBase base;
  for (size_t i = 0; i < orchs.size(); ++i) {
    const JsonRef orch = orchs.entry(i);
    base.set(c, orchs, i);
    const JsonRef prices = orch["capabilities_prices"];
    if (!prices.is_array()) continue;
    for (auto p_el : prices.array()) {
      const JsonRef p(p_el);
      CapabilityPriceRow& r = out.add();
      base.fill(r);
      set_capability(r, narrow<int32_t>(nullable_int(p["capability"])));
      assign_nullable_text(r.constraint_name, p["constraint"]);
      r.price_per_unit = narrow<int32_t>(nullable_int(p["pricePerUnit"]));
      r.pixels_per_unit = narrow<int32_t>(nullable_int(p["pixelsPerUnit"]));
    }
  }
}

}  // namespace naap::ingest
