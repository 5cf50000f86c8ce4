#pragma once
// Verifying conclusions: claims (the study's findings) with the codings that support them, and
// member checks (what was sent to a participant, what came back, and what the researcher did).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "qda/app.hpp"

namespace qda::app {

// ---- claims ------------------------------------------------------------------------------

/// One piece of evidence, followed to its quote and its source (with the source's hash).
struct EvidenceView {
    std::int64_t coding = 0;
    bool present = true; ///< false when the coding was removed after it was cited
    std::string code, coder, source, source_sha256, case_name;
    std::int64_t start = 0, end = 0, line = 0;
    std::string quote;
};

struct ClaimView {
    std::int64_t id = 0;
    std::string text, theme, status, evidence_query, created_at, created_by, updated_at;
    std::int64_t sources = 0, missing = 0; ///< distinct sources cited; evidence no longer coded
    std::vector<EvidenceView> evidence;    ///< by source, then start
};

struct ClaimRequest {
    std::string text, theme;
    std::vector<std::string> evidence; ///< "coding:ID" (or a bare ID)
    std::string evidence_query;        ///< a retrieve query; its codings become evidence
};
/// Errors: no evidence (usage), an unknown coding or theme (not found), a query that selects
/// nothing (data).
ClaimView add_claim(const Context &ctx, const ClaimRequest &req);

struct ClaimRevision {
    std::optional<std::string> text, theme;
    std::vector<std::string> add_evidence, drop_evidence;
    std::string add_query;
};
/// Needs --why (the reason is the revision's record).
ClaimView revise_claim(const Context &ctx, std::int64_t id, const ClaimRevision &rev);
/// Needs --why; the claim stays, marked withdrawn.
ClaimView withdraw_claim(const Context &ctx, std::int64_t id);
ClaimView show_claim(const Context &ctx, std::int64_t id);
/// Claims in id order, evidence summarised (sources, missing) but not listed.
std::vector<ClaimView> list_claims(const Context &ctx, const std::string &theme,
                                   const std::string &status);

// ---- member checks -----------------------------------------------------------------------

struct VerdictView {
    std::int64_t id = 0, claim = 0;
    std::string claim_text, verdict, action, created_by, created_at;
};

struct MemberCheckView {
    std::int64_t id = 0;
    std::string participant, artifact, artifact_sha256, channel, sent_on, status;
    std::string response_source, responded_on, created_by, created_at;
    std::vector<VerdictView> verdicts;
};

/// `artifact`: source:NAME, display:NAME or a file path; its SHA-256 is recorded.
MemberCheckView membercheck_send(const Context &ctx, const std::string &participant,
                                 const std::string &artifact, const std::string &channel,
                                 const std::string &date);
/// Imports `file` as a source of kind member-check, linked to the participant's open check
/// (the newest one still waiting, or `check`).
MemberCheckView membercheck_respond(const Context &ctx, const std::string &participant,
                                    const std::filesystem::path &file, const std::string &date,
                                    std::optional<std::int64_t> check, const std::string &name);
/// Records that no response came.
MemberCheckView membercheck_none(const Context &ctx, const std::string &participant,
                                 const std::string &date, std::optional<std::int64_t> check);
/// confirmed, amended, disputed or added, with what the researcher did about it.
MemberCheckView membercheck_verdict(const Context &ctx, const std::string &participant,
                                    std::int64_t claim, const std::string &verdict,
                                    const std::string &action, std::optional<std::int64_t> check);
std::vector<MemberCheckView> membercheck_list(const Context &ctx, const std::string &participant);
MemberCheckView membercheck_show(const Context &ctx, std::int64_t id);

} // namespace qda::app
