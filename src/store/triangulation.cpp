#include "store/triangulation.hpp"

#include <fmt/format.h>

namespace qda::store {
namespace {

constexpr const char *kCols = "id, theme_id, across, group_a, group_b, meaning, examples, verdict, "
                              "why, bands, created_at, created_by";

TriangulationVerdictRow row(const Stmt &s) {
    TriangulationVerdictRow v;
    v.id = s.i64(0);
    v.theme_id = s.i64(1);
    v.across = s.text(2);
    v.group_a = s.text(3);
    v.group_b = s.text(4);
    v.meaning = s.text(5);
    v.examples = s.text(6);
    v.verdict = s.text(7);
    v.why = s.text(8);
    v.bands = s.text(9);
    v.created_at = s.text(10);
    v.created_by = s.text(11);
    return v;
}

} // namespace

std::int64_t insert_triangulation_verdict(Db &db, TriangulationVerdictRow &v, ChangeSet &changes) {
    Stmt s(db,
           "INSERT INTO triangulation_verdict(theme_id, across, group_a, group_b, meaning, "
           "examples, verdict, why, bands, created_at, created_by) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, v.theme_id).bind(2, v.across).bind(3, v.group_a).bind(4, v.group_b);
    s.bind(5, v.meaning).bind(6, v.examples).bind(7, v.verdict).bind(8, v.why);
    s.bind(9, v.bands).bind(10, v.created_at).bind(11, v.created_by).run();
    v.id = db.last_id();
    changes.insert("triangulation_verdict", v.id,
                   {{"theme_id", v.theme_id},
                    {"across", v.across},
                    {"pair", v.group_a + ":" + v.group_b},
                    {"verdict", v.verdict},
                    {"bands", v.bands}});
    return v.id;
}

std::vector<TriangulationVerdictRow> triangulation_verdicts(Db &db, const std::string &across) {
    Stmt s(db, fmt::format("SELECT {} FROM triangulation_verdict WHERE ? = '' OR across = ? "
                           "ORDER BY id",
                           kCols));
    s.bind(1, across).bind(2, across);
    std::vector<TriangulationVerdictRow> out;
    while (s.step())
        out.push_back(row(s));
    return out;
}

std::vector<std::string> triangulation_dimensions(Db &db) {
    Stmt s(db, "SELECT DISTINCT across FROM triangulation_verdict ORDER BY across");
    std::vector<std::string> out;
    while (s.step())
        out.push_back(s.text(0));
    return out;
}

} // namespace qda::store
