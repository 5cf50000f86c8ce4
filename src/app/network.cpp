// qda network: links between codes entered by the researcher, with codings as evidence.
#include "qda/network.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"
#include "qda/names.hpp"
#include "qda/text.hpp"
#include "store/codes.hpp"
#include "store/network.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

std::int64_t coding_id(const std::string &ref) {
    auto digits = ref.rfind("coding:", 0) == 0 ? ref.substr(7) : ref;
    std::int64_t id = 0;
    auto r = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (digits.empty() || r.ec != std::errc() || r.ptr != digits.data() + digits.size() || id < 1)
        throw Error(Exit::usage, "--evidence", fmt::format("\"{}\" is not coding:ID", ref),
                    "see the ids with `qda codings`");
    return id;
}

/// A kind is a researcher's word: any text without control characters, trimmed.
std::string check_kind(store::Db &db, const std::string &raw, bool new_kind) {
    auto b = raw.find_first_not_of(" \t"), e = raw.find_last_not_of(" \t");
    auto kind = b == std::string::npos ? std::string() : raw.substr(b, e - b + 1);
    if (kind.empty())
        throw Error(Exit::usage, "--kind", "the link kind is empty",
                    "name it, e.g. leads-to, part-of, contradicts");
    if (std::any_of(kind.begin(), kind.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
        throw Error(Exit::usage, "--kind", "the link kind holds a control character");
    auto kinds = store::link_kinds(db);
    if (new_kind || std::find(kinds.begin(), kinds.end(), kind) != kinds.end())
        return kind;
    if (auto m = model::did_you_mean(kind, kinds))
        throw Error(
            Exit::data, "--kind",
            fmt::format("\"{}\" is a new kind, close to \"{}\" already in use", kind, *m),
            fmt::format("did you mean \"{}\"? give --new-kind to use \"{}\" anyway", *m, kind));
    return kind;
}

/// Dresses links for reading: code names (a merged code shows the code it went into), cycles,
/// and the evidence with its quote.
class Views {
  public:
    explicit Views(store::Db &db) : db_(db) {
        for (auto &c : store::all_codes(db))
            codes_.emplace(c.id, std::move(c));
    }
    LinkView operator()(const store::LinkRow &l) {
        LinkView v{l.id,
                   name(l.from_code),
                   name(l.to_code),
                   l.kind,
                   l.note,
                   l.created_at,
                   l.created_by,
                   live(l.from_code).cycle,
                   live(l.to_code).cycle,
                   {}};
        for (auto id : l.evidence) {
            LinkEvidence e;
            e.coding = id;
            if (auto c = store::coding_by_id(db_, id)) {
                e.exists = true;
                e.code = name(c->code_id);
                e.coder = c->coder;
                e.start = c->start;
                e.end = c->end;
                auto &t = text(c->source_id);
                e.source = t.name;
                text::OffsetMap map(t.text);
                auto from = std::min(map.to_byte(c->start), t.text.size());
                auto to = std::min(map.to_byte(c->end), t.text.size());
                e.quote = t.text.substr(from, to > from ? to - from : 0);
            }
            v.evidence.push_back(std::move(e));
        }
        return v;
    }
    const std::string &name(std::int64_t id) { return live(id).name; }

  private:
    struct Text {
        std::string name, text;
    };
    const store::CodeRow &live(std::int64_t id) {
        const auto *c = &codes_.at(id);
        for (int hops = 0; c->status == "merged" && c->merged_into && hops < 64; ++hops)
            c = &codes_.at(*c->merged_into);
        return *c;
    }
    Text &text(std::int64_t source) {
        auto it = texts_.find(source);
        if (it != texts_.end())
            return it->second;
        std::string name;
        for (const auto &s : store::list_sources(db_))
            if (s.id == source)
                name = s.name;
        return texts_[source] = {name, store::source_text(db_, source)};
    }
    store::Db &db_;
    std::map<std::int64_t, store::CodeRow> codes_;
    std::map<std::int64_t, Text> texts_;
};

store::LinkRow require_link(store::Db &db, std::int64_t id) {
    if (auto l = store::link_by_id(db, id))
        return *l;
    throw Error(Exit::no_input, fmt::format("link {}", id), "no link with this id",
                "list them with `qda network list`");
}

} // namespace

AddLinkResult add_link(const Context &ctx, const NewLink &req) {
    std::vector<std::int64_t> evidence;
    for (const auto &e : req.evidence)
        evidence.push_back(coding_id(e)); // a malformed id fails before the project is opened
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto from = require_code(db, req.from), to = require_code(db, req.to);
    if (from == to)
        throw Error(Exit::data, fmt::format("{} -> {}", req.from, req.to),
                    "a link needs two different codes");
    auto kind = check_kind(db, req.kind, req.new_kind);
    for (auto id : evidence)
        if (!store::coding_by_id(db, id))
            throw Error(Exit::no_input, fmt::format("coding:{}", id), "no coding with this id",
                        "see the ids with `qda codings`");
    AddLinkResult r;
    auto link = store::find_link(db, from, to, kind);
    if (link) {
        for (auto id : evidence)
            if (store::add_evidence(db, link->id, id, changes)) {
                link->evidence.push_back(id);
                ++r.added_evidence;
            }
        if (r.added_evidence == 0)
            throw Error(Exit::data, fmt::format("{} -> {}", req.from, req.to),
                        fmt::format("already linked as {} (link {})", kind, link->id),
                        "give --evidence coding:ID to cite more codings for it");
        std::sort(link->evidence.begin(), link->evidence.end());
    } else {
        link = store::LinkRow{0,         from,    to, kind, req.note, store::append_time_now(),
                              s.actor(), evidence};
        store::insert_link(db, *link, changes);
        r.created = true;
        r.added_evidence = static_cast<std::int64_t>(link->evidence.size());
        std::sort(link->evidence.begin(), link->evidence.end());
    }
    Views views(db);
    r.link = views(*link);
    s.finish(tx, "network.add",
             r.created
                 ? fmt::format("link {}: {} -> {} ({})", link->id, r.link.from, r.link.to, kind)
                 : fmt::format("link {}: {} more evidence", link->id, r.added_evidence),
             changes);
    return r;
}

std::vector<LinkView> list_links(const Context &ctx, const std::string &kind,
                                 const std::string &code) {
    Session s(ctx);
    auto &db = s.db();
    Views views(db);
    std::string name;
    if (!code.empty())
        name = views.name(require_code(db, code));
    std::vector<LinkView> out;
    for (const auto &l : store::links(db)) {
        if (!kind.empty() && l.kind != kind)
            continue;
        if (!name.empty() && views.name(l.from_code) != name && views.name(l.to_code) != name)
            continue;
        out.push_back(views(l));
    }
    return out;
}

LinkView remove_link(const Context &ctx, std::int64_t id) {
    if (ctx.why.empty())
        throw Error(Exit::usage, "network rm", "removing a link needs a reason",
                    "say why with --why \"...\"");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto l = require_link(db, id);
    Views views(db);
    auto v = views(l);
    store::delete_link(db, l, changes);
    s.finish(tx, "network.remove",
             fmt::format("link {}: {} -> {} ({}) removed", id, v.from, v.to, v.kind), changes);
    return v;
}

} // namespace qda::app
