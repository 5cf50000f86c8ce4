// `qda instrument`: link interview guides and observation protocols to the sources collected
// with them, and list them (the audit report's instrument-development category).
#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/audit_report.hpp"

namespace qda::cli {

void add_instrument(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "instrument", "Instruments (guides, protocols) and the sources collected with them");
    cmd->require_subcommand(1);
    struct Args {
        std::string instrument;
        std::vector<std::string> sources;
    };
    auto a = std::make_shared<Args>();
    auto *link = cmd->add_subcommand(
        "link", "Link sources to the instrument (a source of kind instrument) they were "
                "collected with");
    auto *unlink = cmd->add_subcommand("unlink", "Remove links made by mistake");
    for (auto *sub : {link, unlink}) {
        sub->add_option("instrument", a->instrument, "The instrument (source of kind instrument)")
            ->required();
        sub->add_option("sources", a->sources, "Sources collected with it")->required();
    }
    auto *list = cmd->add_subcommand("list", "Instruments with their linked sources");
    auto run = [&g, a](bool off) {
        auto n = app::link_instrument(g.context(), a->instrument, a->sources, off);
        g.note(fmt::format("{} source(s) {} {}", n, off ? "unlinked from" : "linked to",
                           a->instrument));
    };
    link->callback([run] { run(false); });
    unlink->callback([run] { run(true); });
    list->callback([&g] {
        report::Table t{"instruments", {"instrument", "source", "sha256", "imported_at"}, {}};
        for (const auto &i : app::list_instruments(g.context())) {
            if (i.sources.empty())
                t.rows.push_back({i.name, std::monostate{}, i.sha256, i.imported_at});
            for (const auto &s : i.sources)
                t.rows.push_back({i.name, s, i.sha256, i.imported_at});
        }
        g.print({"qda.instruments/1", {}, {t}}, list_formats());
    });
}

} // namespace qda::cli
