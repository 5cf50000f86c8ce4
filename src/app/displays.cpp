// qda display: matrices saved under a name with a fingerprint of their data, and the cells a
// researcher writes in them (summary, rating, evidence codings).
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/codebook_tree.hpp"
#include "app/session.hpp"
#include "qda/error.hpp"
#include "qda/matrix.hpp"
#include "store/codes.hpp"
#include "store/displays.hpp"

namespace qda::app {
namespace {

store::DisplayRow require_display(store::Db &db, const std::string &name) {
    if (auto d = store::display_by_name(db, name))
        return *d;
    not_found("display", name, store::display_names(db));
}

DisplayInfo info_of(store::Db &db, const store::DisplayRow &d) {
    DisplayInfo i;
    i.id = d.id;
    i.name = d.name;
    i.args = nlohmann::json::parse(d.args).get<std::vector<std::string>>();
    i.fingerprint = d.fingerprint;
    i.created_at = d.created_at;
    i.created_by = d.created_by;
    i.updated_at = d.updated_at;
    i.cells = static_cast<std::int64_t>(store::display_cells(db, d.id).size());
    return i;
}

MatrixNotes notes_of(store::Db &db, std::int64_t display) {
    MatrixNotes n;
    for (const auto &c : store::display_cells(db, display)) {
        MatrixNote note{c.summary, c.rating, c.author, c.updated_at, {}};
        note.evidence = nlohmann::json::parse(c.evidence).get<std::vector<std::int64_t>>();
        n[{c.row_key, c.col_key}] = std::move(note);
    }
    return n;
}

const MatrixMember &member(const std::vector<MatrixMember> &ms, const std::string &name,
                           const char *what) {
    for (const auto &m : ms)
        if (m.label == name || m.key == name)
            return m;
    std::vector<std::string> labels;
    for (const auto &m : ms)
        labels.push_back(m.label);
    not_found(what, name, labels);
}

} // namespace

DisplayInfo save_display(const Context &ctx, const std::string &name,
                         const std::vector<std::string> &args, const MatrixRequest &req,
                         bool replace) {
    if (name.empty() || name.front() == '-' || name.find_first_of(" \t\n") != std::string::npos)
        throw Error(Exit::usage, "display save", fmt::format("\"{}\" is not a display name", name),
                    "use letters, digits, '-' and '_', without spaces");
    MatrixNotes none;
    auto res = matrix(ctx, req, &none); // checks the options before anything is written
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    auto now = store::append_time_now();
    store::DisplayRow row;
    if (auto old = store::display_by_name(s.db(), name)) {
        if (!replace)
            throw Error(Exit::data, name, "a display of this name exists",
                        "save it again with --replace to change its options or refresh it");
        row = *old;
    } else {
        row.name = name;
        row.created_at = now;
        row.created_by = s.actor();
    }
    row.args = nlohmann::json(args).dump();
    row.fingerprint = res.fingerprint;
    row.updated_at = now;
    store::save_display(s.db(), row, changes);
    auto info = info_of(s.db(), row);
    s.finish(tx, "display.save", fmt::format("display {} saved: {} x {}", name, req.rows, req.cols),
             changes);
    return info;
}

DisplayInfo display_info(const Context &ctx, const std::string &name) {
    Session s(ctx);
    return info_of(s.db(), require_display(s.db(), name));
}

DisplayInfo remove_display(const Context &ctx, const std::string &name) {
    require_why(ctx, "display rm");
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    auto row = require_display(s.db(), name);
    auto info = info_of(s.db(), row);
    auto cells = store::delete_display(s.db(), row, changes);
    s.finish(tx, "display.rm", fmt::format("display {} removed with {} cell(s)", name, cells),
             changes);
    return info;
}

std::pair<DisplayInfo, MatrixResult> show_display(const Context &ctx, const std::string &name,
                                                  const MatrixRequest &req) {
    DisplayInfo info;
    MatrixNotes notes;
    {
        Session s(ctx);
        auto row = require_display(s.db(), name);
        info = info_of(s.db(), row);
        notes = notes_of(s.db(), row.id);
    }
    auto res = matrix(ctx, req, &notes);
    info.stale = res.fingerprint != info.fingerprint;
    return {info, std::move(res)};
}

std::vector<DisplayInfo> list_displays(const Context &ctx) {
    Session s(ctx);
    std::vector<DisplayInfo> v;
    for (const auto &d : store::all_displays(s.db()))
        v.push_back(info_of(s.db(), d));
    return v;
}

MatrixNote write_display_cell(const Context &ctx, const std::string &name, const MatrixRequest &req,
                              const std::string &row, const std::string &col,
                              const std::optional<std::string> &summary,
                              const std::optional<std::string> &rating,
                              const std::vector<std::int64_t> &evidence) {
    if (!summary && !rating && evidence.empty())
        throw Error(Exit::usage, "display cell", "nothing to write",
                    "give --summary TEXT, --rating VALUE or --evidence CODING");
    auto all = req; // a researcher can write in a row that has no codings yet
    all.drop_empty_rows = all.drop_empty_cols = false;
    MatrixNotes notes;
    {
        Session s(ctx);
        notes = notes_of(s.db(), require_display(s.db(), name).id);
    }
    auto res = matrix(ctx, all, &notes);
    const auto &r = member(res.rows, row, "row");
    const auto &c = member(res.cols, col, "column");

    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    auto d = require_display(s.db(), name);
    for (auto id : evidence)
        if (!store::coding_by_id(s.db(), id))
            throw Error(Exit::no_input, fmt::format("coding {}", id), "no coding with this id",
                        "see the ids with `qda codings`");
    store::DisplayCellRow cell;
    cell.display_id = d.id;
    cell.row_key = r.key;
    cell.col_key = c.key;
    if (auto old = notes.find({r.key, c.key}); old != notes.end()) {
        cell.summary = old->second.summary;
        cell.rating = old->second.rating;
        cell.evidence = nlohmann::json(old->second.evidence).dump();
    }
    if (summary)
        cell.summary = *summary;
    if (rating)
        cell.rating = *rating;
    if (!evidence.empty()) {
        auto ev = nlohmann::json::parse(cell.evidence).get<std::vector<std::int64_t>>();
        for (auto id : evidence)
            if (std::find(ev.begin(), ev.end(), id) == ev.end())
                ev.push_back(id);
        cell.evidence = nlohmann::json(ev).dump();
    }
    cell.author = s.actor();
    cell.updated_at = store::append_time_now();
    store::save_display_cell(s.db(), cell, changes);
    s.finish(tx, "display.cell",
             fmt::format("display {}: cell {} x {} written", name, r.label, c.label), changes);
    MatrixNote n{cell.summary, cell.rating, cell.author, cell.updated_at, {}};
    n.evidence = nlohmann::json::parse(cell.evidence).get<std::vector<std::int64_t>>();
    return n;
}

} // namespace qda::app
