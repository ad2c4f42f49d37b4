#include "ingest/quality_gate.hpp"

#include <cxxabi.h>

#include <charconv>
#include <cstdlib>
#include <memory>
#include <typeinfo>

#include "core/hash.hpp"
#include "ingest/failures.hpp"
#include "ingest/utf8.hpp"

namespace naap::ingest {

std::string parse_exception_details(const std::exception& e) {
  const char* mangled = typeid(e).name();
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> demangled(
      abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
  std::string out = status == 0 && demangled ? demangled.get() : mangled;
  const std::string_view what = e.what() ? e.what() : "";
  if (!what.empty()) {
    out += ": ";
    out += what;
  }
  return out;
}

namespace {

void reset_reject(RejectRow& r, const SourcePointer& source, EpochMs now_ms) {
  r.source_topic.assign(source.topic);
  r.source_partition = source.partition;
  r.source_offset = source.offset;
  r.source_record_timestamp =
      source.record_timestamp && representable_as_datetime64(*source.record_timestamp)
          ? *source.record_timestamp
          : now_ms;
  r.event_id.clear();
  r.event_type.clear();
  r.event_version.reset();
  r.event_timestamp.reset();
  r.dedup_key.reset();
  r.dedup_strategy.reset();
  r.replay = false;
  r.failure_stage = r.failure_class = r.failure_reason = {};
  r.failure_details.clear();
  r.orchestrator.reset();
  r.broadcaster.reset();
  r.region.reset();
  r.payload_encoding = failure::kEncodingJson;
  r.payload_body.clear();
  r.payload_canonical_json.reset();
  r.ingestion_timestamp = now_ms;
  r.raw_event_uid.clear();
  r.payload_original_size = 0;
  r.payload_truncated = false;
}

void set(OptStr& o, std::string_view v) {
  if (!o) o.emplace();
  o->assign(v);
}

void append_dimension(std::string& out, const OptStr& v) {
  if (v) {
    out += *v;
  } else {
    out += "null";
  }
}

}  // namespace

QualityGate::QualityGate(GateConfig config) : config_(std::move(config)), dedup_(config_.dedup) {}

void QualityGate::encode_into(const EncodeTargets& targets) {
  buffers_ = targets;
  for (EncodedRows& e : out_.encoded) e.bytes.clear();
}

void QualityGate::restore_state(std::string_view bytes) {
  dedup_ = Dedup::restore(bytes);
  dedup_.set_config(config_.dedup);
}

void QualityGate::reset() {
  out_.disposition = Disposition::kRejected;
  out_.rows.clear();
  out_.dlq.clear();
  out_.quarantine.clear();
  for (size_t t = 0; t < kTableCount; ++t) {
    EncodedRows& e = out_.encoded[t];
    e.bytes.clear();  // no-op for an external buffer: `bytes` is then unused
    e.rows = 0;
    e.size = 0;
    starts_[t] = buffer(t).size();
  }
  EventMeta& m = out_.event;
  m.event_id.clear();
  m.event_type.clear();
  m.type.reset();
  m.version.clear();
  m.timestamp = 0;
  m.gateway.clear();
  m.replay = false;
  m.dimensions.orchestrator.reset();
  m.dimensions.broadcaster.reset();
  m.dimensions.region.reset();
  m.raw_event_uid.clear();
  m.dedup_key.clear();
  m.dedup_strategy = DedupStrategy::kEventId;
  m.raw_json = {};
}

const GateOutcome& QualityGate::finish() {
  for (size_t t = 0; t < kTableCount; ++t) out_.encoded[t].size = buffer(t).size() - starts_[t];
  return out_;
}

RejectRow& QualityGate::new_dlq_row(const SourcePointer& source, EpochMs now_ms) {
  DlqRow& r = out_.dlq.add();
  reset_reject(r, source, now_ms);
  return r;
}

// The identity of an event that passed validation, on a later-stage reject.
void QualityGate::fill_accepted_reject(RejectRow& r, const SourcePointer& source, EpochMs now_ms) {
  const EventMeta& m = out_.event;
  reset_reject(r, source, now_ms);
  r.event_id = m.event_id;
  r.event_type = m.event_type;
  set(r.event_version, m.version);
  r.event_timestamp = m.timestamp;
  set(r.dedup_key, m.dedup_key);
  set(r.dedup_strategy, dedup_strategy_name(m.dedup_strategy));
  r.replay = m.replay;
  r.orchestrator = m.dimensions.orchestrator;
  r.broadcaster = m.dimensions.broadcaster;
  r.region = m.dimensions.region;
  r.payload_body.assign(m.raw_json);
  r.payload_original_size = r.payload_body.size();
  r.raw_event_uid = m.raw_event_uid;
}

template <typename Row>
void QualityGate::encode_reject(TableId t, Row& row) {
  std::string& buf = buffer(t);
  const size_t start = buf.size();
  RowBinaryWriter w(buf);
  row.encode(w);
  size_t n = buf.size() - start;
  // Never dropped: shrunk until it fits (or nothing is left to cut).
  while (n > config_.max_record_bytes) {
    buf.resize(start);
    const bool shrunk = row.shrink_to(n, config_.max_record_bytes);
    row.encode(w);
    n = buf.size() - start;
    if (!shrunk) break;
  }
  ++out_.encoded[static_cast<size_t>(t)].rows;
}

template <typename Row>
void QualityGate::guard_and_encode(TableId t, const Row& row, const SourcePointer& source,
                                   EpochMs now_ms) {
  std::string& buf = buffer(t);
  const size_t start = buf.size();
  RowBinaryWriter w(buf);
  row.encode(w);
  const size_t n = buf.size() - start;
  if (n <= config_.max_record_bytes) {
    ++out_.encoded[static_cast<size_t>(t)].rows;
    return;
  }
  buf.resize(start);
  RejectRow& r = out_.dlq.add();
  fill_accepted_reject(r, source, now_ms);
  r.failure_stage = failure::kStageSinkGuard;
  r.failure_class = failure::kClassRecordTooLarge;
  r.failure_reason = failure::kReasonRecordTooLarge;
  char num[64];
  r.failure_details = "Row size ";
  r.failure_details.append(num, std::to_chars(num, num + sizeof num, n).ptr);
  r.failure_details += " exceeds limit ";
  r.failure_details.append(num, std::to_chars(num, num + sizeof num, config_.max_record_bytes).ptr);
}

void QualityGate::parse_failure(std::string_view details, const SourcePointer& source,
                                EpochMs now_ms) {
  RejectRow& r = out_.dlq.add();
  fill_accepted_reject(r, source, now_ms);
  r.failure_stage = failure::kStageParse;
  r.failure_class = failure::kClassParsingFailed;
  r.failure_reason = failure::kReasonParseException;
  r.failure_details.assign(details);
}

const GateOutcome& QualityGate::process_null(const SourcePointer& source, EpochMs now_ms) {
  reset();
  RejectRow& r = new_dlq_row(source, now_ms);
  r.failure_stage = failure::kStageDeserialization;
  r.failure_class = failure::kClassDeserializationFailed;
  r.failure_reason = failure::kReasonNullPayload;
  r.failure_details.assign(failure::kDetailsNullPayload);
  r.raw_event_uid = event_uid("", "");
  out_.event.raw_event_uid = r.raw_event_uid;
  encode_reject(TableId::kStreamingEventsDlq, out_.dlq[0]);
  return finish();
}

const GateOutcome& QualityGate::process(std::string_view value, const SourcePointer& source,
                                        EpochMs now_ms) {
  reset();
  // The message the gate keeps (rows and rejects copy from it; EventMeta
  // views it): the input, or its UTF-8-repaired form.
  if (decode_utf8_lenient(value, decoded_)) decoded_.assign(value);
  const std::string_view msg = decoded_;
  out_.event.raw_json = msg;

  const JsonDocumentParser::Result doc = parser_.parse(msg);
  if (doc.status == JsonDocumentParser::Status::kError) {
    RejectRow& r = new_dlq_row(source, now_ms);
    r.failure_stage = failure::kStageDeserialization;
    r.failure_class = failure::kClassDeserializationFailed;
    r.failure_reason = failure::kReasonJsonParseError;
    r.failure_details.assign(doc.error);
    r.payload_encoding = failure::kEncodingBase64;
    append_base64(r.payload_body, value);    // the bytes as received
    r.payload_original_size = value.size();  // of the message, not of its Base64
    r.raw_event_uid = event_uid("", msg);
    out_.event.raw_event_uid = r.raw_event_uid;
    encode_reject(TableId::kStreamingEventsDlq, out_.dlq[0]);
    return finish();
  }
  const JsonRef root =
      doc.status == JsonDocumentParser::Status::kOk ? JsonRef(doc.root) : JsonRef();
  validate_envelope(root, config_.supported_versions, validation_);
  if (validation_.error != ValidationError::kNone) {
    reject_validation(root, validation_, source, now_ms);
  } else {
    accept(root, validation_, source, now_ms);
  }
  for (DlqRow& r : out_.dlq) encode_reject(TableId::kStreamingEventsDlq, r);
  for (QuarantineRow& r : out_.quarantine) encode_reject(TableId::kStreamingEventsQuarantine, r);
  return finish();
}

void QualityGate::reject_validation(JsonRef root, const Validation& v, const SourcePointer& source,
                                    EpochMs now_ms) {
  EventMeta& m = out_.event;
  RejectRow& r = new_dlq_row(source, now_ms);
  r.failure_stage = failure::kStageSchemaValidation;
  const FailureText f = validation_failure(v.error);
  r.failure_class = f.failure_class;
  r.failure_reason = f.reason;
  append_validation_details(r.failure_details, v, root);
  if (root.is_object()) {
    assign_text_or_empty(m.event_id, root["id"]);
    assign_text_or_empty(m.event_type, root["type"]);
    m.replay = read_replay(root);
    read_dimensions(root, m.dimensions);
    r.event_id = m.event_id;
    r.event_type = m.event_type;
    if (std::string version; read_version(root, version)) r.event_version = std::move(version);
    const auto ts = ts_ms(root["timestamp"]);
    if (ts && representable_as_datetime64(*ts)) r.event_timestamp = ts;
    r.replay = m.replay;
    r.orchestrator = m.dimensions.orchestrator;
    r.broadcaster = m.dimensions.broadcaster;
    r.region = m.dimensions.region;
  }
  r.payload_body.assign(m.raw_json);
  r.payload_original_size = r.payload_body.size();
  if (root.present()) {
    r.payload_canonical_json.emplace();
    append_canonical_json(*r.payload_canonical_json, root);
  }
  m.raw_event_uid = event_uid(m.event_id, m.raw_json);
  r.raw_event_uid = m.raw_event_uid;
}

void QualityGate::accept(JsonRef root, const Validation& v, const SourcePointer& source,
                         EpochMs now_ms) {
  EventMeta& m = out_.event;
  assign_text_or_empty(m.event_id, root["id"]);
  m.event_type.assign(root["type"].string());
  m.type = v.type;
  m.version = v.version;
  m.timestamp = *v.timestamp;
  assign_text_or_empty(m.gateway, root["gateway"]);
  m.replay = read_replay(root);
  read_dimensions(root, m.dimensions);
  m.raw_event_uid = event_uid(m.event_id, m.raw_json);
  if (!m.event_id.empty()) {  // "non-empty", not "non-blank" (§4.1)
    m.dedup_key = m.event_id;
    m.dedup_strategy = DedupStrategy::kEventId;
  } else {
    hash_input_ = m.event_type;
    hash_input_ += '|';
    append_dimension(hash_input_, m.dimensions.orchestrator);
    hash_input_ += '|';
    append_dimension(hash_input_, m.dimensions.broadcaster);
    hash_input_ += '|';
    append_dimension(hash_input_, m.dimensions.region);
    hash_input_ += '|';
    append_canonical_json(hash_input_, root);
    m.dedup_key = sha256_hex(hash_input_);
    m.dedup_strategy = DedupStrategy::kPayloadHash;
  }
  if (dedup_.seen_before(m.dedup_key, m.timestamp)) {
    out_.disposition = Disposition::kDuplicate;
    QuarantineRow& q = out_.quarantine.add();
    fill_accepted_reject(q, source, now_ms);
    q.failure_stage = failure::kStageDedup;
    q.failure_class = failure::kClassDuplicate;
    q.failure_reason = failure::kReasonDuplicateEvent;
    q.failure_details.assign(failure::kDetailsDuplicatePrefix);
    q.failure_details += m.dedup_key;
    return;
  }
  out_.disposition = Disposition::kAccepted;
  decode_rows(root, source, now_ms);
}

void QualityGate::decode_rows(JsonRef root, const SourcePointer& source, EpochMs now_ms) {
  const EventMeta& m = out_.event;
  EventContext c;
  c.data = root["data"];
  c.timestamp = m.timestamp;
  c.event_id = m.event_id;
  c.gateway = m.gateway;
  c.raw_event_uid = m.raw_event_uid;
  c.raw_json = m.raw_json;

  // Each parser runs on its own: an exception removes that parser's rows and
  // becomes one PARSE reject; the other parsers' rows stay (§3.1 step 5).
  const auto run = [&](TableId table, auto& rows, auto&& parse) {
    const size_t before = rows.size();
    try {
      if (config_.parser_hook) config_.parser_hook(table);
      parse();
    } catch (const std::exception& e) {
      rows.truncate(before);
      parse_failure(parse_exception_details(e), source, now_ms);
    } catch (...) {
      rows.truncate(before);
      parse_failure(failure::kDetailsUnknownParseError, source, now_ms);
    }
  };
  DecodedEvent& rows = out_.rows;
  switch (*m.type) {
    case EventType::kAiStreamStatus:
      run(TableId::kAiStreamStatus, rows.status, [&] { decode_ai_stream_status(c, rows.status); });
      break;
    case EventType::kStreamTrace:
      run(TableId::kStreamTraceEvents, rows.trace, [&] { decode_stream_trace(c, rows.trace); });
      break;
    case EventType::kStreamIngestMetrics:
      run(TableId::kStreamIngestMetrics, rows.ingest_metrics,
          [&] { decode_stream_ingest_metrics(c, rows.ingest_metrics); });
      break;
    case EventType::kAiStreamEvents:
      run(TableId::kAiStreamEvents, rows.ai_events,
          [&] { decode_ai_stream_event(c, rows.ai_events); });
      break;
    case EventType::kDiscoveryResults:
      run(TableId::kDiscoveryResults, rows.discovery,
          [&] { decode_discovery_results(c, rows.discovery, discovery_json_); });
      break;
    case EventType::kCreateNewPayment:
      run(TableId::kPaymentEvents, rows.payments,
          [&] { decode_create_new_payment(c, rows.payments); });
      break;
    case EventType::kNetworkCapabilities:
      orchestrators_.build(c);
      run(TableId::kNetworkCapabilities, rows.capabilities,
          [&] { decode_capability_snapshots(orchestrators_, rows.capabilities); });
      run(TableId::kNetworkCapabilitiesAdvertised, rows.capabilities_advertised,
          [&] { decode_capabilities_advertised(orchestrators_, rows.capabilities_advertised); });
      run(TableId::kNetworkCapabilitiesModelConstraints, rows.capability_model_constraints, [&] {
        decode_capability_model_constraints(orchestrators_, rows.capability_model_constraints);
      });
      run(TableId::kNetworkCapabilitiesPrices, rows.capability_prices,
          [&] { decode_capability_prices(orchestrators_, rows.capability_prices); });
      break;
  }

  RawEventRow& raw = out_.raw;
  raw.id = m.event_id;
  raw.type = m.event_type;
  raw.timestamp = m.timestamp;
  raw.gateway = m.gateway;
  raw.data.clear();
  if (*m.type == EventType::kNetworkCapabilities) {
    orchestrators_.append_data_json(raw.data, c.data);  // the entries' JSON, not re-serialized
  } else {
    append_compact_json(raw.data, c.data);
  }
  raw.raw_event_uid = m.raw_event_uid;
  // The archive keeps every accepted event whole, whatever its size: the row
  // guard protects the reference's typed tables, and raw + DLQ + quarantine
  // must partition the input exactly (spec README item 6).
  {
    RowBinaryWriter w(buffer(TableId::kStreamingEvents));
    raw.encode(w);
    ++out_.encoded[static_cast<size_t>(TableId::kStreamingEvents)].rows;
  }
  rows.for_each_table([&](TableId t, const auto& list) {
    for (const auto& row : list) guard_and_encode(t, row, source, now_ms);
  });
}

}  // namespace naap::ingest
