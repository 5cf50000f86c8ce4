#pragma once
// Coding by hand, the list of codings (and its import), and memos: the use cases behind
// `qda code`, `qda uncode`, `qda codings` and `qda memo`. None prints.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "qda/app.hpp"

namespace qda::app {

// ---- locating text -------------------------------------------------------------------------

/// Where in a source a command applies: exactly one kind of locator, as the CLI options name it.
struct Locator {
    enum Kind { none, segment, lines, chars, match, turns_of } kind = none;
    std::string unit = "turn"; ///< --segment: turn, paragraph, sentence, cue, entry or row
    std::int64_t a = 0, b = 0; ///< --segment N (a); --lines A-B; --chars A-B
    std::string text;          ///< --match TEXT; --turns-of SPEAKER
    std::int64_t nth = 1;      ///< --match: which occurrence (1-based)
    bool all = false;          ///< --match --all
};

/// Parse "A-B" (or "N" for one line) as a 1-based inclusive range (`lines`) or a code point
/// range, end exclusive; throws a usage error naming `option`.
std::pair<std::int64_t, std::int64_t> parse_range(const std::string &s, const std::string &option);

// ---- coding ------------------------------------------------------------------------------

struct CodeRequest {
    std::string source;
    std::vector<std::string> codes;
    Locator where;
    std::string memo;
    bool create = false; ///< create unknown codes as active first-cycle codes at the root
};

struct UncodeRequest {
    std::string source;
    std::vector<std::string> codes;
    Locator where;
    bool any_coder = false;   ///< remove the codings of every coder, not only --coder's
    bool overlapping = false; ///< remove every coding that overlaps a span, not only exact ones
};

/// One coding as people and programs see it: names, not ids, and the text it covers.
struct CodingView {
    std::int64_t id = 0;
    std::string source, code;
    std::int64_t start = 0, end = 0, line = 0;
    std::string coder, time, memo, text;
    std::string status; ///< code/uncode: created, exists, removed
};

/// Apply every code to every located span; codings that already exist are reported, not duplicated.
std::vector<CodingView> code(const Context &ctx, const CodeRequest &req);
/// Remove codings of the codes on the located spans; throws Error(Exit::no) when there are none.
std::vector<CodingView> uncode(const Context &ctx, const UncodeRequest &req);

struct CodingQuery {
    std::vector<std::string> sources, codes, coders;
    std::string case_name;
    std::optional<std::int64_t> run;
};
/// Codings ordered by source name, start, end, code name and coder: the same order in any
/// project that holds the same codings.
std::vector<CodingView> list_codings(const Context &ctx, const CodingQuery &q);

struct CodingImportRequest {
    std::filesystem::path file;
    std::string format; ///< tsv, csv or jsonl; empty = by the file's extension
    bool create_codes = false;
    bool dry_run = false;
};
struct CodingImportResult {
    std::int64_t rows = 0, imported = 0, existing = 0;
    std::vector<std::string> created_codes;
};
/// Read codings back from what `qda codings` writes; any bad row imports nothing.
CodingImportResult import_codings(const Context &ctx, const CodingImportRequest &req);

// ---- memos -------------------------------------------------------------------------------

/// A memo with its target as people write it ("project", "source:u04-dewi", "coding:12").
struct MemoView {
    std::int64_t id = 0;
    std::string on, type, title, text, author, created_at, updated_at;
};

/// The memo types a researcher can choose from.
const std::vector<std::string> &memo_types();

MemoView add_memo(const Context &ctx, const std::string &on, const std::string &type,
                  const std::string &title, const std::string &text);
/// Memos of one target (empty = all) and of one type (empty = all), oldest first.
std::vector<MemoView> list_memos(const Context &ctx, const std::string &on,
                                 const std::string &type);
MemoView show_memo(const Context &ctx, std::int64_t id);
/// Change the text, type or title (each when given); returns the memo as it is now.
MemoView edit_memo(const Context &ctx, std::int64_t id, const std::optional<std::string> &text,
                   const std::optional<std::string> &type, const std::optional<std::string> &title);
/// Remove a memo; the reason (--why) is required.
MemoView remove_memo(const Context &ctx, std::int64_t id);

} // namespace qda::app
