#pragma once
// The codebook, codings, memos and autocoding runs (schema 2). Every function that changes a
// row reports it into the ChangeSet, so the command's audit event accounts for it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"
#include "store/trail.hpp"

namespace qda::store {

// ---- codes ------------------------------------------------------------------------------

struct CodeRow {
    std::int64_t id = 0;
    std::string uid, name;
    std::optional<std::int64_t> parent_id;
    std::string description, inclusion, exclusion, example, colour;
    int cycle = 1;
    std::string status = "active"; ///< active, retired, merged
    std::optional<std::int64_t> merged_into;
    std::string created_at, created_by;
    std::vector<std::int64_t> members; ///< pattern codes: member code ids
};

/// Every code (merged ones too), ordered by id, with members filled in.
std::vector<CodeRow> all_codes(Db &db);
std::optional<CodeRow> code_by_id(Db &db, std::int64_t id);
/// A code a researcher can see (active or retired) by name, or any code by uid.
std::optional<CodeRow> code_by_name(Db &db, std::string_view name);
std::optional<CodeRow> code_by_uid(Db &db, std::string_view uid);
/// Names of active and retired codes, for did-you-mean.
std::vector<std::string> code_names(Db &db);

/// Insert; fills id (and uid when empty). Members are written too.
std::int64_t insert_code(Db &db, CodeRow &c, ChangeSet &changes);
/// Write every column of `after` (matched by id); records before/after of what differs.
void update_code(Db &db, const CodeRow &before, const CodeRow &after, ChangeSet &changes);
/// Replace a pattern code's members.
void set_members(Db &db, std::int64_t pattern, const std::vector<std::int64_t> &members,
                 ChangeSet &changes);

// ---- codings ----------------------------------------------------------------------------

struct CodingRow {
    std::int64_t id = 0, source_id = 0, code_id = 0, start = 0, end = 0;
    std::string coder, created_at, memo;
    std::optional<std::int64_t> run_id;
};

/// Insert unless the same span, code and coder is already coded; returns the new id or nullopt.
std::optional<std::int64_t> insert_coding(Db &db, CodingRow &c, ChangeSet &changes);
void delete_coding(Db &db, const CodingRow &c, ChangeSet &changes);
/// Point every coding of `from` at `to` (a merge); returns how many moved. A coding that
/// would duplicate one `to` already has is deleted instead.
std::int64_t move_codings(Db &db, std::int64_t from, std::int64_t to, ChangeSet &changes);

struct CodingFilter {
    std::vector<std::int64_t> sources, codes;
    std::vector<std::string> coders;
    std::optional<std::int64_t> run_id;
};
/// Codings matching every non-empty filter, ordered by source, start, end, code, coder.
std::vector<CodingRow> codings(Db &db, const CodingFilter &f = {});
std::optional<CodingRow> coding_by_id(Db &db, std::int64_t id);
/// The coding of exactly this span, code and coder, if there is one (codings are unique on it).
std::optional<CodingRow> find_coding(Db &db, std::int64_t source, std::int64_t code,
                                     std::int64_t start, std::int64_t end, std::string_view coder);
/// Number of codings and of distinct sources per code id.
std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> coding_counts(Db &db);

// ---- autocoding runs --------------------------------------------------------------------

struct RunRow {
    std::int64_t id = 0;
    std::string rules_sha256, rules, rules_path, coder, created_at;
    std::int64_t codings = 0;
    std::string undone_at;
};
std::int64_t insert_run(Db &db, RunRow &r, ChangeSet &changes);
void update_run(Db &db, const RunRow &r, ChangeSet &changes);
std::optional<RunRow> run_by_id(Db &db, std::int64_t id);
std::vector<RunRow> all_runs(Db &db);

// ---- memos ------------------------------------------------------------------------------

struct MemoRow {
    std::int64_t id = 0;
    std::string target_kind; ///< project, source, case, code, coding, participant, display
    std::optional<std::int64_t> target_id;
    std::string type, title, text, author, created_at, updated_at;
};
std::int64_t insert_memo(Db &db, MemoRow &m, ChangeSet &changes);
void update_memo(Db &db, const MemoRow &m, ChangeSet &changes);
void delete_memo(Db &db, const MemoRow &m, ChangeSet &changes);
std::optional<MemoRow> memo_by_id(Db &db, std::int64_t id);
/// Memos of one target (kind empty = all), newest last.
std::vector<MemoRow> memos(Db &db, std::string_view kind, std::optional<std::int64_t> target_id);

} // namespace qda::store
