#pragma once
// What the agreement use cases share: the coders, codes and sources in scope, each coder's
// spans per (source, code), and who saw which source. Loaded once per command, linear in the
// number of codings.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "qda/agreement_app.hpp"
#include "store/db.hpp"

namespace qda::app {

struct AgreementInput {
    struct Source {
        std::int64_t id = 0, chars = 0;
        std::string name;
        std::vector<bool> seen; ///< per coder
    };
    struct Code {
        std::int64_t id = 0;
        std::string name;
    };
    std::vector<std::string> coders;
    std::vector<Source> sources;
    std::vector<Code> codes;
    std::vector<std::string> notes;
    /// spans[{source index, code index}][coder index]; absent = nobody coded it there
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::vector<model::Span>>> spans;

    const std::vector<std::vector<model::Span>> &of(std::size_t s, std::size_t c) const;
    bool segment_unit() const { return unit != "character" && unit != "unitized"; }
    std::string unit;
};

/// The segments of one unit of a source as (start, end), in order.
std::vector<std::pair<std::int64_t, std::int64_t>> segments_of(store::Db &db, std::int64_t sid,
                                                               const std::string &unit);

/// Check the scope (coders, codes, sources, unit) and load what it names. Throws usage and
/// not-found errors with did-you-mean.
AgreementInput load_agreement(store::Db &db, const AgreementScope &scope);

/// Segment units of one source: one row per segment with, for each coder, whether they applied
/// the code (binary) or which of the categorical codes (index into input.codes; the last value,
/// codes.size(), is "none"). Segments are (start, end) pairs.
struct SegmentValues {
    std::vector<std::pair<std::int64_t, std::int64_t>> segments;
    std::vector<std::vector<std::int32_t>> values; ///< per segment, per coder (-1 = missing)
};
SegmentValues segment_values(const AgreementInput &in, std::size_t source,
                             const std::vector<std::pair<std::int64_t, std::int64_t>> &segments,
                             bool categorical, std::size_t code);

} // namespace qda::app
