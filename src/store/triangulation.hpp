#pragma once
// Triangulation verdicts (schema 9): the researcher's judgement of a theme between two groups.
// Rows are only added: a later verdict on the same theme, dimension and pair supersedes an
// earlier one, which stays.
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/trail.hpp"

namespace qda::store {

struct TriangulationVerdictRow {
    std::int64_t id = 0, theme_id = 0;
    std::string across, group_a, group_b, meaning, examples, verdict, why, bands, created_at,
        created_by;
};

std::int64_t insert_triangulation_verdict(Db &db, TriangulationVerdictRow &v, ChangeSet &changes);

/// Every verdict, oldest first (by id); `across` empty = every dimension.
std::vector<TriangulationVerdictRow> triangulation_verdicts(Db &db, const std::string &across = {});

/// The dimensions verdicts were recorded for, sorted.
std::vector<std::string> triangulation_dimensions(Db &db);

} // namespace qda::store
