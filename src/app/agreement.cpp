// qda agreement: coefficients between coders of a project, per code, per source and overall.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "app/agreement_units.hpp"
#include "app/session.hpp"
#include "qda/error.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

constexpr const char *kAll = "(all)";

/// Reliability data gathered for one row of the report.
struct Pool {
    model::ReliabilityData data;
    struct Continua {
        std::vector<std::vector<std::vector<model::Span>>> texts;
        std::vector<std::int64_t> lengths;
    };
    std::map<std::size_t, Continua> unitized; ///< per code: the texts every coder saw
};

AgreementRow finish(const std::string &code, const std::string &source, Pool &p, bool unitized,
                    const AgreementRequest &req) {
    AgreementRow r{code, source, 0, {}, {}, {}, {}, std::nullopt};
    if (unitized) {
        std::vector<model::UnitizedDisagreement> codes;
        for (const auto &[k, c] : p.unitized)
            codes.push_back(model::unitized_disagreement(c.texts, c.lengths));
        r.alpha = model::unitized_alpha(codes);
        r.units = r.alpha.units;
        const char *why = "not defined for unitized data: see alpha";
        r.percent.undefined = r.cohen.undefined = r.fleiss.undefined = why;
        return r;
    }
    r.percent = model::percent_agreement(p.data);
    r.units = r.percent.units;
    if (p.data.coders == 2)
        r.cohen = model::cohen_kappa(p.data);
    else
        r.cohen.undefined = "Cohen's kappa is for two coders";
    r.fleiss = model::fleiss_kappa(p.data);
    r.alpha = model::krippendorff_alpha(p.data, model::Level::nominal);
    if (req.bootstrap > 0 && r.alpha.value)
        r.ci = model::bootstrap_alpha(p.data, model::Level::nominal, req.bootstrap, req.seed);
    return r;
}

} // namespace

AgreementResult agreement(const Context &ctx, const AgreementRequest &req) {
    if (req.by != "code" && req.by != "source" && req.by != "none")
        throw Error(Exit::usage, "--by", fmt::format("cannot group by \"{}\"", req.by),
                    "use code, source or none");
    if (req.scope.unit == "unitized" && req.bootstrap > 0)
        throw Error(Exit::usage, "--bootstrap",
                    "the bootstrap interval is computed for alpha over units, not unitized alpha");
    Session s(ctx);
    auto in = load_agreement(s.db(), req.scope);
    const auto m = in.coders.size();
    const bool unitized = in.unit == "unitized";
    const bool categorical = !req.scope.categorical.empty();

    std::map<std::size_t, Pool> by_code, by_source;
    Pool overall;
    auto init = [&](Pool &p) {
        if (p.data.coders == 0) {
            p.data.coders = m;
            if (categorical)
                for (std::size_t k = 0; k <= in.codes.size(); ++k)
                    p.data.values.push_back(static_cast<double>(k));
            else
                p.data.values = {0, 1};
        }
    };
    auto targets = [&](std::size_t src, std::size_t code) {
        std::vector<Pool *> t{&overall};
        if (req.by == "code")
            t.push_back(&by_code[code]);
        if (req.by == "source")
            t.push_back(&by_source[src]);
        for (auto *p : t)
            init(*p);
        return t;
    };
    std::size_t without_segments = 0;
    for (std::size_t si = 0; si < in.sources.size(); ++si) {
        const auto &src = in.sources[si];
        if (in.segment_unit()) {
            auto segs = segments_of(s.db(), src.id, in.unit);
            if (segs.empty()) {
                ++without_segments;
                continue;
            }
            const auto ncodes = categorical ? std::size_t{1} : in.codes.size();
            for (std::size_t k = 0; k < ncodes; ++k) {
                auto v = segment_values(in, si, segs, categorical, k);
                for (auto *p : targets(si, k))
                    for (const auto &row : v.values)
                        p->data.add(row);
            }
            continue;
        }
        for (std::size_t k = 0; k < in.codes.size(); ++k) {
            const auto &sp = in.of(si, k);
            std::vector<std::vector<model::Span>> spans = sp.empty() ? decltype(spans)(m) : sp;
            for (auto *p : targets(si, k)) {
                if (!unitized) {
                    model::add_character_units(p->data, spans, src.seen, src.chars);
                    continue;
                }
                // Unitized alpha compares coders on a continuum they all saw.
                if (std::find(src.seen.begin(), src.seen.end(), false) != src.seen.end())
                    continue;
                auto &c = p->unitized[k];
                c.texts.push_back(spans);
                c.lengths.push_back(src.chars);
            }
        }
    }

    AgreementResult out;
    out.unit = in.unit;
    out.coders = in.coders;
    out.notes = in.notes;
    if (without_segments > 0)
        out.notes.push_back(fmt::format("{} source(s) have no {} segments and were left out",
                                        without_segments, in.unit));
    if (unitized)
        out.notes.push_back(
            "unitized: Krippendorff's u-alpha over each code's units and gaps, on the "
            "sources every coder saw");
    if (req.by == "code") {
        if (categorical) {
            std::vector<std::string> names;
            for (const auto &c : in.codes)
                names.push_back(c.name);
            out.rows.push_back(
                finish(fmt::format("{}", fmt::join(names, "|")), kAll, by_code[0], false, req));
        } else {
            for (std::size_t k = 0; k < in.codes.size(); ++k)
                out.rows.push_back(finish(in.codes[k].name, kAll, by_code[k], unitized, req));
        }
    }
    if (req.by == "source")
        for (auto &[si, p] : by_source)
            out.rows.push_back(finish(kAll, in.sources[si].name, p, unitized, req));
    if (!(req.by == "code" && (categorical || in.codes.size() == 1)))
        out.rows.push_back(finish(kAll, kAll, overall, unitized, req));
    return out;
}

} // namespace qda::app
