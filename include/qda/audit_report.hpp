#pragma once
// The audit report (methods.md, section 3, "Audit trail"): the project's material in the six
// categories of Halpern's audit trail, with counts, timelines and the decisions with their
// reasons, ending with the checks an auditor would make. Also instruments (interview guides,
// observation protocols) and the sources collected with them, the sixth category.
#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "qda/app.hpp"
#include "qda/matrix.hpp"

namespace qda::app {

// ---- instruments -----------------------------------------------------------------------------

struct InstrumentView {
    std::string name, sha256, imported_at, imported_by;
    std::string supersedes;           ///< the earlier version of this instrument, if any
    std::vector<std::string> sources; ///< collected with it, by name
};

/// Link (or with `unlink`, unlink) sources to an instrument: a source of kind `instrument`.
/// Returns how many links changed; none changing is an error (nothing to record).
std::size_t link_instrument(const Context &ctx, const std::string &instrument,
                            const std::vector<std::string> &sources, bool unlink);
/// Every source of kind instrument, by name, with its linked sources.
std::vector<InstrumentView> list_instruments(const Context &ctx);

// ---- the report --------------------------------------------------------------------------

using AuditValue = std::variant<std::string, std::int64_t, bool>;

struct AuditTable {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::vector<AuditValue>> rows;
};

/// One of the six categories.
struct AuditCategory {
    std::string key, title, about;
    std::vector<std::pair<std::string, std::int64_t>> counts;
    std::vector<AuditTable> tables; ///< its material, then "timeline" and "decisions"
};

/// One auditor's check: "pass", "fail" or "not run", with one line per finding.
struct AuditCheck {
    std::string key, title, status;
    std::vector<std::string> findings;
};

struct AuditReport {
    std::string project;
    std::int64_t events = 0;
    std::string first_event, last_event; ///< times of the first and last audit events
    std::vector<AuditCategory> categories;
    std::vector<AuditCheck> checks;
};

/// Whether a saved display's data changed since it was saved; the caller rebuilds its
/// request from its arguments (the CLI parses matrix options).
using DisplayStale = std::function<bool(const DisplayInfo &)>;

/// Assemble the report; reads only.
AuditReport audit_report(const Context &ctx, const DisplayStale &stale);

/// Which category an audit event belongs to (its action, and for memos the type in its
/// summary): raw-data, reduction, reconstruction, process, intentions or instruments.
std::string audit_category_of(const std::string &action, const std::string &summary);

} // namespace qda::app
