// qda claim: the study's conclusions, each tied to the codings that support it, so a reader can
// follow a finding to its quotes and the sources they come from.
#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "app/codebook_tree.hpp"
#include "app/locate.hpp"
#include "app/session.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"
#include "qda/retrieve.hpp"
#include "qda/verification.hpp"
#include "store/codes.hpp"
#include "store/repo.hpp"
#include "store/verification.hpp"

namespace qda::app {
namespace {

std::int64_t coding_ref(const std::string &ref) {
    std::string_view v = ref;
    if (v.starts_with("coding:"))
        v.remove_prefix(7);
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
    if (ec != std::errc() || p != v.data() + v.size() || id <= 0)
        throw Error(Exit::usage, "--evidence", fmt::format("\"{}\" does not name a coding", ref),
                    "write coding:ID, with the id from `qda codings` or `qda retrieve`");
    return id;
}

store::ClaimRow require_claim(store::Db &db, std::int64_t id) {
    if (auto c = store::claim_by_id(db, id))
        return *c;
    throw Error(Exit::no_input, fmt::format("claim {}", id), "no claim with this id",
                "list them with `qda claim list`");
}

std::optional<std::int64_t> theme_id(store::Db &db, const std::string &theme) {
    if (theme.empty())
        return std::nullopt;
    return require_code(db, theme);
}

/// The codings a retrieve query selects, for evidence.
std::vector<std::int64_t> query_codings(const Context &ctx, const std::string &query) {
    RetrieveRequest rq;
    rq.query = query;
    std::set<std::int64_t> ids;
    for (const auto &hit : retrieve(ctx, rq).hits)
        ids.insert(hit.codings.begin(), hit.codings.end());
    if (ids.empty())
        throw Error(Exit::data, "--evidence-query",
                    fmt::format("the query \"{}\" selects no codings: nothing to cite", query));
    return {ids.begin(), ids.end()};
}

/// Cite each coding (already cited ones are kept once); returns how many were added.
std::int64_t cite(store::Db &db, std::int64_t claim, const std::vector<std::int64_t> &codings,
                  store::ChangeSet &changes) {
    std::int64_t added = 0;
    for (auto id : codings) {
        auto c = store::coding_by_id(db, id);
        if (!c)
            throw Error(Exit::no_input, fmt::format("coding:{}", id), "no coding with this id",
                        "list codings with `qda codings`");
        store::EvidenceRow e{0, claim, c->id, c->source_id, c->code_id, c->start, c->end, c->coder};
        if (store::insert_evidence(db, e, changes))
            ++added;
    }
    return added;
}

/// Names, hashes and texts for views, loaded once per command.
class Lookup {
  public:
    explicit Lookup(store::Db &db) : db_(db) {
        for (const auto &s : store::list_sources(db))
            sources_[s.id] = s;
        for (const auto &c : store::all_codes(db))
            codes_[c.id] = c.name;
    }

    ClaimView view(const store::ClaimRow &c, bool with_evidence) {
        ClaimView v{c.id,
                    c.text,
                    c.theme_id ? codes_[*c.theme_id] : "",
                    c.status,
                    c.evidence_query,
                    c.created_at,
                    c.created_by,
                    c.updated_at,
                    0,
                    0,
                    {}};
        std::set<std::int64_t> sources;
        for (const auto &e : store::evidence_of(db_, c.id)) {
            sources.insert(e.source_id);
            auto now = store::coding_by_id(db_, e.coding_id);
            bool present = now && now->source_id == e.source_id && now->code_id == e.code_id &&
                           now->start == e.start && now->end == e.end && now->coder == e.coder;
            if (!present)
                ++v.missing;
            if (!with_evidence)
                continue;
            const auto &si = sources_[e.source_id];
            auto &t = text(e.source_id);
            auto b = t.line->map().to_byte(e.start), en = t.line->map().to_byte(e.end);
            v.evidence.push_back({e.coding_id, present, codes_[e.code_id], e.coder, si.name,
                                  si.sha256, si.case_name, e.start, e.end, (*t.line)(e.start),
                                  t.text.substr(b, en - b)});
        }
        v.sources = static_cast<std::int64_t>(sources.size());
        std::sort(v.evidence.begin(), v.evidence.end(), [](const auto &a, const auto &b) {
            return std::tie(a.source, a.start, a.end, a.coding) <
                   std::tie(b.source, b.start, b.end, b.coding);
        });
        return v;
    }

  private:
    struct Text {
        std::string text;
        std::unique_ptr<LineOf> line;
    };
    Text &text(std::int64_t source) {
        auto &t = texts_[source];
        if (!t.line) {
            t.text = store::source_text(db_, source);
            t.line = std::make_unique<LineOf>(t.text);
        }
        return t;
    }

    store::Db &db_;
    std::map<std::int64_t, SourceInfo> sources_;
    std::map<std::int64_t, std::string> codes_;
    std::map<std::int64_t, Text> texts_;
};

void check_text(const std::string &text) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw Error(Exit::usage, "claim", "the claim's text is empty");
}

} // namespace

ClaimView add_claim(const Context &ctx, const ClaimRequest &req) {
    check_text(req.text);
    if (req.evidence.empty() && req.evidence_query.empty())
        throw Error(Exit::usage, "claim add", "a claim needs evidence",
                    "give --evidence coding:ID (repeatable) or --evidence-query QUERY");
    std::vector<std::int64_t> codings;
    for (const auto &r : req.evidence)
        codings.push_back(coding_ref(r));
    if (!req.evidence_query.empty())
        for (auto id : query_codings(ctx, req.evidence_query))
            codings.push_back(id);
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    changes.attach(db);
    auto now = store::append_time_now();
    store::ClaimRow c{
        0, req.text, theme_id(db, req.theme), "active", req.evidence_query, now, s.actor(), now};
    store::insert_claim(db, c, changes);
    auto n = cite(db, c.id, codings, changes);
    s.finish(tx, "claim.add", fmt::format("claim {} added with {} piece(s) of evidence", c.id, n),
             changes);
    return Lookup(db).view(c, true);
}

ClaimView revise_claim(const Context &ctx, std::int64_t id, const ClaimRevision &rev) {
    require_why(ctx, "claim revise");
    if (!rev.text && !rev.theme && rev.add_evidence.empty() && rev.drop_evidence.empty() &&
        rev.add_query.empty())
        throw Error(Exit::usage, "claim revise", "nothing to change",
                    "give a new TEXT, --theme, --add-evidence, --drop-evidence or "
                    "--add-evidence-query");
    if (rev.text)
        check_text(*rev.text);
    std::vector<std::int64_t> add, drop;
    for (const auto &r : rev.add_evidence)
        add.push_back(coding_ref(r));
    for (const auto &r : rev.drop_evidence)
        drop.push_back(coding_ref(r));
    if (!rev.add_query.empty())
        for (auto c : query_codings(ctx, rev.add_query))
            add.push_back(c);
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    changes.attach(db);
    auto before = require_claim(db, id);
    if (before.status == "withdrawn")
        throw Error(Exit::data, fmt::format("claim {}", id), "the claim was withdrawn",
                    "add a new claim instead");
    auto after = before;
    if (rev.text)
        after.text = *rev.text;
    if (rev.theme)
        after.theme_id = theme_id(db, *rev.theme);
    if (!rev.add_query.empty())
        after.evidence_query = before.evidence_query.empty()
                                   ? rev.add_query
                                   : before.evidence_query + " ; " + rev.add_query;
    after.updated_at = store::append_time_now();
    store::update_claim(db, before, after, changes);
    auto added = cite(db, id, add, changes);
    std::int64_t dropped = 0;
    auto cited = store::evidence_of(db, id);
    for (auto d : drop) {
        auto it = std::find_if(cited.begin(), cited.end(),
                               [&](const store::EvidenceRow &e) { return e.coding_id == d; });
        if (it == cited.end())
            throw Error(Exit::no_input, fmt::format("coding:{}", d),
                        fmt::format("claim {} does not cite this coding", id));
        store::delete_evidence(db, *it, changes);
        ++dropped;
    }
    if (store::evidence_of(db, id).empty())
        throw Error(Exit::data, fmt::format("claim {}", id),
                    "the revision leaves the claim without evidence",
                    "cite other codings, or withdraw the claim");
    s.finish(tx, "claim.revise",
             fmt::format("claim {} revised ({} evidence added, {} dropped)", id, added, dropped),
             changes);
    return Lookup(db).view(after, true);
}

ClaimView withdraw_claim(const Context &ctx, std::int64_t id) {
    require_why(ctx, "claim withdraw");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto before = require_claim(db, id);
    if (before.status == "withdrawn")
        throw Error(Exit::data, fmt::format("claim {}", id), "the claim is withdrawn already");
    auto after = before;
    after.status = "withdrawn";
    after.updated_at = store::append_time_now();
    store::update_claim(db, before, after, changes);
    s.finish(tx, "claim.withdraw", fmt::format("claim {} withdrawn", id), changes);
    return Lookup(db).view(after, true);
}

ClaimView show_claim(const Context &ctx, std::int64_t id) {
    Session s(ctx);
    return Lookup(s.db()).view(require_claim(s.db(), id), true);
}

std::vector<ClaimView> list_claims(const Context &ctx, const std::string &theme,
                                   const std::string &status) {
    if (!status.empty() && status != "active" && status != "withdrawn")
        throw Error(Exit::usage, "--status", fmt::format("unknown status \"{}\"", status),
                    "use active or withdrawn");
    Session s(ctx);
    auto &db = s.db();
    auto tid = theme_id(db, theme);
    Lookup look(db);
    std::vector<ClaimView> out;
    for (const auto &c : store::claims(db))
        if ((!tid || c.theme_id == tid) && (status.empty() || c.status == status))
            out.push_back(look.view(c, false));
    return out;
}

} // namespace qda::app
