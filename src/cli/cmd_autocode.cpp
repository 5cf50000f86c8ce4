#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/autocode.hpp"
#include "qda/error.hpp"

namespace qda::cli {
namespace {

report::Output autocode_output(const app::AutocodeResult &r) {
    report::Output out{"qda.autocode/1", {}, {}};
    out.fields = {{"run", r.run_id ? report::Cell{r.run_id} : report::Cell{}},
                  {"dry_run", r.dry_run},
                  {"coder", r.coder},
                  {"added", r.added},
                  {"existing", r.existing},
                  {"created_codes", fmt::format("{}", fmt::join(r.created_codes, ", "))}};
    report::Table rules{
        "rules", {"rule_line", "code", "matches", "added", "existing", "sources"}, {}};
    report::Table samples{
        "samples", {"rule_line", "code", "source", "line", "start", "end", "text"}, {}};
    for (const auto &x : r.rules) {
        rules.rows.push_back(
            {std::int64_t{x.line}, x.code, x.matches, x.added, x.existing, x.sources});
        for (const auto &q : x.samples)
            samples.rows.push_back(
                {std::int64_t{x.line}, x.code, q.source, q.line, q.start, q.end, q.text});
    }
    out.tables = {rules, samples};
    return out;
}

} // namespace

void add_autocode(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "autocode",
        "Code text by rules (words, phrases, regexes, speaker and source filters); undo a run");
    auto file = std::make_shared<std::string>();
    auto dry = std::make_shared<bool>(false);
    auto sample = std::make_shared<std::size_t>(3);
    auto threads = std::make_shared<unsigned>(0);
    cmd->add_option(
        "rules", *file,
        "Rules file (YAML; see qda-autocode(1) and schemas/autocode-rules.schema.json)");
    cmd->add_flag("--dry-run,-n", *dry,
                  "Show what would be coded, with counts and sample quotes; change nothing");
    cmd->add_option("--sample", *sample, "Sample quotes per rule in the report");
    cmd->add_option("--threads", *threads, "Matching threads (default: one per core)");
    auto run = std::make_shared<std::int64_t>(0);
    auto *undo = cmd->add_subcommand("undo", "Remove exactly the codings that one run added");
    undo->add_option("run", *run, "Run id (see `qda autocode runs`)")->required();
    auto *runs = cmd->add_subcommand("runs", "List autocoding runs");

    cmd->callback([&g, cmd, file, dry, sample, threads] {
        if (!cmd->get_subcommands().empty())
            return;
        if (file->empty())
            throw Error(Exit::usage, "autocode", "name a rules file",
                        "qda autocode RULES.yaml [--dry-run]");
        auto ctx = g.context();
        auto r = app::autocode(ctx, {*file, *dry, *sample, *threads});
        if (*dry) {
            g.print(autocode_output(r), list_formats());
            g.note(
                fmt::format("dry run: {} codings would be added, {} exist already; nothing changed",
                            r.added, r.existing));
            return;
        }
        g.print(autocode_output(r), list_formats());
        g.note(fmt::format("autocode run {}: {} codings added, {} already there", r.run_id, r.added,
                           r.existing));
        for (const auto &c : r.created_codes)
            g.note(fmt::format("created code {}", c));
    });
    undo->callback([&g, run] {
        auto r = app::autocode_undo(g.context(), *run);
        g.note(fmt::format("autocode run {} undone: {} codings removed", r.run_id, r.removed));
    });
    runs->callback([&g] {
        report::Table t{"runs",
                        {"id", "created_at", "coder", "rules", "rules_sha256", "codings",
                         "remaining", "undone_at"},
                        {}};
        for (const auto &r : app::autocode_runs(g.context()))
            t.rows.push_back({r.id, r.created_at, r.coder, r.rules_path, r.rules_sha256, r.codings,
                              r.remaining, r.undone_at});
        g.print({"qda.autocode-runs/1", {}, {t}}, list_formats());
    });
}

} // namespace qda::cli
