// `qda codebook`: the codebook as a YAML file, imported as a difference, exported in four formats.
#include <cstdio>

#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"

namespace qda::cli {

void add_codebook(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "codebook", "The codebook as a file: import YAML as a difference, export it");
    cmd->require_subcommand(1);
    auto file = std::make_shared<std::string>();
    auto retire = std::make_shared<bool>(false), dry = std::make_shared<bool>(false);
    auto *imp = cmd->add_subcommand(
        "import", "Apply a YAML codebook: add, rename (by id), move, update, retire");
    imp->add_option("file", *file, "Codebook YAML (see qda-codebook(1))")->required();
    imp->add_flag("--retire-missing", *retire,
                  "Retire codes with codings that the file drops (else an error)");
    imp->add_flag("--dry-run", *dry, "Report what would change, change nothing");
    auto *exp = cmd->add_subcommand("export",
                                    "Print the codebook: --format yaml (default), json, md or csv");

    imp->callback([&g, file, retire, dry] {
        auto changes = app::import_codebook(g.context(), *file, *retire, *dry);
        report::Table t{"changes", {"action", "code", "detail"}, {}};
        for (const auto &c : changes)
            t.rows.push_back({c.action, c.code, c.detail});
        g.print({"qda.codebook-import/1", {{"file", *file}, {"dry_run", *dry}}, {t}},
                list_formats());
        if (*dry)
            g.note("dry run: nothing was changed");
        else if (changes.empty())
            g.note("the codebook already matches the file: nothing to do");
    });
    exp->callback([&g] {
        auto fmt = g.format == "table" ? std::string("yaml") : g.format;
        if (fmt != "yaml" && fmt != "json" && fmt != "md" && fmt != "csv")
            throw Error(Exit::usage, "codebook export",
                        fmt::format("--format {} is not yaml, json, md or csv", fmt));
        auto plain = g;
        plain.format = "table"; // the formats above are the export's own
        auto s = app::export_codebook(plain.context(), fmt);
        if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size() || std::fflush(stdout) != 0)
            throw Error(Exit::io, "stdout", "cannot write output");
    });
}

} // namespace qda::cli
