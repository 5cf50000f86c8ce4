#include "store/matrix_data.hpp"

namespace qda::store {

void coding_groups(
    Db &db, bool by_coder,
    const std::function<void(std::int64_t, std::int64_t, std::string_view, std::int64_t)> &each) {
    // The unique index (source_id, code_id, start, end, coder) covers both groupings and yields
    // rows already in group order: SQLite counts while it walks the index.
    Stmt s(db, by_coder ? "SELECT source_id, code_id, coder, count(*) FROM coding "
                          "GROUP BY source_id, code_id, coder"
                        : "SELECT source_id, code_id, '', count(*) FROM coding "
                          "GROUP BY source_id, code_id");
    while (s.step())
        each(s.i64(0), s.i64(1), s.view(2), s.i64(3));
}

void source_codings(Db &db, std::int64_t source,
                    const std::function<void(std::int64_t, std::int64_t, std::string_view,
                                             std::int64_t, std::int64_t)> &each) {
    Stmt s(db, "SELECT id, code_id, coder, start, end FROM coding WHERE source_id = ? "
               "ORDER BY start, end, code_id, coder");
    s.bind(1, source);
    while (s.step())
        each(s.i64(0), s.i64(1), s.view(2), s.i64(3), s.i64(4));
}

std::vector<std::string> coders(Db &db) {
    Stmt s(db, "SELECT DISTINCT coder FROM coding ORDER BY coder");
    std::vector<std::string> v;
    while (s.step())
        v.push_back(s.text(0));
    return v;
}

void reading_once(Db &db) {
    db.exec("PRAGMA cache_size = -2048");
}

} // namespace qda::store
