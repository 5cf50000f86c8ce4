#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/codebook_tree.hpp"
#include "app/session.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"

namespace qda::app {

std::optional<std::int64_t> find_code(store::Db &db, std::string_view name) {
    if (auto c = store::code_by_name(db, name))
        return c->id;
    return std::nullopt;
}

std::int64_t require_code(store::Db &db, const std::string &name) {
    if (auto id = find_code(db, name))
        return *id;
    for (const auto &c : store::all_codes(db))
        if (c.name == name && c.status == "merged" && c.merged_into)
            if (auto to = store::code_by_id(db, *c.merged_into))
                throw Error(Exit::no_input, name, "this code was merged",
                            fmt::format("its codings are now on \"{}\"", to->name));
    not_found("code", name, store::code_names(db));
}

std::vector<std::int64_t> expand_code(store::Db &db, std::int64_t id, bool with_children) {
    auto all = store::all_codes(db);
    std::map<std::int64_t, const store::CodeRow *> by_id;
    for (const auto &c : all)
        by_id[c.id] = &c;
    std::set<std::int64_t> out;
    std::function<void(std::int64_t)> walk = [&](std::int64_t c) {
        if (!out.insert(c).second)
            return; // seen: member cycles end here
        auto it = by_id.find(c);
        if (it == by_id.end())
            return;
        if (it->second->cycle == 2)
            for (auto m : it->second->members)
                walk(m);
        if (with_children)
            for (const auto &k : all)
                if (k.parent_id == c && k.status != "merged")
                    walk(k.id);
    };
    walk(id);
    return {out.begin(), out.end()};
}

ProjectCodebook project_codebook(store::Db &db, bool with_merged) {
    auto all = store::all_codes(db);
    std::map<std::int64_t, std::string> names;
    for (const auto &c : all)
        names[c.id] = c.name;
    ProjectCodebook pc;
    std::function<void(std::optional<std::int64_t>, int)> add =
        [&](std::optional<std::int64_t> parent, int at) {
            for (const auto &c : all) {
                if (c.parent_id != parent || (!with_merged && c.status == "merged"))
                    continue;
                interop::CodebookEntry e{
                    c.uid,    c.name,  c.description, c.inclusion, c.exclusion, c.example,
                    c.colour, c.cycle, c.status,      at,          {},          0};
                for (auto m : c.members)
                    e.members.push_back(names[m]);
                int self = static_cast<int>(pc.book.codes.size());
                pc.book.codes.push_back(std::move(e));
                pc.rows.push_back(c);
                add(c.id, self);
            }
        };
    add(std::nullopt, -1);
    return pc;
}

bool is_within(store::Db &db, std::int64_t code, std::int64_t ancestor) {
    std::optional<std::int64_t> at = code;
    for (int guard = 0; at && guard < 10000; ++guard) {
        if (*at == ancestor)
            return true;
        auto c = store::code_by_id(db, *at);
        at = c ? c->parent_id : std::nullopt;
    }
    return false;
}

void require_why(const Context &ctx, const std::string &command) {
    if (ctx.why.empty())
        throw Error(Exit::usage, command,
                    "--why is required: say why, it is kept in the audit trail",
                    fmt::format("qda {} ... --why \"REASON\"", command));
}

} // namespace qda::app
