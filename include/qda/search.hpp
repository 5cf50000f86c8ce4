#pragma once
// `qda search`: keyword in context across sources, narrowed by a full-text index.
#include <cstdint>
#include <string>
#include <vector>

#include "qda/app.hpp"

namespace qda::app {

/// What `qda search` looks for and where.
struct SearchRequest {
    std::string text;
    bool regex = false; ///< an ICU regular expression, scanned without the index
    bool whole_word =
        false;            ///< the match must end on a word boundary too (it always starts on one)
    bool accents = false; ///< accent-insensitive ("kafe" finds "kafé")
    std::int64_t context = 40; ///< code points of context on each side
    std::vector<std::string> kinds, sources;
};

/// One occurrence, keyword in context.
struct SearchHit {
    std::string source, kind;
    std::int64_t line = 0, start = 0, end = 0; ///< code points, end exclusive
    std::string match, left, right;            ///< context stays within the paragraph
};

/// The occurrences, and how much of the index this search had to build.
struct SearchResult {
    std::vector<SearchHit> hits;
    std::int64_t indexed = 0; ///< sources added to the index by this search
};

/// Every occurrence of `text` (case-insensitive, starting on a word boundary), by source and
/// position.
SearchResult search(const Context &ctx, const SearchRequest &req);

} // namespace qda::app
