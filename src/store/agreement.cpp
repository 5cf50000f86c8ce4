#include "store/agreement.hpp"

namespace qda::store {

std::vector<CoderSourceRow> coder_sources(Db &db) {
    Stmt s(db, "SELECT id, source_id, coder, assigned_at, assigned_by FROM coder_source "
               "ORDER BY coder, source_id");
    std::vector<CoderSourceRow> v;
    while (s.step())
        v.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4)});
    return v;
}

bool insert_coder_source(Db &db, CoderSourceRow &r, ChangeSet &changes) {
    Stmt s(db, "INSERT OR IGNORE INTO coder_source(coder, source_id, assigned_at, assigned_by) "
               "VALUES(?,?,?,?)");
    s.bind(1, r.coder).bind(2, r.source_id).bind(3, r.assigned_at).bind(4, r.assigned_by).run();
    if (db.changes() == 0)
        return false;
    r.id = db.last_id();
    changes.insert("coder_source", r.id, {{"coder", r.coder}, {"source_id", r.source_id}});
    return true;
}

bool delete_coder_source(Db &db, std::string_view coder, std::int64_t source_id,
                         ChangeSet &changes) {
    Stmt q(db, "SELECT id FROM coder_source WHERE coder = ? AND source_id = ?");
    q.bind(1, coder).bind(2, source_id);
    if (!q.step())
        return false;
    auto id = q.i64(0);
    Stmt s(db, "DELETE FROM coder_source WHERE id = ?");
    s.bind(1, id).run();
    changes.remove("coder_source", id, {{"coder", coder}, {"source_id", source_id}});
    return true;
}

std::vector<std::string> coder_names(Db &db) {
    Stmt s(db, "SELECT coder FROM coding UNION SELECT coder FROM coder_source ORDER BY 1");
    std::vector<std::string> v;
    while (s.step())
        v.push_back(s.text(0));
    return v;
}

} // namespace qda::store
