#include <map>

#include "qda/error.hpp"
#include "store/repo.hpp"

namespace qda::store {
namespace {

std::vector<std::int64_t> ids_where(Db &db, const char *sql, std::int64_t arg) {
    Stmt s(db, sql);
    s.bind(1, arg);
    std::vector<std::int64_t> v;
    while (s.step())
        v.push_back(s.i64(0));
    return v;
}

} // namespace

std::optional<std::int64_t> participant_id(Db &db, std::string_view name_or_alias) {
    Stmt s(db, "SELECT id FROM participant WHERE name = ?");
    s.bind(1, name_or_alias);
    if (s.step())
        return s.i64(0);
    Stmt a(db, "SELECT participant_id FROM participant_alias WHERE alias = ?");
    a.bind(1, name_or_alias);
    if (a.step())
        return a.i64(0);
    return std::nullopt;
}

std::int64_t resolve_participant(Db &db, std::string_view label, ChangeSet &changes) {
    if (auto id = participant_id(db, label))
        return *id;
    Stmt p(db, "INSERT INTO participant(name) VALUES(?)");
    p.bind(1, label).run();
    std::int64_t id = db.last_id();
    // Digests from what was written (is_interviewer starts at 0): an import of thousands of
    // files would otherwise read every new participant back when its event is written.
    changes.insert_digested(
        "participant", id,
        digest_row({DigestField::of(id), DigestField::of(label), DigestField::of(std::int64_t{0})}),
        {{"name", label}});
    Stmt a(db, "INSERT INTO participant_alias(alias, participant_id) VALUES(?, ?)");
    a.bind(1, label).bind(2, id).run();
    const std::int64_t alias = db.last_id();
    changes.insert_digested(
        "participant_alias", alias,
        digest_row({DigestField::of(alias), DigestField::of(label), DigestField::of(id)}));
    return id;
}

std::vector<ParticipantInfo> list_participants(Db &db) {
    Stmt s(db, "SELECT p.id, p.name, p.is_interviewer, "
               "(SELECT count(DISTINCT k.source_id) FROM speaker k WHERE k.participant_id = p.id), "
               "(SELECT coalesce(sum(k.turns), 0) FROM speaker k WHERE k.participant_id = p.id) "
               "FROM participant p ORDER BY p.name");
    std::vector<ParticipantInfo> v;
    std::map<std::int64_t, std::size_t> at;
    while (s.step()) {
        ParticipantInfo p;
        p.id = s.i64(0);
        p.name = s.text(1);
        p.interviewer = s.i64(2) != 0;
        p.sources = s.i64(3);
        p.turns = s.i64(4);
        at[p.id] = v.size();
        v.push_back(std::move(p));
    }
    Stmt a(db, "SELECT participant_id, alias FROM participant_alias ORDER BY alias");
    while (a.step())
        if (auto it = at.find(a.i64(0)); it != at.end())
            v[it->second].aliases.push_back(a.text(1));
    return v;
}

std::vector<std::string> participant_names(Db &db) {
    Stmt s(db, "SELECT name FROM participant UNION SELECT alias FROM participant_alias");
    std::vector<std::string> v;
    while (s.step())
        v.push_back(s.text(0));
    return v;
}

std::vector<std::string> merge_participant(Db &db, std::int64_t from, std::int64_t into,
                                           ChangeSet &changes) {
    std::vector<std::string> dropped;
    for (auto id :
         ids_where(db, "SELECT id FROM participant_alias WHERE participant_id = ?", from)) {
        Stmt u(db, "UPDATE participant_alias SET participant_id = ? WHERE id = ?");
        u.bind(1, into).bind(2, id).run();
        changes.update("participant_alias", id, {{"participant_id", from}},
                       {{"participant_id", into}});
    }
    for (auto id : ids_where(db, "SELECT id FROM speaker WHERE participant_id = ?", from)) {
        Stmt u(db, "UPDATE speaker SET participant_id = ? WHERE id = ?");
        u.bind(1, into).bind(2, id).run();
        changes.update("speaker", id, {{"participant_id", from}}, {{"participant_id", into}});
    }
    // Attributes move when the surviving participant lacks the key; otherwise they are dropped.
    Stmt attrs(db, "SELECT a.id, a.def_id, a.value, d.key FROM attribute a JOIN attribute_def d ON "
                   "d.id = a.def_id "
                   "WHERE d.entity = 'participant' AND a.entity_id = ?");
    attrs.bind(1, from);
    std::vector<std::tuple<std::int64_t, std::int64_t, std::string, std::string>> rows;
    while (attrs.step())
        rows.emplace_back(attrs.i64(0), attrs.i64(1), attrs.text(2), attrs.text(3));
    attrs.reset();
    for (auto &[id, def, value, key] : rows) {
        Stmt has(db, "SELECT 1 FROM attribute WHERE def_id = ? AND entity_id = ?");
        has.bind(1, def).bind(2, into);
        if (has.step()) {
            Stmt d(db, "DELETE FROM attribute WHERE id = ?");
            d.bind(1, id).run();
            changes.remove("attribute", id, {{"key", key}, {"value", value}});
            dropped.push_back(key + "=" + value);
        } else {
            Stmt u(db, "UPDATE attribute SET entity_id = ? WHERE id = ?");
            u.bind(1, into).bind(2, id).run();
            changes.update("attribute", id, {{"entity_id", from}}, {{"entity_id", into}});
        }
    }
    Stmt name(db, "SELECT name, is_interviewer FROM participant WHERE id = ?");
    name.bind(1, from);
    name.step();
    nlohmann::json before = {{"name", name.text(0)}};
    bool interviewer = name.i64(1) != 0;
    Stmt d(db, "DELETE FROM participant WHERE id = ?");
    d.bind(1, from).run();
    changes.remove("participant", from, before);
    if (interviewer)
        set_interviewer(db, into, true, changes);
    return dropped;
}

void add_alias(Db &db, std::int64_t participant, std::string_view alias, ChangeSet &changes) {
    if (auto other = participant_id(db, alias)) {
        if (*other == participant)
            return;
        throw Error(Exit::data, std::string(alias),
                    "this name already belongs to another participant",
                    "merge the two participants with `qda participants merge`");
    }
    Stmt a(db, "INSERT INTO participant_alias(alias, participant_id) VALUES(?, ?)");
    a.bind(1, alias).bind(2, participant).run();
    changes.insert("participant_alias", db.last_id(), {{"alias", alias}});
}

void set_interviewer(Db &db, std::int64_t participant, bool on, ChangeSet &changes) {
    Stmt u(db, "UPDATE participant SET is_interviewer = ? WHERE id = ?");
    u.bind(1, on ? 1 : 0).bind(2, participant).run();
    changes.update("participant", participant, nullptr, {{"is_interviewer", on}});
}

void rename_participant(Db &db, std::int64_t participant, std::string_view name,
                        ChangeSet &changes) {
    {
        Stmt cur(db, "SELECT name FROM participant WHERE id = ?");
        cur.bind(1, participant);
        if (cur.step() && cur.view(0) == name)
            throw Error(Exit::usage, std::string(name), "the participant already has this name");
    }
    if (auto other = participant_id(db, name); other && *other != participant)
        throw Error(Exit::data, std::string(name),
                    "this name already belongs to another participant");
    Stmt u(db, "UPDATE participant SET name = ? WHERE id = ?");
    u.bind(1, name).bind(2, participant).run();
    changes.update("participant", participant, nullptr, {{"name", name}});
    Stmt has(db, "SELECT 1 FROM participant_alias WHERE alias = ?");
    has.bind(1, name);
    if (!has.step())
        add_alias(db, participant, name, changes);
}

} // namespace qda::store
