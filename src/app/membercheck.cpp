// qda membercheck: what was sent to a participant to check the analysis (with the artefact's
// hash), what came back (imported as a source of kind member-check), and the verdicts on
// claims with what the researcher did about each.
#include <fstream>
#include <iterator>
#include <map>

#include <fmt/format.h>

#include "app/import_step.hpp"
#include "app/session.hpp"
#include "qda/audit.hpp"
#include "qda/error.hpp"
#include "qda/matrix_model.hpp"
#include "qda/verification.hpp"
#include "store/displays.hpp"
#include "store/repo.hpp"
#include "store/verification.hpp"

namespace qda::app {
namespace {

const std::vector<std::string> kVerdicts = {"confirmed", "amended", "disputed", "added"};

/// An ISO calendar date (YYYY-MM-DD); empty means today (UTC).
std::string check_date(const std::string &date, const std::string &option) {
    if (date.empty())
        return store::append_time_now().substr(0, 10);
    if (date.size() == 10 && model::period_of(date, "day"))
        return date;
    throw Error(Exit::usage, option, fmt::format("\"{}\" is not a date", date),
                "write the date as YYYY-MM-DD, e.g. 2024-08-15");
}

std::string read_all(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(Exit::no_input, path, "cannot read this file");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The artefact as recorded, and the SHA-256 of what the participant was given.
std::pair<std::string, std::string> artifact_of(store::Db &db, const std::string &artifact) {
    if (artifact.starts_with("source:")) {
        auto name = artifact.substr(7);
        auto si = store::get_source(db, require_source(db, name));
        return {"source:" + si.name, si.sha256};
    }
    if (artifact.starts_with("display:")) {
        auto name = artifact.substr(8);
        auto d = store::display_by_name(db, name);
        if (!d)
            throw Error(Exit::no_input, artifact, "no saved display with this name",
                        "list them with `qda display list`");
        return {"display:" + name, d->fingerprint};
    }
    auto path = artifact.starts_with("file:") ? artifact.substr(5) : artifact;
    return {"file:" + path, audit::sha256_hex(read_all(path))};
}

store::MemberCheckRow require_check(store::Db &db, std::int64_t id) {
    if (auto m = store::member_check_by_id(db, id))
        return *m;
    throw Error(Exit::no_input, fmt::format("member check {}", id), "no member check with this id",
                "list them with `qda membercheck list`");
}

/// `check` when given (and it is the participant's), else the participant's newest check that
/// is still `waiting_for` (any status when empty).
store::MemberCheckRow pick_check(store::Db &db, std::int64_t participant,
                                 const std::string &participant_name,
                                 std::optional<std::int64_t> check,
                                 const std::string &waiting_for) {
    if (check) {
        auto m = require_check(db, *check);
        if (m.participant_id != participant)
            throw Error(Exit::data, fmt::format("member check {}", *check),
                        fmt::format("this check was not sent to {}", participant_name));
        return m;
    }
    auto all = store::member_checks(db, participant);
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (waiting_for.empty() || it->status == waiting_for)
            return *it;
    throw Error(Exit::data, participant_name,
                waiting_for.empty()
                    ? "nothing was sent to this participant for a member check"
                    : "no member check of this participant is waiting for a response",
                "record what was sent first: qda membercheck send --participant ...");
}

/// The check a response (or its absence) closes: `check`, or the participant's newest one still
/// waiting; an error when it is closed already.
store::MemberCheckRow open_check(store::Db &db, const std::string &participant,
                                 std::optional<std::int64_t> check) {
    auto m = pick_check(db, require_participant(db, participant), participant, check, "sent");
    if (m.status != "sent")
        throw Error(Exit::data, fmt::format("member check {}", m.id),
                    fmt::format("this check is already marked {}", m.status));
    return m;
}

class Views {
  public:
    explicit Views(store::Db &db) : db_(db) {
        for (const auto &p : store::list_participants(db))
            participants_[p.id] = p.name;
        for (const auto &s : store::list_sources(db))
            sources_[s.id] = s.name;
        for (const auto &c : store::claims(db))
            claims_[c.id] = c.text;
    }
    MemberCheckView view(const store::MemberCheckRow &m) {
        MemberCheckView v{
            m.id,           participants_[m.participant_id],
            m.artifact,     m.artifact_sha256,
            m.channel,      m.sent_on,
            m.status,       m.response_source_id ? sources_[*m.response_source_id] : "",
            m.responded_on, m.created_by,
            m.created_at,   {}};
        for (const auto &r : store::verdicts_of(db_, m.id))
            v.verdicts.push_back({r.id, r.claim_id, claims_[r.claim_id], r.verdict, r.action,
                                  r.created_by, r.created_at});
        return v;
    }

  private:
    store::Db &db_;
    std::map<std::int64_t, std::string> participants_, sources_, claims_;
};

} // namespace

MemberCheckView membercheck_send(const Context &ctx, const std::string &participant,
                                 const std::string &artifact, const std::string &channel,
                                 const std::string &date) {
    auto sent = check_date(date, "--date");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto pid = require_participant(db, participant);
    auto [what, sha] = artifact_of(db, artifact);
    store::MemberCheckRow m;
    m.participant_id = pid;
    m.artifact = what;
    m.artifact_sha256 = sha;
    m.channel = channel;
    m.sent_on = sent;
    m.created_at = store::append_time_now();
    m.created_by = s.actor();
    store::insert_member_check(db, m, changes);
    s.finish(tx, "membercheck.send",
             fmt::format("member check {}: {} sent to {} on {}", m.id, what, participant, sent),
             changes);
    return Views(db).view(m);
}

MemberCheckView membercheck_respond(const Context &ctx, const std::string &participant,
                                    const std::filesystem::path &file, const std::string &date,
                                    std::optional<std::int64_t> check, const std::string &name) {
    auto when = check_date(date, "--date");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto before = open_check(db, participant, check);
    ImportRequest req;
    req.paths = {file.string()};
    req.kind = "member-check";
    req.name = name;
    auto r = import_in(s, req, changes);
    if (r.imported != 1 || r.items.empty())
        throw Error(Exit::data, file.string(),
                    r.items.empty() ? "nothing was imported"
                                    : fmt::format("not imported: {}", r.items.front().reason),
                    "a response is a new file; give it its own name with --name if needed");
    auto after = before;
    after.status = "responded";
    after.response_source_id = store::source_id(db, r.items.front().name);
    after.responded_on = when;
    store::update_member_check(db, before, after, changes);
    s.finish(tx, "membercheck.respond",
             fmt::format("member check {}: {} responded on {} (source {})", after.id, participant,
                         when, r.items.front().name),
             changes);
    return Views(db).view(after);
}

MemberCheckView membercheck_none(const Context &ctx, const std::string &participant,
                                 const std::string &date, std::optional<std::int64_t> check) {
    auto when = check_date(date, "--date");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto before = open_check(db, participant, check);
    auto after = before;
    after.status = "no-response";
    after.responded_on = when;
    store::update_member_check(db, before, after, changes);
    s.finish(tx, "membercheck.none",
             fmt::format("member check {}: no response from {}", after.id, participant), changes);
    return Views(db).view(after);
}

MemberCheckView membercheck_verdict(const Context &ctx, const std::string &participant,
                                    std::int64_t claim, const std::string &verdict,
                                    const std::string &action, std::optional<std::int64_t> check) {
    if (std::find(kVerdicts.begin(), kVerdicts.end(), verdict) == kVerdicts.end())
        throw Error(Exit::usage, "--verdict", fmt::format("unknown verdict \"{}\"", verdict),
                    "use confirmed, amended, disputed or added");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto pid = require_participant(db, participant);
    auto m = pick_check(db, pid, participant, check, "");
    if (!store::claim_by_id(db, claim))
        throw Error(Exit::no_input, fmt::format("claim {}", claim), "no claim with this id",
                    "list them with `qda claim list`");
    store::VerdictRow v{0, m.id, claim, verdict, action, store::append_time_now(), s.actor()};
    store::insert_verdict(db, v, changes);
    s.finish(tx, "membercheck.verdict",
             fmt::format("member check {}: {} {} claim {}", m.id, participant, verdict, claim),
             changes);
    return Views(db).view(m);
}

std::vector<MemberCheckView> membercheck_list(const Context &ctx, const std::string &participant) {
    Session s(ctx);
    auto &db = s.db();
    std::optional<std::int64_t> pid;
    if (!participant.empty())
        pid = require_participant(db, participant);
    Views views(db);
    std::vector<MemberCheckView> out;
    for (const auto &m : store::member_checks(db, pid))
        out.push_back(views.view(m));
    return out;
}

MemberCheckView membercheck_show(const Context &ctx, std::int64_t id) {
    Session s(ctx);
    return Views(s.db()).view(require_check(s.db(), id));
}

} // namespace qda::app
