// qda code, qda uncode, qda codings (and codings import).
#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/coding.hpp"
#include "qda/error.hpp"

namespace qda::cli {
namespace {

/// The locator options shared by code and uncode; exactly one must be given.
struct Where {
    std::int64_t segment = 0, nth = 1;
    std::string unit = "turn", lines, chars, match, turns_of;
    bool all = false;
    CLI::Option *o_segment, *o_unit, *o_lines, *o_chars, *o_match, *o_turns, *o_nth, *o_all;

    void add(CLI::App *c) {
        o_segment = c->add_option("--segment", segment, "The N-th segment (1-based) of --unit");
        o_unit = c->add_option("--unit", unit,
                               "Unit of --segment: turn, paragraph, sentence, cue, entry or row");
        o_lines = c->add_option("--lines", lines, "Lines A-B (1-based, inclusive), or one line N");
        o_chars =
            c->add_option("--chars", chars, "Characters A-B: code point positions, end exclusive");
        o_match =
            c->add_option("--match", match, "The first occurrence of TEXT (case-insensitive)");
        o_nth =
            c->add_option("--nth", nth, "With --match: the K-th occurrence instead of the first");
        o_all = c->add_flag("--all", all, "With --match: every occurrence");
        o_turns = c->add_option("--turns-of", turns_of,
                                "Every turn of a participant (name or alias) or speaker label");
    }

    app::Locator get() const {
        int n = 0;
        for (auto *o : {o_segment, o_lines, o_chars, o_match, o_turns})
            n += o->count() > 0;
        if (n != 1)
            throw Error(Exit::usage, "locator",
                        n == 0
                            ? "say where: --segment, --lines, --chars, --match or --turns-of"
                            : "give only one of --segment, --lines, --chars, --match, --turns-of");
        if ((o_nth->count() || o_all->count()) && !o_match->count())
            throw Error(Exit::usage, o_all->count() ? "--all" : "--nth", "goes with --match");
        if (o_nth->count() && o_all->count())
            throw Error(Exit::usage, "--nth", "give --nth or --all, not both");
        if (o_unit->count() && !o_segment->count())
            throw Error(Exit::usage, "--unit", "goes with --segment");
        app::Locator l;
        if (o_segment->count()) {
            l.kind = app::Locator::segment;
            l.unit = unit;
            l.a = segment;
        } else if (o_lines->count()) {
            l.kind = app::Locator::lines;
            std::tie(l.a, l.b) = app::parse_range(lines, "--lines");
        } else if (o_chars->count()) {
            l.kind = app::Locator::chars;
            std::tie(l.a, l.b) = app::parse_range(chars, "--chars");
        } else if (o_match->count()) {
            l.kind = app::Locator::match;
            l.text = match;
            l.nth = nth;
            l.all = all;
        } else {
            l.kind = app::Locator::turns_of;
            l.text = turns_of;
        }
        return l;
    }
};

/// At most 60 characters of a quote, on one line.
std::string shorten(const std::string &s) {
    std::string o;
    std::size_t cps = 0, i = 0;
    for (; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80 && ++cps > 60)
            break;
        o += c == '\n' || c == '\t' ? ' ' : s[i];
    }
    return i < s.size() ? o + "…" : o;
}

void print_changes(const Globals &g, const std::vector<app::CodingView> &rows) {
    report::Table t{"codings",
                    {"id", "source", "code", "start", "end", "line", "coder", "status", "quote"},
                    {}};
    for (const auto &c : rows)
        t.rows.push_back(
            {c.id, c.source, c.code, c.start, c.end, c.line, c.coder, c.status, shorten(c.text)});
    g.print({"qda.coding-changes/1", {}, {t}}, list_formats());
}

std::size_t count(const std::vector<app::CodingView> &rows, const char *status) {
    return static_cast<std::size_t>(
        std::count_if(rows.begin(), rows.end(), [&](const auto &c) { return c.status == status; }));
}

} // namespace

void add_coding(CLI::App &app, Globals &g) {
    auto *code = app.add_subcommand("code", "Apply codes to a located span of a source");
    auto creq = std::make_shared<app::CodeRequest>();
    auto cwhere = std::make_shared<Where>();
    code->add_option("source", creq->source, "Source name")->required();
    code->add_option("codes", creq->codes, "Code names")->required();
    cwhere->add(code);
    code->add_option("--memo", creq->memo, "A note stored with each new coding");
    code->add_flag("--create", creq->create,
                   "Create unknown codes (active, first-cycle, at the root)");
    code->callback([&g, creq, cwhere] {
        auto ctx = g.context();
        creq->where = cwhere->get();
        auto rows = app::code(ctx, *creq);
        print_changes(g, rows);
        g.note(fmt::format("{} coding(s) made, {} already there", count(rows, "created"),
                           count(rows, "exists")));
    });

    auto *uncode =
        app.add_subcommand("uncode", "Remove codings of codes from a located span of a source");
    auto ureq = std::make_shared<app::UncodeRequest>();
    auto uwhere = std::make_shared<Where>();
    uncode->add_option("source", ureq->source, "Source name")->required();
    uncode->add_option("codes", ureq->codes, "Code names")->required();
    uwhere->add(uncode);
    uncode->add_flag("--any-coder", ureq->any_coder,
                     "Remove the codings of every coder, not only yours");
    uncode->add_flag("--overlapping", ureq->overlapping,
                     "Remove every coding that overlaps the span, not only exact ones");
    uncode->callback([&g, ureq, uwhere] {
        auto ctx = g.context();
        ureq->where = uwhere->get();
        auto rows = app::uncode(ctx, *ureq);
        print_changes(g, rows);
        g.note(fmt::format("{} coding(s) removed", rows.size()));
    });

    auto *list = app.add_subcommand(
        "codings", "Every coding with its quoted text; import codings from a table");
    auto q = std::make_shared<app::CodingQuery>();
    auto run = std::make_shared<std::int64_t>(0);
    list->add_option("--source", q->sources, "Only codings of this source (repeatable)");
    list->add_option("--code", q->codes, "Only codings of this code (repeatable)");
    list->add_option("--coder", q->coders, "Only codings by this coder (repeatable)");
    list->add_option("--case", q->case_name, "Only codings of the sources of this case");
    auto *o_run = list->add_option("--run", *run, "Only codings added by this autocoding run");
    list->callback([&g, list, q, run, o_run] {
        if (!list->get_subcommands().empty())
            return;
        auto ctx = g.context();
        if (o_run->count())
            q->run = *run;
        report::Table t{
            "codings",
            {"id", "source", "start", "end", "line", "code", "coder", "time", "memo", "text"},
            {}};
        for (const auto &c : app::list_codings(ctx, *q))
            t.rows.push_back(
                {c.id, c.source, c.start, c.end, c.line, c.code, c.coder, c.time, c.memo, c.text});
        g.print({"qda.codings/1", {}, {t}}, list_formats());
    });

    auto *imp = list->add_subcommand(
        "import", "Read codings from TSV, CSV or JSONL in the columns `qda codings` writes");
    auto ireq = std::make_shared<app::CodingImportRequest>();
    auto file = std::make_shared<std::string>();
    imp->add_option("file", *file, "A .tsv, .csv or .jsonl file")->required();
    imp->add_option("--format-in", ireq->format,
                    "tsv, csv or jsonl (default: by the file's extension)")
        ->check(CLI::IsMember({"tsv", "csv", "jsonl"}));
    imp->add_flag("--create-codes", ireq->create_codes,
                  "Create codes the codebook does not have yet");
    imp->add_flag("--dry-run", ireq->dry_run, "Check every row and report; change nothing");
    imp->callback([&g, ireq, file] {
        ireq->file = *file;
        auto r = app::import_codings(g.context(), *ireq);
        g.note(fmt::format("{}{} coding(s) {} from {} row(s); {} already present",
                           ireq->dry_run ? "dry run: " : "", r.imported,
                           ireq->dry_run ? "would be imported" : "imported", r.rows, r.existing));
        if (!r.created_codes.empty())
            g.note(fmt::format("code(s) {}: {}",
                               ireq->dry_run ? "that would be created" : "created",
                               fmt::join(r.created_codes, ", ")));
    });
}

} // namespace qda::cli
