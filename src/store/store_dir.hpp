// Opening the embedded store directory with clear, one-line errors.
#pragma once

#include <memory>
#include <string>

#include "store/chdb.hpp"

namespace naap::store {

// Creates `dir` if needed, checks it is a writable directory, and opens the
// engine on it. Throws std::runtime_error("store directory '...': reason").
std::unique_ptr<Chdb> open_store(const std::string& dir);

}  // namespace naap::store
