// qda network: add, list, remove and show the links a researcher draws between codes; show
// writes Graphviz DOT, JSON (nodes and links) or a table of links.
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/globals.hpp"
#include "qda/dot.hpp"
#include "qda/error.hpp"
#include "qda/network.hpp"

namespace qda::cli {
namespace {

report::Cell evidence_cell(const app::LinkView &l, bool json) {
    std::vector<std::int64_t> ids;
    std::vector<std::string> refs;
    for (const auto &e : l.evidence) {
        ids.push_back(e.coding);
        refs.push_back(fmt::format("coding:{}{}", e.coding, e.exists ? "" : " (gone)"));
    }
    if (json)
        return report::Json{nlohmann::json(ids).dump()};
    return fmt::format("{}", fmt::join(refs, " "));
}

std::int64_t missing(const app::LinkView &l) {
    std::int64_t n = 0;
    for (const auto &e : l.evidence)
        n += e.exists ? 0 : 1;
    return n;
}

report::Table links_table(const std::vector<app::LinkView> &links, bool json) {
    report::Table t{
        "links",
        {"id", "from", "to", "kind", "evidence", "missing", "note", "created_by", "created_at"},
        {}};
    for (const auto &l : links)
        t.rows.push_back({l.id, l.from, l.to, l.kind, evidence_cell(l, json), missing(l), l.note,
                          l.created_by, l.created_at});
    return t;
}

/// Nodes in order of first appearance in the links, which are in id order.
std::vector<std::pair<std::string, int>> nodes_of(const std::vector<app::LinkView> &links) {
    std::vector<std::pair<std::string, int>> nodes;
    std::map<std::string, bool> seen;
    for (const auto &l : links)
        for (const auto &[name, cycle] : {std::pair{l.from, l.from_cycle}, {l.to, l.to_cycle}})
            if (!seen[name]) {
                seen[name] = true;
                nodes.emplace_back(name, cycle);
            }
    return nodes;
}

std::string dot(const std::vector<app::LinkView> &links) {
    report::DotGraph g{"qda network", {}, {}};
    std::map<std::string, std::string> ids;
    for (const auto &[name, cycle] : nodes_of(links)) {
        ids[name] = fmt::format("n{}", ids.size() + 1);
        g.nodes.push_back({ids[name], name, cycle == 2 ? "box" : ""});
    }
    for (const auto &l : links)
        g.edges.push_back(
            {ids[l.from], ids[l.to],
             l.evidence.empty() ? l.kind : fmt::format("{} ({})", l.kind, l.evidence.size())});
    return report::render_dot(g);
}

report::Output graph_json(const std::vector<app::LinkView> &links) {
    report::Table nodes{"nodes", {"name", "cycle"}, {}};
    for (const auto &[name, cycle] : nodes_of(links))
        nodes.rows.push_back({name, static_cast<std::int64_t>(cycle)});
    report::Table edges{"links", {"id", "from", "to", "kind", "note", "evidence"}, {}};
    for (const auto &l : links) {
        auto ev = nlohmann::json::array();
        for (const auto &e : l.evidence) {
            nlohmann::json j = {{"coding", e.coding}, {"exists", e.exists}};
            if (e.exists)
                j.update({{"source", e.source},
                          {"code", e.code},
                          {"coder", e.coder},
                          {"start", e.start},
                          {"end", e.end},
                          {"quote", e.quote}});
            ev.push_back(std::move(j));
        }
        edges.rows.push_back({l.id, l.from, l.to, l.kind, l.note, report::Json{ev.dump()}});
    }
    return {"qda.network/1", {}, {nodes, edges}};
}

struct Args {
    app::NewLink link;
    std::string kind, code;
    std::int64_t id = 0;
};

} // namespace

void add_network(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "network", "Links between codes that you draw (leads-to, part-of, ...), with evidence");
    cmd->require_subcommand(1);
    auto a = std::make_shared<Args>();

    auto *add = cmd->add_subcommand("add", "Link FROM to TO, or cite more evidence for a link");
    add->add_option("from", a->link.from, "The code the link starts at")->required();
    add->add_option("to", a->link.to, "The code it points to")->required();
    add->add_option("--kind", a->link.kind,
                    "Your word for the link: leads-to, part-of, contradicts, ...")
        ->required();
    add->add_option("--evidence", a->link.evidence, "coding:ID cited for the link (repeatable)");
    add->add_option("--note", a->link.note, "A short note shown with the link");
    add->add_flag("--new-kind", a->link.new_kind,
                  "Use a kind even though it is close to one in use");
    add->callback([&g, a] {
        auto r = app::add_link(g.context(), a->link);
        g.note(r.created ? fmt::format("link {} added: {} -> {} ({}), {} evidence", r.link.id,
                                       r.link.from, r.link.to, r.link.kind, r.added_evidence)
                         : fmt::format("link {}: {} more evidence", r.link.id, r.added_evidence));
    });

    auto *list = cmd->add_subcommand("list", "The links, by id");
    list->add_option("--kind", a->kind, "Only links of this kind");
    list->add_option("--code", a->code, "Only links from or to this code");
    list->callback([&g, a] {
        auto links = app::list_links(g.context(), a->kind, a->code);
        g.print({"qda.network-links/1",
                 {},
                 {links_table(links, g.format == "json" || g.format == "jsonl")}},
                list_formats());
    });

    auto *rm = cmd->add_subcommand("rm", "Remove a link and its evidence (say why with --why)");
    rm->add_option("id", a->id, "Link id")->required();
    rm->callback([&g, a] {
        auto l = app::remove_link(g.context(), a->id);
        g.note(fmt::format("link {} removed: {} -> {} ({})", l.id, l.from, l.to, l.kind));
    });

    auto *show = cmd->add_subcommand(
        "show", "The network as Graphviz DOT (--format dot), JSON or a table of links");
    show->add_option("--kind", a->kind, "Only links of this kind");
    show->add_option("--code", a->code, "Only links from or to this code");
    show->callback([&g, a] {
        using F = report::Format;
        const std::vector<F> formats = {F::table, F::tsv, F::csv, F::json, F::md};
        if (g.format != "dot" && g.format != "table" && g.format != "tsv" && g.format != "csv" &&
            g.format != "json" && g.format != "md")
            throw Error(Exit::usage, "--format",
                        fmt::format("\"{}\" is not a format of network show", g.format),
                        "use dot, json, tsv, csv, md or table");
        auto plain = g;
        if (g.format == "dot")
            plain.format = "tsv";
        auto links = app::list_links(plain.context(formats), a->kind, a->code);
        if (g.format == "dot") {
            auto s = dot(links);
            if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size() || std::fflush(stdout))
                throw Error(Exit::io, "stdout", "cannot write output");
            return;
        }
        if (g.format == "json")
            return g.print(graph_json(links), formats);
        g.print({"qda.network-links/1", {}, {links_table(links, false)}}, formats);
    });
}

} // namespace qda::cli
