#include "store/repo.hpp"

namespace qda::store {

std::optional<std::int64_t> case_id(Db &db, std::string_view name) {
    Stmt s(db, "SELECT id FROM cases WHERE name = ?");
    s.bind(1, name);
    if (s.step())
        return s.i64(0);
    return std::nullopt;
}

std::int64_t create_case(Db &db, std::string_view name, std::string_view description,
                         ChangeSet &changes) {
    Stmt s(db, "INSERT INTO cases(name, description) VALUES(?, ?)");
    s.bind(1, name).bind(2, description).run();
    changes.insert("cases", db.last_id(), {{"name", name}});
    return db.last_id();
}

std::vector<CaseInfo> list_cases(Db &db) {
    Stmt s(db, "SELECT c.id, c.name, c.description, (SELECT count(*) FROM source s WHERE s.case_id "
               "= c.id) "
               "FROM cases c ORDER BY c.name");
    std::vector<CaseInfo> v;
    while (s.step())
        v.push_back({s.i64(0), s.text(1), s.text(2), s.i64(3)});
    return v;
}

std::vector<std::string> case_names(Db &db) {
    Stmt s(db, "SELECT name FROM cases ORDER BY name");
    std::vector<std::string> v;
    while (s.step())
        v.push_back(s.text(0));
    return v;
}

} // namespace qda::store
