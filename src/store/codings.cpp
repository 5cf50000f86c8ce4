#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "store/autocode.hpp"
#include "store/codes.hpp"

namespace qda::store {
namespace {

constexpr const char *kCodingCols =
    "id, source_id, code_id, start, end, coder, created_at, memo, run_id";

CodingRow read_coding(Stmt &s) {
    CodingRow c;
    c.id = s.i64(0);
    c.source_id = s.i64(1);
    c.code_id = s.i64(2);
    c.start = s.i64(3);
    c.end = s.i64(4);
    c.coder = s.text(5);
    c.created_at = s.text(6);
    c.memo = s.text(7);
    c.run_id = s.opt_i64(8);
    return c;
}

std::string coding_digest(const CodingRow &c) {
    return digest_row({DigestField::of(c.id), DigestField::of(c.source_id),
                       DigestField::of(c.code_id), DigestField::of(c.start), DigestField::of(c.end),
                       DigestField::of(c.coder), DigestField::of(c.created_at),
                       DigestField::of(c.memo), DigestField::of(c.run_id)});
}

std::string in_list(const std::vector<std::int64_t> &ids) {
    return fmt::format("({})", fmt::join(ids, ","));
}

} // namespace

std::optional<std::int64_t> insert_coding(Db &db, CodingRow &c, ChangeSet &changes) {
    Stmt s(db, "INSERT OR IGNORE INTO coding(source_id, code_id, start, end, coder, created_at, "
               "memo, run_id) "
               "VALUES(?,?,?,?,?,?,?,?)");
    s.bind(1, c.source_id).bind(2, c.code_id).bind(3, c.start).bind(4, c.end).bind(5, c.coder);
    s.bind(6, c.created_at).bind(7, c.memo).bind(8, c.run_id);
    s.run();
    if (db.changes() == 0)
        return std::nullopt;
    c.id = db.last_id();
    changes.insert_digested("coding", c.id, coding_digest(c));
    return c.id;
}

std::vector<bool> insert_run_codings(Db &db, const std::vector<RunCoding> &rows,
                                     std::string_view coder, std::string_view created_at,
                                     std::int64_t run_id, ChangeSet &changes) {
    // Many rows per statement (ManyRows). A new row's id
    // is above every id before it, so the rows of a statement with ids above the largest before
    // it are its new rows, in order; when it added all its n rows, those are the n ids up to
    // the last one (no need to read them back).
    static const ManyRows sql("INSERT OR IGNORE INTO coding(source_id, code_id, start, end, "
                              "coder, created_at, memo, run_id)",
                              [](std::size_t k) {
                                  return fmt::format("(?{},?{},?{},?{},?1,?2,?3,?4)", 5 + 4 * k,
                                                     6 + 4 * k, 7 + 4 * k, 8 + 4 * k);
                              });
    std::vector<bool> fresh(rows.size(), false);
    std::vector<std::array<std::int64_t, 5>> got;
    std::int64_t top = 0; // the largest id so far
    {
        Stmt m(db, "SELECT coalesce(max(id), 0) FROM coding");
        m.step();
        top = m.i64(0);
    }
    for (std::size_t i = 0; i < rows.size();) {
        auto [n, text] = sql.batch(rows.size() - i);
        Stmt s(db, text);
        s.bind(1, coder).bind(2, created_at).bind(3, "").bind(4, run_id); // memo: empty text
        for (std::size_t k = 0; k < n; ++k) {
            const RunCoding &r = rows[i + k];
            int b = static_cast<int>(5 + 4 * k);
            s.bind(b, r.source_id).bind(b + 1, r.code_id).bind(b + 2, r.start).bind(b + 3, r.end);
        }
        s.run();
        auto added = static_cast<std::int64_t>(db.changes());
        got.clear();
        if (added > 0 && static_cast<std::size_t>(added) == n && db.last_id() - top == added) {
            for (std::size_t k = 0; k < n; ++k) {
                const RunCoding &r = rows[i + k];
                got.push_back({top + 1 + static_cast<std::int64_t>(k), r.source_id, r.code_id,
                               r.start, r.end});
            }
        } else if (added > 0) {
            Stmt q(db, "SELECT id, source_id, code_id, start, end FROM coding WHERE id > ? "
                       "ORDER BY id");
            q.bind(1, top);
            while (q.step())
                got.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3), q.i64(4)});
        }
        if (added > 0)
            top = got.back()[0];
        // Rows are inserted in order, so by id the new rows come in the order given.
        std::size_t g = 0;
        for (std::size_t k = 0; k < n && g < got.size(); ++k) {
            const RunCoding &r = rows[i + k];
            const auto &x = got[g];
            if (x[1] != r.source_id || x[2] != r.code_id || x[3] != r.start || x[4] != r.end)
                continue;
            fresh[i + k] = true;
            ++g;
            const std::array<DigestField, 9> row = {
                DigestField::of(x[0]),       DigestField::of(r.source_id),
                DigestField::of(r.code_id),  DigestField::of(r.start),
                DigestField::of(r.end),      DigestField::of(coder),
                DigestField::of(created_at), DigestField::of(std::string_view()),
                DigestField::of(run_id)};
            changes.insert_bulk("coding", x[0], digest_row_bytes(row));
        }
        i += n;
    }
    return fresh;
}

void delete_coding(Db &db, const CodingRow &c, ChangeSet &changes) {
    Stmt s(db, "DELETE FROM coding WHERE id = ?");
    s.bind(1, c.id).run();
    changes.remove("coding", c.id,
                   {{"source_id", c.source_id},
                    {"code_id", c.code_id},
                    {"start", c.start},
                    {"end", c.end},
                    {"coder", c.coder}});
}

std::int64_t move_codings(Db &db, std::int64_t from, std::int64_t to, ChangeSet &changes) {
    std::int64_t moved = 0;
    for (auto &c : codings(db, {{}, {from}, {}, {}})) {
        if (find_coding(db, c.source_id, to, c.start, c.end, c.coder)) {
            delete_coding(db, c, changes);
            continue;
        }
        Stmt u(db, "UPDATE coding SET code_id = ? WHERE id = ?");
        u.bind(1, to).bind(2, c.id).run();
        changes.update("coding", c.id, {{"code_id", from}}, {{"code_id", to}});
        ++moved;
    }
    return moved;
}

std::string run_condition(std::int64_t run_id) {
    return fmt::format(
        "run_id = {0} AND id BETWEEN (SELECT first_id FROM autocode_run_ids WHERE "
        "run_id = {0}) AND (SELECT last_id FROM autocode_run_ids WHERE run_id = {0})",
        run_id);
}

std::vector<CodingRow> codings(Db &db, const CodingFilter &f) {
    std::string sql = fmt::format("SELECT {} FROM coding WHERE 1", kCodingCols);
    if (!f.sources.empty())
        sql += " AND source_id IN " + in_list(f.sources);
    if (!f.codes.empty())
        sql += " AND code_id IN " + in_list(f.codes);
    if (f.run_id)
        sql += " AND " + run_condition(*f.run_id);
    for (std::size_t i = 0; i < f.coders.size(); ++i)
        sql += i == 0 ? " AND coder IN (?" : ", ?";
    if (!f.coders.empty())
        sql += ")";
    sql += " ORDER BY source_id, start, end, code_id, coder";
    Stmt s(db, sql);
    for (std::size_t i = 0; i < f.coders.size(); ++i)
        s.bind(static_cast<int>(i + 1), f.coders[i]);
    std::vector<CodingRow> v;
    while (s.step())
        v.push_back(read_coding(s));
    return v;
}

std::optional<CodingRow> coding_by_id(Db &db, std::int64_t id) {
    Stmt s(db, fmt::format("SELECT {} FROM coding WHERE id = ?", kCodingCols));
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return read_coding(s);
}

std::optional<CodingRow> find_coding(Db &db, std::int64_t source, std::int64_t code,
                                     std::int64_t start, std::int64_t end, std::string_view coder) {
    Stmt s(
        db,
        fmt::format(
            "SELECT {} FROM coding WHERE source_id = ? AND code_id = ? AND start = ? AND end = ? "
            "AND coder = ?",
            kCodingCols));
    s.bind(1, source).bind(2, code).bind(3, start).bind(4, end).bind(5, coder);
    if (!s.step())
        return std::nullopt;
    return read_coding(s);
}

std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> coding_counts(Db &db) {
    Stmt s(db, "SELECT code_id, count(*), count(DISTINCT source_id) FROM coding GROUP BY code_id");
    std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> v;
    while (s.step())
        v.emplace_back(s.i64(0), s.i64(1), s.i64(2));
    return v;
}

// ---- runs -------------------------------------------------------------------------------

std::int64_t insert_run(Db &db, RunRow &r, ChangeSet &changes) {
    Stmt s(db, "INSERT INTO autocode_run(rules_sha256, rules, rules_path, coder, created_at, "
               "codings, undone_at) "
               "VALUES(?,?,?,?,?,?,?)");
    s.bind(1, r.rules_sha256)
        .bind(2, r.rules)
        .bind(3, r.rules_path)
        .bind(4, r.coder)
        .bind(5, r.created_at);
    s.bind(6, r.codings).bind(7, r.undone_at).run();
    r.id = db.last_id();
    changes.insert("autocode_run", r.id, {{"rules_sha256", r.rules_sha256}});
    return r.id;
}

void update_run(Db &db, const RunRow &r, ChangeSet &changes) {
    Stmt s(db, "UPDATE autocode_run SET codings = ?, undone_at = ? WHERE id = ?");
    s.bind(1, r.codings).bind(2, r.undone_at).bind(3, r.id).run();
    changes.update("autocode_run", r.id, nullptr,
                   {{"codings", r.codings}, {"undone_at", r.undone_at}});
}

namespace {
RunRow read_run(Stmt &s) {
    return {s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.i64(6), s.text(7)};
}
} // namespace

std::optional<RunRow> run_by_id(Db &db, std::int64_t id) {
    Stmt s(db, "SELECT id, rules_sha256, rules, rules_path, coder, created_at, codings, undone_at "
               "FROM autocode_run WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return read_run(s);
}

std::vector<RunRow> all_runs(Db &db) {
    Stmt s(db, "SELECT id, rules_sha256, rules, rules_path, coder, created_at, codings, undone_at "
               "FROM autocode_run ORDER BY id");
    std::vector<RunRow> v;
    while (s.step())
        v.push_back(read_run(s));
    return v;
}

// ---- memos ------------------------------------------------------------------------------

namespace {
MemoRow read_memo(Stmt &s) {
    MemoRow m;
    m.id = s.i64(0);
    m.target_kind = s.text(1);
    m.target_id = s.opt_i64(2);
    m.type = s.text(3);
    m.title = s.text(4);
    m.text = s.text(5);
    m.author = s.text(6);
    m.created_at = s.text(7);
    m.updated_at = s.text(8);
    return m;
}
constexpr const char *kMemoCols =
    "id, target_kind, target_id, type, title, text, author, created_at, updated_at";
} // namespace

std::int64_t insert_memo(Db &db, MemoRow &m, ChangeSet &changes) {
    Stmt s(db, "INSERT INTO memo(target_kind, target_id, type, title, text, author, created_at, "
               "updated_at) "
               "VALUES(?,?,?,?,?,?,?,?)");
    s.bind(1, m.target_kind).bind(2, m.target_id).bind(3, m.type).bind(4, m.title).bind(5, m.text);
    s.bind(6, m.author).bind(7, m.created_at).bind(8, m.updated_at).run();
    m.id = db.last_id();
    changes.insert("memo", m.id, {{"target_kind", m.target_kind}, {"type", m.type}});
    return m.id;
}

void update_memo(Db &db, const MemoRow &m, ChangeSet &changes) {
    auto before = memo_by_id(db, m.id);
    Stmt s(db, "UPDATE memo SET type = ?, title = ?, text = ?, updated_at = ? WHERE id = ?");
    s.bind(1, m.type).bind(2, m.title).bind(3, m.text).bind(4, m.updated_at).bind(5, m.id).run();
    changes.update("memo", m.id, before ? nlohmann::json{{"text", before->text}} : nlohmann::json(),
                   {{"text", m.text}});
}

void delete_memo(Db &db, const MemoRow &m, ChangeSet &changes) {
    Stmt s(db, "DELETE FROM memo WHERE id = ?");
    s.bind(1, m.id).run();
    changes.remove("memo", m.id, {{"text", m.text}, {"type", m.type}});
}

std::optional<MemoRow> memo_by_id(Db &db, std::int64_t id) {
    Stmt s(db, fmt::format("SELECT {} FROM memo WHERE id = ?", kMemoCols));
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return read_memo(s);
}

std::vector<MemoRow> memos(Db &db, std::string_view kind, std::optional<std::int64_t> target_id) {
    Stmt s(db, fmt::format("SELECT {} FROM memo WHERE (?1 = '' OR target_kind = ?1) AND (?2 IS "
                           "NULL OR target_id = ?2) "
                           "ORDER BY created_at, id",
                           kMemoCols));
    s.bind(1, kind).bind(2, target_id);
    std::vector<MemoRow> v;
    while (s.step())
        v.push_back(read_memo(s));
    return v;
}

} // namespace qda::store
