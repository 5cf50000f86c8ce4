#include "store/displays.hpp"

namespace qda::store {
namespace {

constexpr const char *kDisplayCols =
    "id, name, args, fingerprint, created_at, created_by, updated_at";

DisplayRow read_display(Stmt &s) {
    return {s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)};
}

} // namespace

std::optional<DisplayRow> display_by_name(Db &db, std::string_view name) {
    Stmt s(db, std::string("SELECT ") + kDisplayCols + " FROM display WHERE name = ?");
    s.bind(1, name);
    if (!s.step())
        return std::nullopt;
    return read_display(s);
}

std::vector<DisplayRow> all_displays(Db &db) {
    Stmt s(db, std::string("SELECT ") + kDisplayCols + " FROM display ORDER BY name");
    std::vector<DisplayRow> v;
    while (s.step())
        v.push_back(read_display(s));
    return v;
}

std::vector<std::string> display_names(Db &db) {
    std::vector<std::string> v;
    for (auto &d : all_displays(db))
        v.push_back(d.name);
    return v;
}

void save_display(Db &db, DisplayRow &d, ChangeSet &changes) {
    if (d.id == 0) {
        Stmt s(db, "INSERT INTO display(name, args, fingerprint, created_at, created_by, "
                   "updated_at) VALUES(?,?,?,?,?,?)");
        s.bind(1, d.name).bind(2, d.args).bind(3, d.fingerprint).bind(4, d.created_at);
        s.bind(5, d.created_by).bind(6, d.updated_at).run();
        d.id = db.last_id();
        changes.insert("display", d.id, {{"name", d.name}, {"args", d.args}});
        return;
    }
    Stmt old(db, "SELECT args, fingerprint FROM display WHERE id = ?");
    old.bind(1, d.id);
    nlohmann::json before;
    if (old.step())
        before = {{"args", old.text(0)}, {"fingerprint", old.text(1)}};
    Stmt s(db, "UPDATE display SET args = ?, fingerprint = ?, updated_at = ? WHERE id = ?");
    s.bind(1, d.args).bind(2, d.fingerprint).bind(3, d.updated_at).bind(4, d.id).run();
    changes.update("display", d.id, before, {{"args", d.args}, {"fingerprint", d.fingerprint}});
}

std::vector<DisplayCellRow> display_cells(Db &db, std::int64_t display) {
    Stmt s(db, "SELECT id, display_id, row_key, col_key, summary, rating, evidence, author, "
               "updated_at FROM display_cell WHERE display_id = ? ORDER BY id");
    s.bind(1, display);
    std::vector<DisplayCellRow> v;
    while (s.step())
        v.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6),
                     s.text(7), s.text(8)});
    return v;
}

void save_display_cell(Db &db, DisplayCellRow &c, ChangeSet &changes) {
    Stmt find(db, "SELECT id, summary, rating, evidence FROM display_cell WHERE display_id = ? "
                  "AND row_key = ? AND col_key = ?");
    find.bind(1, c.display_id).bind(2, c.row_key).bind(3, c.col_key);
    nlohmann::json after = {{"row", c.row_key},
                            {"col", c.col_key},
                            {"summary", c.summary},
                            {"rating", c.rating},
                            {"evidence", c.evidence}};
    if (find.step()) {
        c.id = find.i64(0);
        nlohmann::json before = {
            {"summary", find.text(1)}, {"rating", find.text(2)}, {"evidence", find.text(3)}};
        find.reset();
        Stmt s(db, "UPDATE display_cell SET summary = ?, rating = ?, evidence = ?, author = ?, "
                   "updated_at = ? WHERE id = ?");
        s.bind(1, c.summary).bind(2, c.rating).bind(3, c.evidence).bind(4, c.author);
        s.bind(5, c.updated_at).bind(6, c.id).run();
        changes.update("display_cell", c.id, before, after);
        return;
    }
    find.reset();
    Stmt s(db, "INSERT INTO display_cell(display_id, row_key, col_key, summary, rating, evidence, "
               "author, updated_at) VALUES(?,?,?,?,?,?,?,?)");
    s.bind(1, c.display_id).bind(2, c.row_key).bind(3, c.col_key).bind(4, c.summary);
    s.bind(5, c.rating).bind(6, c.evidence).bind(7, c.author).bind(8, c.updated_at).run();
    c.id = db.last_id();
    changes.insert("display_cell", c.id, after);
}

std::int64_t delete_display(Db &db, const DisplayRow &d, ChangeSet &changes) {
    auto cells = display_cells(db, d.id);
    for (const auto &c : cells) {
        Stmt s(db, "DELETE FROM display_cell WHERE id = ?");
        s.bind(1, c.id).run();
        changes.remove("display_cell", c.id,
                       {{"row", c.row_key},
                        {"col", c.col_key},
                        {"summary", c.summary},
                        {"rating", c.rating},
                        {"evidence", c.evidence}});
    }
    Stmt s(db, "DELETE FROM display WHERE id = ?");
    s.bind(1, d.id).run();
    changes.remove("display", d.id,
                   {{"name", d.name}, {"args", d.args}, {"fingerprint", d.fingerprint}});
    return static_cast<std::int64_t>(cells.size());
}

} // namespace qda::store
