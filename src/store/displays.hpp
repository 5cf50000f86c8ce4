#pragma once
// Saved displays and the cells researchers write in them (schema 4). Every write reports the
// rows it changed into the ChangeSet, so the command's audit event accounts for them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"
#include "store/trail.hpp"

namespace qda::store {

struct DisplayRow {
    std::int64_t id = 0;
    std::string name, args, fingerprint, created_at, created_by, updated_at;
};

struct DisplayCellRow {
    std::int64_t id = 0, display_id = 0;
    std::string row_key, col_key, summary, rating;
    std::string evidence = "[]"; ///< JSON array of coding ids
    std::string author, updated_at;
};

std::optional<DisplayRow> display_by_name(Db &db, std::string_view name);
std::vector<DisplayRow> all_displays(Db &db);
std::vector<std::string> display_names(Db &db);
/// Insert (id 0) or update by id.
void save_display(Db &db, DisplayRow &d, ChangeSet &changes);

std::vector<DisplayCellRow> display_cells(Db &db, std::int64_t display);
/// Insert or update the cell of (display, row_key, col_key); fills id.
void save_display_cell(Db &db, DisplayCellRow &c, ChangeSet &changes);
/// Delete a display and the cells written in it; returns how many cells went with it.
std::int64_t delete_display(Db &db, const DisplayRow &d, ChangeSet &changes);

} // namespace qda::store
