#include <charconv>

#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/coding.hpp"
#include "qda/error.hpp"

namespace qda::cli {
namespace {

std::pair<std::int64_t, std::int64_t> line_range(const std::string &s) {
    if (s.empty())
        return {1, 0};
    auto dash = s.find('-');
    auto num = [&](std::string_view v) -> std::int64_t {
        std::int64_t n = 0;
        auto r = std::from_chars(v.data(), v.data() + v.size(), n);
        if (v.empty())
            return 0;
        if (r.ec != std::errc() || r.ptr != v.data() + v.size() || n < 1)
            throw Error(Exit::usage, "--lines", fmt::format("\"{}\" is not a line range A-B", s));
        return n;
    };
    if (dash == std::string::npos) {
        auto n = num(s);
        return {n, n};
    }
    auto a = num(std::string_view(s).substr(0, dash)),
         b = num(std::string_view(s).substr(dash + 1));
    if (a == 0)
        a = 1;
    if (b != 0 && b < a)
        throw Error(Exit::usage, "--lines", fmt::format("range {} ends before it starts", s));
    return {a, b};
}

} // namespace

void add_sources(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand("sources", "List sources; show one; print its text");
    auto *show = cmd->add_subcommand(
        "show", "Metadata, attributes, speakers and segment counts of a source");
    auto *text = cmd->add_subcommand("text", "The stored text of a source");
    auto name = std::make_shared<std::string>();
    auto lines = std::make_shared<std::string>();
    auto numbered = std::make_shared<bool>(false);
    show->add_option("name", *name, "Source name")->required();
    text->add_option("name", *name, "Source name")->required();
    text->add_option("--lines", *lines, "Only lines A-B (1-based, inclusive; A- or -B open)");
    text->add_flag("--numbered", *numbered, "Prefix each line with its number");

    cmd->callback([&g, cmd] {
        if (!cmd->get_subcommands().empty())
            return;
        report::Table t{"sources",
                        {"name", "kind", "case", "format", "encoding", "chars", "bytes", "turns",
                         "speakers", "sha256"},
                        {}};
        for (const auto &s : app::list_sources(g.context()))
            t.rows.push_back({s.name, s.kind, s.case_name, s.format, s.encoding, s.chars, s.size,
                              s.turns, s.speakers, s.sha256.substr(0, 12)});
        g.print({"qda.sources/1", {}, {t}}, list_formats());
    });
    show->callback([&g, name] {
        auto d = app::show_source(g.context(), *name);
        const auto &s = d.info;
        report::Output out{"qda.source/1",
                           {{"name", s.name},
                            {"kind", s.kind},
                            {"case", s.case_name},
                            {"format", s.format},
                            {"encoding", s.encoding},
                            {"encoding_method", s.encoding_method},
                            {"encoding_confidence", std::int64_t{s.encoding_confidence}},
                            {"bytes", s.size},
                            {"chars", s.chars},
                            {"sha256", s.sha256},
                            {"path", s.path},
                            {"supersedes", s.supersedes},
                            {"imported_at", s.imported_at},
                            {"imported_by", s.imported_by}},
                           {}};
        report::Table a{"attributes", {"key", "type", "value"}, {}};
        for (const auto &v : d.attributes)
            a.rows.push_back({v.key, v.type, v.value});
        report::Table sp{"speakers", {"label", "role", "participant", "turns"}, {}};
        for (const auto &k : d.speakers)
            sp.rows.push_back({k.label, k.role, k.participant, k.turns});
        report::Table u{"segments", {"unit", "count"}, {}};
        for (const auto &[unit, n] : d.units)
            u.rows.push_back({unit, n});
        report::Table m{"memos", {"id", "type", "title", "author", "created_at", "text"}, {}};
        for (const auto &v : app::list_memos(g.context(), "source:" + *name, ""))
            m.rows.push_back({v.id, v.type, v.title, v.author, v.created_at, v.text});
        out.tables = {a, sp, u, m};
        g.print(out, list_formats());
    });
    text->callback([&g, name, lines, numbered] {
        auto [a, b] = line_range(*lines);
        auto ctx = g.format == "table" ? g.context() : g.context(list_formats());
        auto rows = app::source_text(ctx, *name, a, b);
        if (g.format == "table") {
            std::string o;
            for (const auto &l : rows)
                o += (*numbered ? fmt::format("{:>5}  ", l.number) : "") + l.text + "\n";
            std::fwrite(o.data(), 1, o.size(), stdout);
            return;
        }
        report::Table t{"lines", {"line", "text"}, {}};
        for (const auto &l : rows)
            t.rows.push_back({l.number, l.text});
        g.print({"qda.source-text/1", {{"source", *name}}, {t}}, list_formats());
    });
}

void add_segments(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand("segments", "The segments a reader found in a source");
    auto name = std::make_shared<std::string>();
    auto unit = std::make_shared<std::string>("turn");
    auto with_text = std::make_shared<bool>(false);
    cmd->add_option("name", *name, "Source name")->required();
    cmd->add_option("--unit", *unit, "turn, paragraph, sentence, line, cue, entry or row");
    cmd->add_flag("--text", *with_text, "Add the text of each segment");
    cmd->callback([&g, name, unit, with_text] {
        std::vector<std::string> texts;
        auto segs = app::segments(g.context(), *name, *unit, *with_text, &texts);
        report::Table t{
            "segments",
            {"ordinal", "unit", "start", "end", "line", "speaker", "participant", "timestamp"},
            {}};
        if (*with_text)
            t.columns.push_back("text");
        for (std::size_t i = 0; i < segs.size(); ++i) {
            const auto &s = segs[i];
            std::vector<report::Cell> row{s.ordinal, s.unit,    s.start,       s.end,
                                          s.line,    s.speaker, s.participant, s.timestamp};
            if (*with_text)
                row.emplace_back(texts[i]);
            t.rows.push_back(std::move(row));
        }
        g.print({"qda.segments/1", {}, {t}}, list_formats());
    });
}

} // namespace qda::cli
