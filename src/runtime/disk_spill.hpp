// Where idle lifecycle session state goes while a run is in progress: a
// RocksDB database on local disk, so resident memory stays bounded by the
// engine's live-session limits however many sessions a run sees.
//
// Scope: one run. The directory is emptied when opened and removed when the
// spill is destroyed; state that must survive a restart belongs to
// checkpoints, which persist the engine and its spill together.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lifecycle/engine.hpp"

namespace rocksdb {
class DB;
}

namespace naap::runtime {

class DiskStateSpill final : public lifecycle::StateSpill {
 public:
  // Throws std::runtime_error when the directory cannot be used.
  explicit DiskStateSpill(std::string dir);
  ~DiskStateSpill() override;
  DiskStateSpill(const DiskStateSpill&) = delete;
  DiskStateSpill& operator=(const DiskStateSpill&) = delete;

  void put(std::string_view key, std::string_view bytes) override;
  std::optional<std::string> get(std::string_view key) const override;

  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::unique_ptr<rocksdb::DB> db_;
};

}  // namespace naap::runtime
