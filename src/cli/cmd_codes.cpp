// `qda codes`: the code tree, one code at a time (`qda codebook` is in cmd_codebook.cpp).
#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"

namespace qda::cli {
namespace {

std::string joined(const std::vector<std::string> &v) {
    return fmt::format("{}", fmt::join(v, "; "));
}

void print_list(const Globals &g, bool merged, bool tree) {
    auto codes = app::list_codes(g.context(), merged);
    report::Table t{tree ? "tree" : "codes", {}, {}};
    if (tree)
        t.columns = {"code", "depth", "path", "cycle", "status", "codings", "sources"};
    else
        t.columns = {"name",    "path",    "parent",  "cycle", "status",
                     "codings", "sources", "members", "uid",   "description"};
    for (const auto &c : codes) {
        if (tree)
            t.rows.push_back({std::string(static_cast<std::size_t>(2 * c.depth), ' ') + c.name +
                                  (c.cycle == 2 ? " [pattern]" : ""),
                              std::int64_t{c.depth}, c.path, std::int64_t{c.cycle}, c.status,
                              c.codings, c.sources});
        else
            t.rows.push_back({c.name, c.path, c.parent, std::int64_t{c.cycle}, c.status, c.codings,
                              c.sources, joined(c.members), c.uid, c.description});
    }
    g.print({tree ? "qda.code-tree/1" : "qda.codes/1", {}, {t}}, list_formats());
}

void add_codes_edits(CLI::App *cmd, Globals &g) {
    auto n = std::make_shared<app::NewCode>();
    auto *add =
        cmd->add_subcommand("add", "Add a code (a pattern code with --pattern or --member)");
    add->add_option("name", n->name, "Name of the new code")->required();
    add->add_option("--parent", n->parent, "Put it under this code");
    add->add_option("--description", n->description, "Definition: what the code means");
    add->add_option("--inclusion", n->inclusion, "When to use it");
    add->add_option("--exclusion", n->exclusion, "When not to use it");
    add->add_option("--example", n->example, "An example quote");
    add->add_option("--colour,--color", n->colour, "Colour as #rgb or #rrggbb");
    add->add_flag("--pattern", n->pattern,
                  "A pattern code (cycle 2, a theme) that stands for its members");
    add->add_option("--member", n->members, "A member code of the pattern code (repeatable)");
    add->callback([&g, n] {
        app::add_code(g.context(), *n);
        g.note(fmt::format("added {}{}", n->name, n->parent.empty() ? "" : " under " + n->parent));
    });

    auto a = std::make_shared<std::string>(), b = std::make_shared<std::string>();
    auto *rename = cmd->add_subcommand("rename", "Rename a code (its id, codings and memos stay)");
    rename->add_option("name", *a, "Code")->required();
    rename->add_option("new", *b, "New name")->required();
    rename->callback([&g, a, b] {
        app::rename_code(g.context(), *a, *b);
        g.note(fmt::format("{} renamed {}", *a, *b));
    });

    auto root = std::make_shared<bool>(false);
    auto *move = cmd->add_subcommand("move", "Move a code under another code, or to the root");
    move->add_option("name", *a, "Code")->required();
    auto *p = move->add_option("--parent", *b, "The new parent");
    move->add_flag("--root", *root, "Make it a top-level code")->excludes(p);
    move->callback([&g, a, b, root] {
        if (b->empty() && !*root)
            throw Error(Exit::usage, "codes move", "say where: --parent CODE or --root");
        app::move_code(g.context(), *a, *b);
        g.note(fmt::format("{} moved {}", *a, b->empty() ? "to the root" : "under " + *b));
    });

    auto from = std::make_shared<std::vector<std::string>>();
    auto *merge = cmd->add_subcommand(
        "merge", "Merge codes into one; their codings move to it (needs --why)");
    merge->add_option("codes", *from, "Codes to merge")->required();
    merge->add_option("--into", *b, "The code that remains")->required();
    merge->callback([&g, from, b] {
        auto r = app::merge_codes(g.context(), *from, *b);
        g.note(fmt::format("merged {} into {}: {} coding(s) moved, {} duplicate(s) dropped, {} "
                           "child code(s) moved",
                           fmt::join(*from, ", "), *b, r.moved, r.dropped, r.children));
    });

    auto into = std::make_shared<std::vector<std::string>>();
    auto *split = cmd->add_subcommand(
        "split", "Split a code into new codes; the old one is retired (needs --why)");
    split->add_option("name", *a, "Code to split")->required();
    split->add_option("--into", *into, "A new code (repeat, at least two)")->required();
    split->callback([&g, a, into] {
        auto left = app::split_code(g.context(), *a, *into);
        g.note(fmt::format(
            "split {} into {}; {} is retired and keeps its {} coding(s) until you recode them", *a,
            fmt::join(*into, ", "), *a, left));
    });

    auto *retire = cmd->add_subcommand(
        "retire", "Hide a code from new coding; its codings stay (needs --why)");
    retire->add_option("name", *a, "Code")->required();
    retire->callback([&g, a] {
        app::retire_code(g.context(), *a);
        g.note(fmt::format("{} retired", *a));
    });
}

} // namespace

void add_codes(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "codes", "The code tree: list, show, add, rename, move, merge, split, retire");
    auto merged = std::make_shared<bool>(false);
    cmd->add_flag("--all", *merged, "Include merged codes");
    auto *list = cmd->add_subcommand("list", "Codes with their path, cycle, status and counts");
    list->add_flag("--all", *merged, "Include merged codes");
    auto *tree =
        cmd->add_subcommand("tree", "The code tree, indented, with counts of codings and sources");
    tree->add_flag("--all", *merged, "Include merged codes");
    auto name = std::make_shared<std::string>();
    auto *show =
        cmd->add_subcommand("show", "One code: definition, criteria, members, children, counts");
    show->add_option("name", *name, "Code")->required();

    cmd->callback([&g, cmd, merged] {
        if (cmd->get_subcommands().empty())
            print_list(g, *merged, false);
    });
    list->callback([&g, merged] { print_list(g, *merged, false); });
    tree->callback([&g, merged] { print_list(g, *merged, true); });
    show->callback([&g, name] {
        auto c = app::show_code(g.context(), *name);
        report::Output out{"qda.code/1",
                           {{"name", c.name},
                            {"uid", c.uid},
                            {"path", c.path},
                            {"parent", c.parent},
                            {"cycle", std::int64_t{c.cycle}},
                            {"status", c.status},
                            {"colour", c.colour},
                            {"description", c.description},
                            {"inclusion", c.inclusion},
                            {"exclusion", c.exclusion},
                            {"example", c.example},
                            {"codings", c.codings},
                            {"sources", c.sources},
                            {"created_at", c.created_at},
                            {"created_by", c.created_by}},
                           {}};
        report::Table m{"members", {"name"}, {}}, k{"children", {"name"}, {}};
        for (const auto &x : c.members)
            m.rows.push_back({x});
        for (const auto &x : c.children)
            k.rows.push_back({x});
        out.tables = {m, k};
        g.print(out, list_formats());
    });
    add_codes_edits(cmd, g);
}

} // namespace qda::cli
