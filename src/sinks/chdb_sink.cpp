#include "sinks/chdb_sink.hpp"

namespace naap::sinks {

// Safe to call from several threads at once (AsyncSink's workers): no state.
void ChdbSink::write(const Batch& batch) {
  std::string head = "INSERT INTO livepeer_analytics.";
  head.append(batch.table);
  head.append(" (");
  head.append(batch.columns);
  head.append(")");
  db_.insert(head, "RowBinaryWithNamesAndTypes", batch.payload);
}

}  // namespace naap::sinks
