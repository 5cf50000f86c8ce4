// qda agreement disagreements | reconcile | assign: the units to discuss, the agreed coding
// under a consensus coder, and the sources each coder was given.
#include <algorithm>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "app/agreement_units.hpp"
#include "app/coding_common.hpp"
#include "app/locate.hpp"
#include "app/session.hpp"
#include "qda/error.hpp"
#include "store/agreement.hpp"
#include "store/codes.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

struct SourceText {
    std::string text;
    std::unique_ptr<LineOf> line;
    std::string quote(std::int64_t a, std::int64_t b) const {
        auto x = line->map().to_byte(a), y = line->map().to_byte(b);
        return text.substr(x, y - x);
    }
};

/// Spans of the coders who saw source `si` (their indexes in `who`).
std::vector<std::vector<model::Span>> seen_spans(const AgreementInput &in, std::size_t si,
                                                 std::size_t k, std::vector<std::size_t> &who) {
    const auto &sp = in.of(si, k);
    std::vector<std::vector<model::Span>> out;
    who.clear();
    for (std::size_t i = 0; i < in.coders.size(); ++i)
        if (in.sources[si].seen[i]) {
            who.push_back(i);
            out.push_back(sp.empty() ? std::vector<model::Span>{} : sp[i]);
        }
    return out;
}

} // namespace

std::vector<Disagreement> disagreements(const Context &ctx, const AgreementScope &scope) {
    Session s(ctx);
    auto in = load_agreement(s.db(), scope);
    const bool categorical = !scope.categorical.empty();
    std::vector<Disagreement> out;
    for (std::size_t si = 0; si < in.sources.size(); ++si) {
        SourceText t;
        auto text = [&]() -> SourceText & {
            if (!t.line) {
                t.text = store::source_text(s.db(), in.sources[si].id);
                t.line = std::make_unique<LineOf>(t.text);
            }
            return t;
        };
        const auto &src = in.sources[si];
        if (in.segment_unit()) {
            auto segs = segments_of(s.db(), src.id, in.unit);
            const auto ncodes = categorical ? std::size_t{1} : in.codes.size();
            for (std::size_t k = 0; k < ncodes; ++k) {
                auto v = segment_values(in, si, segs, categorical, k);
                for (std::size_t g = 0; g < segs.size(); ++g) {
                    std::vector<std::int32_t> given;
                    for (auto x : v.values[g])
                        if (x != model::ReliabilityData::missing)
                            given.push_back(x);
                    if (given.size() < 2 ||
                        std::all_of(given.begin(), given.end(),
                                    [&](std::int32_t x) { return x == given[0]; }))
                        continue;
                    Disagreement d;
                    d.source = src.name;
                    d.unit = in.unit;
                    d.ordinal = static_cast<std::int64_t>(g + 1);
                    d.start = segs[g].first;
                    d.end = segs[g].second;
                    d.line = text().line->operator()(d.start);
                    d.text = text().quote(d.start, d.end);
                    std::vector<std::string> vals;
                    for (std::size_t i = 0; i < in.coders.size(); ++i) {
                        auto x = v.values[g][i];
                        if (x == model::ReliabilityData::missing)
                            continue;
                        if (categorical) {
                            auto name = static_cast<std::size_t>(x) < in.codes.size()
                                            ? in.codes[static_cast<std::size_t>(x)].name
                                            : std::string("(none)");
                            vals.push_back(in.coders[i] + "=" + name);
                        } else {
                            (x ? d.applied_by : d.not_applied_by).push_back(in.coders[i]);
                        }
                    }
                    if (categorical) {
                        std::vector<std::string> names;
                        for (const auto &c : in.codes)
                            names.push_back(c.name);
                        d.code = fmt::format("{}", fmt::join(names, "|"));
                        d.values = fmt::format("{}", fmt::join(vals, "; "));
                    } else {
                        d.code = in.codes[k].name;
                    }
                    out.push_back(std::move(d));
                }
            }
            continue;
        }
        for (std::size_t k = 0; k < in.codes.size(); ++k) {
            if (in.of(si, k).empty())
                continue;
            std::vector<std::size_t> who;
            auto spans = seen_spans(in, si, k, who);
            if (who.size() < 2)
                continue;
            for (const auto &r : model::disagreement_runs(spans)) {
                Disagreement d;
                d.source = src.name;
                d.code = in.codes[k].name;
                d.unit = "character";
                d.start = r.start;
                d.end = r.end;
                d.line = text().line->operator()(r.start);
                d.text = text().quote(r.start, r.end);
                for (std::size_t j = 0; j < who.size(); ++j)
                    ((r.coded >> j) & 1 ? d.applied_by : d.not_applied_by)
                        .push_back(in.coders[who[j]]);
                out.push_back(std::move(d));
            }
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Disagreement &a, const Disagreement &b) {
        return std::tie(a.source, a.start, a.end, a.code) <
               std::tie(b.source, b.start, b.end, b.code);
    });
    return out;
}

ReconcileResult reconcile(const Context &ctx, const ReconcileRequest &req) {
    if (ctx.why.empty())
        throw Error(Exit::usage, "agreement reconcile",
                    "--why is required: say how the coders agreed, it is kept in the audit trail",
                    "qda agreement reconcile ... --why \"REASON\"");
    if (!req.scope.categorical.empty())
        throw Error(Exit::usage, "--categorical",
                    "reconcile writes codings code by code: name them with --codes");
    if (req.into.empty() || std::find(req.scope.coders.begin(), req.scope.coders.end(), req.into) !=
                                req.scope.coders.end())
        throw Error(Exit::usage, "--into",
                    fmt::format("the consensus coder must be a new name, not one of {}",
                                fmt::join(req.scope.coders, ", ")),
                    "for example --into consensus");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto in = load_agreement(db, req.scope);
    std::size_t take_coder = in.coders.size();
    if (req.take != "agreed" && req.take != "union") {
        auto it = std::find(in.coders.begin(), in.coders.end(), req.take);
        if (it == in.coders.end())
            throw Error(Exit::usage, "--take", fmt::format("cannot take \"{}\"", req.take),
                        fmt::format("use agreed, union or one of {}", fmt::join(in.coders, ", ")));
        take_coder = static_cast<std::size_t>(it - in.coders.begin());
    }
    for (const auto &c : in.codes)
        if (auto row = store::code_by_id(db, c.id))
            check_applicable(*row, c.name);
    auto now = store::append_time_now();
    ReconcileResult res;
    for (std::size_t si = 0; si < in.sources.size(); ++si) {
        std::vector<std::pair<std::int64_t, std::int64_t>> segs;
        if (in.segment_unit())
            segs = segments_of(db, in.sources[si].id, in.unit);
        for (std::size_t k = 0; k < in.codes.size(); ++k) {
            if (in.of(si, k).empty())
                continue;
            std::vector<std::size_t> who;
            auto spans = seen_spans(in, si, k, who);
            const std::uint64_t all = (std::uint64_t{1} << who.size()) - 1;
            auto wanted = [&](std::uint64_t coded) {
                if (req.take == "agreed")
                    return who.size() >= 2 && coded == all;
                if (req.take == "union")
                    return coded != 0;
                auto j = std::find(who.begin(), who.end(), take_coder);
                return j != who.end() && ((coded >> (j - who.begin())) & 1);
            };
            std::vector<model::Span> write;
            if (in.segment_unit()) {
                auto v = segment_values(in, si, segs, false, k);
                for (std::size_t g = 0; g < segs.size(); ++g) {
                    std::uint64_t coded = 0;
                    for (std::size_t j = 0; j < who.size(); ++j)
                        if (v.values[g][who[j]] == 1)
                            coded |= std::uint64_t{1} << j;
                    if (wanted(coded))
                        write.push_back({segs[g].first, segs[g].second});
                }
            } else {
                for (const auto &r : model::coded_runs(spans))
                    if (wanted(r.coded)) {
                        if (!write.empty() && write.back().end == r.start)
                            write.back().end = r.end;
                        else
                            write.push_back({r.start, r.end});
                    }
            }
            for (const auto &w : write) {
                store::CodingRow row{
                    0,  in.sources[si].id, in.codes[k].id, w.start, w.end, req.into, now,
                    "", std::nullopt};
                if (store::insert_coding(db, row, changes))
                    ++res.written;
                else
                    ++res.existing;
            }
        }
    }
    if (res.written > 0)
        s.finish(tx, "agreement.reconcile",
                 fmt::format("{} coding(s) written under {}: {} of {} ({} units)", res.written,
                             req.into, req.take, fmt::join(in.coders, ", "), in.unit),
                 changes);
    return res;
}

std::int64_t assign_sources(const Context &ctx, const std::string &coder,
                            const std::vector<std::string> &sources, bool remove) {
    if (coder.empty())
        throw Error(Exit::usage, "agreement assign", "name the coder");
    if (sources.empty())
        throw Error(Exit::usage, "agreement assign", "name at least one source");
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    std::int64_t n = 0;
    auto now = store::append_time_now();
    for (const auto &name : sources) {
        auto sid = require_source(s.db(), name);
        if (remove) {
            n += store::delete_coder_source(s.db(), coder, sid, changes);
            continue;
        }
        store::CoderSourceRow r{0, sid, coder, now, s.actor()};
        n += store::insert_coder_source(s.db(), r, changes);
    }
    if (n > 0)
        s.finish(
            tx, remove ? "agreement.unassign" : "agreement.assign",
            fmt::format("{} source(s) {} {}", n, remove ? "withdrawn from" : "assigned to", coder),
            changes);
    return n;
}

std::vector<Assignment> list_assignments(const Context &ctx) {
    Session s(ctx);
    std::map<std::int64_t, std::string> names;
    for (const auto &si : store::list_sources(s.db()))
        names[si.id] = si.name;
    std::vector<Assignment> out;
    for (const auto &r : store::coder_sources(s.db()))
        out.push_back({r.coder, names[r.source_id], r.assigned_at, r.assigned_by});
    return out;
}

} // namespace qda::app
