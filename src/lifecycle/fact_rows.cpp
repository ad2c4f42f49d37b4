#include "lifecycle/fact_rows.hpp"

#include <fmt/format.h>

#include <type_traits>

namespace naap::lifecycle {
namespace {

// Writes one column value as RowBinary, chosen by its C++ type (see the
// header for the type mapping).
struct Encoder {
  RowBinaryWriter& w;
  void operator()(const std::string& v) const { w.str(v); }
  void operator()(const OptStr& v) const { w.nullable_str(v); }
  void operator()(EpochMs v) const { w.dt64(v); }
  void operator()(const OptTs& v) const { w.nullable_dt64(v); }
  void operator()(const std::optional<double>& v) const {
    w.nullable(v, [&](double d) { w.f64(d); });
  }
  void operator()(float v) const { w.f32(v); }
  void operator()(uint8_t v) const { w.u8(v); }
  void operator()(uint16_t v) const { w.u16(v); }
  void operator()(uint32_t v) const { w.u32(v); }
  void operator()(uint64_t v) const { w.u64(v); }
};

template <typename Row>
struct Printer {
  std::string& out;
  size_t i = 0;
  void name() {
    if (i > 0) out += ", ";
    out += Row::kColumns[i].name;
    out += '=';
    ++i;
  }
  void operator()(const std::string& v) {
    name();
    out += '"';
    out += v;
    out += '"';
  }
  void operator()(const OptStr& v) {
    if (v) return (*this)(*v);
    name();
    out += "NULL";
  }
  void operator()(EpochMs v) {
    name();
    out += fmt::format("{}", v);
  }
  void operator()(const OptTs& v) {
    name();
    out += v ? fmt::format("{}", *v) : std::string("NULL");
  }
  void operator()(const std::optional<double>& v) {
    name();
    out += v ? fmt::format("{}", *v) : std::string("NULL");
  }
  void operator()(float v) {
    name();
    out += fmt::format("{}", v);
  }
  template <typename U>
  requires std::is_unsigned_v<U>
  void operator()(U v) {
    name();
    out += fmt::format("{}", static_cast<uint64_t>(v));
  }
};

template <typename Row>
std::string print(const Row& r) {
  std::string out;
  Printer<Row> p{out};
  r.visit([&](const auto& v) { p(v); });
  return out;
}

template <typename Row>
void encode_row(const Row& r, RowBinaryWriter& w) {
  Encoder e{w};
  r.visit([&](const auto& v) { e(v); });
}

}  // namespace

void FactStreamStatusSampleRow::encode(RowBinaryWriter& w) const { encode_row(*this, w); }
void FactStreamTraceEdgeRow::encode(RowBinaryWriter& w) const { encode_row(*this, w); }
void FactWorkflowSessionRow::encode(RowBinaryWriter& w) const { encode_row(*this, w); }
void FactWorkflowSessionSegmentRow::encode(RowBinaryWriter& w) const { encode_row(*this, w); }
void FactWorkflowParamUpdateRow::encode(RowBinaryWriter& w) const { encode_row(*this, w); }
void FactLifecycleEdgeCoverageRow::encode(RowBinaryWriter& w) const { encode_row(*this, w); }
void FactWorkflowLatencySampleRow::encode(RowBinaryWriter& w) const { encode_row(*this, w); }

std::string debug_string(const FactStreamStatusSampleRow& r) { return print(r); }
std::string debug_string(const FactStreamTraceEdgeRow& r) { return print(r); }
std::string debug_string(const FactWorkflowSessionRow& r) { return print(r); }
std::string debug_string(const FactWorkflowSessionSegmentRow& r) { return print(r); }
std::string debug_string(const FactWorkflowParamUpdateRow& r) { return print(r); }
std::string debug_string(const FactLifecycleEdgeCoverageRow& r) { return print(r); }
std::string debug_string(const FactWorkflowLatencySampleRow& r) { return print(r); }

}  // namespace naap::lifecycle
