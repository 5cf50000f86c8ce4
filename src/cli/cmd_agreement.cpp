// qda agreement: coefficients between coders (of a project or of a data file), the
// disagreements, reconciling them, and the sources each coder was assigned.
#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/agreement_app.hpp"
#include "qda/error.hpp"

namespace qda::cli {
namespace {

struct Args {
    app::AgreementRequest req;
    std::string level, data, missing, into = "consensus", take = "agreed", coder;
    bool transpose = false, remove = false;
    std::vector<std::string> sources;
};

report::Cell num(const model::Coefficient &c) {
    return c.value ? report::Cell{*c.value} : report::Cell{};
}

report::Output agreement_output(const app::AgreementResult &r) {
    report::Table t{"agreement",
                    {"code", "source", "units", "percent", "cohen_kappa", "fleiss_kappa",
                     "fleiss_units", "alpha", "alpha_low", "alpha_high", "undefined"},
                    {}};
    for (const auto &row : r.rows) {
        std::vector<std::string> why;
        for (const auto &[name, c] :
             {std::pair{"percent", &row.percent}, std::pair{"cohen_kappa", &row.cohen},
              std::pair{"fleiss_kappa", &row.fleiss}, std::pair{"alpha", &row.alpha}})
            if (!c->value)
                why.push_back(fmt::format("{}: {}", name, c->undefined));
        t.rows.push_back({row.code, row.source, row.units, num(row.percent), num(row.cohen),
                          num(row.fleiss), row.fleiss.units, num(row.alpha),
                          row.ci ? report::Cell{row.ci->low} : report::Cell{},
                          row.ci ? report::Cell{row.ci->high} : report::Cell{},
                          fmt::format("{}", fmt::join(why, "; "))});
    }
    std::string notes;
    for (const auto &n : r.notes)
        notes += (notes.empty() ? "" : "; ") + n;
    return {"qda.agreement/1",
            {{"unit", r.unit},
             {"level", r.level},
             {"coders", fmt::format("{}", fmt::join(r.coders, ","))},
             {"notes", notes}},
            {t}};
}

void scope_options(CLI::App *c, app::AgreementScope &s, bool with_unit = true) {
    c->add_option("--coders", s.coders, "Coders to compare: A,B[,C...]")->delimiter(',');
    c->add_option("--codes", s.codes, "Codes to compare (default: every code the coders applied)")
        ->delimiter(',');
    c->add_option("--sources", s.sources, "Only these sources")->delimiter(',');
    if (with_unit) {
        c->add_option("--unit", s.unit,
                      "character, turn, sentence, paragraph or unitized (default: character)");
        c->add_option("--categorical", s.categorical,
                      "Mutually exclusive codes: each segment's value is the one applied")
            ->delimiter(',');
    }
}

int code_level(const std::string &level) {
    if (level.empty())
        return 0;
    if (level == "1" || level == "2")
        return level[0] - '0';
    throw Error(Exit::usage, "--level", fmt::format("\"{}\" is not a code level", level),
                "--level 1 (first-cycle codes) or 2 (pattern codes); measurement levels "
                "(nominal, ordinal, interval, ratio) go with --data");
}

} // namespace

void add_agreement(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand("agreement",
                                   "Agreement between coders: percent, Cohen's and Fleiss' kappa, "
                                   "Krippendorff's alpha; disagreements; reconciling");
    cmd->require_subcommand(0, 1);
    auto a = std::make_shared<Args>();
    scope_options(cmd, a->req.scope);
    cmd->add_option("--level", a->level,
                    "Codes of level 1 or 2; with --data: nominal, ordinal, interval or ratio");
    cmd->add_option("--by", a->req.by, "One row per code, per source, or none (default: code)");
    cmd->add_option("--bootstrap", a->req.bootstrap,
                    "Bootstrap N resamplings of the units for a 95% interval of alpha");
    cmd->add_option("--seed", a->req.seed, "Seed of the bootstrap (default: 1)");
    cmd->add_option("--data", a->data,
                    "A reliability data file (CSV, or TSV by extension): a row per unit, a column "
                    "per coder");
    cmd->add_flag("--transpose", a->transpose, "With --data: coders are rows, units columns");
    cmd->add_option("--missing", a->missing, "With --data: this token is a missing value too");
    cmd->callback([&g, a, cmd] {
        if (!cmd->get_subcommands().empty())
            return;
        if (!a->data.empty()) {
            const auto &sc = a->req.scope;
            if (!sc.coders.empty() || !sc.codes.empty() || !sc.sources.empty() ||
                !sc.categorical.empty() || sc.unit != "character")
                throw Error(Exit::usage, "--data",
                            "a data file names its own coders and units: --coders, --codes, "
                            "--sources, --unit and --categorical go with a project");
            app::DataRequest d;
            d.file = a->data;
            d.transpose = a->transpose;
            d.missing = a->missing;
            d.bootstrap = a->req.bootstrap;
            d.seed = a->req.seed;
            if (!a->level.empty()) {
                auto l = model::parse_level(a->level);
                if (!l)
                    throw Error(Exit::usage, "--level",
                                fmt::format("unknown level of measurement \"{}\"", a->level),
                                "use nominal, ordinal, interval or ratio");
                d.level = *l;
            }
            g.context(); // checks --format
            return g.print(agreement_output(app::agreement_data(d)), list_formats());
        }
        if (a->transpose || !a->missing.empty())
            throw Error(Exit::usage, a->transpose ? "--transpose" : "--missing",
                        "this option goes with --data FILE");
        a->req.scope.level = code_level(a->level);
        auto ctx = g.context();
        g.print(agreement_output(app::agreement(ctx, a->req)), list_formats());
    });

    auto *dis = cmd->add_subcommand("disagreements",
                                    "The units where coders differ, with their text and who "
                                    "applied what");
    dis->fallthrough();
    dis->callback([&g, a] {
        a->req.scope.level = code_level(a->level);
        auto ctx = g.context();
        report::Table t{"disagreements",
                        {"source", "code", "unit", "segment", "start", "end", "line", "applied_by",
                         "not_applied_by", "values", "text"},
                        {}};
        for (const auto &d : app::disagreements(ctx, a->req.scope))
            t.rows.push_back({d.source, d.code, d.unit, d.ordinal, d.start, d.end, d.line,
                              fmt::format("{}", fmt::join(d.applied_by, ",")),
                              fmt::format("{}", fmt::join(d.not_applied_by, ",")), d.values,
                              d.text});
        g.print({"qda.agreement-disagreements/1", {}, {t}}, list_formats());
    });

    auto *rec = cmd->add_subcommand(
        "reconcile", "Write the agreed coding under a consensus coder (say why with --why)");
    rec->fallthrough();
    rec->add_option("--into", a->into, "Consensus coder name (default: consensus)");
    rec->add_option("--take", a->take,
                    "agreed (every coder coded it), union (any coder) or a coder's name");
    rec->callback([&g, a] {
        a->req.scope.level = code_level(a->level);
        app::ReconcileRequest r{a->req.scope, a->into, a->take};
        auto res = app::reconcile(g.context(), r);
        if (res.written == 0 && res.existing == 0)
            throw Error(Exit::no, "agreement reconcile",
                        fmt::format("nothing to write: no text is {} by {}",
                                    a->take == "agreed" ? "coded by all of" : "coded",
                                    fmt::join(a->req.scope.coders, ", ")));
        g.note(
            fmt::format("{} coding(s) written under {}{}", res.written, a->into,
                        res.existing ? fmt::format(" ({} were there already)", res.existing) : ""));
    });

    auto *as = cmd->add_subcommand(
        "assign", "Declare the sources a coder was given (elsewhere their values are missing)");
    as->add_option("coder", a->coder, "The coder")->required();
    as->add_option("sources", a->sources, "Sources given to the coder")->required();
    as->add_flag("--remove", a->remove, "Withdraw the sources instead");
    as->callback([&g, a] {
        auto n = app::assign_sources(g.context(), a->coder, a->sources, a->remove);
        g.note(fmt::format("{} source(s) {} {}", n, a->remove ? "withdrawn from" : "assigned to",
                           a->coder));
    });

    auto *al = cmd->add_subcommand("assignments", "The sources each coder was given");
    al->callback([&g] {
        report::Table t{"assignments", {"coder", "source", "assigned_at", "assigned_by"}, {}};
        for (const auto &x : app::list_assignments(g.context()))
            t.rows.push_back({x.coder, x.source, x.assigned_at, x.assigned_by});
        g.print({"qda.agreement-assignments/1", {}, {t}}, list_formats());
    });
}

} // namespace qda::cli
