// Writes batches into the embedded store through a streaming insert.
#pragma once

#include "sinks/sink.hpp"
#include "store/chdb.hpp"

namespace naap::sinks {

class ChdbSink final : public Sink {
 public:
  explicit ChdbSink(store::Chdb& db) : db_(db) {}
  void write(const Batch& batch) override;
  std::string describe() const override { return "embedded store " + db_.path(); }

 private:
  store::Chdb& db_;
};

}  // namespace naap::sinks
