// Loading what `qda agreement` compares: coders, codes, sources, spans and assignments.
#include "app/agreement_units.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"
#include "qda/names.hpp"
#include "store/agreement.hpp"
#include "store/codes.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

const std::vector<std::string> kUnits = {"character", "turn", "sentence", "paragraph", "unitized"};

void check_scope(const AgreementScope &scope) {
    if (std::find(kUnits.begin(), kUnits.end(), scope.unit) == kUnits.end()) {
        auto m = model::did_you_mean(scope.unit, kUnits);
        throw Error(Exit::usage, "--unit", fmt::format("unknown unit \"{}\"", scope.unit),
                    m ? fmt::format("did you mean \"{}\"?", *m)
                      : "use character, turn, sentence, paragraph or unitized");
    }
    if (scope.coders.size() < 2)
        throw Error(Exit::usage, "--coders", "name at least two coders", "--coders A,B");
    if (scope.coders.size() > 64)
        throw Error(Exit::usage, "--coders", "at most 64 coders can be compared");
    std::set<std::string> seen;
    for (const auto &c : scope.coders)
        if (!seen.insert(c).second)
            throw Error(Exit::usage, "--coders", fmt::format("coder \"{}\" is named twice", c));
    if (!scope.categorical.empty()) {
        if (scope.unit == "character" || scope.unit == "unitized")
            throw Error(Exit::usage, "--categorical", "mutually exclusive codes need segment units",
                        "add --unit turn, --unit sentence or --unit paragraph");
        if (!scope.codes.empty() || scope.level)
            throw Error(Exit::usage, "--categorical",
                        "give the codes either with --categorical or with --codes/--level");
        if (scope.categorical.size() < 2)
            throw Error(Exit::usage, "--categorical", "name at least two mutually exclusive codes");
    }
    if (scope.level != 0 && scope.level != 1 && scope.level != 2)
        throw Error(Exit::usage, "--level", "the code level is 1 (first-cycle) or 2 (pattern)");
    if (scope.level && !scope.codes.empty())
        throw Error(Exit::usage, "--level", "give --codes or --level, not both");
}

} // namespace

const std::vector<std::vector<model::Span>> &AgreementInput::of(std::size_t s,
                                                                std::size_t c) const {
    static const std::vector<std::vector<model::Span>> none;
    auto it = spans.find({s, c});
    return it == spans.end() ? none : it->second;
}

AgreementInput load_agreement(store::Db &db, const AgreementScope &scope) {
    check_scope(scope);
    AgreementInput in;
    in.unit = scope.unit;
    in.coders = scope.coders;
    auto known = store::coder_names(db);
    for (const auto &c : in.coders)
        if (std::find(known.begin(), known.end(), c) == known.end())
            not_found("coder", c, known);

    // Sources, and who saw them.
    auto assigned = store::coder_sources(db);
    std::map<std::string, std::set<std::int64_t>> given;
    for (const auto &a : assigned)
        given[a.coder].insert(a.source_id);
    std::set<std::int64_t> wanted;
    for (const auto &n : scope.sources)
        wanted.insert(require_source(db, n));
    std::map<std::int64_t, std::size_t> source_index;
    for (const auto &si : store::list_sources(db)) {
        if (!wanted.empty() && !wanted.count(si.id))
            continue;
        AgreementInput::Source s{si.id, si.chars, si.name, {}};
        for (const auto &c : in.coders) {
            auto g = given.find(c);
            s.seen.push_back(g == given.end() || g->second.count(si.id) > 0);
        }
        source_index[si.id] = in.sources.size();
        in.sources.push_back(std::move(s));
    }

    // Codes, each with the stored codes whose codings count as its codings.
    std::map<std::int64_t, std::vector<std::size_t>> counts_for; // stored code -> code indexes
    auto add_code = [&](std::int64_t id, const std::string &name, bool pattern) {
        auto idx = in.codes.size();
        in.codes.push_back({id, name});
        for (auto m : pattern ? expand_code(db, id) : std::vector<std::int64_t>{id})
            counts_for[m].push_back(idx);
    };
    auto all = store::all_codes(db);
    const auto &named = scope.categorical.empty() ? scope.codes : scope.categorical;
    if (!named.empty()) {
        for (const auto &n : named) {
            auto id = require_code(db, n);
            auto c = store::code_by_id(db, id);
            add_code(id, n, c && c->cycle == 2);
        }
    } else {
        store::CodingFilter used_f;
        used_f.coders = in.coders;
        std::set<std::int64_t> used;
        for (const auto &c : store::codings(db, used_f))
            used.insert(c.code_id);
        for (const auto &c : all) {
            if (c.status == "merged")
                continue;
            if (scope.level == 2 ? c.cycle != 2 : c.cycle != 1)
                continue;
            auto members = c.cycle == 2 ? expand_code(db, c.id) : std::vector<std::int64_t>{c.id};
            bool applied = std::any_of(members.begin(), members.end(),
                                       [&](std::int64_t m) { return used.count(m) > 0; });
            if (applied)
                add_code(c.id, c.name, c.cycle == 2);
        }
        std::sort(in.codes.begin(), in.codes.end(),
                  [](const auto &a, const auto &b) { return a.name < b.name; });
        counts_for.clear();
        for (std::size_t i = 0; i < in.codes.size(); ++i) {
            auto c = store::code_by_id(db, in.codes[i].id);
            for (auto m : c && c->cycle == 2 ? expand_code(db, c->id)
                                             : std::vector<std::int64_t>{in.codes[i].id})
                counts_for[m].push_back(i);
        }
        if (in.codes.empty())
            throw Error(Exit::no, "agreement",
                        fmt::format("none of {} applied a {} code", fmt::join(in.coders, ", "),
                                    scope.level == 2 ? "pattern" : "first-cycle"),
                        "name the codes with --codes");
    }

    // Spans: one pass over the coders' codings.
    store::CodingFilter f;
    f.coders = in.coders;
    for (const auto &c : store::codings(db, f)) {
        auto s = source_index.find(c.source_id);
        auto k = counts_for.find(c.code_id);
        if (s == source_index.end() || k == counts_for.end())
            continue;
        auto coder = static_cast<std::size_t>(
            std::find(in.coders.begin(), in.coders.end(), c.coder) - in.coders.begin());
        for (auto idx : k->second) {
            auto &v = in.spans[{s->second, idx}];
            if (v.empty())
                v.resize(in.coders.size());
            v[coder].push_back({c.start, c.end});
        }
    }
    for (std::size_t i = 0; i < in.coders.size(); ++i) {
        auto unseen = std::count_if(in.sources.begin(), in.sources.end(),
                                    [&](const auto &s) { return !s.seen[i]; });
        if (unseen > 0)
            in.notes.push_back(
                fmt::format("{} was not assigned {} of the {} source(s): missing there",
                            in.coders[i], unseen, in.sources.size()));
    }
    return in;
}

SegmentValues segment_values(const AgreementInput &in, std::size_t source,
                             const std::vector<std::pair<std::int64_t, std::int64_t>> &segments,
                             bool categorical, std::size_t code) {
    SegmentValues out;
    out.segments = segments;
    const auto m = in.coders.size();
    const auto &src = in.sources[source];
    out.values.assign(segments.size(), std::vector<std::int32_t>(m, 0));
    std::vector<std::size_t> codes;
    if (categorical)
        for (std::size_t k = 0; k < in.codes.size(); ++k)
            codes.push_back(k);
    else
        codes.push_back(code);
    std::vector<std::vector<std::int64_t>> best(segments.size(), std::vector<std::int64_t>(m, 0));
    if (categorical)
        for (auto &row : out.values)
            std::fill(row.begin(), row.end(), static_cast<std::int32_t>(in.codes.size()));
    for (auto k : codes) {
        const auto &sp = in.of(source, k);
        if (sp.empty())
            continue;
        for (std::size_t i = 0; i < m; ++i) {
            // Merged, so that starts and ends both increase and no character counts twice.
            auto spans = sp[i];
            std::sort(spans.begin(), spans.end(),
                      [](const auto &a, const auto &b) { return a.start < b.start; });
            std::size_t w = 0;
            for (std::size_t j = 0; j < spans.size(); ++j) {
                if (w > 0 && spans[j].start <= spans[w - 1].end)
                    spans[w - 1].end = std::max(spans[w - 1].end, spans[j].end);
                else
                    spans[w++] = spans[j];
            }
            spans.resize(w);
            // Spans that can reach segment `seg` start before its end: walk both in order.
            std::size_t first = 0;
            for (std::size_t seg = 0; seg < segments.size(); ++seg) {
                while (first < spans.size() && spans[first].end <= segments[seg].first)
                    ++first;
                std::int64_t n = 0;
                for (std::size_t j = first;
                     j < spans.size() && spans[j].start < segments[seg].second; ++j)
                    n += std::max<std::int64_t>(0,
                                                std::min(spans[j].end, segments[seg].second) -
                                                    std::max(spans[j].start, segments[seg].first));
                if (n > best[seg][i]) {
                    best[seg][i] = n;
                    out.values[seg][i] = categorical ? static_cast<std::int32_t>(k) : 1;
                }
            }
        }
    }
    for (auto &row : out.values)
        for (std::size_t i = 0; i < m; ++i)
            if (!src.seen[i])
                row[i] = model::ReliabilityData::missing;
    return out;
}

std::vector<std::pair<std::int64_t, std::int64_t>> segments_of(store::Db &db, std::int64_t sid,
                                                               const std::string &unit) {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (const auto &s : store::segments(db, sid, unit))
        out.push_back({s.start, s.end});
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace qda::app
