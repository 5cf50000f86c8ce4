#include "store/codebook_edit.hpp"

namespace qda::store {

bool code_referenced(Db &db, std::int64_t id) {
    Stmt s(db, "SELECT (SELECT count(*) FROM memo WHERE target_kind = 'code' AND target_id = ?1) + "
               "(SELECT count(*) FROM code WHERE merged_into = ?1 OR (parent_id = ?1 AND status = "
               "'merged'))");
    s.bind(1, id);
    s.step();
    return s.i64(0) > 0;
}

std::int64_t code_codings(Db &db, std::int64_t id) {
    Stmt s(db, "SELECT count(*) FROM coding WHERE code_id = ?");
    s.bind(1, id);
    s.step();
    return s.i64(0);
}

void delete_code(Db &db, const CodeRow &c, ChangeSet &changes) {
    Stmt m(db, "SELECT id, pattern_id, member_id FROM code_member WHERE pattern_id = ?1 OR "
               "member_id = ?1");
    m.bind(1, c.id);
    std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> rows;
    while (m.step())
        rows.emplace_back(m.i64(0), m.i64(1), m.i64(2));
    m.reset();
    for (auto [row, p, mem] : rows) {
        Stmt d(db, "DELETE FROM code_member WHERE id = ?");
        d.bind(1, row).run();
        changes.remove("code_member", row, {{"pattern_id", p}, {"member_id", mem}});
    }
    Stmt d(db, "DELETE FROM code WHERE id = ?");
    d.bind(1, c.id).run();
    changes.remove("code", c.id,
                   {{"uid", c.uid}, {"name", c.name}, {"description", c.description}});
}

} // namespace qda::store
