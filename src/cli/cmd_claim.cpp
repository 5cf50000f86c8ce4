// qda claim: the study's conclusions with the codings that support them.
#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/error.hpp"
#include "qda/verification.hpp"

namespace qda::cli {
namespace {

report::Output claim_output(const app::ClaimView &c) {
    report::Table ev{"evidence",
                     {"coding", "present", "code", "coder", "source", "case", "start", "end",
                      "line", "source_sha256", "quote"},
                     {}};
    for (const auto &e : c.evidence)
        ev.rows.push_back({e.coding, e.present, e.code, e.coder, e.source, e.case_name, e.start,
                           e.end, e.line, e.source_sha256, e.quote});
    return {"qda.claim/1",
            {{"id", c.id},
             {"status", c.status},
             {"theme", c.theme},
             {"text", c.text},
             {"evidence_query", c.evidence_query},
             {"sources", c.sources},
             {"missing", c.missing},
             {"created_by", c.created_by},
             {"created_at", c.created_at},
             {"updated_at", c.updated_at}},
            {ev}};
}

struct Args {
    std::string text, theme, status, query;
    std::vector<std::string> evidence, drop;
    std::int64_t id = 0;
};

} // namespace

void add_claim(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand("claim", "Claims: the study's conclusions, each with the "
                                            "codings that support it");
    cmd->require_subcommand(1);
    auto a = std::make_shared<Args>();

    auto *add = cmd->add_subcommand("add", "State a claim with its evidence");
    add->add_option("text", a->text, "The claim, as it will be reported")->required();
    add->add_option("--theme", a->theme, "The theme (pattern code) or code it belongs to");
    add->add_option("--evidence", a->evidence, "A supporting coding: coding:ID (repeatable)");
    add->add_option("--evidence-query", a->query,
                    "A retrieve query whose codings all become evidence (see qda-retrieve(1))");
    add->callback([&g, a] {
        auto c = app::add_claim(g.context(), {a->text, a->theme, a->evidence, a->query});
        if (g.format != "table")
            return g.print(claim_output(c), list_formats());
        g.note(fmt::format("claim {} added: {} piece(s) of evidence from {} source(s)", c.id,
                           c.evidence.size(), c.sources));
    });

    auto *list = cmd->add_subcommand("list", "List claims with how much evidence each has");
    list->add_option("--theme", a->theme, "Only claims of this theme");
    list->add_option("--status", a->status, "Only active or withdrawn claims");
    list->callback([&g, a] {
        report::Table t{"claims",
                        {"id", "status", "theme", "evidence_sources", "missing_evidence",
                         "created_by", "updated_at", "text"},
                        {}};
        for (const auto &c : app::list_claims(g.context(), a->theme, a->status))
            t.rows.push_back({c.id, c.status, c.theme, c.sources, c.missing, c.created_by,
                              c.updated_at, c.text});
        g.print({"qda.claims/1", {}, {t}}, list_formats());
    });

    auto *show = cmd->add_subcommand(
        "show", "A claim, its evidence, the quotes and the sources they come from (with hashes)");
    show->add_option("id", a->id, "Claim id")->required();
    show->callback(
        [&g, a] { g.print(claim_output(app::show_claim(g.context(), a->id)), list_formats()); });

    auto *revise = cmd->add_subcommand("revise", "Change a claim's text, theme or evidence "
                                                 "(--why is required)");
    revise->add_option("id", a->id, "Claim id")->required();
    auto *rtext = revise->add_option("text", a->text, "The new text");
    auto *rtheme = revise->add_option("--theme", a->theme, "The new theme");
    revise->add_option("--add-evidence", a->evidence, "Cite another coding: coding:ID");
    revise->add_option("--drop-evidence", a->drop, "Stop citing a coding: coding:ID");
    revise->add_option("--add-evidence-query", a->query, "Cite the codings a query selects");
    revise->callback([&g, a, rtext, rtheme] {
        app::ClaimRevision r;
        if (rtext->count())
            r.text = a->text;
        if (rtheme->count())
            r.theme = a->theme;
        r.add_evidence = a->evidence;
        r.drop_evidence = a->drop;
        r.add_query = a->query;
        auto c = app::revise_claim(g.context(), a->id, r);
        if (g.format != "table")
            return g.print(claim_output(c), list_formats());
        g.note(fmt::format("claim {} revised: {} piece(s) of evidence", c.id, c.evidence.size()));
    });

    auto *withdraw = cmd->add_subcommand("withdraw", "Withdraw a claim (--why is required)");
    withdraw->add_option("id", a->id, "Claim id")->required();
    withdraw->callback([&g, a] {
        auto c = app::withdraw_claim(g.context(), a->id);
        g.note(fmt::format("claim {} withdrawn", c.id));
    });
}

} // namespace qda::cli
