#include "store/verification.hpp"

#include <fmt/format.h>

namespace qda::store {
namespace {

constexpr const char *kClaimCols =
    "id, text, theme_id, status, evidence_query, created_at, created_by, updated_at";
constexpr const char *kEvidenceCols =
    "id, claim_id, coding_id, source_id, code_id, start, end, coder";
constexpr const char *kCheckCols =
    "id, participant_id, artifact, artifact_sha256, channel, sent_on, status, response_source_id, "
    "responded_on, created_at, created_by";
constexpr const char *kVerdictCols =
    "id, check_id, claim_id, verdict, action, created_at, created_by";

ClaimRow claim_row(const Stmt &s) {
    return {s.i64(0),  s.text(1), s.opt_i64(2), s.text(3),
            s.text(4), s.text(5), s.text(6),    s.text(7)};
}

EvidenceRow evidence_row(const Stmt &s) {
    return {s.i64(0), s.i64(1), s.i64(2), s.i64(3), s.i64(4), s.i64(5), s.i64(6), s.text(7)};
}

MemberCheckRow check_row(const Stmt &s) {
    MemberCheckRow m;
    m.id = s.i64(0);
    m.participant_id = s.i64(1);
    m.artifact = s.text(2);
    m.artifact_sha256 = s.text(3);
    m.channel = s.text(4);
    m.sent_on = s.text(5);
    m.status = s.text(6);
    m.response_source_id = s.opt_i64(7);
    m.responded_on = s.text(8);
    m.created_at = s.text(9);
    m.created_by = s.text(10);
    return m;
}

VerdictRow verdict_row(const Stmt &s) {
    return {s.i64(0), s.i64(1), s.i64(2), s.text(3), s.text(4), s.text(5), s.text(6)};
}

nlohmann::json claim_json(const ClaimRow &c) {
    return {{"text", c.text},
            {"theme_id", c.theme_id ? nlohmann::json(*c.theme_id) : nlohmann::json()},
            {"status", c.status}};
}

} // namespace

std::int64_t insert_claim(Db &db, ClaimRow &c, ChangeSet &changes) {
    Stmt s(db, "INSERT INTO claim(text, theme_id, status, evidence_query, created_at, created_by, "
               "updated_at) VALUES(?,?,?,?,?,?,?)");
    s.bind(1, c.text).bind(2, c.theme_id).bind(3, c.status).bind(4, c.evidence_query);
    s.bind(5, c.created_at).bind(6, c.created_by).bind(7, c.updated_at).run();
    c.id = db.last_id();
    changes.insert("claim", c.id, claim_json(c));
    return c.id;
}

void update_claim(Db &db, const ClaimRow &before, const ClaimRow &after, ChangeSet &changes) {
    Stmt s(db, "UPDATE claim SET text = ?, theme_id = ?, status = ?, evidence_query = ?, "
               "updated_at = ? WHERE id = ?");
    s.bind(1, after.text).bind(2, after.theme_id).bind(3, after.status);
    s.bind(4, after.evidence_query).bind(5, after.updated_at).bind(6, after.id).run();
    changes.update("claim", after.id, claim_json(before), claim_json(after));
}

std::optional<ClaimRow> claim_by_id(Db &db, std::int64_t id) {
    Stmt s(db, fmt::format("SELECT {} FROM claim WHERE id = ?", kClaimCols));
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return claim_row(s);
}

std::vector<ClaimRow> claims(Db &db) {
    Stmt s(db, fmt::format("SELECT {} FROM claim ORDER BY id", kClaimCols));
    std::vector<ClaimRow> out;
    while (s.step())
        out.push_back(claim_row(s));
    return out;
}

bool insert_evidence(Db &db, EvidenceRow &e, ChangeSet &changes) {
    Stmt s(db, "INSERT OR IGNORE INTO claim_evidence(claim_id, coding_id, source_id, code_id, "
               "start, end, coder) VALUES(?,?,?,?,?,?,?)");
    s.bind(1, e.claim_id).bind(2, e.coding_id).bind(3, e.source_id).bind(4, e.code_id);
    s.bind(5, e.start).bind(6, e.end).bind(7, e.coder).run();
    if (db.changes() == 0)
        return false;
    e.id = db.last_id();
    changes.insert("claim_evidence", e.id, {{"claim_id", e.claim_id}, {"coding_id", e.coding_id}});
    return true;
}

void delete_evidence(Db &db, const EvidenceRow &e, ChangeSet &changes) {
    Stmt s(db, "DELETE FROM claim_evidence WHERE id = ?");
    s.bind(1, e.id).run();
    changes.remove("claim_evidence", e.id, {{"claim_id", e.claim_id}, {"coding_id", e.coding_id}});
}

std::vector<EvidenceRow> evidence_of(Db &db, std::int64_t claim_id) {
    Stmt s(db, fmt::format("SELECT {} FROM claim_evidence WHERE claim_id = ? ORDER BY id",
                           kEvidenceCols));
    s.bind(1, claim_id);
    std::vector<EvidenceRow> out;
    while (s.step())
        out.push_back(evidence_row(s));
    return out;
}

std::int64_t insert_member_check(Db &db, MemberCheckRow &m, ChangeSet &changes) {
    Stmt s(db, "INSERT INTO member_check(participant_id, artifact, artifact_sha256, channel, "
               "sent_on, status, response_source_id, responded_on, created_at, created_by) "
               "VALUES(?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, m.participant_id).bind(2, m.artifact).bind(3, m.artifact_sha256).bind(4, m.channel);
    s.bind(5, m.sent_on).bind(6, m.status).bind(7, m.response_source_id).bind(8, m.responded_on);
    s.bind(9, m.created_at).bind(10, m.created_by).run();
    m.id = db.last_id();
    changes.insert("member_check", m.id,
                   {{"participant_id", m.participant_id},
                    {"artifact", m.artifact},
                    {"artifact_sha256", m.artifact_sha256}});
    return m.id;
}

void update_member_check(Db &db, const MemberCheckRow &before, const MemberCheckRow &after,
                         ChangeSet &changes) {
    Stmt s(db, "UPDATE member_check SET status = ?, response_source_id = ?, responded_on = ? "
               "WHERE id = ?");
    s.bind(1, after.status).bind(2, after.response_source_id).bind(3, after.responded_on);
    s.bind(4, after.id).run();
    changes.update("member_check", after.id, {{"status", before.status}},
                   {{"status", after.status}, {"responded_on", after.responded_on}});
}

std::optional<MemberCheckRow> member_check_by_id(Db &db, std::int64_t id) {
    Stmt s(db, fmt::format("SELECT {} FROM member_check WHERE id = ?", kCheckCols));
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return check_row(s);
}

std::vector<MemberCheckRow> member_checks(Db &db, std::optional<std::int64_t> participant) {
    Stmt s(db, fmt::format("SELECT {} FROM member_check WHERE ?1 IS NULL OR participant_id = ?1 "
                           "ORDER BY id",
                           kCheckCols));
    s.bind(1, participant);
    std::vector<MemberCheckRow> out;
    while (s.step())
        out.push_back(check_row(s));
    return out;
}

std::int64_t insert_verdict(Db &db, VerdictRow &v, ChangeSet &changes) {
    Stmt s(db, "INSERT INTO member_check_verdict(check_id, claim_id, verdict, action, created_at, "
               "created_by) VALUES(?,?,?,?,?,?)");
    s.bind(1, v.check_id).bind(2, v.claim_id).bind(3, v.verdict).bind(4, v.action);
    s.bind(5, v.created_at).bind(6, v.created_by).run();
    v.id = db.last_id();
    changes.insert("member_check_verdict", v.id,
                   {{"check_id", v.check_id}, {"claim_id", v.claim_id}, {"verdict", v.verdict}});
    return v.id;
}

std::vector<VerdictRow> verdicts_of(Db &db, std::int64_t check_id) {
    Stmt s(db, fmt::format("SELECT {} FROM member_check_verdict WHERE check_id = ? ORDER BY id",
                           kVerdictCols));
    s.bind(1, check_id);
    std::vector<VerdictRow> out;
    while (s.step())
        out.push_back(verdict_row(s));
    return out;
}

} // namespace qda::store
