// `qda codes merge` and `qda codes split`: the two edits that change what codings mean.
#include <algorithm>

#include <fmt/format.h>

#include "app/codebook_tree.hpp"
#include "app/session.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"
#include "store/codebook_edit.hpp"

namespace qda::app {
namespace {

/// Pattern codes that list `from` list `to` instead (once).
void replace_membership(store::Db &db, std::int64_t from, std::int64_t to,
                        store::ChangeSet &changes) {
    for (const auto &p : store::all_codes(db)) {
        if (std::find(p.members.begin(), p.members.end(), from) == p.members.end())
            continue;
        std::vector<std::int64_t> m;
        for (auto x : p.members) {
            auto y = x == from ? to : x;
            if (y != p.id && std::find(m.begin(), m.end(), y) == m.end())
                m.push_back(y);
        }
        store::set_members(db, p.id, m, changes);
    }
}

} // namespace

MergeResult merge_codes(const Context &ctx, const std::vector<std::string> &from,
                        const std::string &into) {
    require_why(ctx, "codes merge");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    changes.attach(db);
    auto to_id = require_code(db, into);
    MergeResult r;
    for (const auto &name : from) {
        auto id = require_code(db, name);
        if (id == to_id)
            throw Error(Exit::data, name, "cannot merge a code into itself");
        auto to = *store::code_by_id(db, to_id);
        if (is_within(db, to_id, id) && to.parent_id != id)
            throw Error(Exit::data, name,
                        fmt::format("\"{}\" lies deep under it: move it out first", into));
        auto before = *store::code_by_id(db, id);
        auto total = store::code_codings(db, id);
        auto moved = store::move_codings(db, id, to_id, changes);
        r.moved += moved;
        r.dropped += total - moved; // the target had the same span by the same coder
        // Children (and a target that was a child) move to where they still belong.
        for (const auto &k : store::all_codes(db)) {
            if (k.parent_id != id || k.status == "merged")
                continue;
            auto after = k;
            after.parent_id = k.id == to_id ? before.parent_id : std::optional<std::int64_t>(to_id);
            store::update_code(db, k, after, changes);
            if (k.id != to_id)
                ++r.children;
        }
        replace_membership(db, id, to_id, changes);
        to = *store::code_by_id(db, to_id);
        if (!before.members.empty()) {
            auto after = to;
            for (auto m : before.members)
                if (m != to_id &&
                    std::find(after.members.begin(), after.members.end(), m) == after.members.end())
                    after.members.push_back(m);
            after.cycle = 2;
            store::update_code(db, to, after, changes);
        }
        auto after = before;
        after.status = "merged";
        after.merged_into = to_id;
        after.members.clear();
        store::update_code(db, before, after, changes);
    }
    s.finish(
        tx, "code.merge",
        fmt::format("{} merged into {}: {} coding(s) moved", fmt::join(from, ", "), into, r.moved),
        changes);
    return r;
}

std::int64_t split_code(const Context &ctx, const std::string &name,
                        const std::vector<std::string> &into) {
    require_why(ctx, "codes split");
    if (into.size() < 2)
        throw Error(Exit::usage, "codes split", "name at least two new codes with --into");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    changes.attach(db);
    auto before = *store::code_by_id(db, require_code(db, name));
    if (before.status != "active")
        throw Error(Exit::data, name, "only an active code can be split");
    for (const auto &n : into) {
        if (n.empty() || store::code_by_name(db, n))
            throw Error(Exit::data, n, "a code with this name exists already");
        auto c = before;
        c.id = 0;
        c.uid.clear();
        c.name = n;
        c.created_at = store::append_time_now();
        c.created_by = s.actor();
        store::insert_code(db, c, changes);
    }
    auto after = before;
    after.status = "retired";
    store::update_code(db, before, after, changes);
    auto left = store::code_codings(db, before.id);
    s.finish(tx, "code.split",
             fmt::format("{} split into {}; retired, its {} coding(s) wait to be recoded", name,
                         fmt::join(into, ", "), left),
             changes);
    return left;
}

} // namespace qda::app
