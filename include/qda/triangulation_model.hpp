#pragma once
// The pure rules of triangulation (qda triangulate): prominence bands from thresholds, silence
// between two groups, the verdict from the researcher's two judgements, and a theme's overall
// status. No I/O; unit-tested alone. Counting is the matrix engine's.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qda::model {

/// Band thresholds: a theme is "high" in a group when at least `high` of the group's sources
/// code it, "medium" from `medium`, otherwise "low"; "absent" when no source codes it.
struct Bands {
    double high = 0.5, medium = 0.2;
    /// "high=H,medium=M", as recorded with verdicts and printed with the matrix.
    std::string text() const;
};

/// Parse --bands: "high=H,medium=M" in either order, 0 <= M <= H <= 1, each key once.
/// Error(Exit::usage) naming what is wrong otherwise.
Bands parse_bands(std::string_view spec);

/// The share of a group's sources coding a theme: 0 when the group has no sources.
double share(std::int64_t sources, std::int64_t group_sources);

/// high, medium, low or absent. A share equal to a threshold is in the band it opens.
std::string band(std::int64_t sources, std::int64_t group_sources, const Bands &b);

/// Silence between groups a and b: "" (both present), "a" or "b" (that side is silent), "both".
std::string silence(bool a_present, bool b_present);

/// agreement (meaning and examples agree), partial (one does), dissonance (neither).
std::string verdict(bool meaning_agrees, bool examples_agree);

/// "agree" -> true, "disagree" -> false; Error(Exit::usage) naming `option` otherwise.
bool judgement(std::string_view value, std::string_view option);

/// One pair of a theme's row as the status sees it.
struct PairState {
    std::string silence; ///< as silence()
    std::string verdict; ///< as verdict(); "" when none is recorded
};

/// The overall status of a theme, first that applies: "absent" (present in no group),
/// "dissonant" (a verdict of dissonance), "silent-in-some" (present in some groups only),
/// "partial" (a verdict of partial agreement), "unjudged" (a pair of groups where it is present
/// has no verdict, or there is no pair), "convergent" (every pair judged agreement). Counting
/// alone never gives "convergent": it needs a verdict on every pair.
std::string row_status(const std::vector<bool> &present, const std::vector<PairState> &pairs);

} // namespace qda::model
