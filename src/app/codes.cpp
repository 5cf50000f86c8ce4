// `qda codes`: list, show, add, rename, move and retire codes of the codebook tree.
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/codebook_tree.hpp"
#include "app/session.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"

namespace qda::app {
namespace {

std::vector<CodeInfo> infos(store::Db &db, bool with_merged) {
    auto pc = project_codebook(db, with_merged);
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> counts;
    for (auto [id, n, s] : store::coding_counts(db))
        counts[id] = {n, s};
    std::map<std::int64_t, std::string> names;
    for (const auto &r : pc.rows)
        names[r.id] = r.name;
    std::vector<CodeInfo> v;
    for (std::size_t i = 0; i < pc.rows.size(); ++i) {
        const auto &r = pc.rows[i];
        const auto &e = pc.book.codes[i];
        CodeInfo c{r.id,
                   r.uid,
                   r.name,
                   interop::code_path(pc.book, static_cast<int>(i)),
                   e.parent < 0 ? "" : pc.book.codes[static_cast<std::size_t>(e.parent)].name,
                   r.description,
                   r.inclusion,
                   r.exclusion,
                   r.example,
                   r.colour,
                   r.cycle,
                   0,
                   r.status,
                   "",
                   r.created_at,
                   r.created_by,
                   e.members,
                   {},
                   0,
                   0};
        for (int p = e.parent; p >= 0; p = pc.book.codes[static_cast<std::size_t>(p)].parent)
            ++c.depth;
        if (r.merged_into)
            c.merged_into = names.count(*r.merged_into) ? names[*r.merged_into] : "";
        for (const auto &k : pc.rows)
            if (k.parent_id == r.id)
                c.children.push_back(k.name);
        if (r.cycle == 2) {
            // A theme counts what its members count: distinct codings and sources over all of them.
            auto rows = store::codings(db, {{}, expand_code(db, r.id), {}, {}});
            std::set<std::int64_t> sources;
            for (const auto &x : rows)
                sources.insert(x.source_id);
            c.codings = static_cast<std::int64_t>(rows.size());
            c.sources = static_cast<std::int64_t>(sources.size());
        } else if (auto it = counts.find(r.id); it != counts.end()) {
            std::tie(c.codings, c.sources) = it->second;
        }
        v.push_back(std::move(c));
    }
    return v;
}

std::string checked_colour(const std::string &c) {
    if (c.empty())
        return c;
    if (auto n = interop::normalise_colour(c))
        return *n;
    throw Error(Exit::usage, "--colour", fmt::format("\"{}\" is not #rgb or #rrggbb", c));
}

void check_new_name(store::Db &db, const std::string &name) {
    if (name.empty() || name.find('\n') != std::string::npos)
        throw Error(Exit::usage, "codes", "a code name must be one non-empty line");
    if (store::code_by_name(db, name))
        throw Error(Exit::data, name, "a code with this name exists already");
}

} // namespace

std::vector<CodeInfo> list_codes(const Context &ctx, bool with_merged) {
    Session s(ctx);
    return infos(s.db(), with_merged);
}

CodeInfo show_code(const Context &ctx, const std::string &name) {
    Session s(ctx);
    auto id = require_code(s.db(), name);
    for (auto &c : infos(s.db(), false))
        if (c.id == id)
            return c;
    throw Error(Exit::internal, name, "code not in the tree");
}

void add_code(const Context &ctx, const NewCode &n) {
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    check_new_name(db, n.name);
    store::CodeRow c;
    c.name = n.name;
    if (!n.parent.empty())
        c.parent_id = require_code(db, n.parent);
    c.description = n.description;
    c.inclusion = n.inclusion;
    c.exclusion = n.exclusion;
    c.example = n.example;
    c.colour = checked_colour(n.colour);
    c.cycle = n.pattern || !n.members.empty() ? 2 : 1;
    for (const auto &m : n.members)
        c.members.push_back(require_code(db, m));
    c.created_at = store::append_time_now();
    c.created_by = s.actor();
    store::insert_code(db, c, changes);
    s.finish(tx, "code.add",
             fmt::format("added {}{}{}", c.cycle == 2 ? "pattern code " : "code ", n.name,
                         n.parent.empty() ? "" : " under " + n.parent),
             changes);
}

void rename_code(const Context &ctx, const std::string &name, const std::string &new_name) {
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto before = *store::code_by_id(db, require_code(db, name));
    check_new_name(db, new_name);
    auto after = before;
    after.name = new_name;
    store::update_code(db, before, after, changes);
    s.finish(tx, "code.rename", fmt::format("{} renamed {}", name, new_name), changes);
}

void move_code(const Context &ctx, const std::string &name, const std::string &parent) {
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto before = *store::code_by_id(db, require_code(db, name));
    auto after = before;
    after.parent_id = std::nullopt;
    if (!parent.empty()) {
        after.parent_id = require_code(db, parent);
        if (is_within(db, *after.parent_id, before.id))
            throw Error(
                Exit::data, name,
                fmt::format("cannot move a code under itself or its descendant \"{}\"", parent));
    }
    if (after.parent_id == before.parent_id)
        throw Error(Exit::data, name, "the code is there already");
    store::update_code(db, before, after, changes);
    s.finish(tx, "code.move",
             fmt::format("{} moved {}", name, parent.empty() ? "to the root" : "under " + parent),
             changes);
}

void retire_code(const Context &ctx, const std::string &name) {
    require_why(ctx, "codes retire");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto before = *store::code_by_id(db, require_code(db, name));
    if (before.status == "retired")
        throw Error(Exit::data, name, "the code is retired already");
    auto after = before;
    after.status = "retired";
    store::update_code(db, before, after, changes);
    s.finish(tx, "code.retire", fmt::format("{} retired (its codings stay)", name), changes);
}

} // namespace qda::app
