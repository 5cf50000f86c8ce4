#include "store/network.hpp"

#include <fmt/format.h>

namespace qda::store {
namespace {

constexpr const char *kLinkCols = "id, from_code, to_code, kind, note, created_at, created_by";

LinkRow read_link(Stmt &s) {
    return {s.i64(0), s.i64(1), s.i64(2), s.text(3), s.text(4), s.text(5), s.text(6), {}};
}

void fill_evidence(Db &db, LinkRow &l) {
    Stmt s(db, "SELECT coding_id FROM network_evidence WHERE link_id = ? ORDER BY coding_id");
    s.bind(1, l.id);
    while (s.step())
        l.evidence.push_back(s.i64(0));
}

std::optional<LinkRow> one(Db &db, Stmt &s) {
    if (!s.step())
        return std::nullopt;
    auto l = read_link(s);
    fill_evidence(db, l);
    return l;
}

} // namespace

std::vector<LinkRow> links(Db &db) {
    std::vector<LinkRow> v;
    {
        Stmt s(db, fmt::format("SELECT {} FROM network_link ORDER BY id", kLinkCols));
        while (s.step())
            v.push_back(read_link(s));
    }
    Stmt e(db, "SELECT link_id, coding_id FROM network_evidence ORDER BY link_id, coding_id");
    std::size_t i = 0;
    while (e.step()) {
        auto link = e.i64(0);
        while (i < v.size() && v[i].id < link)
            ++i;
        if (i < v.size() && v[i].id == link)
            v[i].evidence.push_back(e.i64(1));
    }
    return v;
}

std::optional<LinkRow> link_by_id(Db &db, std::int64_t id) {
    Stmt s(db, fmt::format("SELECT {} FROM network_link WHERE id = ?", kLinkCols));
    s.bind(1, id);
    return one(db, s);
}

std::optional<LinkRow> find_link(Db &db, std::int64_t from, std::int64_t to,
                                 const std::string &kind) {
    Stmt s(db, fmt::format(
                   "SELECT {} FROM network_link WHERE from_code = ? AND to_code = ? AND kind = ?",
                   kLinkCols));
    s.bind(1, from).bind(2, to).bind(3, kind);
    return one(db, s);
}

std::vector<std::string> link_kinds(Db &db) {
    Stmt s(db, "SELECT DISTINCT kind FROM network_link ORDER BY kind");
    std::vector<std::string> v;
    while (s.step())
        v.push_back(s.text(0));
    return v;
}

std::int64_t insert_link(Db &db, LinkRow &l, ChangeSet &changes) {
    Stmt s(db, "INSERT INTO network_link(from_code, to_code, kind, note, created_at, created_by) "
               "VALUES(?,?,?,?,?,?)");
    s.bind(1, l.from_code).bind(2, l.to_code).bind(3, l.kind).bind(4, l.note);
    s.bind(5, l.created_at).bind(6, l.created_by).run();
    l.id = db.last_id();
    changes.insert("network_link", l.id,
                   {{"from_code", l.from_code}, {"to_code", l.to_code}, {"kind", l.kind}});
    auto evidence = std::move(l.evidence);
    l.evidence.clear();
    for (auto c : evidence)
        if (add_evidence(db, l.id, c, changes))
            l.evidence.push_back(c);
    return l.id;
}

bool add_evidence(Db &db, std::int64_t link, std::int64_t coding, ChangeSet &changes) {
    Stmt s(db, "INSERT OR IGNORE INTO network_evidence(link_id, coding_id) VALUES(?,?)");
    s.bind(1, link).bind(2, coding).run();
    if (db.changes() == 0)
        return false;
    changes.insert("network_evidence", db.last_id(), {{"link_id", link}, {"coding_id", coding}});
    return true;
}

void delete_link(Db &db, const LinkRow &l, ChangeSet &changes) {
    {
        Stmt ids(db, "SELECT id, coding_id FROM network_evidence WHERE link_id = ? ORDER BY id");
        ids.bind(1, l.id);
        while (ids.step())
            changes.remove("network_evidence", ids.i64(0),
                           {{"link_id", l.id}, {"coding_id", ids.i64(1)}});
    }
    Stmt e(db, "DELETE FROM network_evidence WHERE link_id = ?");
    e.bind(1, l.id).run();
    Stmt s(db, "DELETE FROM network_link WHERE id = ?");
    s.bind(1, l.id).run();
    changes.remove("network_link", l.id,
                   {{"from_code", l.from_code}, {"to_code", l.to_code}, {"kind", l.kind}});
}

void each_span(Db &db, const std::vector<std::string> &coders,
               const std::function<void(const SpanRow &)> &each) {
    std::string sql = "SELECT id, source_id, code_id, start, end FROM coding";
    for (std::size_t i = 0; i < coders.size(); ++i)
        sql += i == 0 ? " WHERE coder IN (?" : ", ?";
    if (!coders.empty())
        sql += ")";
    sql += " ORDER BY source_id, start";
    Stmt s(db, sql);
    for (std::size_t i = 0; i < coders.size(); ++i)
        s.bind(static_cast<int>(i + 1), coders[i]);
    SpanRow r;
    while (s.step()) {
        r.id = s.i64(0);
        r.source_id = s.i64(1);
        r.code_id = s.i64(2);
        r.start = s.i64(3);
        r.end = s.i64(4);
        each(r);
    }
}

} // namespace qda::store
