#include "store/audit_report.hpp"

#include <fmt/format.h>

namespace qda::store {

bool insert_instrument_link(Db &db, InstrumentLinkRow &l, ChangeSet &changes) {
    Stmt s(db, "INSERT OR IGNORE INTO instrument_link(instrument_id, source_id, linked_at, "
               "linked_by) VALUES(?,?,?,?)");
    s.bind(1, l.instrument_id).bind(2, l.source_id).bind(3, l.linked_at).bind(4, l.linked_by);
    s.run();
    if (db.changes() == 0)
        return false;
    l.id = db.last_id();
    changes.insert("instrument_link", l.id, {{"instrument", l.instrument}, {"source", l.source}});
    return true;
}

bool delete_instrument_link(Db &db, std::int64_t instrument_id, std::int64_t source_id,
                            ChangeSet &changes) {
    Stmt q(db, "SELECT id FROM instrument_link WHERE instrument_id = ? AND source_id = ?");
    q.bind(1, instrument_id).bind(2, source_id);
    if (!q.step())
        return false;
    auto id = q.i64(0);
    Stmt d(db, "DELETE FROM instrument_link WHERE id = ?");
    d.bind(1, id).run();
    changes.remove("instrument_link", id,
                   {{"instrument_id", instrument_id}, {"source_id", source_id}});
    return true;
}

std::vector<InstrumentLinkRow> instrument_links(Db &db) {
    Stmt s(db, "SELECT l.id, l.instrument_id, l.source_id, i.name, s.name, l.linked_at, "
               "l.linked_by FROM instrument_link l JOIN source i ON i.id = l.instrument_id "
               "JOIN source s ON s.id = l.source_id ORDER BY i.name, s.name");
    std::vector<InstrumentLinkRow> v;
    while (s.step())
        v.push_back({s.i64(0), s.i64(1), s.i64(2), s.text(3), s.text(4), s.text(5), s.text(6)});
    return v;
}

std::vector<CoderSummary> codings_by_coder(Db &db) {
    Stmt s(db, "SELECT coder, count(*), count(DISTINCT source_id), min(created_at), "
               "max(created_at) FROM coding GROUP BY coder ORDER BY coder");
    std::vector<CoderSummary> v;
    while (s.step())
        v.push_back({s.text(0), s.i64(1), s.i64(2), s.text(3), s.text(4)});
    return v;
}

std::vector<InactiveCodings> codings_of_inactive_codes(Db &db) {
    Stmt s(db, "SELECT c.name, c.status, coalesce(m.name, ''), count(*) FROM coding g "
               "JOIN code c ON c.id = g.code_id LEFT JOIN code m ON m.id = c.merged_into "
               "WHERE c.status <> 'active' GROUP BY c.id ORDER BY c.name");
    std::vector<InactiveCodings> v;
    while (s.step())
        v.push_back({s.text(0), s.text(1), s.text(2), s.i64(3)});
    return v;
}

std::vector<CodeUse> code_use(Db &db) {
    Stmt s(db,
           "SELECT c.name, coalesce(p.name, ''), c.status, coalesce(m.name, ''), "
           "c.created_at, c.created_by, c.cycle, "
           "(SELECT count(*) FROM coding g WHERE g.code_id = c.id), "
           "coalesce((SELECT group_concat(n, ', ') FROM (SELECT x.name AS n FROM code_member cm "
           "JOIN code x ON x.id = cm.member_id WHERE cm.pattern_id = c.id ORDER BY x.name)), "
           "'') FROM code c "
           "LEFT JOIN code p ON p.id = c.parent_id LEFT JOIN code m ON m.id = c.merged_into "
           "ORDER BY c.cycle DESC, c.name");
    std::vector<CodeUse> v;
    while (s.step())
        v.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(8),
                     s.i64(6), s.i64(7)});
    return v;
}

std::int64_t count_rows(Db &db, const std::string &table) {
    Stmt s(db, fmt::format("SELECT count(*) FROM {}", table));
    s.step();
    return s.i64(0);
}

std::string first_coding_time(Db &db) {
    Stmt s(db, "SELECT min(created_at) FROM coding");
    if (s.step() && !s.is_null(0))
        return s.text(0);
    return {};
}

} // namespace qda::store
