#pragma once
// Displays (methods.md, section 2): `qda matrix` lays codings out as rows x columns of any two
// dimensions the project holds, `qda display` saves a matrix under a name with the cells a
// researcher writes, and `qda freq` counts codings per code over the code tree.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qda/app.hpp"

namespace qda::app {

/// What a matrix shows. Dimensions: case, source, kind, participant, speaker, attr:KEY
/// (attr:case.KEY, attr:source.KEY, attr:participant.KEY to choose the entity), code, theme,
/// code:PARENT, coder, period:day|week|month|year.
struct MatrixRequest {
    std::string rows = "case", cols = "code";
    /// Cell kinds joined by '+': count, sources, participants, presence, percent[:row|col|all],
    /// quotes[:N], summary, rating (e.g. "presence+quotes:1").
    std::string cell = "count";
    /// KEY=VALUE filters: kind, case, source, coder, speaker, attr:KEY, participant-attr:KEY,
    /// from, to (dates, inclusive); a repeated key means any of its values.
    std::vector<std::pair<std::string, std::string>> where;
    bool no_interviewer = false;
    /// natural, name, total, attr:KEY, rating[:COLUMN]; a ":desc" suffix reverses values.
    std::string order_rows = "natural", order_cols = "natural";
    int level = 1; ///< 2: code dimensions show pattern codes (their members' codings)
    bool totals = false, drop_empty_rows = false, drop_empty_cols = false;
    std::size_t quote_chars = 100; ///< a quote is shortened to this many characters
    /// Compute MatrixResult::fingerprint. Only JSON output and saved displays show it, and it
    /// needs every cell's sources counted (a second array of cells).
    bool fingerprint = true;
    /// Count the distinct sources of every cell whatever `cell` shows (JSON output gives them
    /// all). Without it they are counted only for a `sources` cell or the fingerprint, and a
    /// matrix keeps one array of cells instead of two (MatrixResult::sources is then empty: read
    /// it with sources_at).
    bool cell_sources = true;
};

/// One row or column.
struct MatrixMember {
    std::string key;   ///< stable name for display cells: a code's uid, otherwise the label
    std::string label; ///< shown
    std::string group; ///< the attribute or rating the rows are ordered by, when they are
    std::int64_t count = 0, sources = 0, participants = 0; ///< totals
};

struct MatrixQuote {
    std::int64_t coding = 0, start = 0, end = 0;
    std::string source, text;
};

/// What a researcher wrote in a display cell.
struct MatrixNote {
    std::string summary, rating, author, updated_at;
    std::vector<std::int64_t> evidence;
};

struct MatrixResult {
    MatrixRequest request;
    std::vector<std::string> cell_kinds; ///< `cell` split on '+', checked
    std::string group_title;             ///< heading of the rows' group column; empty = none
    std::vector<MatrixMember> rows, cols;
    MatrixMember total;
    /// Dense, rows x cols, row-major: codings, distinct sources (empty when the request left
    /// them out; read them with sources_at), distinct participants (empty when participants
    /// were not counted: they need the turns; read them with participants_at).
    /// 32-bit: a matrix of 2,000 cases x 200 codes is 400,000 cells (a cell past 2^32 codings is
    /// refused while counting).
    std::vector<std::uint32_t> count, sources, participants;
    std::map<std::size_t, std::vector<MatrixQuote>> quotes; ///< by cell index
    std::map<std::size_t, MatrixNote> notes;                ///< by cell index
    std::string fingerprint; ///< SHA-256 of the members and counts (not of the notes); empty
                             ///< when the request asked for none
    std::string path;        ///< "aggregate" (SQLite counts) or "segments" (codings streamed)

    std::size_t cell(std::size_t r, std::size_t c) const { return r * cols.size() + c; }
    std::int64_t sources_at(std::size_t i) const { return sources.empty() ? 0 : sources[i]; }
    std::int64_t participants_at(std::size_t i) const {
        return participants.empty() ? 0 : participants[i];
    }
};

/// Researcher-written cells by (row key, column key), as `display cell` stores them.
using MatrixNotes = std::map<std::pair<std::string, std::string>, MatrixNote>;

/// Build a matrix. Errors: an unknown dimension, cell kind, filter or order (usage, with
/// did-you-mean), an unknown case, code, speaker (not found); summary, rating and rating order
/// without `notes` (usage: they belong to a saved display).
MatrixResult matrix(const Context &ctx, const MatrixRequest &req,
                    const MatrixNotes *notes = nullptr);

// ---- named displays -------------------------------------------------------------------------

struct DisplayInfo {
    std::int64_t id = 0;
    std::string name;
    std::vector<std::string> args; ///< the `qda matrix` options it was saved with
    std::string fingerprint, created_at, created_by, updated_at;
    std::int64_t cells = 0; ///< researcher-written cells
    bool stale = false;     ///< the data changed since it was saved
};

/// Save (or with `replace`, overwrite) a display: `req` is what `args` parse to.
DisplayInfo save_display(const Context &ctx, const std::string &name,
                         const std::vector<std::string> &args, const MatrixRequest &req,
                         bool replace);

/// A display's record; its request is rebuilt from args by the caller (the CLI parses options).
DisplayInfo display_info(const Context &ctx, const std::string &name);

/// The display's matrix with its notes, and whether it is stale.
std::pair<DisplayInfo, MatrixResult> show_display(const Context &ctx, const std::string &name,
                                                  const MatrixRequest &req);

/// Every display; with `check`, each is rebuilt to tell whether it is stale (needs requests).
std::vector<DisplayInfo> list_displays(const Context &ctx);

/// Remove a saved display and its cells (needs --why); returns it as it was.
DisplayInfo remove_display(const Context &ctx, const std::string &name);
/// Write a cell's summary and/or rating (nullopt = keep), with evidence codings. ROW and COL
/// are labels or keys of the display's current rows and columns.
MatrixNote write_display_cell(const Context &ctx, const std::string &name, const MatrixRequest &req,
                              const std::string &row, const std::string &col,
                              const std::optional<std::string> &summary,
                              const std::optional<std::string> &rating,
                              const std::vector<std::int64_t> &evidence);

// ---- frequencies ----------------------------------------------------------------------------

struct FreqRow {
    std::string code, path, parent;
    int depth = 0, cycle = 1;
    std::int64_t codings = 0, sources = 0, participants = 0; ///< rolled up
    std::int64_t own = 0;                                    ///< its own codings
};

struct FreqResult {
    std::vector<FreqRow> codes;                             ///< tree order
    std::vector<std::string> by;                            ///< members of --by, when given
    std::vector<std::int64_t> count, sources, participants; ///< codes x by, row-major
};

/// Codings, sources and participants per code, rolled up: a parent counts its descendants, a
/// pattern code its members (each coding once). With `by`, also per member of that dimension.
FreqResult freq(const Context &ctx, const std::string &by,
                const std::vector<std::pair<std::string, std::string>> &where, bool no_interviewer);

} // namespace qda::app
