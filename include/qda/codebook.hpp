#pragma once
// Use cases of the codebook (`qda codes`, `qda codebook`) and the lookups that other use cases
// (coding, retrieval, displays) share: a code by name, and what a pattern code stands for.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qda/app.hpp"

namespace qda::store {
class Db;
}

namespace qda::app {

// ---- lookups for other use cases ------------------------------------------------------------

/// A code a researcher can still name (active or retired); merged codes gave their name up.
std::optional<std::int64_t> find_code(store::Db &db, std::string_view name);

/// As find_code, or Error(Exit::no_input) with a did-you-mean (and "merged into X" when the name
/// belonged to a merged code), so every command reports unknown codes alike.
std::int64_t require_code(store::Db &db, const std::string &name);

/// The codes whose codings count as codings of `id`, sorted, `id` included: a pattern code
/// (cycle 2) means "any of its members", recursively through members that are pattern codes.
/// A parent is NOT its children unless `with_children` (then descendants are added, and
/// expanded in turn), because a parent code is often coded on its own ("other" of its kind).
std::vector<std::int64_t> expand_code(store::Db &db, std::int64_t id, bool with_children = false);

// ---- codes ----------------------------------------------------------------------------------

/// One code as `codes list|show|tree` show it; counts of a pattern code include its members'.
struct CodeInfo {
    std::int64_t id = 0;
    std::string uid, name, path, parent, description, inclusion, exclusion, example, colour;
    int cycle = 1, depth = 0;
    std::string status, merged_into, created_at, created_by;
    std::vector<std::string> members, children;
    std::int64_t codings = 0, sources = 0;
};

/// Active and retired codes (merged ones too when `with_merged`), depth-first in tree order.
std::vector<CodeInfo> list_codes(const Context &ctx, bool with_merged);
CodeInfo show_code(const Context &ctx, const std::string &name);

/// What `codes add` asks for; empty fields stay empty.
struct NewCode {
    std::string name, parent, description, inclusion, exclusion, example, colour;
    bool pattern = false;
    std::vector<std::string> members;
};
void add_code(const Context &ctx, const NewCode &c);
void rename_code(const Context &ctx, const std::string &name, const std::string &new_name);
/// Move under `parent`, or to the root when `parent` is empty; moving under a descendant is
/// refused.
void move_code(const Context &ctx, const std::string &name, const std::string &parent);

struct MergeResult {
    std::int64_t moved = 0;    ///< codings now on the target
    std::int64_t dropped = 0;  ///< codings the target already had (same span and coder)
    std::int64_t children = 0; ///< child codes moved under the target
};
/// Merge codes into `into` (needs --why): codings move, the merged codes keep their record.
MergeResult merge_codes(const Context &ctx, const std::vector<std::string> &from,
                        const std::string &into);
/// Split into new codes beside it (needs --why); the old code is retired and keeps its codings
/// until they are recoded. Returns that number of codings.
std::int64_t split_code(const Context &ctx, const std::string &name,
                        const std::vector<std::string> &into);
/// Hide a code from new coding (needs --why); its codings stay.
void retire_code(const Context &ctx, const std::string &name);

// ---- codebook files -------------------------------------------------------------------------

/// One line of the import report: add, rename, move, update, members, retire, reactivate, delete.
struct CodebookChange {
    std::string action, code, detail;
};
/// Apply a YAML codebook as a difference; with `dry_run` nothing is written.
std::vector<CodebookChange> import_codebook(const Context &ctx, const std::filesystem::path &file,
                                            bool retire_missing, bool dry_run);
/// The codebook as yaml, json, md or csv (active and retired codes; merged ones are history).
std::string export_codebook(const Context &ctx, const std::string &format);

} // namespace qda::app
