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

// The catalog columns of the three non-nullable capability tables (views of
// the static catalog).
template <typename Row>
void set_capability(Row& r, std::optional<int32_t> id) {
  const CapabilityInfo info = resolve_capability(id);
  r.capability_id = info.id;
  r.capability_name = info.name;
  r.capability_group = info.group;
  r.capability_catalog_version = kCapabilityCatalogVersion;
}

JsonRef per_capability(JsonRef orch) {
  return orch["capabilities"]["constraints"]["PerCapability"];
}

bool non_empty_object(JsonRef e) { return e.is_object() && e.object().size() > 0; }

}  // namespace

void Orchestrators::add(JsonRef e) {
  if (n_ == entries_.size()) entries_.emplace_back();
  Entry& x = entries_[n_++];
  x.json = e;
  x.raw_json.clear();
  append_compact_json(x.raw_json, e);
  assign_address(x.address, e["address"]);
  assign_address(x.local_address, e["local_address"]);
  assign_text_or_empty(x.orch_uri, e["orch_uri"]);
}

void Orchestrators::build(const EventContext& c) {
  n_ = 0;
  timestamp_ = c.timestamp;
  raw_event_uid_ = c.raw_event_uid;
  event_id_ = c.event_id;
  const JsonRef data = c.data;
  if (data.is_object()) {
    if (non_empty_object(data)) add(data);
  } else if (data.is_array()) {
    for (auto e : data.array()) {
      if (non_empty_object(JsonRef(e))) add(JsonRef(e));
    }
  }
}

void Orchestrators::fill(size_t i, CapabilityRowBase& r) const {
  const Entry& e = entries_[i];
  r.event_timestamp = timestamp_;
  r.raw_event_uid = raw_event_uid_;
  r.raw_json = e.raw_json;
  r.source_event_id = event_id_;
  r.orchestrator_address = e.address;
  r.local_address = e.local_address;
  r.orch_uri = e.orch_uri;
}

void Orchestrators::append_data_json(std::string& out, JsonRef data) const {
  // build() kept, in order, exactly the elements non_empty_object() accepts:
  // the k-th accepted element here is entry k.
  if (data.is_object() && non_empty_object(data) && n_ == 1) {
    out += entries_[0].raw_json;
    return;
  }
  if (!data.is_array()) {
    append_compact_json(out, data);
    return;
  }
  out += '[';
  size_t k = 0;
  bool first = true;
  for (auto e : data.array()) {
    if (!first) out += ',';
    first = false;
    if (non_empty_object(JsonRef(e)) && k < n_) {
      out += entries_[k++].raw_json;
    } else {
      append_compact_json(out, JsonRef(e));
    }
  }
  out += ']';
}

// §2.9.1: orchestrator x hardware entry x GPU.
void decode_capability_snapshots(const Orchestrators& orchs, RowList<NetworkCapabilityRow>& out) {
  for (size_t i = 0; i < orchs.size(); ++i) {
    const JsonRef orch = orchs.entry(i);
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
        orchs.fill(i, r);
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
void decode_capabilities_advertised(const Orchestrators& orchs,
                                    RowList<CapabilityAdvertisedRow>& out) {
  for (size_t i = 0; i < orchs.size(); ++i) {
    const JsonRef orch = orchs.entry(i);
    for_each_member(orch["capabilities"]["capacities"], [&](std::string_view key, JsonRef value) {
      const auto id = parse_int32_key(key);
      if (!id) return;  // e.g. "abc"
      CapabilityAdvertisedRow& r = out.add();
      orchs.fill(i, r);
      set_capability(r, id);
      r.capacity = narrow<int32_t>(nullable_int(value));
    });
  }
}

// §2.9.3: orchestrator x capability x model.
void decode_capability_model_constraints(const Orchestrators& orchs,
                                         RowList<CapabilityModelConstraintRow>& out) {
  for (size_t i = 0; i < orchs.size(); ++i) {
    const JsonRef orch = orchs.entry(i);
    for_each_member(per_capability(orch), [&](std::string_view key, JsonRef cap) {
      const auto id = parse_int32_key(key);
      if (!id) return;
      for_each_member(cap["models"], [&](std::string_view model_id, JsonRef cfg) {
        CapabilityModelConstraintRow& r = out.add();
        orchs.fill(i, r);
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
void decode_capability_prices(const Orchestrators& orchs, RowList<CapabilityPriceRow>& out) {
  for (size_t i = 0; i < orchs.size(); ++i) {
    const JsonRef orch = orchs.entry(i);
    const JsonRef prices = orch["capabilities_prices"];
    if (!prices.is_array()) continue;
    for (auto p_el : prices.array()) {
      const JsonRef p(p_el);
      CapabilityPriceRow& r = out.add();
      orchs.fill(i, r);
      set_capability(r, narrow<int32_t>(nullable_int(p["capability"])));
      assign_nullable_text(r.constraint_name, p["constraint"]);
      r.price_per_unit = narrow<int32_t>(nullable_int(p["pricePerUnit"]));
      r.pixels_per_unit = narrow<int32_t>(nullable_int(p["pixelsPerUnit"]));
    }
  }
}

}  // namespace naap::ingest
