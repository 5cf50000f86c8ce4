// qda membercheck: what was sent to participants, what came back, and the verdicts on claims.
#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/error.hpp"
#include "qda/verification.hpp"

namespace qda::cli {
namespace {

report::Table verdict_table(const app::MemberCheckView &m) {
    report::Table t{"verdicts",
                    {"id", "claim", "verdict", "action", "created_by", "created_at", "claim_text"},
                    {}};
    for (const auto &v : m.verdicts)
        t.rows.push_back(
            {v.id, v.claim, v.verdict, v.action, v.created_by, v.created_at, v.claim_text});
    return t;
}

report::Output check_output(const app::MemberCheckView &m) {
    return {"qda.membercheck/1",
            {{"id", m.id},
             {"participant", m.participant},
             {"artifact", m.artifact},
             {"artifact_sha256", m.artifact_sha256},
             {"channel", m.channel},
             {"sent_on", m.sent_on},
             {"status", m.status},
             {"response_source", m.response_source},
             {"responded_on", m.responded_on},
             {"created_by", m.created_by},
             {"created_at", m.created_at}},
            {verdict_table(m)}};
}

struct Args {
    std::string participant, artifact, channel, date, file, verdict, action, name;
    std::int64_t claim = 0, id = 0;
    std::optional<std::int64_t> check;
};

} // namespace

void add_membercheck(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "membercheck", "Member checks: what participants were sent, their responses and verdicts");
    cmd->require_subcommand(1);
    auto a = std::make_shared<Args>();
    auto check_opt = [a](CLI::App *c) {
        c->add_option("--check", a->check,
                      "The member check (default: the participant's newest open one)");
    };

    auto *send = cmd->add_subcommand("send", "Record what was sent to a participant to check");
    send->add_option("--participant", a->participant, "Who it was sent to")->required();
    send->add_option("--artifact", a->artifact,
                     "What was sent: source:NAME, display:NAME or a FILE (its SHA-256 is kept)")
        ->required();
    send->add_option("--channel", a->channel, "How it was sent (e-mail, WhatsApp, in person...)");
    send->add_option("--date", a->date, "When, as YYYY-MM-DD (default: today)");
    send->callback([&g, a] {
        auto m =
            app::membercheck_send(g.context(), a->participant, a->artifact, a->channel, a->date);
        g.note(fmt::format("member check {}: {} sent to {} on {} (sha256 {})", m.id, m.artifact,
                           m.participant, m.sent_on, m.artifact_sha256.substr(0, 12)));
    });

    auto *respond = cmd->add_subcommand(
        "respond", "Import a participant's response as a source of kind member-check");
    respond->add_option("--participant", a->participant, "Who responded")->required();
    respond->add_option("--file", a->file, "The response (any format qda imports)")->required();
    respond->add_option("--date", a->date, "When it came, as YYYY-MM-DD (default: today)");
    respond->add_option("--name", a->name, "Source name (default: the file name)");
    check_opt(respond);
    respond->callback([&g, a] {
        auto m = app::membercheck_respond(g.context(), a->participant, a->file, a->date, a->check,
                                          a->name);
        g.note(fmt::format("member check {}: response from {} imported as source {}", m.id,
                           m.participant, m.response_source));
    });

    auto *none = cmd->add_subcommand("none", "Record that a participant did not respond");
    none->add_option("--participant", a->participant, "Who did not respond")->required();
    none->add_option("--date", a->date, "When the check was closed (default: today)");
    check_opt(none);
    none->callback([&g, a] {
        auto m = app::membercheck_none(g.context(), a->participant, a->date, a->check);
        g.note(fmt::format("member check {}: no response from {}", m.id, m.participant));
    });

    auto *verdict = cmd->add_subcommand(
        "verdict", "What a participant said of a claim, and what the researcher did about it");
    verdict->add_option("--participant", a->participant, "Whose verdict")->required();
    verdict->add_option("--claim", a->claim, "The claim id (see qda claim list)")->required();
    verdict->add_option("--verdict", a->verdict, "confirmed, amended, disputed or added")
        ->required();
    verdict->add_option("--action", a->action, "What the researcher did about it");
    check_opt(verdict);
    verdict->callback([&g, a] {
        auto m = app::membercheck_verdict(g.context(), a->participant, a->claim, a->verdict,
                                          a->action, a->check);
        g.note(fmt::format("member check {}: {} {} claim {}", m.id, m.participant, a->verdict,
                           a->claim));
    });

    auto *list = cmd->add_subcommand("list", "List member checks");
    list->add_option("--participant", a->participant, "Only this participant's");
    list->callback([&g, a] {
        report::Table t{"memberchecks",
                        {"id", "participant", "artifact", "artifact_sha256", "channel", "sent_on",
                         "status", "response_source", "responded_on", "verdicts"},
                        {}};
        for (const auto &m : app::membercheck_list(g.context(), a->participant))
            t.rows.push_back({m.id, m.participant, m.artifact, m.artifact_sha256, m.channel,
                              m.sent_on, m.status, m.response_source, m.responded_on,
                              static_cast<std::int64_t>(m.verdicts.size())});
        g.print({"qda.memberchecks/1", {}, {t}}, list_formats());
    });

    auto *show = cmd->add_subcommand("show", "One member check with its verdicts");
    show->add_option("id", a->id, "Member check id")->required();
    show->callback([&g, a] {
        g.print(check_output(app::membercheck_show(g.context(), a->id)), list_formats());
    });
}

} // namespace qda::cli
