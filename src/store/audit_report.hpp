#pragma once
// What the audit report reads that no other repository offers: instruments and their links to
// sources, and summaries of codings (by coder, by code status) for the report's categories.
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/trail.hpp"

namespace qda::store {

struct InstrumentLinkRow {
    std::int64_t id = 0, instrument_id = 0, source_id = 0;
    std::string instrument, source, linked_at, linked_by;
};

/// Adds the link unless it exists; true when added.
bool insert_instrument_link(Db &db, InstrumentLinkRow &l, ChangeSet &changes);
/// Removes the link if it exists; true when removed.
bool delete_instrument_link(Db &db, std::int64_t instrument_id, std::int64_t source_id,
                            ChangeSet &changes);
/// Every link, by instrument name then source name.
std::vector<InstrumentLinkRow> instrument_links(Db &db);

struct CoderSummary {
    std::string coder;
    std::int64_t codings = 0, sources = 0;
    std::string first, last; ///< created_at of the earliest and latest coding
};
std::vector<CoderSummary> codings_by_coder(Db &db);

/// Codings that point at a code that is not active (merged or retired), per code.
struct InactiveCodings {
    std::string code, status, merged_into;
    std::int64_t codings = 0;
};
std::vector<InactiveCodings> codings_of_inactive_codes(Db &db);

/// Codings per code (every code, zero included), for the codebook table.
struct CodeUse {
    std::string code, parent, status, merged_into, created_at, created_by;
    std::string members; ///< a pattern code's member codes, comma-separated by name
    std::int64_t cycle = 1, codings = 0;
};
std::vector<CodeUse> code_use(Db &db);

/// Rows in a table (the table name is one of ours, never user input).
std::int64_t count_rows(Db &db, const std::string &table);

/// Time of the earliest coding, empty when there is none.
std::string first_coding_time(Db &db);

} // namespace qda::store
