#include <fstream>

#include <fmt/format.h>

#include "cli/globals.hpp"
#include "cli/matrix_cli.hpp"
#include "qda/audit_report.hpp"
#include "qda/error.hpp"
#include "qda/report_document.hpp"

namespace qda::cli {
namespace {

report::Cell cell(const app::AuditValue &v) {
    return std::visit([](const auto &x) { return report::Cell{x}; }, v);
}

report::Document document(const app::AuditReport &r) {
    report::Document d{"qda.audit-report/1",
                       "Audit report: " + r.project,
                       {{"project", r.project},
                        {"events", r.events},
                        {"first_event", r.first_event},
                        {"last_event", r.last_event}},
                       {}};
    for (const auto &c : r.categories) {
        report::Section s{c.key, c.title, {c.about}, {}, {}};
        for (const auto &[k, n] : c.counts)
            s.fields.emplace_back(k, n);
        for (const auto &t : c.tables) {
            report::Table rt{t.name, t.columns, {}};
            for (const auto &row : t.rows) {
                std::vector<report::Cell> cells;
                for (const auto &v : row)
                    cells.push_back(cell(v));
                rt.rows.push_back(std::move(cells));
            }
            s.tables.push_back(std::move(rt));
        }
        d.sections.push_back(std::move(s));
    }
    report::Section checks{"checks",
                           "Checks",
                           {"What an auditor checks first. pass: nothing found; fail: see the "
                            "findings; not run: this build cannot make the check."},
                           {},
                           {}};
    report::Table summary{"summary", {"check", "title", "status", "findings"}, {}};
    report::Table findings{"findings", {"check", "finding"}, {}};
    for (const auto &c : r.checks) {
        summary.rows.push_back(
            {c.key, c.title, c.status, static_cast<std::int64_t>(c.findings.size())});
        for (const auto &f : c.findings)
            findings.rows.push_back({c.key, f});
    }
    checks.tables = {summary, findings};
    d.sections.push_back(std::move(checks));
    return d;
}

void audit_report_command(const Globals &g, const std::string &out_file) {
    static const std::vector<report::Format> formats = {report::Format::table, report::Format::md,
                                                        report::Format::html, report::Format::json};
    auto ctx = g.context(formats);
    auto f = report::parse_format(g.format, formats);
    if (f == report::Format::table)
        f = report::Format::md; // the report is a document: Markdown reads well in a terminal
    auto r = app::audit_report(ctx, [&ctx](const app::DisplayInfo &d) {
        return app::show_display(ctx, d.name, parse_matrix_args(d.args)).first.stale;
    });
    auto text = report::render_document(document(r), f);
    if (out_file.empty() || out_file == "-") {
        if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
            std::fflush(stdout) != 0)
            throw Error(Exit::io, "stdout", "cannot write output");
    } else {
        std::ofstream out(out_file, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(Exit::cant_create, out_file, "cannot create the report file");
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out)
            throw Error(Exit::io, out_file, "cannot write the report file");
        g.note(fmt::format("audit report written to {}", out_file));
    }
    std::size_t failed = 0;
    for (const auto &c : r.checks)
        failed += c.status == "fail";
    if (failed)
        g.note(fmt::format("{} of {} checks found something", failed, r.checks.size()));
}

} // namespace

void add_audit(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand("audit", "The audit trail: read it, verify it");
    cmd->require_subcommand(1);
    auto *log = cmd->add_subcommand("log", "Events in order: who did what, when, and why");
    auto since = std::make_shared<std::string>();
    auto action = std::make_shared<std::string>();
    auto changes = std::make_shared<bool>(false);
    log->add_option(
        "--since", *since,
        "Only events at or after this UTC date or date-time (2024-06-01, 2024-06-01T10:00)");
    log->add_option("--action", *action, "Only this action (import, attr.set) or family (attr.)");
    log->add_flag("--changes", *changes, "Add the rows each event changed (JSON)");
    auto *rep = cmd->add_subcommand(
        "report", "The audit report: the six categories of the audit trail, then the checks "
                  "(--format md, the default, html or json)");
    auto out_file = std::make_shared<std::string>();
    rep->add_option("-o,--out", *out_file, "Write the report to FILE instead of stdout")
        ->option_text("FILE");
    rep->callback([&g, out_file] { audit_report_command(g, *out_file); });
    auto *verify = cmd->add_subcommand(
        "verify", "Recompute the hash chain and check every row against it; exit 1 on any problem");

    log->callback([&g, since, action, changes] {
        report::Table t{
            "events", {"seq", "time", "actor", "action", "summary", "why", "command", "hash"}, {}};
        if (*changes)
            t.columns.push_back("changes");
        for (const auto &e : app::audit_log(g.context(), *since, *action)) {
            std::vector<report::Cell> row{e.seq,     e.time, e.actor,   e.action,
                                          e.summary, e.why,  e.command, e.hash};
            if (*changes)
                row.emplace_back(report::Json{e.changes.dump()});
            t.rows.push_back(std::move(row));
        }
        g.print({"qda.audit-log/1", {}, {t}}, list_formats());
    });
    verify->callback([&g] {
        auto r = app::audit_verify(g.context());
        report::Table t{"problems", {"problem"}, {}};
        for (const auto &p : r.problems)
            t.rows.push_back({p});
        report::Output out{"qda.audit-verify/1",
                           {{"ok", r.problems.empty()},
                            {"events", static_cast<std::int64_t>(r.events)},
                            {"rows", static_cast<std::int64_t>(r.rows)}},
                           {t}};
        if (g.format == "table") {
            if (r.problems.empty())
                g.note(fmt::format("audit trail verified: {} events account for all {} rows",
                                   r.events, r.rows));
            for (const auto &p : r.problems)
                std::fprintf(stdout, "%s\n", p.c_str());
        } else {
            g.print(out, list_formats());
        }
        if (!r.problems.empty())
            throw Error(Exit::no, "audit verify",
                        fmt::format("{} problem(s) found", r.problems.size()));
    });
}

} // namespace qda::cli
