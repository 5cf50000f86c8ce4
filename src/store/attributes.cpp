#include "store/repo.hpp"

namespace qda::store {
namespace {

std::int64_t def_id(Db &db, std::string_view entity, std::string_view key, std::string_view type,
                    ChangeSet &changes) {
    Stmt s(db, "SELECT id FROM attribute_def WHERE entity = ? AND key = ?");
    s.bind(1, entity).bind(2, key);
    if (s.step())
        return s.i64(0);
    Stmt i(db, "INSERT INTO attribute_def(entity, key, type) VALUES(?,?,?)");
    i.bind(1, entity).bind(2, key).bind(3, type).run();
    changes.insert("attribute_def", db.last_id(),
                   {{"entity", entity}, {"key", key}, {"type", type}});
    return db.last_id();
}

} // namespace

std::optional<std::string> attribute_type(Db &db, std::string_view entity, std::string_view key) {
    Stmt s(db, "SELECT type FROM attribute_def WHERE entity = ? AND key = ?");
    s.bind(1, entity).bind(2, key);
    if (s.step())
        return s.text(0);
    return std::nullopt;
}

void set_attribute(Db &db, std::string_view entity, std::int64_t entity_id, std::string_view key,
                   std::string_view type, std::string_view value, ChangeSet &changes) {
    auto def = def_id(db, entity, key, type, changes);
    Stmt old(db, "SELECT id, value FROM attribute WHERE def_id = ? AND entity_id = ?");
    old.bind(1, def).bind(2, entity_id);
    if (old.step()) {
        auto id = old.i64(0);
        auto before = old.text(1);
        if (before == value)
            return;
        Stmt u(db, "UPDATE attribute SET value = ? WHERE id = ?");
        u.bind(1, value).bind(2, id).run();
        changes.update("attribute", id, {{"value", before}}, {{"value", value}});
        return;
    }
    Stmt i(db, "INSERT INTO attribute(def_id, entity_id, value) VALUES(?,?,?)");
    i.bind(1, def).bind(2, entity_id).bind(3, value).run();
    changes.insert("attribute", db.last_id(), {{"key", key}, {"value", value}});
}

bool unset_attribute(Db &db, std::string_view entity, std::int64_t entity_id, std::string_view key,
                     ChangeSet &changes) {
    Stmt s(db, "SELECT a.id, a.value FROM attribute a JOIN attribute_def d ON d.id = a.def_id "
               "WHERE d.entity = ? AND d.key = ? AND a.entity_id = ?");
    s.bind(1, entity).bind(2, key).bind(3, entity_id);
    if (!s.step())
        return false;
    auto id = s.i64(0);
    auto before = s.text(1);
    Stmt d(db, "DELETE FROM attribute WHERE id = ?");
    d.bind(1, id).run();
    changes.remove("attribute", id, {{"key", key}, {"value", before}});
    // A key with no values left is forgotten, type and all, so it can be set again as anything.
    Stmt left(db, "SELECT d.id FROM attribute_def d WHERE d.entity = ? AND d.key = ? "
                  "AND NOT EXISTS (SELECT 1 FROM attribute a WHERE a.def_id = d.id)");
    left.bind(1, entity).bind(2, key);
    if (left.step()) {
        auto def = left.i64(0);
        left.reset();
        Stmt dd(db, "DELETE FROM attribute_def WHERE id = ?");
        dd.bind(1, def).run();
        changes.remove("attribute_def", def, {{"entity", entity}, {"key", key}});
    }
    return true;
}

std::vector<AttrValue> list_attributes(Db &db, std::string_view entity, std::int64_t entity_id) {
    Stmt s(db, "SELECT d.entity, CASE d.entity WHEN 'source' THEN (SELECT name FROM source WHERE "
               "id = a.entity_id) "
               "WHEN 'case' THEN (SELECT name FROM cases WHERE id = a.entity_id) "
               "ELSE (SELECT name FROM participant WHERE id = a.entity_id) END AS owner, "
               "d.key, d.type, a.value FROM attribute a JOIN attribute_def d ON d.id = a.def_id "
               "WHERE (?1 = '' OR d.entity = ?1) AND (?2 < 0 OR a.entity_id = ?2) "
               "ORDER BY d.entity, owner, d.key");
    s.bind(1, entity).bind(2, entity_id);
    std::vector<AttrValue> v;
    while (s.step())
        v.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    return v;
}

} // namespace qda::store
