#pragma once
// `qda retrieve`: the coded text that a query (include/qda/query.hpp) selects, with where it
// was said, by whom, its context and the memos written about it.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "qda/app.hpp"

namespace qda::app {

/// What to retrieve. Repeated values of one filter are alternatives (any may match); different
/// filters, and --attr / --participant-attr pairs with different keys, must all match.
struct RetrieveRequest {
    std::string query;
    std::vector<std::string> kinds, cases, speakers, coders;
    std::vector<std::pair<std::string, std::string>> attrs;             ///< source, else its case
    std::vector<std::pair<std::string, std::string>> participant_attrs; ///< of the speaker
    bool no_interviewer = false;
    std::string unit = "turn"; ///< the segments AND, NOT and NEAR count in; paragraph when absent
    std::int64_t context = 0;  ///< lines before and after each result
};

/// A memo shown beside a result, so the researcher reads the analysis next to the data.
struct RetrieveMemo {
    std::string target; ///< "code:NAME" or "coding:ID"
    std::int64_t id = 0;
    std::string type, author, text;
};

/// One result span.
struct RetrieveHit {
    std::string source, case_name, speaker,
        participant; ///< speaker: of the turn the span starts in
    std::int64_t start = 0, end = 0, line = 0;
    std::string quote;                   ///< the exact stored text
    std::vector<std::string> codes;      ///< names of the codes of the codings behind it, sorted
    std::vector<std::int64_t> codings;   ///< their ids
    std::vector<TextLine> before, after; ///< context lines
    std::vector<RetrieveMemo> memos;
};

struct RetrieveResult {
    std::string query; ///< as it was read, fully parenthesised
    std::string unit;
    std::vector<RetrieveHit> hits; ///< by source name, then start, then end
};

/// Evaluate `req` over every source that passes the source filters. Errors: a malformed query
/// (usage, query:1:COLUMN), an unknown code, case or speaker (not found, with did-you-mean).
RetrieveResult retrieve(const Context &ctx, const RetrieveRequest &req);

} // namespace qda::app
