#pragma once
// Claims with their evidence, and member checks with their verdicts (schema 8). Every function
// that changes a row records it in the caller's ChangeSet.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/trail.hpp"

namespace qda::store {

struct ClaimRow {
    std::int64_t id = 0;
    std::string text;
    std::optional<std::int64_t> theme_id;
    std::string status = "active", evidence_query, created_at, created_by, updated_at;
};

struct EvidenceRow {
    std::int64_t id = 0, claim_id = 0, coding_id = 0, source_id = 0, code_id = 0, start = 0,
                 end = 0;
    std::string coder;
};

std::int64_t insert_claim(Db &db, ClaimRow &c, ChangeSet &changes);
/// Text, theme, status and updated_at; `before` is the row as it was, for the trail.
void update_claim(Db &db, const ClaimRow &before, const ClaimRow &after, ChangeSet &changes);
std::optional<ClaimRow> claim_by_id(Db &db, std::int64_t id);
std::vector<ClaimRow> claims(Db &db);

/// Adds the evidence unless the claim already has this coding; true when added.
bool insert_evidence(Db &db, EvidenceRow &e, ChangeSet &changes);
void delete_evidence(Db &db, const EvidenceRow &e, ChangeSet &changes);
std::vector<EvidenceRow> evidence_of(Db &db, std::int64_t claim_id);

struct MemberCheckRow {
    std::int64_t id = 0, participant_id = 0;
    std::string artifact, artifact_sha256, channel, sent_on, status = "sent";
    std::optional<std::int64_t> response_source_id;
    std::string responded_on, created_at, created_by;
};

struct VerdictRow {
    std::int64_t id = 0, check_id = 0, claim_id = 0;
    std::string verdict, action, created_at, created_by;
};

std::int64_t insert_member_check(Db &db, MemberCheckRow &m, ChangeSet &changes);
/// Status, response source and date.
void update_member_check(Db &db, const MemberCheckRow &before, const MemberCheckRow &after,
                         ChangeSet &changes);
std::optional<MemberCheckRow> member_check_by_id(Db &db, std::int64_t id);
/// All checks, or those of one participant, oldest first.
std::vector<MemberCheckRow> member_checks(Db &db, std::optional<std::int64_t> participant = {});

std::int64_t insert_verdict(Db &db, VerdictRow &v, ChangeSet &changes);
std::vector<VerdictRow> verdicts_of(Db &db, std::int64_t check_id);

} // namespace qda::store
