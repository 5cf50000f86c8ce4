#pragma once
// Use cases behind `qda agreement`: coefficients between coders of a project (character,
// segment or unitized units), on any reliability data file, the disagreements to discuss, the
// reconciled coding under a consensus coder, and the sources each coder was assigned.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "qda/agreement.hpp"
#include "qda/app.hpp"

namespace qda::app {

/// What to compare: coders, codes, sources and the unit.
struct AgreementScope {
    std::vector<std::string> coders;      ///< two or more
    std::vector<std::string> codes;       ///< empty = every code the coders applied (or --level)
    int level = 0;                        ///< 1 = first-cycle codes, 2 = pattern codes; 0 = unset
    std::vector<std::string> sources;     ///< empty = every source
    std::string unit = "character";       ///< character, turn, sentence, paragraph, unitized
    std::vector<std::string> categorical; ///< mutually exclusive codes: one value per segment
};

struct AgreementRequest {
    AgreementScope scope;
    std::string by = "code"; ///< code, source or none: one row per code/source, then overall
    std::size_t bootstrap = 0;
    std::uint64_t seed = 1;
};

/// One line of the report: a code (or source), or the overall pool ("(all)").
struct AgreementRow {
    std::string code, source;
    std::int64_t units = 0;
    model::Coefficient percent, cohen, fleiss, alpha;
    std::optional<model::ConfidenceInterval> ci;
};

struct AgreementResult {
    std::string unit, level = "nominal";
    std::vector<std::string> coders;
    std::vector<AgreementRow> rows;
    std::vector<std::string> notes; ///< what was left out and why
};

AgreementResult agreement(const Context &ctx, const AgreementRequest &req);

/// A reliability data file (CSV or TSV): one row per unit, one column per coder.
struct DataRequest {
    std::filesystem::path file;
    model::Level level = model::Level::nominal;
    bool transpose = false; ///< coders as rows, units as columns
    std::string missing;    ///< a token that means missing (an empty cell always does)
    bool header = true;     ///< first row (column, with --transpose) names the coders
    std::size_t bootstrap = 0;
    std::uint64_t seed = 1;
};
AgreementResult agreement_data(const DataRequest &req);

/// A unit where coders differ, with its text and who applied what.
struct Disagreement {
    std::string source, code, unit;
    std::int64_t ordinal = 0; ///< segment number (segment units); 0 for character runs
    std::int64_t start = 0, end = 0, line = 0;
    std::vector<std::string> applied_by, not_applied_by;
    std::string values; ///< categorical: "A=code; B=(none)"
    std::string text;
};
std::vector<Disagreement> disagreements(const Context &ctx, const AgreementScope &scope);

struct ReconcileRequest {
    AgreementScope scope;
    std::string into = "consensus"; ///< the coder name the agreed coding is written under
    std::string take = "agreed";    ///< agreed (every coder), union (any coder) or a coder's name
};
struct ReconcileResult {
    std::int64_t written = 0, existing = 0;
};
/// Write the reconciled coding (character runs) under `into`, in one transaction and event.
ReconcileResult reconcile(const Context &ctx, const ReconcileRequest &req);

/// Declare (or with `remove`, withdraw) the sources a coder was given: on any other source the
/// coder's values are missing, not "not coded". A coder with no declaration saw every source.
std::int64_t assign_sources(const Context &ctx, const std::string &coder,
                            const std::vector<std::string> &sources, bool remove);
struct Assignment {
    std::string coder, source, assigned_at, assigned_by;
};
std::vector<Assignment> list_assignments(const Context &ctx);

} // namespace qda::app
