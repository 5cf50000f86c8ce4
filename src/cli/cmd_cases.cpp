#include <fmt/format.h>

#include "cli/globals.hpp"

namespace qda::cli {

void add_cases(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand("cases", "List cases; create them; link sources to them");
    auto *create = cmd->add_subcommand("create", "Create a case");
    auto *link = cmd->add_subcommand("link", "Link sources to a case");
    auto *unlink = cmd->add_subcommand("unlink", "Unlink sources from their case");
    auto name = std::make_shared<std::string>();
    auto desc = std::make_shared<std::string>();
    auto sources = std::make_shared<std::vector<std::string>>();
    auto make = std::make_shared<bool>(false);
    create->add_option("name", *name, "Case name")->required();
    create->add_option("--description", *desc, "What the case is");
    link->add_option("case", *name, "Case name")->required();
    link->add_option("sources", *sources, "Source names")->required();
    link->add_flag("--create", *make, "Create the case if it does not exist");
    unlink->add_option("sources", *sources, "Source names")->required();

    cmd->callback([&g, cmd] {
        if (!cmd->get_subcommands().empty())
            return;
        report::Table t{"cases", {"name", "sources", "description"}, {}};
        for (const auto &c : app::list_cases(g.context()))
            t.rows.push_back({c.name, c.sources, c.description});
        g.print({"qda.cases/1", {}, {t}}, list_formats());
    });
    create->callback([&g, name, desc] {
        app::create_case(g.context(), *name, *desc);
        g.note(fmt::format("created case {}", *name));
    });
    link->callback([&g, name, sources, make] {
        app::link_case(g.context(), *name, *sources, *make);
        g.note(fmt::format("linked {} source(s) to {}", sources->size(), *name));
    });
    unlink->callback([&g, sources] {
        app::link_case(g.context(), "", *sources, false);
        g.note(fmt::format("unlinked {} source(s)", sources->size()));
    });
}

} // namespace qda::cli
