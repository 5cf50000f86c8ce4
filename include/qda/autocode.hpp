#pragma once
// Autocoding: rules that find text (words, phrases, regular expressions) and filter where it
// may be coded (speaker, participant, source), applied as one undoable, audited run.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "qda/app.hpp"

namespace qda {

/// One rule of a rules file, as written; `line` points back into the file for errors.
struct AutocodeRule {
    int line = 0;      ///< 1-based line of the rule
    int code_line = 0; ///< line of its `code:` key
    std::string code;
    bool create = false;              ///< create the code when the codebook lacks it
    std::vector<std::string> phrases; ///< `words:` and `phrases:` (whole words, case folded)
    bool fold_accents = false;        ///< `accents: fold`
    std::vector<std::string> regexes; ///< `regex:` (ICU)
    int regex_line = 0;
    bool ignore_case = false; ///< `ignore_case:` for regexes
    std::vector<std::string> speakers, participants;
    bool not_interviewer = false;
    std::vector<std::string> kinds, cases, sources;
    std::vector<std::pair<std::string, std::string>> attrs;
    std::string scope = "match"; ///< match, sentence, turn, paragraph
};

/// A parsed rules file: the text verbatim (stored with the run) and its rules.
struct AutocodeRules {
    std::string path, text;
    std::vector<AutocodeRule> rules;
};

namespace interop {
/// Parse a rules file (schemas/autocode-rules.schema.json). Throws Error(Exit::data) naming
/// `path:line` for a misspelt key (with did-you-mean), a wrong type or a bad regular expression.
AutocodeRules parse_autocode_rules(const std::string &text, const std::string &path);
} // namespace interop

namespace app {

/// What `qda autocode` was asked to do.
struct AutocodeRequest {
    std::string rules_file;
    bool dry_run = false;
    std::size_t sample = 3; ///< sample quotes per rule in the report
    unsigned threads = 0;   ///< 0 = one per core
};

/// A quote that a rule coded (or would code).
struct AutocodeSample {
    std::string source;
    std::int64_t line = 0, start = 0, end = 0;
    std::string text;
};

/// One rule's counts, so a dry run shows which rules are too broad or find nothing.
struct AutocodeRuleResult {
    int line = 0;
    std::string code;
    std::int64_t matches =
        0; ///< matches found after filters (two in one sentence of a sentence rule are two)
    std::int64_t added = 0;    ///< new codings (dry run: that would be new)
    std::int64_t existing = 0; ///< spans already coded with this code by this coder
    std::int64_t sources = 0;  ///< sources with at least one match
    std::vector<AutocodeSample> samples;
};

/// A run's report: its id (to undo it), totals, per-rule counts and the codes it created.
struct AutocodeResult {
    std::int64_t run_id = 0; ///< 0 for a dry run
    bool dry_run = false;
    std::string coder;
    std::vector<AutocodeRuleResult> rules;
    std::vector<std::string> created_codes;
    std::int64_t added = 0, existing = 0;
};

/// Apply (or with dry_run only count) a rules file: one run, one audit event.
AutocodeResult autocode(const Context &ctx, const AutocodeRequest &req);

/// What an undo removed.
struct AutocodeUndoResult {
    std::int64_t run_id = 0, removed = 0;
};
/// Remove exactly the codings a run added and mark it undone; undoing twice is an error.
AutocodeUndoResult autocode_undo(const Context &ctx, std::int64_t run_id);

/// A run as `qda autocode runs` lists it: what was applied, by whom, and what is left of it.
struct AutocodeRunInfo {
    std::int64_t id = 0, codings = 0, remaining = 0;
    std::string rules_path, rules_sha256, coder, created_at, undone_at;
};
/// Every run, oldest first, with how many of its codings remain.
std::vector<AutocodeRunInfo> autocode_runs(const Context &ctx);

} // namespace app
} // namespace qda
