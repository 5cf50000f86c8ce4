// qda memo: typed notes attached to the project or to one source, case, code, coding or
// participant, each with its author and time.
#include <algorithm>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/coding.hpp"
#include "qda/error.hpp"
#include "qda/names.hpp"
#include "store/codes.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

struct Target {
    std::string kind;
    std::optional<std::int64_t> id;
};

Target target(store::Db &db, const std::string &on, bool reading = false) {
    if (on == "project")
        return {"project", std::nullopt};
    auto colon = on.find(':');
    auto kind = on.substr(0, colon == std::string::npos ? on.size() : colon);
    auto name = colon == std::string::npos ? std::string() : on.substr(colon + 1);
    static const std::vector<std::string> kinds = {"project", "source", "case",
                                                   "code",    "coding", "participant"};
    if (std::find(kinds.begin() + 1, kinds.end(), kind) == kinds.end() || name.empty()) {
        auto m = model::did_you_mean(kind, kinds);
        throw Error(
            Exit::usage, "--on", fmt::format("\"{}\" is not a memo target", on),
            m && *m != kind
                ? fmt::format("did you mean \"{}:{}\"?", *m, name)
                : "use project, source:NAME, case:NAME, code:NAME, coding:ID or participant:NAME");
    }
    if (kind == "source")
        return {kind, require_source(db, name)};
    if (kind == "case")
        return {kind, require_case(db, name)};
    if (kind == "participant")
        return {kind, require_participant(db, name)};
    if (kind == "code") {
        if (auto c = store::code_by_name(db, name))
            return {kind, c->id};
        not_found("code", name, store::code_names(db));
    }
    std::int64_t id = 0;
    auto r = std::from_chars(name.data(), name.data() + name.size(), id);
    if (r.ec != std::errc() || r.ptr != name.data() + name.size())
        throw Error(Exit::usage, "--on", fmt::format("\"{}\" is not a coding id", name),
                    "see the ids with `qda codings`");
    // Memos outlive the coding they were written on (uncode keeps them), so they can still be
    // found.
    if (!store::coding_by_id(db, id) && (!reading || store::memos(db, kind, id).empty()))
        throw Error(Exit::no_input, on, "no coding with this id", "see the ids with `qda codings`");
    return {kind, id};
}

/// Names for memo targets, looked up once per command.
class Names {
  public:
    explicit Names(store::Db &db) : db_(db) {}
    std::string operator()(const store::MemoRow &m) {
        if (m.target_kind == "project" || !m.target_id)
            return m.target_kind;
        auto id = *m.target_id;
        if (!loaded_)
            load();
        auto it = names_.find({m.target_kind, id});
        return m.target_kind + ":" + (it != names_.end() ? it->second : std::to_string(id));
    }

  private:
    void load() {
        loaded_ = true;
        for (const auto &s : store::list_sources(db_))
            names_[{"source", s.id}] = s.name;
        for (const auto &c : store::list_cases(db_))
            names_[{"case", c.id}] = c.name;
        for (const auto &p : store::list_participants(db_))
            names_[{"participant", p.id}] = p.name;
        for (const auto &c : store::all_codes(db_))
            names_[{"code", c.id}] = c.name;
    }
    store::Db &db_;
    bool loaded_ = false;
    std::map<std::pair<std::string, std::int64_t>, std::string> names_;
};

MemoView view(const store::MemoRow &m, Names &names) {
    return {m.id, names(m), m.type, m.title, m.text, m.author, m.created_at, m.updated_at};
}

void check_type(const std::string &type) {
    const auto &t = memo_types();
    if (std::find(t.begin(), t.end(), type) != t.end())
        return;
    auto m = model::did_you_mean(type, t);
    throw Error(Exit::usage, "--type", fmt::format("unknown memo type \"{}\"", type),
                m ? fmt::format("did you mean \"{}\"?", *m)
                  : fmt::format("use {}", fmt::join(t, ", ")));
}

void check_text(const std::string &text) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw Error(Exit::data, "memo", "the memo is empty: nothing was saved");
}

store::MemoRow require_memo(store::Db &db, std::int64_t id) {
    if (auto m = store::memo_by_id(db, id))
        return *m;
    throw Error(Exit::no_input, fmt::format("memo {}", id), "no memo with this id",
                "list them with `qda memo list`");
}

} // namespace

const std::vector<std::string> &memo_types() {
    static const std::vector<std::string> t = {"analytic", "jotting", "reflexive", "method",
                                               "summary",  "contact", "theory"};
    return t;
}

MemoView add_memo(const Context &ctx, const std::string &on, const std::string &type,
                  const std::string &title, const std::string &text) {
    check_type(type);
    check_text(text);
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    auto t = target(s.db(), on);
    auto now = store::append_time_now();
    store::MemoRow m{0, t.kind, t.id, type, title, text, s.actor(), now, now};
    store::insert_memo(s.db(), m, changes);
    Names names(s.db());
    auto v = view(m, names);
    s.finish(tx, "memo.add", fmt::format("{} memo {} on {}", type, m.id, v.on), changes);
    return v;
}

std::vector<MemoView> list_memos(const Context &ctx, const std::string &on,
                                 const std::string &type) {
    if (!type.empty())
        check_type(type);
    Session s(ctx);
    Target t;
    if (!on.empty())
        t = target(s.db(), on, true);
    Names names(s.db());
    std::vector<MemoView> out;
    for (const auto &m : store::memos(s.db(), t.kind, t.id))
        if (type.empty() || m.type == type)
            out.push_back(view(m, names));
    return out;
}

MemoView show_memo(const Context &ctx, std::int64_t id) {
    Session s(ctx);
    Names names(s.db());
    return view(require_memo(s.db(), id), names);
}

MemoView edit_memo(const Context &ctx, std::int64_t id, const std::optional<std::string> &text,
                   const std::optional<std::string> &type,
                   const std::optional<std::string> &title) {
    if (!text && !type && !title)
        throw Error(Exit::usage, "memo edit", "nothing to change",
                    "give a new TEXT (or - or --edit), --type or --title");
    if (type)
        check_type(*type);
    if (text)
        check_text(*text);
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    auto m = require_memo(s.db(), id);
    if (text)
        m.text = *text;
    if (type)
        m.type = *type;
    if (title)
        m.title = *title;
    m.updated_at = store::append_time_now();
    store::update_memo(s.db(), m, changes);
    Names names(s.db());
    auto v = view(m, names);
    s.finish(tx, "memo.edit", fmt::format("memo {} on {} edited", id, v.on), changes);
    return v;
}

MemoView remove_memo(const Context &ctx, std::int64_t id) {
    if (ctx.why.empty())
        throw Error(Exit::usage, "memo rm", "removing a memo needs a reason",
                    "say why with --why \"...\"");
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    auto m = require_memo(s.db(), id);
    Names names(s.db());
    auto v = view(m, names);
    store::delete_memo(s.db(), m, changes);
    s.finish(tx, "memo.remove", fmt::format("{} memo {} on {} removed", m.type, id, v.on), changes);
    return v;
}

} // namespace qda::app
