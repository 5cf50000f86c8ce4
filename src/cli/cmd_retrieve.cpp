// qda retrieve QUERY...: the coded text a query selects, with its place, speaker, context and
// memos.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/globals.hpp"
#include "qda/retrieve.hpp"

namespace qda::cli {
namespace {

/// A list cell: a JSON array in json/jsonl, the items joined by `sep` elsewhere.
report::Cell list_cell(const std::vector<std::string> &items, bool json, const char *sep = "; ") {
    if (json)
        return report::Json{nlohmann::json(items).dump()};
    return fmt::format("{}", fmt::join(items, sep));
}

std::vector<std::string> line_texts(const std::vector<app::TextLine> &lines) {
    std::vector<std::string> v;
    for (const auto &l : lines)
        v.push_back(l.text);
    return v;
}

report::Cell memo_cell(const std::vector<app::RetrieveMemo> &memos, bool json) {
    if (json) {
        auto a = nlohmann::json::array();
        for (const auto &m : memos)
            a.push_back({{"target", m.target},
                         {"id", m.id},
                         {"type", m.type},
                         {"author", m.author},
                         {"text", m.text}});
        return report::Json{a.dump()};
    }
    std::vector<std::string> v;
    for (const auto &m : memos)
        v.push_back(fmt::format("[{}] {}", m.target, m.text));
    return fmt::format("{}", fmt::join(v, "; "));
}

report::Output to_output(const app::RetrieveResult &r, bool json) {
    report::Table t{"results",
                    {"source", "case", "speaker", "participant", "start", "end", "line", "codes",
                     "quote", "before", "after", "memos", "codings"},
                    {}};
    for (const auto &h : r.hits) {
        std::vector<std::string> ids;
        for (auto id : h.codings)
            ids.push_back(std::to_string(id));
        report::Cell codings = json ? report::Cell{report::Json{nlohmann::json(h.codings).dump()}}
                                    : report::Cell{fmt::format("{}", fmt::join(ids, " "))};
        t.rows.push_back(
            {h.source, h.case_name, h.speaker, h.participant, h.start, h.end, h.line,
             list_cell(h.codes, json), h.quote, list_cell(line_texts(h.before), json, "\n"),
             list_cell(line_texts(h.after), json, "\n"), memo_cell(h.memos, json), codings});
    }
    report::Output out{"qda.retrieve/1", {}, {t}};
    if (json)
        out.fields = {{"query", r.query}, {"unit", r.unit}};
    return out;
}

} // namespace

void add_retrieve(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand("retrieve", "Coded text selected by a query: codes, pattern "
                                               "codes, AND, OR, NOT, OVERLAPS, WITHIN, NEAR/N");
    cmd->footer(
        "QUERY words are joined by spaces: `qda retrieve ai-tanpa-sadar AND kendala-waktu`.\n"
        "Quote code names with spaces or keywords: '\"kendala waktu\" OR biaya'. See "
        "qda-retrieve(1).");
    auto words = std::make_shared<std::vector<std::string>>();
    auto req = std::make_shared<app::RetrieveRequest>();
    auto attrs = std::make_shared<std::vector<std::string>>();
    auto pattrs = std::make_shared<std::vector<std::string>>();
    cmd->add_option("query", *words, "The query (one argument, or several words joined by spaces)")
        ->required();
    cmd->add_option("--kind", req->kinds, "Only sources of this kind (repeat for any of several)");
    cmd->add_option("--case", req->cases, "Only sources of this case (repeatable)");
    cmd->add_option("--attr", *attrs,
                    "KEY=VALUE of the source, else of its case (repeatable; keys must all match)");
    cmd->add_option("--speaker", req->speakers,
                    "Only results starting in turns of this participant (repeatable)");
    cmd->add_option("--participant-attr", *pattrs,
                    "KEY=VALUE of the speaker's participant, e.g. role=pemilik");
    cmd->add_option("--coder", req->coders, "Only codings by this coder (repeatable)");
    cmd->add_flag("--no-interviewer", req->no_interviewer,
                  "Leave out results in turns of the interviewer");
    cmd->add_option("--unit", req->unit,
                    "Segments for AND, NOT and NEAR: turn, paragraph or sentence")
        ->check(CLI::IsMember({"turn", "paragraph", "sentence"}));
    cmd->add_option("--context", req->context, "Lines of text shown before and after each result")
        ->check(CLI::NonNegativeNumber);

    cmd->callback([&g, words, req, attrs, pattrs] {
        auto ctx = g.context();
        req->query = fmt::format("{}", fmt::join(*words, " "));
        for (const auto &kv : *attrs)
            req->attrs.push_back(key_value(kv, "--attr"));
        for (const auto &kv : *pattrs)
            req->participant_attrs.push_back(key_value(kv, "--participant-attr"));
        auto r = app::retrieve(ctx, *req);
        bool json = g.format == "json" || g.format == "jsonl";
        g.print(to_output(r, json), list_formats());
        g.note(fmt::format("{} result{} for {}", r.hits.size(), r.hits.size() == 1 ? "" : "s",
                           r.query));
    });
}

} // namespace qda::cli
