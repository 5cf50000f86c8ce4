#pragma once
// `qda network`: links between codes that the researcher enters (a causal network, a
// taxonomy, contradictions), each with the codings cited as evidence. Never inferred.
#include <cstdint>
#include <string>
#include <vector>

#include "qda/app.hpp"

namespace qda::app {

/// A coding cited for a link, dressed for reading; `exists` is false once it was uncoded.
struct LinkEvidence {
    std::int64_t coding = 0;
    bool exists = false;
    std::string source, code, coder, quote;
    std::int64_t start = 0, end = 0;
};

struct LinkView {
    std::int64_t id = 0;
    std::string from, to, kind, note, created_at, created_by;
    int from_cycle = 1, to_cycle = 1; ///< 2 = pattern code (drawn as a box)
    std::vector<LinkEvidence> evidence;
};

struct NewLink {
    std::string from, to, kind, note;
    std::vector<std::string> evidence; ///< "coding:ID" or "ID"
    bool new_kind = false;             ///< accept a kind close to one in use (not a typo)
};

struct AddLinkResult {
    LinkView link;
    bool created = false; ///< false: the link existed and evidence was added to it
    std::int64_t added_evidence = 0;
};

/// Add a link, or cite more evidence for an existing one (same FROM, TO and KIND). Errors: unknown
/// code (did-you-mean), FROM = TO, an empty kind or one a letter or two from a kind in use
/// (unless new_kind), a coding that does not exist, a link that exists with nothing new.
AddLinkResult add_link(const Context &ctx, const NewLink &l);
/// Links in id order, only of `kind` when not empty and only touching `code` when not empty.
std::vector<LinkView> list_links(const Context &ctx, const std::string &kind,
                                 const std::string &code);
/// Remove a link and its evidence (needs --why).
LinkView remove_link(const Context &ctx, std::int64_t id);

} // namespace qda::app
