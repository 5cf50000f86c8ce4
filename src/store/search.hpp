#pragma once
// The full-text index of `qda search` (schemas/sql/0003_search.sql): derived, unaudited data.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/db.hpp"

namespace qda::store {

/// What the index lacks: sources not indexed or indexed from other bytes (`todo`, by id: id and
/// the hash of their original bytes, read instead of text_sha256, which lies behind the text on
/// overflow pages; rows they may still have in the index must go first), and sources that are
/// gone (`drop`). Reads only: a search of an up-to-date index writes nothing.
struct SearchStale {
    std::vector<std::pair<std::int64_t, std::string>> todo;
    std::vector<std::int64_t> drop;
    bool empty() const { return todo.empty() && drop.empty(); }
};
SearchStale search_stale(Db &db);
/// Remove these sources' rows from the index (one pass over it).
void search_drop(Db &db, const std::vector<std::int64_t> &sources);

/// Add one paragraph of a source to the index.
void search_add(Db &db, std::int64_t source, std::int64_t start, std::int64_t line,
                std::string_view body);
/// Record that a source's text (with this hash) is fully indexed.
void search_mark(Db &db, std::int64_t source, std::string_view text_sha256);

/// One paragraph the index returned.
struct SearchRow {
    std::int64_t source = 0, start = 0, line = 0;
    std::string_view body; ///< valid during the callback
};
/// Paragraphs matching an FTS5 query, by source id and position.
void search_query(Db &db, const std::string &fts_query,
                  const std::function<void(const SearchRow &)> &each);

/// id -> (name, kind) of every source, for labelling hits without loading sources (in no
/// particular order).
std::vector<std::tuple<std::int64_t, std::string, std::string>> source_labels(Db &db);

} // namespace qda::store
