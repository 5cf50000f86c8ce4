#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/search.hpp"

namespace qda::cli {

void add_search(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand("search",
                                   "Keyword in context across sources (case-insensitive, indexed)");
    auto req = std::make_shared<app::SearchRequest>();
    cmd->add_option(
           "text", req->text,
           "Word or phrase (words match across any white space); with --regex, an ICU regex")
        ->required();
    cmd->add_flag("--regex,-E", req->regex,
                  "TEXT is an ICU regular expression (scans every text; no index)");
    cmd->add_flag("--whole-word,-w", req->whole_word,
                  "The match must end on a word boundary too (it always starts on one)");
    cmd->add_flag("--accents", req->accents,
                  "Ignore accents as well as case (\"kafe\" finds \"kafé\")");
    cmd->add_option("--context,-C", req->context, "Characters of context on each side");
    cmd->add_option("--kind", req->kinds, "Only sources of this kind (repeatable)");
    cmd->add_option("--source", req->sources, "Only this source (repeatable)");
    cmd->callback([&g, req] {
        auto ctx = g.context();
        auto r = app::search(ctx, *req);
        if (r.indexed > 0)
            g.note(fmt::format("indexed {} source(s) for search", r.indexed));
        report::Table t{
            "hits", {"source", "kind", "line", "start", "end", "left", "match", "right"}, {}};
        for (const auto &h : r.hits)
            t.rows.push_back({h.source, h.kind, h.line, h.start, h.end, h.left, h.match, h.right});
        g.print({"qda.search/1",
                 {{"query", req->text}, {"count", static_cast<std::int64_t>(r.hits.size())}},
                 {t}},
                list_formats());
    });
}

} // namespace qda::cli
