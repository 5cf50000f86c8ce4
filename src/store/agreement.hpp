#pragma once
// Agreement between coders (schema 6): the sources each coder was assigned, and the coder
// names a project knows. Every change is reported into the ChangeSet.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"
#include "store/trail.hpp"

namespace qda::store {

struct CoderSourceRow {
    std::int64_t id = 0, source_id = 0;
    std::string coder, assigned_at, assigned_by;
};

/// Every assignment, ordered by coder and source id.
std::vector<CoderSourceRow> coder_sources(Db &db);
/// Insert unless already there; returns whether a row was added.
bool insert_coder_source(Db &db, CoderSourceRow &r, ChangeSet &changes);
/// Returns whether a row was removed.
bool delete_coder_source(Db &db, std::string_view coder, std::int64_t source_id,
                         ChangeSet &changes);
/// Distinct coder names of codings and assignments, sorted: for did-you-mean.
std::vector<std::string> coder_names(Db &db);

} // namespace qda::store
