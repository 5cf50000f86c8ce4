// qda cooccur: codes x codes. A matrix for people (table, md, html, latex); one row per pair of
// codes for scripts (tsv, csv, json, jsonl), with both counts, c and the frequency flag.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/globals.hpp"
#include "qda/cooccur.hpp"

namespace qda::cli {
namespace {

const char *kFlagNote = "* one code of the pair is more than 5 times as frequent as the other";

/// One matrix cell: the count or c (2 decimals), with * when the pair is flagged.
std::string matrix_cell(const app::CooccurResult &r, std::size_t i, std::size_t j, bool c) {
    std::string v;
    if (!c)
        v = std::to_string(r.count(i, j));
    else if (auto x = r.c(i, j))
        v = fmt::format("{:.2f}", *x);
    else
        v = "-";
    return r.flagged(i, j) ? v + "*" : v;
}

nlohmann::json codes_json(const app::CooccurResult &r) {
    auto a = nlohmann::json::array();
    for (std::size_t i = 0; i < r.codes.size(); ++i)
        a.push_back({{"code", r.codes[i]}, {"total", r.total(i)}});
    return a;
}

report::Output to_output(const app::CooccurResult &r, const std::string &measure,
                         report::Format f) {
    using F = report::Format;
    const auto n = r.codes.size();
    if (f == F::table || f == F::md || f == F::html || f == F::latex) {
        report::Table t{"cooccurrence", {"code"}, {}};
        for (const auto &c : r.codes)
            t.columns.push_back(c);
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<report::Cell> row{r.codes[i]};
            for (std::size_t j = 0; j < n; ++j)
                row.emplace_back(matrix_cell(r, i, j, measure == "c"));
            t.rows.push_back(std::move(row));
        }
        return {"qda.cooccur/1",
                {{"unit", r.unit},
                 {"level", static_cast<std::int64_t>(r.level)},
                 {"measure", measure},
                 {"flag", kFlagNote}},
                {t}};
    }
    report::Table t{"pairs", {"code", "with", "n_code", "n_with", "count", "c", "flagged"}, {}};
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            auto c = r.c(i, j);
            t.rows.push_back({r.codes[i], r.codes[j], r.total(i), r.total(j), r.count(i, j),
                              c ? report::Cell{*c} : report::Cell{}, r.flagged(i, j)});
        }
    report::Output out{"qda.cooccur/1", {}, {t}};
    if (f == F::json)
        out.fields = {{"unit", r.unit},       {"level", static_cast<std::int64_t>(r.level)},
                      {"measure", measure},   {"codes", report::Json{codes_json(r).dump()}},
                      {"sources", r.sources}, {"fallback_sources", r.fallback}};
    return out;
}

struct Args {
    app::CooccurRequest req;
    std::string measure = "count";
    std::vector<std::string> attrs, pattrs;
};

} // namespace

void add_cooccur(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "cooccur", "Codes x codes: how often two codes meet on the same text or in one segment");
    cmd->footer("A pair is counted by overlap groups (--unit overlap) or by segments coded with "
                "both.\nc = n12 / (n1 + n2 - n12). See qda-cooccur(1).");
    auto a = std::make_shared<Args>();
    auto &q = a->req;
    cmd->add_option("--codes", q.codes,
                    "Only these codes, in this order (repeatable; pattern codes with --level 2)");
    cmd->add_option("--level", q.level, "1 = first-cycle codes, 2 = pattern codes (themes)")
        ->check(CLI::IsMember({1, 2}));
    cmd->add_option("--unit", q.unit,
                    "overlap, segment:turn, segment:sentence or segment:paragraph")
        ->check(
            CLI::IsMember({"overlap", "segment:turn", "segment:sentence", "segment:paragraph"}));
    cmd->add_option("--measure", a->measure, "What a matrix cell shows: count or c")
        ->check(CLI::IsMember({"count", "c"}));
    cmd->add_option("--kind", q.filter.kinds, "Only sources of this kind (repeatable)");
    cmd->add_option("--case", q.filter.cases, "Only sources of this case (repeatable)");
    cmd->add_option("--attr", a->attrs,
                    "KEY=VALUE of the source, else of its case (repeatable; keys must all match)");
    cmd->add_option("--speaker", q.filter.speakers,
                    "Only codings starting in turns of this participant (repeatable)");
    cmd->add_option("--participant-attr", a->pattrs,
                    "KEY=VALUE of the speaker's participant, e.g. role=pemilik");
    cmd->add_option("--coder", q.filter.coders, "Only codings by this coder (repeatable)");
    cmd->add_flag("--no-interviewer", q.filter.no_interviewer,
                  "Leave out codings starting in turns of the interviewer");
    cmd->callback([&g, a] {
        using F = report::Format;
        const std::vector<F> formats = {F::table, F::tsv, F::csv,  F::json,
                                        F::jsonl, F::md,  F::html, F::latex};
        auto ctx = g.context(formats);
        for (const auto &kv : a->attrs)
            a->req.filter.attrs.push_back(key_value(kv, "--attr"));
        for (const auto &kv : a->pattrs)
            a->req.filter.participant_attrs.push_back(key_value(kv, "--participant-attr"));
        auto r = app::cooccur(ctx, a->req);
        g.print(to_output(r, a->measure, report::parse_format(g.format, formats)), formats);
        g.note(
            fmt::format("{} codes over {} source{}, unit {}", r.codes.size(), r.sources,
                        r.sources == 1 ? "" : "s", r.unit) +
            (r.fallback ? fmt::format(" ({} without it counted by paragraph)", r.fallback) : ""));
    });
}

} // namespace qda::cli
