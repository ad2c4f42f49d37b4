#include "sinks/chdb_sink.hpp"

namespace naap::sinks {

void ChdbSink::write(const Batch& batch) {
  head_.assign("INSERT INTO livepeer_analytics.");
  head_.append(batch.table);
  head_.append(" (");
  head_.append(batch.columns);
  head_.append(")");
  db_.insert(head_, "RowBinaryWithNamesAndTypes", batch.payload);
}

}  // namespace naap::sinks
