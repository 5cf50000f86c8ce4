// `qda codebook import` and `qda codebook export`: the codebook as a file kept beside the
// project, applied as a difference by stable ids.
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "app/codebook_tree.hpp"
#include "app/session.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"
#include "store/codebook_edit.hpp"

namespace qda::app {
namespace {

std::string read_file(const std::filesystem::path &file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(Exit::no_input, file.string(), "cannot open the codebook file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void set_fields(store::CodeRow &c, const interop::CodebookEntry &e) {
    c.name = e.name;
    c.description = e.description;
    c.inclusion = e.inclusion;
    c.exclusion = e.exclusion;
    c.example = e.example;
    c.colour = e.colour;
    c.cycle = e.cycle;
    c.status = e.status;
}

bool same(const store::CodeRow &a, const store::CodeRow &b) {
    return a.name == b.name && a.parent_id == b.parent_id && a.description == b.description &&
           a.inclusion == b.inclusion && a.exclusion == b.exclusion && a.example == b.example &&
           a.colour == b.colour && a.cycle == b.cycle && a.status == b.status;
}

} // namespace

std::vector<CodebookChange> import_codebook(const Context &ctx, const std::filesystem::path &file,
                                            bool retire_missing, bool dry_run) {
    auto where = file.string();
    auto incoming = interop::parse_codebook_yaml(read_file(file), where);
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    for (const auto &e : incoming.codes)
        if (auto c = e.uid.empty() ? std::nullopt : store::code_by_uid(db, e.uid);
            c && c->status == "merged")
            throw Error(Exit::data, fmt::format("{}:{}", where, e.line),
                        fmt::format("id {} is code \"{}\", which was merged into another code",
                                    e.uid, c->name),
                        "remove the id to make a new code");
    auto pc = project_codebook(db);
    std::vector<interop::CodeUse> use;
    for (const auto &r : pc.rows)
        use.push_back({store::code_codings(db, r.id) > 0, store::code_referenced(db, r.id)});
    auto plan = interop::plan_import(pc.book, use, incoming, retire_missing, where);

    // Names move between codes (renames, swaps): free every name that changes hands first.
    std::set<std::string> wanted;
    for (const auto &e : incoming.codes)
        wanted.insert(e.name);
    auto park = [&](std::int64_t id) {
        auto before = *store::code_by_id(db, id);
        auto after = before;
        after.name = "~renaming~" + before.uid;
        store::update_code(db, before, after, changes);
    };
    for (std::size_t i = 0; i < incoming.codes.size(); ++i)
        if (int m = plan.match[i];
            m >= 0 && pc.rows[static_cast<std::size_t>(m)].name != incoming.codes[i].name)
            park(pc.rows[static_cast<std::size_t>(m)].id);
    for (int m : plan.remove)
        if (wanted.count(pc.rows[static_cast<std::size_t>(m)].name))
            park(pc.rows[static_cast<std::size_t>(m)].id);

    std::vector<std::int64_t> ids(incoming.codes.size(), 0);
    std::map<std::string, std::int64_t> id_of;
    for (std::size_t i = 0; i < incoming.codes.size(); ++i) {
        const auto &e = incoming.codes[i];
        std::optional<std::int64_t> parent;
        if (e.parent >= 0)
            parent = ids[static_cast<std::size_t>(e.parent)];
        if (int m = plan.match[i]; m >= 0) {
            auto before = *store::code_by_id(db, pc.rows[static_cast<std::size_t>(m)].id);
            auto after = before;
            set_fields(after, e);
            after.parent_id = parent;
            if (!same(before, after))
                store::update_code(db, before, after, changes);
            ids[i] = before.id;
        } else {
            store::CodeRow c;
            set_fields(c, e);
            c.uid = e.uid;
            c.parent_id = parent;
            c.created_at = store::append_time_now();
            c.created_by = s.actor();
            ids[i] = store::insert_code(db, c, changes);
        }
        id_of[e.name] = ids[i];
    }
    for (std::size_t i = 0; i < incoming.codes.size(); ++i) {
        std::vector<std::int64_t> members;
        for (const auto &m : incoming.codes[i].members)
            members.push_back(id_of.at(m));
        if (store::code_by_id(db, ids[i])->members != members)
            store::set_members(db, ids[i], members, changes);
    }
    for (int m : plan.retire) {
        auto before = *store::code_by_id(db, pc.rows[static_cast<std::size_t>(m)].id);
        auto after = before;
        after.status = "retired";
        store::update_code(db, before, after, changes);
    }
    for (int m : plan.remove)
        store::delete_code(db, *store::code_by_id(db, pc.rows[static_cast<std::size_t>(m)].id),
                           changes);

    std::vector<CodebookChange> out;
    std::map<std::string, int> tally;
    for (const auto &a : plan.actions) {
        out.push_back({a.action, a.code, a.detail});
        ++tally[a.action];
    }
    if (dry_run || out.empty())
        return out; // the transaction rolls back
    std::vector<std::string> parts;
    for (const auto &[k, n] : tally)
        parts.push_back(fmt::format("{} {}", n, k));
    s.finish(tx, "codebook.import",
             fmt::format("{}: {}", file.filename().string(), fmt::join(parts, ", ")), changes);
    return out;
}

std::string export_codebook(const Context &ctx, const std::string &format) {
    Session s(ctx);
    auto pc = project_codebook(s.db());
    if (format == "yaml")
        return interop::codebook_yaml(pc.book);
    if (format == "json")
        return interop::codebook_json(pc.book);
    if (format == "md")
        return interop::codebook_markdown(pc.book);
    if (format == "csv")
        return interop::codebook_csv(pc.book);
    throw Error(Exit::usage, "codebook export",
                fmt::format("format \"{}\" is not yaml, json, md or csv", format));
}

} // namespace qda::app
