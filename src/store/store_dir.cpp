#include "store/store_dir.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace naap::store {
namespace fs = std::filesystem;

std::unique_ptr<Chdb> open_store(const std::string& dir) {
  const auto fail = [&](const std::string& why) {
    return std::runtime_error("store directory '" + dir + "': " + why);
  };
  if (dir.empty()) throw fail("empty path");
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) throw fail("exists and is not a directory");
  fs::create_directories(dir, ec);
  if (ec) throw fail(ec.message());
  // The engine fails late and obscurely on a read-only directory: probe first.
  const std::string probe = (fs::path(dir) / ".naap-write-probe").string();
  {
    std::ofstream f(probe);
    if (!f) throw fail(std::string("not writable: ") + std::strerror(errno));
  }
  fs::remove(probe, ec);
  try {
    return std::make_unique<Chdb>(fs::absolute(dir).string());
  } catch (const ChdbError& e) {
    throw fail(e.what());
  }
}

}  // namespace naap::store
