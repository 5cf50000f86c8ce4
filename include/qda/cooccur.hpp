#pragma once
// `qda cooccur`: codes x codes, how often two codes meet (what is counted: qda/cooccur_count.hpp
// and man qda-cooccur(1)). The use case picks the codes, applies the filters of `qda retrieve`
// and feeds the sources to the counting one at a time.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qda/app.hpp"
#include "qda/cooccur_count.hpp"
#include "qda/retrieve.hpp"

namespace qda::app {

/// What to count. The filters are those of `qda retrieve` (its query is not used): sources by
/// kind, case and attribute; codings by coder; codings by the turn they start in (speaker,
/// participant attribute, interviewer).
struct CooccurRequest {
    RetrieveRequest filter;
    std::vector<std::string> codes; ///< empty = every code of the level
    int level = 1;                  ///< 1 = first-cycle codes, 2 = pattern codes (themes)
    std::string unit = "overlap";   ///< overlap, segment:turn, segment:sentence, segment:paragraph
};

struct CooccurResult {
    std::string unit;
    int level = 1;
    std::vector<std::string> codes; ///< rows and columns, in this order
    model::CoCounts counts;
    std::int64_t sources = 0;  ///< sources that passed the filters
    std::int64_t fallback = 0; ///< of those, sources without the unit counted by paragraph

    std::int64_t total(std::size_t i) const { return counts.at(i, i); }
    std::int64_t count(std::size_t i, std::size_t j) const { return counts.at(i, j); }
    /// c of row i and column j; nullopt when neither code occurs.
    std::optional<double> c(std::size_t i, std::size_t j) const;
    /// The frequency flag of a pair (never on the diagonal).
    bool flagged(std::size_t i, std::size_t j) const;
};

/// Count co-occurrences. Errors: unknown code (with did-you-mean), a code of the wrong level,
/// bad unit or level (usage), unknown case or speaker.
CooccurResult cooccur(const Context &ctx, const CooccurRequest &req);

} // namespace qda::app
