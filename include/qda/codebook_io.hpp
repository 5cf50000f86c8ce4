#pragma once
// The codebook as a file: the YAML that researchers write and keep in version control, the
// exports (JSON, Markdown, CSV), and the difference between a project's codebook and a file.
// Pure data in, data out: the app layer reads the project and applies the plan.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qda::interop {

/// One code as a file holds it; `parent` and members point into the same list, so the tree
/// survives renames (names are for people, uids for matching).
struct CodebookEntry {
    std::string uid; ///< empty on input when the author left `id:` out
    std::string name, description, inclusion, exclusion, example, colour;
    int cycle = 1;
    std::string status = "active";    ///< active or retired
    int parent = -1;                  ///< index into the list; -1 = a root code
    std::vector<std::string> members; ///< pattern codes: member names
    int line = 0;                     ///< 1-based line of `name:` in the file (0 = not from a file)
};

/// A codebook, parents before their children, siblings in their order.
struct Codebook {
    std::vector<CodebookEntry> codes;
};

/// Parse the YAML codebook format (see schemas/codebook.schema.json). Throws Error(Exit::data,
/// "FILE:LINE:COL") for malformed YAML, unknown keys (with a did-you-mean), duplicate names or
/// ids, members that name no code, a cycle other than 1 or 2, or a colour that is not #rgb/#rrggbb.
Codebook parse_codebook_yaml(std::string_view text, const std::string &file);

/// The same format back, with `id:` always written, so that export, edit and import apply as a
/// difference; byte-stable for the same codebook.
std::string codebook_yaml(const Codebook &cb);
/// JSON document with schema "qda.codebook/1" (flat list, parents and members by name).
std::string codebook_json(const Codebook &cb);
/// A readable codebook document: a heading per code with its definition and criteria.
std::string codebook_markdown(const Codebook &cb);
/// One row per code: path, uid, name, parent, cycle, status, colour, fields, members.
std::string codebook_csv(const Codebook &cb);

/// "#rrggbb" in lower case from "#rgb" or "#rrggbb" (any case); nullopt for anything else.
std::optional<std::string> normalise_colour(std::string_view c);

/// "parent/child/name" for entry `i`.
std::string code_path(const Codebook &cb, int i);

// ---- the difference between the project and a file ----------------------------------------

/// What the project knows about one of its live codes beyond its definition.
struct CodeUse {
    bool coded = false;      ///< has codings: dropping it loses analysis unless retired
    bool referenced = false; ///< memos, merged codes pointing at it: keep the row (retire)
};

/// One line of the import report.
struct ImportAction {
    std::string action, code, detail;
};

/// How to turn `current` into `incoming`.
struct ImportPlan {
    std::vector<int> match; ///< per incoming entry: index into current, or -1 (new)
    std::vector<int> retire,
        remove; ///< current indices the file drops: retire, delete (deepest first)
    std::vector<ImportAction> actions; ///< in the order they apply
};

/// Match incoming entries to current codes (by uid, then by name), and decide for each dropped
/// code: an active code with codings is an error (listing them) unless `retire_missing`; a code
/// never used nor referenced is deleted, any other is retired. `use` is parallel to `current`.
ImportPlan plan_import(const Codebook &current, const std::vector<CodeUse> &use,
                       const Codebook &incoming, bool retire_missing, const std::string &file);

} // namespace qda::interop
