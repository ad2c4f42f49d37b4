#include "sinks/batcher.hpp"

namespace naap::sinks {

Batcher::Table& Batcher::table(std::string_view name, std::span<const Column> columns) {
  // Few tables and stable literal addresses: a linear scan beats hashing.
  for (auto& t : tables_) {
    if (t->name.data() == name.data()) return *t;
  }
  for (auto& t : tables_) {
    if (t->name == name) return *t;
  }
  auto t = std::make_unique<Table>();
  t->name = name;
  RowBinaryWriter h(t->header);
  h.varint(columns.size());
  for (const auto& c : columns) h.str(c.name);
  for (const auto& c : columns) h.str(c.type);
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) t->columns += ", ";
    t->columns += columns[i].name;
  }
  // The whole batch's capacity at once (plus room for the event that crosses
  // the limit): the buffer never grows by reallocation and copy, and keeps
  // its capacity across flushes. Only the pages written are ever touched.
  t->payload.reserve(t->header.size() + limits_.max_bytes + limits_.max_bytes / 4);
  t->payload = t->header;
  tables_.push_back(std::move(t));
  return *tables_.back();
}

void Batcher::flush(Table& t) {
  if (t.rows_in_batch == 0) return;
  sink_.write(Batch{t.name, t.columns, t.payload, t.rows_in_batch});
  t.stats.rows += t.rows_in_batch;
  t.stats.bytes += t.bytes_in_batch;
  t.stats.batches += 1;
  buffered_ -= t.bytes_in_batch;
  t.rows_in_batch = 0;
  t.bytes_in_batch = 0;
  t.payload.assign(t.header);
}

void Batcher::flush_largest() {
  while (buffered_ > total_limit_) {
    Table* largest = nullptr;
    for (Table* t : active_) {
      if (!largest || t->bytes_in_batch > largest->bytes_in_batch) largest = t;
    }
    if (!largest || largest->rows_in_batch == 0) return;
    flush(*largest);
  }
}

void Batcher::flush_aged() {
  const auto now = std::chrono::steady_clock::now();
  for (Table* t : active_) {
    if (t->rows_in_batch > 0 && now - t->started >= limits_.max_age) flush(*t);
  }
}

void Batcher::flush_all() {
  for (Table* t : active_) flush(*t);
}

std::map<std::string, TableStats> Batcher::stats() const {
  std::map<std::string, TableStats> out;
  for (const Table* t : active_) out[std::string(t->name)] = t->stats;
  return out;
}

}  // namespace naap::sinks
