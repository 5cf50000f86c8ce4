#pragma once
// Codebook edits that codes.hpp does not cover: deleting a code that was never used (a codebook
// import that drops it) and asking whether anything still points at a code.
#include <cstdint>

#include "store/codes.hpp"

namespace qda::store {

/// Memos on the code, or merged codes that point at it (merged_into or parent): history that
/// a codebook import must keep, so the code is retired rather than deleted.
bool code_referenced(Db &db, std::int64_t id);

/// Number of codings on one code (a dropped code with codings cannot be deleted).
std::int64_t code_codings(Db &db, std::int64_t id);

/// Delete a code and its membership rows (as pattern and as member). The caller checks first
/// that no coding, memo, child or merged code points at it.
void delete_code(Db &db, const CodeRow &c, ChangeSet &changes);

} // namespace qda::store
