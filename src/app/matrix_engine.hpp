#pragma once
// The matrix engine shared by `qda matrix`, `qda display` and `qda freq`: what the project holds
// (sources, codes, participants, dates), how a dimension maps a coding to its rows or columns,
// and the filters. Counting is in src/model (MatrixCounts); reading in src/store (matrix_data).
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "qda/matrix.hpp"
#include "qda/matrix_model.hpp"
#include "qda/records.hpp"
#include "store/codes.hpp"
#include "store/db.hpp"
#include "store/matrix_data.hpp"

namespace qda::app::engine {

/// What a dimension's members depend on: the index a coding is looked up by.
enum class Basis { source, code, coder, participant, speaker, period, all };

/// A turn, packed: where it is and who speaks.
struct Turn {
    std::int64_t start = 0, end = 0;
    std::int32_t participant = -1, speaker = -1;
};
/// A dated stretch of a source (an observation's entry): from start to end, its period index.
struct Dated {
    std::int64_t start = 0, end = 0;
    std::string date;
};

/// The project as the engine needs it, loaded once per command.
struct Universe {
    std::vector<store::SourceBrief> sources; ///< every source (id, name, kind, case), by name
    std::vector<std::int32_t> source_at;     ///< source id -> index into sources (-1 none)
    std::vector<char> source_ok;             ///< passes the source filters
    std::vector<store::CodeRow> codes;       ///< live codes in tree order
    std::vector<int> depth;                  ///< of each code
    std::vector<std::int32_t> code_at;       ///< code id -> index into codes (-1: merged, none)
    std::vector<std::string> coders;         ///< loaded only when a dimension or filter needs them
    std::unordered_map<std::string, std::int32_t> coder_at;
    std::vector<std::string> participants; ///< names, sorted
    std::vector<char> interviewer;
    std::unordered_map<std::string, std::int32_t> participant_at;
    std::vector<std::string> speakers; ///< labels as written, sorted
    std::unordered_map<std::string, std::int32_t> speaker_at;
    /// Per source (index), loaded only when needed: turns, dated entries, the source's date.
    std::vector<std::vector<Turn>> turns;
    std::vector<std::vector<Dated>> entries;
    std::vector<std::string> source_date;
    std::vector<char> participant_ok; ///< passes the speaker filters
    bool none_ok = true;              ///< text outside any attributed turn passes them
    std::string date_from, date_to;   ///< inclusive ISO dates; empty = open
    std::set<std::string, std::less<>> coder_filter;
    bool need_turns = false, need_dates = false;
};

/// A dimension resolved against the project.
struct Dim {
    std::string spec;
    Basis basis = Basis::all;
    std::string grain;                          ///< period dimensions
    std::vector<MatrixMember> members;          ///< natural order
    std::vector<char> extra;                    ///< "(none)"-like members, dropped when empty
    std::vector<std::vector<std::int32_t>> map; ///< basis index -> members
    std::string entity;                         ///< case, source, participant (for attr order)
    std::vector<std::int64_t> entity_id;        ///< of each member, for attr order (-1 none)
    std::unordered_map<std::string, std::int32_t> period_at;
};

/// Load sources, codes and the filters of `where`; turns and dates when `need_*` say so.
Universe load(store::Db &db, const std::vector<std::pair<std::string, std::string>> &where,
              bool no_interviewer, bool need_turns, bool need_dates, bool need_coders);

/// The basis a dimension spec depends on, without loading anything (usage error if unknown).
Basis basis_of(const std::string &spec);

/// Resolve a dimension spec ("case", "attr:sector", "code:kendala", "period:month", ...).
Dim resolve(store::Db &db, Universe &u, const std::string &spec, int level);

/// Whether `where` has a filter that needs the turn a coding starts in, or its date.
bool where_needs_turns(const std::vector<std::pair<std::string, std::string>> &where,
                       bool no_interviewer);
bool where_needs_dates(const std::vector<std::pair<std::string, std::string>> &where);
bool where_needs_coders(const std::vector<std::pair<std::string, std::string>> &where);

/// One coding (or a group of identical ones) as the dimensions look it up.
struct Unit {
    std::int32_t source = -1, code = -1, coder = -1, participant = -1, speaker = -1, period = -1;
};

/// Members of `d` that a unit falls in.
const std::vector<std::int32_t> &members_of(const Dim &d, const Unit &u);

/// Stream the codings that pass the filters into `counts` (and call `each` per coding when the
/// caller wants quotes). Chooses SQLite aggregation when nothing needs single codings.
struct Visit {
    std::int64_t coding, start, end;
    std::int32_t source;
    const std::vector<std::int32_t> *rows, *cols;
};
std::string accumulate(store::Db &db, Universe &u, const Dim &rows, const Dim &cols,
                       model::MatrixCounts &counts, bool stream,
                       const std::function<void(const Visit &)> &each);

/// Attribute values of one entity kind: entity name -> key -> value.
std::unordered_map<std::string, std::unordered_map<std::string, std::string>>
attr_values(store::Db &db, const std::string &entity);

} // namespace qda::app::engine
