#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/error.hpp"

namespace qda::cli {

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
