// qda display: save a matrix under a name, show it (saying when its data changed), list the
// saved displays, and write a cell's summary or rating.
#include <fmt/format.h>

#include "cli/globals.hpp"
#include "cli/matrix_cli.hpp"
#include "qda/error.hpp"

namespace qda::cli {
namespace {

struct Args {
    std::string name, row, col, summary, rating;
    std::vector<std::string> options;
    std::vector<std::int64_t> evidence;
    bool replace = false;
};

std::string joined(const std::vector<std::string> &args) {
    std::string o;
    for (const auto &a : args) {
        bool quote = a.empty() || a.find_first_of(" \t'\"$\\") != std::string::npos;
        o += (o.empty() ? "" : " ") + (quote ? "'" + a + "'" : a);
    }
    return o;
}

} // namespace

void add_display(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "display", "Named displays: saved matrices with the cells researchers write in them");
    cmd->require_subcommand(1);
    auto a = std::make_shared<Args>();

    auto *save = cmd->add_subcommand("save", "Save a matrix under a name: display save NAME -- "
                                             "MATRIX-OPTIONS");
    save->add_option("name", a->name, "Display name")->required();
    save->add_option("options", a->options, "The options of `qda matrix`, after --");
    save->add_flag("--replace", a->replace, "Overwrite a display of this name (and refresh it)");
    save->callback([&g, a] {
        auto ctx = g.context();
        auto req = parse_matrix_args(a->options);
        auto d = app::save_display(ctx, a->name, a->options, req, a->replace);
        g.note(fmt::format("display {} saved ({} x {})", d.name, req.rows, req.cols));
    });

    auto *show = cmd->add_subcommand("show", "Show a saved display with its cells");
    show->add_option("name", a->name, "Display name")->required();
    show->callback([&g, a] {
        auto ctx = g.context(matrix_formats());
        auto info = app::display_info(ctx, a->name);
        auto [d, r] = app::show_display(ctx, a->name, parse_matrix_args(info.args));
        if (d.stale)
            g.note(fmt::format("qda: warning: display {} is stale: its data changed since it was "
                               "saved on {} (save it again with --replace to refresh it)",
                               d.name, d.updated_at));
        print_matrix(g, r, &d);
    });

    auto *list = cmd->add_subcommand("list", "Saved displays, whether each is stale");
    list->callback([&g] {
        auto ctx = g.context();
        report::Table t{"displays",
                        {"name", "options", "cells", "stale", "fingerprint", "created_by",
                         "created_at", "updated_at"},
                        {}};
        for (const auto &d : app::list_displays(ctx)) {
            auto [info, r] = app::show_display(ctx, d.name, parse_matrix_args(d.args));
            t.rows.push_back({d.name, joined(d.args), d.cells, info.stale, d.fingerprint,
                              d.created_by, d.created_at, d.updated_at});
        }
        g.print({"qda.displays/1", {}, {t}}, list_formats());
    });

    auto *rm =
        cmd->add_subcommand("rm", "Remove a saved display and its cells (--why is required)");
    rm->add_option("name", a->name, "Display name")->required();
    rm->callback([&g, a] {
        auto d = app::remove_display(g.context(), a->name);
        g.note(fmt::format("display {} removed ({} cell(s))", d.name, d.cells));
    });

    auto *cell = cmd->add_subcommand(
        "cell", "Write a cell of a display: its summary, rating and evidence codings");
    cell->add_option("name", a->name, "Display name")->required();
    cell->add_option("row", a->row, "Row (as shown, or its key)")->required();
    cell->add_option("col", a->col, "Column (as shown, or its key)")->required();
    auto *o_sum = cell->add_option("--summary", a->summary, "The condensed content of the cell");
    auto *o_rat =
        cell->add_option("--rating", a->rating, "A rating: high, medium, low, a number or a word");
    cell->add_option("--evidence", a->evidence, "Coding ids the cell rests on (repeatable)");
    cell->callback([&g, a, o_sum, o_rat] {
        auto ctx = g.context();
        auto info = app::display_info(ctx, a->name);
        auto n = app::write_display_cell(ctx, a->name, parse_matrix_args(info.args), a->row, a->col,
                                         o_sum->count() ? std::optional(a->summary) : std::nullopt,
                                         o_rat->count() ? std::optional(a->rating) : std::nullopt,
                                         a->evidence);
        g.note(fmt::format("display {}: cell {} x {} written by {}", a->name, a->row, a->col,
                           n.author));
    });
}

} // namespace qda::cli
