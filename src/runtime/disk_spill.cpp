#include "runtime/disk_spill.hpp"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>

#include <filesystem>
#include <stdexcept>

namespace naap::runtime {

DiskStateSpill::DiskStateSpill(std::string dir) : dir_(std::move(dir)) {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
  std::filesystem::create_directories(dir_, ec);
  if (ec) throw std::runtime_error("spill directory '" + dir_ + "': " + ec.message());
  rocksdb::Options options;
  options.create_if_missing = true;
  options.error_if_exists = false;
  // Small, fixed memory: the point of spilling is to keep RSS bounded.
  options.write_buffer_size = 8u << 20;
  options.max_write_buffer_number = 2;
  options.max_open_files = 64;
  options.compression = rocksdb::kNoCompression;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = nullptr;
  table.no_block_cache = true;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status s = rocksdb::DB::Open(options, dir_, &raw);
  if (!s.ok()) throw std::runtime_error("spill directory '" + dir_ + "': " + s.ToString());
  db_.reset(raw);
}

DiskStateSpill::~DiskStateSpill() {
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void DiskStateSpill::put(std::string_view key, std::string_view bytes) {
  rocksdb::WriteOptions w;
  w.disableWAL = true;  // run-scoped scratch state: no durability needed
  const rocksdb::Status s = db_->Put(w, rocksdb::Slice(key.data(), key.size()),
                                     rocksdb::Slice(bytes.data(), bytes.size()));
  if (!s.ok()) throw std::runtime_error("spill write failed: " + s.ToString());
}

std::optional<std::string> DiskStateSpill::get(std::string_view key) const {
  std::string value;
  const rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) throw std::runtime_error("spill read failed: " + s.ToString());
  return value;
}

}  // namespace naap::runtime
