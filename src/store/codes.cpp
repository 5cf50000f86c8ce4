#include "store/codes.hpp"

#include <map>

#include <fmt/format.h>

#include "qda/audit.hpp"
#include "qda/error.hpp"

namespace qda::store {
namespace {

constexpr const char *kCodeCols =
    "id, uid, name, parent_id, description, inclusion, exclusion, example, colour, "
    "cycle, status, merged_into, created_at, created_by";

CodeRow read_code(Stmt &s) {
    CodeRow c;
    c.id = s.i64(0);
    c.uid = s.text(1);
    c.name = s.text(2);
    c.parent_id = s.opt_i64(3);
    c.description = s.text(4);
    c.inclusion = s.text(5);
    c.exclusion = s.text(6);
    c.example = s.text(7);
    c.colour = s.text(8);
    c.cycle = static_cast<int>(s.i64(9));
    c.status = s.text(10);
    c.merged_into = s.opt_i64(11);
    c.created_at = s.text(12);
    c.created_by = s.text(13);
    return c;
}

std::vector<std::int64_t> members_of(Db &db, std::int64_t id) {
    Stmt s(db, "SELECT member_id FROM code_member WHERE pattern_id = ? ORDER BY id");
    s.bind(1, id);
    std::vector<std::int64_t> v;
    while (s.step())
        v.push_back(s.i64(0));
    return v;
}

std::optional<CodeRow> one(Db &db, const std::string &where, std::string_view arg) {
    Stmt s(db, fmt::format("SELECT {} FROM code WHERE {}", kCodeCols, where));
    s.bind(1, arg);
    if (!s.step())
        return std::nullopt;
    auto c = read_code(s);
    s.reset();
    c.members = members_of(db, c.id);
    return c;
}

/// A short id for codes created without one: a stable handle for codebook files. It is drawn
/// from the code's name and creation time (and a counter on a clash), so a scripted run with a
/// fixed clock (SOURCE_DATE_EPOCH) gives every code the same id again.
std::string new_uid(Db &db, const CodeRow &c) {
    for (int attempt = 0;; ++attempt) {
        auto uid = "c" + audit::sha256_hex(fmt::format("{}\n{}\n{}", c.name, c.created_at, attempt))
                             .substr(0, 8);
        Stmt s(db, "SELECT 1 FROM code WHERE uid = ?");
        s.bind(1, uid);
        if (!s.step())
            return uid;
    }
}

nlohmann::json code_json(const CodeRow &c) {
    return {{"uid", c.uid},
            {"name", c.name},
            {"parent_id", c.parent_id ? nlohmann::json(*c.parent_id) : nlohmann::json()},
            {"description", c.description},
            {"inclusion", c.inclusion},
            {"exclusion", c.exclusion},
            {"example", c.example},
            {"colour", c.colour},
            {"cycle", c.cycle},
            {"status", c.status},
            {"merged_into", c.merged_into ? nlohmann::json(*c.merged_into) : nlohmann::json()}};
}

void bind_code(Stmt &s, const CodeRow &c) {
    s.bind(1, c.uid)
        .bind(2, c.name)
        .bind(3, c.parent_id)
        .bind(4, c.description)
        .bind(5, c.inclusion);
    s.bind(6, c.exclusion).bind(7, c.example).bind(8, c.colour).bind(9, c.cycle).bind(10, c.status);
    s.bind(11, c.merged_into).bind(12, c.created_at).bind(13, c.created_by);
}

} // namespace

std::vector<CodeRow> all_codes(Db &db) {
    std::vector<CodeRow> v;
    std::map<std::int64_t, std::size_t> at;
    Stmt s(db, fmt::format("SELECT {} FROM code ORDER BY id", kCodeCols));
    while (s.step()) {
        at[s.i64(0)] = v.size();
        v.push_back(read_code(s));
    }
    Stmt m(db, "SELECT pattern_id, member_id FROM code_member ORDER BY id");
    while (m.step())
        if (auto it = at.find(m.i64(0)); it != at.end())
            v[it->second].members.push_back(m.i64(1));
    return v;
}

std::optional<CodeRow> code_by_id(Db &db, std::int64_t id) {
    Stmt s(db, fmt::format("SELECT {} FROM code WHERE id = ?", kCodeCols));
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    auto c = read_code(s);
    s.reset();
    c.members = members_of(db, c.id);
    return c;
}

std::optional<CodeRow> code_by_name(Db &db, std::string_view name) {
    return one(db, "name = ? AND status != 'merged'", name);
}

std::optional<CodeRow> code_by_uid(Db &db, std::string_view uid) {
    return one(db, "uid = ?", uid);
}

std::vector<std::string> code_names(Db &db) {
    Stmt s(db, "SELECT name FROM code WHERE status != 'merged' ORDER BY name");
    std::vector<std::string> v;
    while (s.step())
        v.push_back(s.text(0));
    return v;
}

std::int64_t insert_code(Db &db, CodeRow &c, ChangeSet &changes) {
    if (c.uid.empty())
        c.uid = new_uid(db, c);
    Stmt s(db, "INSERT INTO code(uid, name, parent_id, description, inclusion, exclusion, example, "
               "colour, cycle, "
               "status, merged_into, created_at, created_by) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bind_code(s, c);
    s.run();
    c.id = db.last_id();
    changes.insert("code", c.id, code_json(c));
    if (!c.members.empty()) {
        auto m = c.members;
        c.members.clear();
        set_members(db, c.id, m, changes);
        c.members = m;
    }
    return c.id;
}

void update_code(Db &db, const CodeRow &before, const CodeRow &after, ChangeSet &changes) {
    Stmt s(db, "UPDATE code SET uid = ?, name = ?, parent_id = ?, description = ?, inclusion = ?, "
               "exclusion = ?, "
               "example = ?, colour = ?, cycle = ?, status = ?, merged_into = ?, created_at = ?, "
               "created_by = ? "
               "WHERE id = ?");
    bind_code(s, after);
    s.bind(14, before.id);
    s.run();
    auto b = code_json(before), a = code_json(after);
    nlohmann::json db_ = nlohmann::json::object(), da = nlohmann::json::object();
    for (auto it = a.begin(); it != a.end(); ++it)
        if (b[it.key()] != it.value()) {
            db_[it.key()] = b[it.key()];
            da[it.key()] = it.value();
        }
    changes.update("code", before.id, db_, da);
    if (after.members != before.members)
        set_members(db, before.id, after.members, changes);
}

void set_members(Db &db, std::int64_t pattern, const std::vector<std::int64_t> &members,
                 ChangeSet &changes) {
    Stmt old(db, "SELECT id, member_id FROM code_member WHERE pattern_id = ?");
    old.bind(1, pattern);
    std::map<std::int64_t, std::int64_t> have; // member -> row id
    while (old.step())
        have[old.i64(1)] = old.i64(0);
    old.reset();
    for (auto m : members) {
        if (m == pattern)
            throw Error(Exit::data, "codebook", "a pattern code cannot be its own member");
        if (have.erase(m))
            continue;
        Stmt i(db, "INSERT INTO code_member(pattern_id, member_id) VALUES(?, ?)");
        i.bind(1, pattern).bind(2, m).run();
        changes.insert("code_member", db.last_id(), {{"pattern_id", pattern}, {"member_id", m}});
    }
    for (auto [m, row] : have) {
        Stmt d(db, "DELETE FROM code_member WHERE id = ?");
        d.bind(1, row).run();
        changes.remove("code_member", row, {{"pattern_id", pattern}, {"member_id", m}});
    }
}

} // namespace qda::store
