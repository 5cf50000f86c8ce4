#pragma once
// Links between codes entered by the researcher (schema 5, `qda network`), and the lean read of
// codings that co-occurrence counting streams through.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/trail.hpp"

namespace qda::store {

struct LinkRow {
    std::int64_t id = 0, from_code = 0, to_code = 0;
    std::string kind, note, created_at, created_by;
    std::vector<std::int64_t> evidence; ///< coding ids, ascending
};

/// Every link with its evidence, by id.
std::vector<LinkRow> links(Db &db);
std::optional<LinkRow> link_by_id(Db &db, std::int64_t id);
std::optional<LinkRow> find_link(Db &db, std::int64_t from, std::int64_t to,
                                 const std::string &kind);
/// Kinds in use, sorted, so a misspelt new kind can be caught.
std::vector<std::string> link_kinds(Db &db);

/// Insert the link (fills id) and its evidence rows.
std::int64_t insert_link(Db &db, LinkRow &l, ChangeSet &changes);
/// Cite one more coding for a link; false when it was cited already.
bool add_evidence(Db &db, std::int64_t link, std::int64_t coding, ChangeSet &changes);
/// Delete a link and its evidence rows.
void delete_link(Db &db, const LinkRow &l, ChangeSet &changes);

/// What counting needs of one coding, without its text columns.
struct SpanRow {
    std::int64_t id = 0, source_id = 0, code_id = 0, start = 0, end = 0;
};
/// Every coding (only those of `coders` when not empty) ordered by source, then start, one row
/// at a time: a million codings are counted without being held.
void each_span(Db &db, const std::vector<std::string> &coders,
               const std::function<void(const SpanRow &)> &each);

} // namespace qda::store
