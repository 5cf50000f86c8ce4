#pragma once
// The matching half of autocoding: rules compiled into matchers, applied to many texts on
// several threads. Pure text work: no database.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "qda/autocode.hpp"
#include "qda/text.hpp"

namespace qda::app {

/// The rules' words, phrases and regexes, built once for a run and shared by the threads.
struct CompiledRules {
    std::unique_ptr<text::PhraseSet> plain, folded;   ///< without / with accent folding
    std::vector<std::size_t> plain_rule, folded_rule; ///< phrase index -> rule index
    std::vector<std::pair<std::size_t, text::Regex>> regexes;
};
/// Build the matchers of a rules file (regexes were checked when it was parsed).
CompiledRules compile_rules(const std::vector<AutocodeRule> &rules);

/// A span one rule found, before speaker filters and scope.
struct RuleHit {
    std::size_t rule = 0;
    text::CpSpan span;
};

/// One source's text and which rules apply to it; `hits` is filled by match_all.
struct MatchJob {
    std::int64_t source_id = 0;
    std::string text;         ///< given, or kept by match_all when its `keep_text` says so
    std::vector<bool> active; ///< per rule: the source filter lets it through
    std::vector<RuleHit> hits;
};

/// Reads the text of a job into the buffer given (the matching thread's own, reused from text to
/// text), on matching thread `t` (below the count of threads).
using ReadText = std::function<void(const MatchJob &job, unsigned t, std::string &buffer)>;

/// Fill every job's hits (ordered by rule, then start), on `threads` threads. With `read`, each
/// job's text is read on the thread that matches it (keeping the reading off the caller's
/// thread) into that thread's buffer, and copied into the job only when `keep_text` (when
/// given) says so once the job's hits are known: most texts are then never allocated.
void match_all(const CompiledRules &c, std::vector<MatchJob> &jobs, unsigned threads,
               const ReadText &read = {},
               const std::function<bool(const MatchJob &)> &keep_text = {});

} // namespace qda::app
