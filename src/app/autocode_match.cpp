#include "app/autocode_match.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace qda::app {

CompiledRules compile_rules(const std::vector<AutocodeRule> &rules) {
    CompiledRules c;
    std::vector<std::string> plain, folded;
    for (std::size_t r = 0; r < rules.size(); ++r) {
        for (const auto &p : rules[r].phrases) {
            (rules[r].fold_accents ? folded : plain).push_back(p);
            (rules[r].fold_accents ? c.folded_rule : c.plain_rule).push_back(r);
        }
        for (const auto &re : rules[r].regexes)
            c.regexes.emplace_back(r, text::Regex(re, rules[r].ignore_case));
    }
    if (!plain.empty())
        c.plain = std::make_unique<text::PhraseSet>(plain, false);
    if (!folded.empty())
        c.folded = std::make_unique<text::PhraseSet>(folded, true);
    return c;
}

namespace {

void phrases(const text::PhraseSet *set, const std::vector<std::size_t> &rule_of,
             const MatchJob &job, std::string_view text, text::WordBoundaries &wb,
             std::vector<text::PhraseHit> &scratch, std::vector<RuleHit> &out) {
    if (!set)
        return;
    bool any = false;
    for (std::size_t i = 0; i < rule_of.size() && !any; ++i)
        any = job.active[rule_of[i]];
    if (!any)
        return;
    // No folded copy of a text where folding would only lower ASCII letters (most texts).
    auto t = text::FoldedText::keeping_ascii_case(text, set->strip_accents());
    scratch.clear();
    set->find(t, wb, scratch);
    for (const auto &h : scratch)
        if (job.active[rule_of[h.phrase]])
            out.push_back({rule_of[h.phrase], h.span});
}

void match_one(const CompiledRules &c, MatchJob &job, std::string_view text,
               text::WordBoundaries &wb, std::vector<text::PhraseHit> &scratch) {
    job.hits.clear();
    phrases(c.plain.get(), c.plain_rule, job, text, wb, scratch, job.hits);
    phrases(c.folded.get(), c.folded_rule, job, text, wb, scratch, job.hits);
    for (const auto &[rule, re] : c.regexes)
        if (job.active[rule])
            for (auto s : re.find_all(text))
                job.hits.push_back({rule, s});
    std::stable_sort(job.hits.begin(), job.hits.end(), [](const RuleHit &a, const RuleHit &b) {
        return a.rule != b.rule               ? a.rule < b.rule
               : a.span.start != b.span.start ? a.span.start < b.span.start
                                              : a.span.end < b.span.end;
    });
}

} // namespace

void match_all(const CompiledRules &c, std::vector<MatchJob> &jobs, unsigned threads,
               const ReadText &read, const std::function<bool(const MatchJob &)> &keep_text) {
    std::atomic<std::size_t> next{0};
    std::mutex failed_mutex;
    std::exception_ptr failed;
    auto work = [&](unsigned t) {
        try {
            text::WordBoundaries wb;
            std::vector<text::PhraseHit> scratch;
            std::string buffer;
            for (std::size_t i = next++; i < jobs.size(); i = next++) {
                MatchJob &job = jobs[i];
                if (!read) {
                    match_one(c, job, job.text, wb, scratch);
                    continue;
                }
                read(job, t, buffer);
                match_one(c, job, buffer, wb, scratch);
                if (!keep_text || keep_text(job))
                    job.text.assign(buffer);
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(failed_mutex);
            if (!failed)
                failed = std::current_exception();
            next = jobs.size();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < std::max(1u, threads); ++t)
        pool.emplace_back(work, t);
    work(0);
    for (auto &t : pool)
        t.join();
    if (failed)
        std::rethrow_exception(failed);
}

} // namespace qda::app
