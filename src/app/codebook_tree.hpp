#pragma once
// The project's codebook as interop::Codebook (for export and import diffs), shared by the
// codebook use cases.
#include <cstdint>
#include <vector>

#include "qda/app.hpp"
#include "qda/codebook_io.hpp"
#include "store/codes.hpp"

namespace qda::app {

/// Live codes (active, retired) in tree order with their store rows; `rows[i]` is `book.codes[i]`.
struct ProjectCodebook {
    interop::Codebook book;
    std::vector<store::CodeRow> rows;
};
ProjectCodebook project_codebook(store::Db &db, bool with_merged = false);

/// True when `code` is `ancestor` or lies under it.
bool is_within(store::Db &db, std::int64_t code, std::int64_t ancestor);

/// Usage error unless --why was given: merges, splits and retirements change what codings mean.
void require_why(const Context &ctx, const std::string &command);

} // namespace qda::app
