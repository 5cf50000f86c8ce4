#pragma once
// Agreement between coders as pure computation: a reliability data matrix in, coefficients out.
// Percent agreement, Cohen's kappa, Fleiss' kappa, Krippendorff's alpha (nominal, ordinal,
// interval, ratio) with a unit bootstrap, the unitized alpha over coders' spans, and the
// interval sweep that turns coders' spans into weighted character units. No I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qda::model {

/// Levels of measurement of alpha: they choose the difference function.
enum class Level { nominal, ordinal, interval, ratio };

/// Parse "nominal", "ordinal", "interval" or "ratio".
std::optional<Level> parse_level(const std::string &name);
std::string level_name(Level l);

/// Reliability data: one row per unit, one column per coder. A cell holds the index of a value
/// (into `values`) or `missing`. Rows may stand for many identical units (`weights`), which is
/// how character units stay linear in the number of codings.
struct ReliabilityData {
    static constexpr std::int32_t missing = -1;
    std::size_t coders = 0;
    std::vector<double> values;        ///< numeric value of each index (metric levels)
    std::vector<std::int32_t> cells;   ///< units x coders, row-major
    std::vector<std::int64_t> weights; ///< units each row stands for; empty = 1 each

    std::size_t rows() const { return coders ? cells.size() / coders : 0; }
    std::int64_t weight(std::size_t row) const { return weights.empty() ? 1 : weights[row]; }
    std::int32_t at(std::size_t row, std::size_t coder) const {
        return cells[row * coders + coder];
    }
    /// Append one row of value indices (`missing` for a coder who gave none).
    void add(const std::vector<std::int32_t> &row, std::int64_t weight = 1);
};

/// A coefficient, or the reason it is undefined on these data (never a made-up number).
struct Coefficient {
    std::optional<double> value;
    std::string undefined;  ///< why there is no value
    std::int64_t units = 0; ///< units the coefficient was computed on
};

/// Share of agreeing units among units both coders of a pair coded; the mean over pairs of
/// coders when there are more than two.
Coefficient percent_agreement(const ReliabilityData &d);
/// Cohen (1960): (p_o - p_e) / (1 - p_e) over the units coders `a` and `b` both coded.
Coefficient cohen_kappa(const ReliabilityData &d, std::size_t a = 0, std::size_t b = 1);
/// Fleiss (1971) over the units every coder coded (a fixed number of ratings per unit).
Coefficient fleiss_kappa(const ReliabilityData &d);
/// Krippendorff's alpha through the coincidence matrix; units with fewer than two values are
/// not pairable and drop out, as the coefficient defines.
Coefficient krippendorff_alpha(const ReliabilityData &d, Level level);

struct ConfidenceInterval {
    double low = 0, high = 0;
    std::size_t samples = 0; ///< bootstrap samples on which alpha was defined
};
/// Percentile interval of alpha over `samples` resamplings of the units with replacement,
/// drawn from a mt19937_64 seeded with `seed` (same seed, same interval).
std::optional<ConfidenceInterval> bootstrap_alpha(const ReliabilityData &d, Level level,
                                                  std::size_t samples, std::uint64_t seed,
                                                  double confidence = 0.95);

// ---- spans --------------------------------------------------------------------------------

/// A half-open range of code points.
struct Span {
    std::int64_t start = 0, end = 0;
};

/// Character units of one text of `length` code points for one code: rows of the reliability
/// data with values 0 (not coded) and 1 (coded), one row per distinct pattern of coders, weighted
/// by its number of characters. `seen[i]` false makes coder i missing on every character. Runs
/// in O(k log k) time and O(k) memory for k spans, whatever the length.
void add_character_units(ReliabilityData &d, const std::vector<std::vector<Span>> &spans,
                         const std::vector<bool> &seen, std::int64_t length);

/// A maximal run of characters on which the coders' patterns are constant: bit i set when
/// coder i coded it.
struct Run {
    std::int64_t start = 0, end = 0;
    std::uint64_t coded = 0;
};
/// The runs of a text where at least one coder coded, with who did.
std::vector<Run> coded_runs(const std::vector<std::vector<Span>> &spans);
/// The runs of a text where some coder coded and another did not (the disagreements), merged
/// when adjacent with the same pattern. Same sweep as add_character_units.
std::vector<Run> disagreement_runs(const std::vector<std::vector<Span>> &spans);

/// Observed and expected disagreement of Krippendorff's unitized alpha for one code.
struct UnitizedDisagreement {
    double observed = 0, expected = 0;
    std::int64_t length = 0; ///< L: code points of the continuum (texts laid end to end)
    std::int64_t units = 0;  ///< N_c: units placed by all coders together
};

/// Krippendorff's u-alpha (1995; Content Analysis, 2004, ch. 12) for one code: each coder's
/// spans (overlapping ones merged) are units of the code on the continuum of each text, the
/// rest are gaps; every coder saw every text. Texts are laid end to end and a gap never runs
/// from one text into the next.
UnitizedDisagreement
unitized_disagreement(const std::vector<std::vector<std::vector<Span>>> &spans_per_text,
                      const std::vector<std::int64_t> &lengths);

/// 1 - sum D_o / sum D_e over the codes given (one code: its u-alpha; several: the pooled
/// coefficient Krippendorff defines over categories).
Coefficient unitized_alpha(const std::vector<UnitizedDisagreement> &codes);

/// u-alpha of one code on one text of `length` code points.
Coefficient unitized_alpha(const std::vector<std::vector<Span>> &spans, std::int64_t length);

} // namespace qda::model
