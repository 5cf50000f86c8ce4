// The audit report: the project's material in the six categories of methods.md, then the
// auditor's checks. Reads only; every figure comes from the tables and the audit trail.
#include "qda/audit_report.hpp"
#include "qda/triangulation.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/coding.hpp"
#include "qda/error.hpp"
#include "qda/verification.hpp"
#include "store/audit_report.hpp"
#include "store/repo.hpp"
#include "store/trail.hpp"

namespace qda::app {
namespace {

bool starts(const std::string &s, std::string_view prefix) {
    return s.starts_with(prefix);
}

std::string clip(const std::string &s, std::size_t n = 80) {
    if (s.size() <= n)
        return s;
    auto cut = n;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
        --cut; // never split a UTF-8 sequence
    return s.substr(0, cut) + "...";
}

struct Categories {
    AuditCategory raw{"raw-data",
                      "Raw data",
                      "Sources as imported: their hashes, when and by whom; cases and "
                      "participants.",
                      {},
                      {}};
    AuditCategory reduction{"reduction",
                            "Data reduction and analysis products",
                            "Codings and memos, with who made them and when.",
                            {},
                            {}};
    AuditCategory reconstruction{"reconstruction",
                                 "Reconstruction and synthesis products",
                                 "The codebook and its themes, displays with the parameters "
                                 "that made them, conclusions with their evidence.",
                                 {},
                                 {}};
    AuditCategory process{"process",
                          "Process notes",
                          "Method decisions, triangulation verdicts, member checks and "
                          "reliability work.",
                          {},
                          {}};
    AuditCategory intentions{"intentions",
                             "Intentions and dispositions",
                             "Reflexive memos, and whether each was written before coding began.",
                             {},
                             {}};
    AuditCategory instruments{"instruments",
                              "Instrument development",
                              "Interview guides and observation protocols (sources of kind "
                              "instrument) and the sources collected with them.",
                              {},
                              {}};
    AuditCategory *by_key(const std::string &k) {
        for (auto *c : all())
            if (c->key == k)
                return c;
        return &process;
    }
    std::vector<AuditCategory *> all() {
        return {&raw, &reduction, &reconstruction, &process, &intentions, &instruments};
    }
};

void add_raw(Session &s, AuditCategory &c) {
    auto &db = s.db();
    auto sources = store::list_sources(db);
    std::map<std::string, std::int64_t> kinds;
    AuditTable t{"sources",
                 {"name", "kind", "case", "sha256", "imported_at", "imported_by", "supersedes"},
                 {}};
    for (const auto &x : sources) {
        ++kinds[x.kind];
        t.rows.push_back(
            {x.name, x.kind, x.case_name, x.sha256, x.imported_at, x.imported_by, x.supersedes});
    }
    c.counts.emplace_back("sources", static_cast<std::int64_t>(sources.size()));
    for (const auto &[k, n] : kinds)
        c.counts.emplace_back(fmt::format("sources of kind {}", k), n);
    c.counts.emplace_back("cases", store::count_rows(db, "cases"));
    c.counts.emplace_back("participants", store::count_rows(db, "participant"));
    c.tables.push_back(std::move(t));
}

void add_memos(const std::vector<MemoView> &memos, AuditCategory &c, const std::string &name,
               const std::vector<std::string> &types, const std::string &first_coding) {
    bool reflexive = std::find(types.begin(), types.end(), "reflexive") != types.end();
    AuditTable t{name, {"id", "type", "on", "title", "author", "created_at", "text"}, {}};
    if (reflexive)
        t.columns.insert(t.columns.begin() + 6, "before_coding");
    std::map<std::string, std::int64_t> n;
    for (const auto &m : memos) {
        if (std::find(types.begin(), types.end(), m.type) == types.end())
            continue;
        ++n[m.type];
        std::vector<AuditValue> row{m.id, m.type, m.on, m.title, m.author, m.created_at};
        if (reflexive)
            row.emplace_back(first_coding.empty() || m.created_at < first_coding);
        row.emplace_back(clip(m.text, 200));
        t.rows.push_back(std::move(row));
    }
    for (const auto &type : types)
        c.counts.emplace_back(fmt::format("{} memos", type), n[type]);
    c.tables.push_back(std::move(t));
}

void add_reduction(Session &s, AuditCategory &c, const std::vector<MemoView> &memos) {
    auto &db = s.db();
    c.counts.emplace_back("codings", store::count_rows(db, "coding"));
    c.counts.emplace_back("autocoding runs", store::count_rows(db, "autocode_run"));
    AuditTable t{"codings by coder", {"coder", "codings", "sources", "first", "last"}, {}};
    for (const auto &x : store::codings_by_coder(db))
        t.rows.push_back({x.coder, x.codings, x.sources, x.first, x.last});
    c.tables.push_back(std::move(t));
    add_memos(memos, c, "memos", {"analytic", "jotting", "summary", "contact", "theory"}, "");
}

void add_reconstruction(const Context &ctx, Session &s, AuditCategory &c,
                        const std::vector<DisplayInfo> &displays,
                        const std::set<std::string> &stale, const std::vector<ClaimView> &claims) {
    auto &db = s.db();
    auto codes = store::code_use(db);
    std::map<std::string, std::int64_t> status;
    std::int64_t themes = 0;
    AuditTable cb{"codebook",
                  {"code", "cycle", "members", "parent", "status", "merged_into", "codings",
                   "created_at", "created_by"},
                  {}};
    for (const auto &x : codes) {
        ++status[x.status];
        themes += x.cycle == 2 && x.status == "active";
        cb.rows.push_back({x.code, x.cycle, x.members, x.parent, x.status, x.merged_into, x.codings,
                           x.created_at, x.created_by});
    }
    c.counts.emplace_back("codes", static_cast<std::int64_t>(codes.size()));
    for (const auto &[k, n] : status)
        c.counts.emplace_back(fmt::format("codes {}", k), n);
    c.counts.emplace_back("pattern codes (themes)", themes);
    c.counts.emplace_back("displays", static_cast<std::int64_t>(displays.size()));
    c.counts.emplace_back("network links", store::count_rows(db, "network_link"));
    c.counts.emplace_back("claims", static_cast<std::int64_t>(claims.size()));
    c.tables.push_back(std::move(cb));

    AuditTable d{"displays", {"name", "args", "cells", "stale", "saved_by", "saved_at"}, {}};
    for (const auto &x : displays) {
        std::string args;
        for (const auto &a : x.args)
            args += (args.empty() ? "" : " ") + a;
        d.rows.push_back(
            {x.name, args, x.cells, stale.count(x.name) > 0, x.created_by, x.updated_at});
    }
    c.tables.push_back(std::move(d));

    AuditTable cl{"claims",
                  {"id", "text", "theme", "status", "evidence", "sources", "missing", "created_by",
                   "created_at"},
                  {}};
    for (const auto &x : claims) {
        auto full = show_claim(ctx, x.id);
        cl.rows.push_back({x.id, x.text, x.theme, x.status,
                           static_cast<std::int64_t>(full.evidence.size()), x.sources, x.missing,
                           x.created_by, x.created_at});
    }
    c.tables.push_back(std::move(cl));
}

void add_process(AuditCategory &c, const std::vector<MemoView> &memos,
                 const std::vector<MemberCheckView> &checks, const std::vector<audit::Event> &ev) {
    add_memos(memos, c, "method memos", {"method"}, "");
    AuditTable t{"member checks",
                 {"id", "participant", "artifact", "artifact_sha256", "channel", "sent_on",
                  "status", "response", "verdicts"},
                 {}};
    std::int64_t verdicts = 0;
    for (const auto &m : checks) {
        std::string v;
        for (const auto &x : m.verdicts)
            v += fmt::format("{}claim {}: {}", v.empty() ? "" : "; ", x.claim, x.verdict);
        verdicts += static_cast<std::int64_t>(m.verdicts.size());
        t.rows.push_back({m.id, m.participant, m.artifact, m.artifact_sha256, m.channel, m.sent_on,
                          m.status, m.response_source, v});
    }
    c.counts.emplace_back("member checks", static_cast<std::int64_t>(checks.size()));
    c.counts.emplace_back("member-check verdicts", verdicts);
    std::int64_t judged = 0, reliability = 0;
    for (const auto &e : ev) {
        judged += starts(e.action, "triangulat");
        reliability += starts(e.action, "agreement.");
    }
    c.counts.emplace_back("triangulation verdict events", judged);
    c.counts.emplace_back("agreement (reliability) events", reliability);
    c.tables.push_back(std::move(t));
}

void add_instruments(const Context &ctx, Session &s, AuditCategory &c) {
    auto inst = list_instruments(ctx);
    AuditTable t{"instruments",
                 {"name", "supersedes", "sha256", "imported_at", "imported_by", "sources"},
                 {}};
    std::int64_t links = 0;
    for (const auto &i : inst) {
        std::string names;
        for (const auto &n : i.sources)
            names += (names.empty() ? "" : ", ") + n;
        links += static_cast<std::int64_t>(i.sources.size());
        t.rows.push_back({i.name, i.supersedes, i.sha256, i.imported_at, i.imported_by, names});
    }
    // Interviews and observations collected with no recorded instrument.
    std::set<std::string> linked;
    for (const auto &l : store::instrument_links(s.db()))
        linked.insert(l.source);
    AuditTable u{"sources without an instrument", {"name", "kind"}, {}};
    for (const auto &x : store::list_sources(s.db()))
        if ((x.kind == "interview" || x.kind == "observation") && !linked.count(x.name))
            u.rows.push_back({x.name, x.kind});
    c.counts.emplace_back("instruments", static_cast<std::int64_t>(inst.size()));
    c.counts.emplace_back("sources linked to an instrument", links);
    c.counts.emplace_back("interviews and observations without an instrument",
                          static_cast<std::int64_t>(u.rows.size()));
    c.tables.push_back(std::move(t));
    c.tables.push_back(std::move(u));
}

/// Per category: events per day (with the actions), and the events that gave a reason.
void add_trail(Categories &cats, const std::vector<audit::Event> &events) {
    struct Day {
        std::int64_t n = 0;
        std::map<std::string, std::int64_t> actions;
    };
    std::map<std::string, std::map<std::string, Day>> days;
    std::map<std::string, AuditTable> decisions;
    for (const auto &e : events) {
        auto key = audit_category_of(e.action, e.summary);
        auto &d = days[key][e.time.substr(0, 10)];
        ++d.n;
        ++d.actions[e.action];
        if (e.why.empty())
            continue;
        auto &t = decisions[key];
        t.rows.push_back({e.seq, e.time, e.actor, e.action, e.summary, e.why});
    }
    for (auto *c : cats.all()) {
        AuditTable tl{"timeline", {"day", "events", "actions"}, {}};
        std::int64_t total = 0;
        for (const auto &[day, d] : days[c->key]) {
            std::string a;
            for (const auto &[act, n] : d.actions)
                a += fmt::format("{}{} x{}", a.empty() ? "" : ", ", act, n);
            tl.rows.push_back({day, d.n, a});
            total += d.n;
        }
        c->counts.emplace_back("audit events", total);
        auto &dt = decisions[c->key];
        dt.name = "decisions";
        dt.columns = {"seq", "time", "actor", "action", "summary", "why"};
        c->counts.emplace_back("decisions with a reason",
                               static_cast<std::int64_t>(dt.rows.size()));
        c->tables.push_back(std::move(tl));
        c->tables.push_back(std::move(dt));
    }
}

// ---- the auditor's checks: one function each, run in this order ---------------------------

struct CheckInput {
    const Context &ctx;
    Session &s;
    const std::vector<ClaimView> &claims;
    const std::vector<DisplayInfo> &displays;
    const std::set<std::string> &stale;
    const std::map<std::string, std::string> &stale_errors;
    const std::vector<MemberCheckView> &checks;
};

std::vector<std::string> check_claims(const CheckInput &in) {
    std::vector<std::string> found;
    for (const auto &x : in.claims) {
        if (x.status != "active")
            continue;
        auto full = show_claim(in.ctx, x.id);
        std::vector<std::string> gone;
        for (const auto &e : full.evidence)
            if (!e.present)
                gone.push_back(fmt::format("coding {}", e.coding));
        if (full.evidence.empty())
            found.push_back(fmt::format("claim {} \"{}\": no evidence", x.id, clip(x.text)));
        else if (gone.size() == full.evidence.size())
            found.push_back(fmt::format("claim {} \"{}\": all its evidence was removed ({})", x.id,
                                        clip(x.text), fmt::join(gone, ", ")));
        else if (!gone.empty())
            found.push_back(fmt::format("claim {} \"{}\": {} of {} cited codings were removed "
                                        "({})",
                                        x.id, clip(x.text), gone.size(), full.evidence.size(),
                                        fmt::join(gone, ", ")));
    }
    return found;
}

std::vector<std::string> check_inactive_codes(const CheckInput &in) {
    std::vector<std::string> found;
    for (const auto &x : store::codings_of_inactive_codes(in.s.db()))
        found.push_back(
            x.status == "merged"
                ? fmt::format("code \"{}\" (merged into \"{}\"): {} coding(s)", x.code,
                              x.merged_into, x.codings)
                : fmt::format("code \"{}\" ({}): {} coding(s)", x.code, x.status, x.codings));
    return found;
}

std::vector<std::string> check_displays(const CheckInput &in) {
    std::vector<std::string> found;
    for (const auto &d : in.displays) {
        if (auto e = in.stale_errors.find(d.name); e != in.stale_errors.end())
            found.push_back(
                fmt::format("display \"{}\": cannot be rebuilt: {}", d.name, e->second));
        else if (in.stale.count(d.name))
            found.push_back(fmt::format("display \"{}\" (saved {} by {}): its data changed", d.name,
                                        d.updated_at, d.created_by));
    }
    return found;
}

std::vector<std::string> check_member_checks(const CheckInput &in) {
    std::vector<std::string> found;
    for (const auto &m : in.checks) {
        if (m.status == "no-response")
            found.push_back(fmt::format("member check {} ({}, {}): no response", m.id,
                                        m.participant, m.artifact));
        else if (m.status == "sent")
            found.push_back(fmt::format("member check {} ({}, {}): sent {}, no response yet", m.id,
                                        m.participant, m.artifact, m.sent_on));
        for (const auto &v : m.verdicts)
            if (v.verdict == "disputed")
                found.push_back(
                    fmt::format("member check {}: {} disputed claim {} \"{}\"; action: {}", m.id,
                                m.participant, v.claim, clip(v.claim_text), v.action));
    }
    return found;
}

std::vector<std::string> check_verify(const CheckInput &in) {
    std::vector<std::string> found;
    return audit_verify(in.ctx).problems;
}

} // namespace

std::string audit_category_of(const std::string &action, const std::string &summary) {
    if (action == "memo.add" || action == "memo.edit" || action == "memo.remove") {
        if (starts(summary, "reflexive "))
            return "intentions";
        if (starts(summary, "method "))
            return "process";
        return "reduction";
    }
    for (const char *p : {"instrument."})
        if (starts(action, p))
            return "instruments";
    for (const char *p : {"init", "migrate", "import", "attr.", "case.", "participant.", "source."})
        if (starts(action, p))
            return "raw-data";
    for (const char *p : {"coding.", "codings.", "autocode", "agreement.reconcile"})
        if (starts(action, p))
            return "reduction";
    for (const char *p : {"code.", "codebook.", "display.", "claim.", "network."})
        if (starts(action, p))
            return "reconstruction";
    return "process"; // membercheck., triangulate., agreement. and anything new
}

AuditReport audit_report(const Context &ctx, const DisplayStale &stale_of) {
    AuditReport r;
    auto memos = list_memos(ctx, "", "");
    auto claims = list_claims(ctx, "", "");
    auto checks = membercheck_list(ctx, "");
    auto displays = list_displays(ctx);
    std::set<std::string> stale;
    std::map<std::string, std::string> stale_errors;
    for (const auto &d : displays) {
        try {
            if (stale_of(d))
                stale.insert(d.name);
        } catch (const Error &e) {
            stale_errors[d.name] = e.what();
        }
    }
    Session s(ctx);
    r.project = s.db().path().filename().string();
    auto events = store::events(s.db());
    r.events = static_cast<std::int64_t>(events.size());
    if (!events.empty()) {
        r.first_event = events.front().time;
        r.last_event = events.back().time;
    }
    Categories cats;
    add_raw(s, cats.raw);
    add_reduction(s, cats.reduction, memos);
    add_reconstruction(ctx, s, cats.reconstruction, displays, stale, claims);
    add_process(cats.process, memos, checks, events);
    add_memos(memos, cats.intentions, "reflexive memos", {"reflexive"},
              store::first_coding_time(s.db()));
    add_instruments(ctx, s, cats.instruments);
    add_trail(cats, events);
    for (auto *c : cats.all())
        r.categories.push_back(std::move(*c));

    CheckInput in{ctx, s, claims, displays, stale, stale_errors, checks};
    struct CheckDef {
        const char *key, *title;
        std::function<std::vector<std::string>(const CheckInput &)> run; ///< empty: not run
    };
    const std::vector<CheckDef> list = {
        {"claims-without-evidence", "Claims with no evidence, or whose evidence was removed",
         check_claims},
        {"codings-of-inactive-codes", "Codings of retired or merged codes", check_inactive_codes},
        {"stale-displays", "Saved displays whose data changed since they were made",
         check_displays},
        {"member-checks", "Member checks with no response, or with disputed verdicts",
         check_member_checks},
        {"triangulation-verdicts", "Triangulation verdicts missing for themes silent in some group",
         [](const CheckInput &c) { return triangulation_gaps(c.ctx); }},
        {"audit-verify", "The audit trail verifies (qda audit verify)", check_verify},
    };
    for (const auto &d : list) {
        AuditCheck c{d.key, d.title, "not run", {}};
        if (d.run) {
            c.findings = d.run(in);
            c.status = c.findings.empty() ? "pass" : "fail";
        }
        r.checks.push_back(std::move(c));
    }
    return r;
}

} // namespace qda::app
