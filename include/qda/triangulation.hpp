#pragma once
// Triangulation (methods.md, section 3): does each theme appear in every group of data (each
// data-collection method, each role, each coder), how prominently, where is it silent, and what
// did the researcher judge about agreement between groups. The tool computes presence, bands and
// silence; agreement, partial agreement and dissonance are only ever the researcher's verdict.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qda/app.hpp"
#include "qda/matrix.hpp"

namespace qda::app {

struct TriangulationRequest {
    std::string across = "kind";     ///< kind, attr:NAME (of source, case or participant) or coder
    int level = 2;                   ///< 2: rows are themes (pattern codes); 1: first-cycle codes
    std::vector<std::string> themes; ///< only these rows; empty = every theme (or code)
    std::string bands = "high=0.5,medium=0.2"; ///< share of a group's sources coding the theme
    bool no_interviewer = false;
    /// Only these groups. Empty: every group, except that across kind the kinds that are not
    /// ways of collecting data (member-check responses, instruments) are left out.
    std::vector<std::string> groups;
};

/// A theme in one group.
struct TriangulationCell {
    std::string group;
    bool present = false;
    std::int64_t sources = 0, participants = 0, codings = 0;
    std::int64_t group_sources = 0; ///< sources in the group
    double share = 0;               ///< sources / group_sources
    std::string band;               ///< high, medium, low, or absent
};

/// Two groups compared on one theme.
struct TriangulationPair {
    std::string a, b;
    std::string silence; ///< "" (both present), "a" or "b" (that side is silent), "both"
    std::string verdict; ///< agreement, partial, dissonance; "" when none is recorded
    std::string meaning, examples, why, judged_by, judged_at, bands; ///< of the latest verdict
};

struct TriangulationRow {
    std::string theme;
    std::vector<TriangulationCell> groups; ///< in the order of TriangulationResult::groups
    std::vector<TriangulationPair> pairs;  ///< every pair of groups, in group order
    std::int64_t present_in = 0;           ///< groups where the theme is present
    std::string status; ///< convergent, partial, dissonant, silent-in-some, unjudged, absent
};

struct TriangulationResult {
    std::string across;
    std::vector<std::string> groups;
    std::vector<std::int64_t> group_sources; ///< sources in each group, in the order of groups
    double high = 0.5, medium = 0.2;         ///< the band thresholds used
    std::vector<TriangulationRow> rows;
};

/// The convergence coding matrix.
TriangulationResult triangulate(const Context &ctx, const TriangulationRequest &req);

/// Problems for the audit report: themes silent in some group with no verdict recorded, across
/// every dimension verdicts were recorded for, and across kind. One line per theme and pair.
std::vector<std::string> triangulation_gaps(const Context &ctx);

// ---- evidence and verdicts (qda triangulate evidence | judge | verdicts) -------------------

/// The quotes of one theme from each group, side by side.
struct TriangulationEvidence {
    std::string theme, across;
    std::vector<std::string> groups;              ///< the pair's two, or every group
    std::vector<TriangulationCell> cells;         ///< the theme in each of `groups`
    std::vector<std::vector<MatrixQuote>> quotes; ///< per group, at most `quotes` each
    /// per group, per quote: the line(s) the coding is in, cut to `quote_chars` around it
    std::vector<std::vector<std::string>> contexts;
};

/// Quotes of THEME (a row of the matrix `req` asks for) from each group, or from the two of
/// `pair` ("A:B"; empty = every group), at most `quotes` per group, `quote_chars` long.
TriangulationEvidence triangulation_evidence(const Context &ctx, const TriangulationRequest &req,
                                             const std::string &theme, const std::string &pair,
                                             int quotes, std::size_t quote_chars);

/// One recorded verdict.
struct TriangulationVerdict {
    std::int64_t id = 0;
    std::string theme, across, a, b, meaning, examples, verdict, why, bands, judged_by, judged_at;
    bool current = true; ///< false once a later verdict on the same theme and pair superseded it
};

/// Record the researcher's verdict on THEME between the groups of `pair` ("A:B") across
/// req.across (needs ctx.why): agreement when meaning and examples agree, partial when one
/// does, dissonance when neither. One audit event (triangulate.judge); the thresholds of
/// req.bands are recorded with it. Earlier verdicts on the pair stay, superseded.
TriangulationVerdict judge_triangulation(const Context &ctx, const TriangulationRequest &req,
                                         const std::string &theme, const std::string &pair,
                                         const std::string &meaning, const std::string &examples);

/// Every verdict recorded, oldest first; `across` and `theme` narrow them when not empty.
std::vector<TriangulationVerdict>
triangulation_verdicts(const Context &ctx, const std::string &across, const std::string &theme);

} // namespace qda::app
