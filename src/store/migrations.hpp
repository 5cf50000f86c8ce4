#pragma once
#include <string_view>
#include <vector>

namespace qda::store {

/// One numbered schema step, embedded from schemas/sql/NNNN_name.sql at build time.
struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

/// All migrations in version order.
const std::vector<Migration> &migrations();

} // namespace qda::store
