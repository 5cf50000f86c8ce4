#include "store/matrix_data.hpp"

#include <unordered_map>

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

std::vector<SourceBrief> source_briefs(Db &db) {
    // name and kind come before the original bytes and the text in the row; case_id comes after,
    // so it is read from its index.
    std::unordered_map<std::int64_t, std::string> case_of;
    {
        Stmt c(db, "SELECT s.id, c.name FROM source s INDEXED BY source_case JOIN cases c ON c.id "
                   "= s.case_id WHERE s.case_id IS NOT NULL");
        while (c.step())
            case_of[c.i64(0)] = c.text(1);
    }
    Stmt s(db, "SELECT id, name, kind FROM source ORDER BY name");
    std::vector<SourceBrief> v;
    while (s.step()) {
        SourceBrief b{s.i64(0), s.text(1), s.text(2), {}};
        if (auto it = case_of.find(b.id); it != case_of.end())
            b.case_name = it->second;
        v.push_back(std::move(b));
    }
    return v;
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
