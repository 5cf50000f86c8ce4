// qda triangulate: the convergence coding matrix, the quotes behind a theme in each group, and
// the researcher's verdicts.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/globals.hpp"
#include "qda/error.hpp"
#include "qda/triangulation.hpp"

namespace qda::cli {
namespace {

struct Args {
    app::TriangulationRequest req;
    std::string theme, pair, meaning, examples, across_filter, theme_filter;
    int quotes = 3;
    bool context = false;
    std::size_t quote_chars = 300;
};

const std::vector<report::Format> &tri_formats() {
    using F = report::Format;
    static const std::vector<F> v = {F::table, F::tsv, F::csv, F::json, F::md, F::html};
    return v;
}

void common_options(CLI::App *cmd, const std::shared_ptr<Args> &a, bool themes) {
    cmd->add_option("--across", a->req.across,
                    "The groups: kind (methods), attr:NAME (attr:role for roles) or coder")
        ->capture_default_str();
    cmd->add_option("--level", a->req.level, "2: themes (pattern codes); 1: first-cycle codes")
        ->capture_default_str();
    cmd->add_option("--bands", a->req.bands,
                    "Prominence bands: shares of a group's sources coding the theme")
        ->capture_default_str();
    cmd->add_flag("--no-interviewer", a->req.no_interviewer, "Leave the interviewer's turns out");
    cmd->add_option("--groups", a->req.groups,
                    "Only these groups (default: all; across kind, member-check responses and "
                    "instruments are left out)")
        ->delimiter(',');
    if (themes)
        cmd->add_option("--themes", a->req.themes, "Only these themes (or codes), in this order")
            ->delimiter(',');
}

std::string bands_text(const app::TriangulationResult &r) {
    return fmt::format("high={},medium={}", r.high, r.medium);
}

std::string group_text(const app::TriangulationCell &c) {
    if (!c.present)
        return fmt::format("absent (0/{} src)", c.group_sources);
    return fmt::format("{} ({}/{} src, {} ppl)", c.band, c.sources, c.group_sources,
                       c.participants);
}

std::string pair_text(const app::TriangulationPair &p) {
    std::string s = p.silence == "both" ? "both silent"
                    : p.silence == "a"  ? "silent in " + p.a
                    : p.silence == "b"  ? "silent in " + p.b
                                        : "";
    auto v = p.verdict.empty() && p.silence.empty() ? std::string("unjudged") : p.verdict;
    if (!v.empty())
        s += (s.empty() ? "" : "; ") + v;
    return s;
}

/// "A~B" for every pair of groups, in the order of the rows' pairs.
std::vector<std::string> pair_names(const app::TriangulationResult &r) {
    std::vector<std::string> out;
    for (std::size_t a = 0; a < r.groups.size(); ++a)
        for (std::size_t b = a + 1; b < r.groups.size(); ++b)
            out.push_back(r.groups[a] + "~" + r.groups[b]);
    return out;
}

report::Output wide(const app::TriangulationResult &r, int level) {
    report::Output o{"qda.triangulation/1",
                     {{"across", r.across},
                      {"level", static_cast<std::int64_t>(level)},
                      {"bands", bands_text(r)}},
                     {}};
    report::Table t{"triangulation", {level == 2 ? "theme" : "code"}, {}};
    for (const auto &g : r.groups)
        t.columns.push_back(g);
    for (const auto &p : pair_names(r))
        t.columns.push_back(p);
    t.columns.push_back("present");
    t.columns.push_back("status");
    for (const auto &row : r.rows) {
        std::vector<report::Cell> cells{row.theme};
        for (const auto &c : row.groups)
            cells.push_back(group_text(c));
        for (const auto &p : row.pairs)
            cells.push_back(pair_text(p));
        cells.push_back(fmt::format("{}/{}", row.present_in, r.groups.size()));
        cells.push_back(row.status);
        t.rows.push_back(std::move(cells));
    }
    o.tables.push_back(std::move(t));
    return o;
}

/// TSV and CSV: one column per number, the thresholds on every row, no field block.
report::Output flat(const app::TriangulationResult &r, int level) {
    report::Table t{"triangulation", {level == 2 ? "theme" : "code"}, {}};
    for (const auto &g : r.groups)
        for (const char *what :
             {"present", "sources", "participants", "codings", "group_sources", "share", "band"})
            t.columns.push_back(g + " " + what);
    for (const auto &p : pair_names(r)) {
        t.columns.push_back(p + " silence");
        t.columns.push_back(p + " verdict");
    }
    for (const char *c : {"present_in", "groups", "status", "bands"})
        t.columns.push_back(c);
    for (const auto &row : r.rows) {
        std::vector<report::Cell> cells{row.theme};
        for (const auto &c : row.groups) {
            cells.push_back(std::string(c.present ? "yes" : "no"));
            cells.push_back(c.sources);
            cells.push_back(c.participants);
            cells.push_back(c.codings);
            cells.push_back(c.group_sources);
            cells.push_back(fmt::format("{:.3f}", c.share));
            cells.push_back(c.band);
        }
        for (const auto &p : row.pairs) {
            cells.push_back(p.silence.empty() ? std::string("none") : p.silence);
            cells.push_back(p.verdict);
        }
        cells.push_back(row.present_in);
        cells.push_back(static_cast<std::int64_t>(r.groups.size()));
        cells.push_back(row.status);
        cells.push_back(bands_text(r));
        t.rows.push_back(std::move(cells));
    }
    return {"qda.triangulation/1", {}, {t}};
}

report::Output json_form(const app::TriangulationResult &r, int level) {
    report::Output o{"qda.triangulation/1",
                     {{"across", r.across},
                      {"level", static_cast<std::int64_t>(level)},
                      {"bands", report::Json{nlohmann::json{
                                    {"high", r.high}, {"medium", r.medium}, {"text", bands_text(r)}}
                                                 .dump()}}},
                     {}};
    report::Table groups{"groups", {"group", "sources"}, {}};
    for (std::size_t j = 0; j < r.groups.size(); ++j)
        groups.rows.push_back({r.groups[j], r.group_sources[j]});
    report::Table rows{"rows", {"theme", "present_in", "status", "groups", "pairs"}, {}};
    for (const auto &row : r.rows) {
        auto gs = nlohmann::ordered_json::array();
        for (const auto &c : row.groups)
            gs.push_back({{"group", c.group},
                          {"present", c.present},
                          {"codings", c.codings},
                          {"sources", c.sources},
                          {"participants", c.participants},
                          {"group_sources", c.group_sources},
                          {"share", c.share},
                          {"band", c.band}});
        auto ps = nlohmann::ordered_json::array();
        for (const auto &p : row.pairs) {
            nlohmann::ordered_json v = nullptr;
            if (!p.verdict.empty())
                v = {{"verdict", p.verdict}, {"meaning", p.meaning},     {"examples", p.examples},
                     {"why", p.why},         {"judged_by", p.judged_by}, {"judged_at", p.judged_at},
                     {"bands", p.bands}};
            ps.push_back({{"a", p.a},
                          {"b", p.b},
                          {"silence", p.silence.empty() ? "none" : p.silence},
                          {"verdict", v}});
        }
        rows.rows.push_back({row.theme, row.present_in, row.status, report::Json{gs.dump()},
                             report::Json{ps.dump()}});
    }
    o.tables.push_back(std::move(groups));
    o.tables.push_back(std::move(rows));
    return o;
}

void print_matrix(const Globals &g, const app::TriangulationResult &r, int level) {
    auto f = report::parse_format(g.format, tri_formats());
    if (f == report::Format::json)
        return g.print(json_form(r, level), tri_formats());
    if (f == report::Format::tsv || f == report::Format::csv)
        return g.print(flat(r, level), tri_formats());
    g.print(wide(r, level), tri_formats());
}

void print_evidence(const Globals &g, const app::TriangulationEvidence &e, bool context) {
    auto f = report::parse_format(g.format, tri_formats());
    report::Table groups{"groups",
                         {"group", "present", "codings", "sources", "participants", "group_sources",
                          "share", "band"},
                         {}};
    for (const auto &c : e.cells)
        groups.rows.push_back({c.group, c.present, c.codings, c.sources, c.participants,
                               c.group_sources, c.share, c.band});
    if (f == report::Format::json || f == report::Format::tsv || f == report::Format::csv) {
        report::Table q{
            "quotes", {"group", "n", "coding", "source", "start", "end", "text", "context"}, {}};
        for (std::size_t j = 0; j < e.groups.size(); ++j)
            for (std::size_t i = 0; i < e.quotes[j].size(); ++i) {
                const auto &x = e.quotes[j][i];
                q.rows.push_back({e.groups[j], static_cast<std::int64_t>(i + 1), x.coding, x.source,
                                  x.start, x.end, x.text, e.contexts[j][i]});
            }
        if (f != report::Format::json)
            return g.print({"qda.triangulation-evidence/1", {}, {q}}, tri_formats());
        return g.print({"qda.triangulation-evidence/1",
                        {{"theme", e.theme}, {"across", e.across}},
                        {groups, q}},
                       tri_formats());
    }
    // Side by side: one column per group, one row per quote.
    report::Table side{"evidence", {"#"}, {}};
    std::size_t n = 0;
    for (std::size_t j = 0; j < e.groups.size(); ++j) {
        const auto &c = e.cells[j];
        side.columns.push_back(
            fmt::format("{} ({}/{} src, {})", e.groups[j], c.sources, c.group_sources, c.band));
        n = std::max(n, e.quotes[j].size());
    }
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<report::Cell> row{static_cast<std::int64_t>(i + 1)};
        for (std::size_t j = 0; j < e.groups.size(); ++j) {
            if (i >= e.quotes[j].size()) {
                row.push_back(std::string(i == 0 ? "(silent: no coding)" : ""));
                continue;
            }
            const auto &x = e.quotes[j][i];
            if (context)
                row.push_back(fmt::format("\"{}\" in: {} ({}, coding {})", x.text, e.contexts[j][i],
                                          x.source, x.coding));
            else
                row.push_back(fmt::format("\"{}\" ({}, coding {})", x.text, x.source, x.coding));
        }
        side.rows.push_back(std::move(row));
    }
    if (n == 0) {
        std::vector<report::Cell> row{std::int64_t{1}};
        for (std::size_t j = 0; j < e.groups.size(); ++j)
            row.push_back(std::string("(silent: no coding)"));
        side.rows.push_back(std::move(row));
    }
    g.print({"qda.triangulation-evidence/1", {{"theme", e.theme}, {"across", e.across}}, {side}},
            tri_formats());
}

report::Table verdicts_table(const std::vector<app::TriangulationVerdict> &vs) {
    report::Table t{"verdicts",
                    {"id", "theme", "across", "a", "b", "meaning", "examples", "verdict", "current",
                     "why", "bands", "judged_by", "judged_at"},
                    {}};
    for (const auto &v : vs)
        t.rows.push_back({v.id, v.theme, v.across, v.a, v.b, v.meaning, v.examples, v.verdict,
                          v.current, v.why, v.bands, v.judged_by, v.judged_at});
    return t;
}

} // namespace

void add_triangulate(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "triangulate", "Triangulation: each theme's presence, prominence and silence in each "
                       "group of data (method, role, coder), and the researcher's verdicts");
    auto a = std::make_shared<Args>();
    common_options(cmd, a, true);
    cmd->callback([&g, a, cmd] {
        if (!cmd->get_subcommands().empty())
            return;
        auto ctx = g.context(tri_formats());
        print_matrix(g, app::triangulate(ctx, a->req), a->req.level);
    });

    auto *ev =
        cmd->add_subcommand("evidence", "The quotes of a theme from each group, side by side");
    ev->add_option("theme", a->theme, "The theme (pattern code), or a code with --level 1")
        ->required();
    common_options(ev, a, false);
    ev->add_option("--pair", a->pair, "Only these two groups: A:B");
    ev->add_option("--quotes", a->quotes, "Quotes per group")->capture_default_str();
    ev->add_option("--quote-chars", a->quote_chars,
                   "Shorten quotes and their lines to this many characters")
        ->capture_default_str();
    ev->add_flag("--context", a->context,
                 "Show the line each quote is in (always in tsv, csv and json)");
    ev->callback([&g, a] {
        auto ctx = g.context(tri_formats());
        print_evidence(
            g,
            app::triangulation_evidence(ctx, a->req, a->theme, a->pair, a->quotes, a->quote_chars),
            a->context);
    });

    auto *judge = cmd->add_subcommand(
        "judge", "Record your verdict on a theme between two groups (needs --why)");
    judge->add_option("theme", a->theme, "The theme (pattern code), or a code with --level 1")
        ->required();
    common_options(judge, a, false);
    judge->add_option("--pair", a->pair, "The two groups: A:B")->required();
    judge
        ->add_option("--meaning", a->meaning,
                     "Does the theme mean the same in both? agree|disagree")
        ->required();
    judge
        ->add_option("--examples", a->examples,
                     "Do the examples of both groups bear it out alike? agree|disagree")
        ->required();
    judge->callback([&g, a] {
        auto ctx = g.context(tri_formats());
        auto v = app::judge_triangulation(ctx, a->req, a->theme, a->pair, a->meaning, a->examples);
        g.note(fmt::format("verdict {}: {} on {} between {} and {} across {} (bands {})", v.id,
                           v.verdict, v.theme, v.a, v.b, v.across, v.bands));
        if (g.format != "table")
            g.print({"qda.triangulation-verdicts/1", {}, {verdicts_table({v})}}, tri_formats());
    });

    auto *list = cmd->add_subcommand(
        "verdicts", "Every verdict recorded, oldest first, with those superseded by a later one");
    list->add_option("--across", a->across_filter, "Only verdicts across this dimension");
    list->add_option("--theme", a->theme_filter, "Only verdicts on this theme");
    list->callback([&g, a] {
        auto ctx = g.context(tri_formats());
        g.print(
            {"qda.triangulation-verdicts/1",
             {},
             {verdicts_table(app::triangulation_verdicts(ctx, a->across_filter, a->theme_filter))}},
            tri_formats());
    });
}

} // namespace qda::cli
