#pragma once
// Queries autocoding needs beyond codes.hpp.
#include <cstdint>
#include <string_view>

#include "store/db.hpp"

namespace qda::store {

/// True when this span is already coded with this code by this coder (a dry run's "existing").
bool coding_exists(Db &db, std::int64_t source, std::int64_t code, std::int64_t start,
                   std::int64_t end, std::string_view coder);

/// How many codings of a run remain (some may have been uncoded by hand since).
std::int64_t run_codings(Db &db, std::int64_t run_id);

} // namespace qda::store
