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
    std::string text;         ///< filled by match_all's `prepare` when it is given one
    std::vector<bool> active; ///< per rule: the source filter lets it through
    std::vector<RuleHit> hits;
};

/// Fill every job's hits (ordered by rule, then start), on `threads` threads. `prepare`, when
/// given, is called first for each job on the thread that matches it, with that thread's index
/// (below `threads`): reading the texts there keeps the reading off the caller's thread.
void match_all(const CompiledRules &c, std::vector<MatchJob> &jobs, unsigned threads,
               const std::function<void(MatchJob &, unsigned)> &prepare = {});

} // namespace qda::app
