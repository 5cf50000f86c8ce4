#include "store/trail.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <queue>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda::store {
namespace {

struct Tracked {
    const char *table;
    const char *row_sql; ///< one row (or group) by id, columns in a fixed order
    const char *ids_sql;
};

// The big columns of source (original, text) are covered by their own hashes, checked by
// check_source_content, so a digest stays cheap.
const Tracked kTracked[] = {
    {"cases", "SELECT id, name, description FROM cases WHERE id = ?", "SELECT id FROM cases"},
    {"participant", "SELECT id, name, is_interviewer FROM participant WHERE id = ?",
     "SELECT id FROM participant"},
    {"participant_alias", "SELECT id, alias, participant_id FROM participant_alias WHERE id = ?",
     "SELECT id FROM participant_alias"},
    {"source",
     "SELECT id, name, kind, format, encoding, encoding_confidence, encoding_method, sha256, size, "
     "text_sha256, chars, path, case_id, supersedes, imported_at, imported_by FROM source WHERE id "
     "= ?",
     "SELECT id FROM source"},
    {"speaker",
     "SELECT id, source_id, label, role, participant_id, turns FROM speaker WHERE id = ?",
     "SELECT id FROM speaker"},
    {"segments", "SELECT unit, count, data FROM segment_set WHERE source_id = ? ORDER BY unit",
     "SELECT DISTINCT source_id FROM segment_set"},
    {"attribute_def", "SELECT id, entity, key, type FROM attribute_def WHERE id = ?",
     "SELECT id FROM attribute_def"},
    {"attribute", "SELECT id, def_id, entity_id, value FROM attribute WHERE id = ?",
     "SELECT id FROM attribute"},
    {"code",
     "SELECT id, uid, name, parent_id, description, inclusion, exclusion, example, colour, cycle, "
     "status, "
     "merged_into, created_at, created_by FROM code WHERE id = ?",
     "SELECT id FROM code"},
    {"code_member", "SELECT id, pattern_id, member_id FROM code_member WHERE id = ?",
     "SELECT id FROM code_member"},
    {"autocode_run",
     "SELECT id, rules_sha256, rules, rules_path, coder, created_at, codings, undone_at FROM "
     "autocode_run WHERE id = ?",
     "SELECT id FROM autocode_run"},
    {"coding",
     "SELECT id, source_id, code_id, start, end, coder, created_at, memo, run_id FROM coding WHERE "
     "id = ?",
     "SELECT id FROM coding"},
    {"memo",
     "SELECT id, target_kind, target_id, type, title, text, author, created_at, updated_at FROM "
     "memo WHERE id = ?",
     "SELECT id FROM memo"},
    // verification (claims, member checks)
    {"claim",
     "SELECT id, text, theme_id, status, evidence_query, created_at, created_by, updated_at FROM "
     "claim WHERE id = ?",
     "SELECT id FROM claim"},
    {"claim_evidence",
     "SELECT id, claim_id, coding_id, source_id, code_id, start, end, coder FROM claim_evidence "
     "WHERE id = ?",
     "SELECT id FROM claim_evidence"},
    {"member_check",
     "SELECT id, participant_id, artifact, artifact_sha256, channel, sent_on, status, "
     "response_source_id, responded_on, created_at, created_by FROM member_check WHERE id = ?",
     "SELECT id FROM member_check"},
    {"member_check_verdict",
     "SELECT id, check_id, claim_id, verdict, action, created_at, created_by FROM "
     "member_check_verdict WHERE id = ?",
     "SELECT id FROM member_check_verdict"},
    // co-occurrence and networks: links between codes and the codings cited for them
    {"network_link",
     "SELECT id, from_code, to_code, kind, note, created_at, created_by FROM network_link WHERE "
     "id = ?",
     "SELECT id FROM network_link"},
    {"network_evidence", "SELECT id, link_id, coding_id FROM network_evidence WHERE id = ?",
     "SELECT id FROM network_evidence"},
    // displays (qda display): saved matrices and the cells researchers write in them
    {"display",
     "SELECT id, name, args, fingerprint, created_at, created_by, updated_at FROM display WHERE "
     "id = ?",
     "SELECT id FROM display"},
    {"display_cell",
     "SELECT id, display_id, row_key, col_key, summary, rating, evidence, author, updated_at FROM "
     "display_cell WHERE id = ?",
     "SELECT id FROM display_cell"},
    // agreement between coders (issue 6): the sources each coder was assigned
    {"coder_source",
     "SELECT id, coder, source_id, assigned_at, assigned_by FROM coder_source WHERE id = ?",
     "SELECT id FROM coder_source"},
    // audit report (issue 5): instruments linked to the sources collected with them
    {"instrument_link",
     "SELECT id, instrument_id, source_id, linked_at, linked_by FROM instrument_link WHERE id = ?",
     "SELECT id FROM instrument_link"},
    // triangulation (qda triangulate judge): the researcher's verdicts between groups
    {"triangulation_verdict",
     "SELECT id, theme_id, across, group_a, group_b, meaning, examples, verdict, why, bands, "
     "created_at, created_by FROM triangulation_verdict WHERE id = ?",
     "SELECT id FROM triangulation_verdict"},
};

const Tracked &find(std::string_view table) {
    for (const auto &t : kTracked)
        if (table == t.table)
            return t;
    throw Error(Exit::internal, "audit", fmt::format("table {} is not tracked", table));
}

} // namespace

namespace {

/// The most bytes put_column writes for f: the prefix, a letter and the content (an integer's
/// sign and 19 digits, a real's shortest round-trip form, up to 24 characters).
std::size_t field_room(const DigestField &f) {
    return 9 + (f.kind == DigestField::text ? f.t.size() : 32);
}

/// Writes a field at p as the row digests hash it: N for NULL, I and the digits for an
/// integer, F and the shortest round-trip form for a real, T and the text; each
/// length-prefixed but T, which is outside the prefix.
char *put_column(char *p, const DigestField &f) {
    switch (f.kind) {
    case DigestField::null:
        return audit::put_field(p, "N");
    case DigestField::integer: {
        fmt::format_int digits(f.i);
        p = audit::put_field_length(p, digits.size() + 1);
        *p++ = 'I';
        std::memcpy(p, digits.data(), digits.size());
        return p + digits.size();
    }
    case DigestField::real: {
        std::array<char, 32> num{'F'};
        auto r = fmt::format_to_n(num.data() + 1, num.size() - 1, "{}", f.f);
        return audit::put_field(p, {num.data(), static_cast<std::size_t>(r.out - num.data())});
    }
    case DigestField::text:
        *p++ = 'T';
        return audit::put_field(p, f.t);
    }
    return p;
}

/// Appends a row's bytes as its digest covers them: its fields, then a line feed (the string
/// grows once per row, not twice per field).
void put_row(std::string &buf, std::span<const DigestField> columns) {
    std::size_t room = 1;
    for (const auto &f : columns)
        room += field_room(f);
    const std::size_t at = buf.size();
    buf.resize(at + room);
    char *p = buf.data() + at;
    for (const auto &f : columns)
        p = put_column(p, f);
    *p++ = '\n';
    buf.resize(static_cast<std::size_t>(p - buf.data()));
}

/// The current row of s from column `first` on, as put_row puts a row (`fields` is scratch).
void put_stmt_row(std::string &buf, const Stmt &s, int first, std::vector<DigestField> &fields) {
    fields.clear();
    for (int c = first; c < s.columns(); ++c) {
        switch (s.type(c)) {
        case SQLITE_NULL:
            fields.emplace_back();
            break;
        case SQLITE_INTEGER:
            fields.push_back(DigestField::of(s.i64(c)));
            break;
        case SQLITE_FLOAT:
            fields.push_back({DigestField::real, 0, s.f64(c), {}});
            break;
        default:
            fields.push_back(DigestField::of(s.view(c)));
            break;
        }
    }
    put_row(buf, fields);
}

/// Appends an audit_change row as an event's bulk digest hashes it (spilled_entry): table, id,
/// op and the digest in hex (empty for none), each length-prefixed.
void put_change(std::string &buf, std::string_view table, std::int64_t id, std::string_view op,
                std::string_view digest) {
    fmt::format_int digits(id);
    const std::size_t at = buf.size();
    buf.resize(at + 32 + table.size() + digits.size() + op.size());
    char *p = audit::put_field(buf.data() + at, table);
    p = audit::put_field(p, {digits.data(), digits.size()});
    p = audit::put_field(p, op);
    p = audit::put_field_length(p, 2 * digest.size());
    buf.resize(static_cast<std::size_t>(p - buf.data()));
    audit::append_hex(buf, digest);
}

} // namespace

std::string append_time_now() {
    // SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) fixes the
    // clock, so a scripted analysis run twice writes the same project and the same outputs.
    auto now = std::chrono::system_clock::now();
    if (const char *fixed = std::getenv("SOURCE_DATE_EPOCH"); fixed && *fixed) {
        char *end = nullptr;
        long long secs = std::strtoll(fixed, &end, 10);
        if (end && *end == '\0' && secs >= 0)
            now = std::chrono::system_clock::time_point(std::chrono::seconds(secs));
    }
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z",
                       fmt::gmtime(std::chrono::system_clock::to_time_t(now)),
                       static_cast<int>(ms.count()));
}

void ChangeSet::insert(std::string_view table, std::int64_t id, nlohmann::json after) {
    add({std::string(table), id, "insert", nullptr, std::move(after), {}});
}
void ChangeSet::insert_digested(std::string_view table, std::int64_t id, std::string digest,
                                nlohmann::json after) {
    add({std::string(table), id, "insert", nullptr, std::move(after), std::move(digest)});
}
void ChangeSet::update(std::string_view table, std::int64_t id, nlohmann::json before,
                       nlohmann::json after) {
    add({std::string(table), id, "update", std::move(before), std::move(after), {}});
}
void ChangeSet::remove(std::string_view table, std::int64_t id, nlohmann::json before) {
    add({std::string(table), id, "delete", std::move(before), nullptr, {}});
}

void ChangeSet::insert_bulk(std::string_view table, std::int64_t id, const audit::Digest &digest) {
    if (!db_)
        throw Error(Exit::internal, "audit", "a bulk insert into a change set with no project");
    reserve();
    spill({std::string(table), id, "insert", digest, true});
}

void ChangeSet::add(Item item) {
    if (spill_all_) {
        Spilled row{std::move(item.table),
                    item.id,
                    item.op == "insert"   ? "insert"
                    : item.op == "update" ? "update"
                                          : "delete",
                    {},
                    false};
        // A digest that is not one is left to be read back, as one not given.
        if (auto bytes = audit::hex_to_bytes(item.digest); bytes.size() == row.digest.size()) {
            std::copy(bytes.begin(), bytes.end(), row.digest.begin());
            row.has_digest = true;
        }
        spill(std::move(row));
        return;
    }
    items_.push_back(std::move(item));
    if (db_ && items_.size() >= kSpillAt) {
        reserve();
        spill_all_ = true;
        auto items = std::move(items_);
        items_.clear();
        items_.shrink_to_fit();
        for (auto &i : items)
            add(std::move(i));
    }
}

void ChangeSet::reserve() {
    if (seq_)
        return;
    Stmt s(*db_, "SELECT coalesce(max(seq), 0) + 1 FROM audit_event");
    s.step();
    seq_ = s.i64(0);
    hashed_ = std::make_unique<audit::Hasher>();
}

void ChangeSet::spill(Spilled row) {
    // While rows come in spilled_entry's order (table, then id), each once and with its digest,
    // hash them as it will: then the event need not read them back.
    bool pack = false;
    if (in_order_) {
        bool after = spilled_ == 0 || row.table > last_table_ ||
                     (row.table == last_table_ && row.id > last_id_);
        if (!after || (!row.has_digest && row.op != "delete")) {
            unpack();
            in_order_ = false;
        } else {
            line_.clear();
            put_change(line_, row.table, row.id, row.op,
                       row.has_digest ? audit::bytes_of(row.digest) : std::string_view());
            hashed_->add(line_);
            if (row.table != last_table_)
                last_table_ = row.table;
            last_id_ = row.id;
            // In order, so no other row of this event can be this one: an insert is packed.
            pack = row.op == "insert";
        }
    }
    if (pack)
        add_packed(row);
    else
        queue_.push_back(std::move(row));
    ++spilled_;
    if (++pending_ >= ManyRows::most)
        flush();
}

void ChangeSet::add_packed(const Spilled &row) {
    if (packed_.empty() || packed_.back().table != row.table ||
        packed_.back().first_id + static_cast<std::int64_t>(packed_.back().rows()) != row.id ||
        packed_.back().rows() >= kPackRows) {
        packed_.push_back({row.table, row.id, {}});
        packed_.back().digests.reserve(kPackRows * row.digest.size());
    }
    packed_.back().digests.append(audit::bytes_of(row.digest));
}

void ChangeSet::unpack() {
    flush();
    Stmt runs(*db_, "SELECT tbl, first_id, digests FROM audit_change_run WHERE seq = ? "
                    "ORDER BY tbl, first_id");
    runs.bind(1, seq_);
    bool any = false;
    while (runs.step()) {
        any = true;
        auto digests = runs.view(2);
        Spilled row{runs.text(0), runs.i64(1), "insert", {}, true};
        for (std::size_t at = 0; at + row.digest.size() <= digests.size();
             at += row.digest.size()) {
            std::memcpy(row.digest.data(), digests.data() + at, row.digest.size());
            queue_.push_back(row);
            ++row.id;
        }
        if (queue_.size() >= ManyRows::most)
            flush(); // into audit_change, not the table being read
    }
    flush();
    if (any) {
        Stmt d(*db_, "DELETE FROM audit_change_run WHERE seq = ?");
        d.bind(1, seq_).run();
    }
}

void ChangeSet::flush() const {
    // Many rows per statement (ManyRows). Rows go in queue order, and the last change of a row
    // within one event wins, as in the event's own list. While the rows came in order, each
    // once (in_order_), none can meet an earlier one: a plain insert, without the search for
    // one to replace.
    auto values = [](std::size_t k) {
        return fmt::format("(?1,?{},?{},?{},?{})", 2 + 4 * k, 3 + 4 * k, 4 + 4 * k, 5 + 4 * k);
    };
    static const ManyRows replace(
        "INSERT OR REPLACE INTO audit_change(seq, tbl, row_id, op, digest)", values);
    static const ManyRows insert("INSERT INTO audit_change(seq, tbl, row_id, op, digest)", values);
    const ManyRows &sql = in_order_ ? insert : replace;
    pending_ = 0;
    for (const Packed &p : packed_) {
        Stmt s(*db_, "INSERT INTO audit_change_run(seq, tbl, first_id, digests) VALUES(?,?,?,?)");
        s.bind(1, seq_).bind_static(2, p.table).bind(3, p.first_id).bind_blob_static(4, p.digests);
        s.run();
    }
    packed_.clear();
    for (std::size_t i = 0; i < queue_.size();) {
        auto [n, text] = sql.batch(queue_.size() - i);
        Stmt s(*db_, text);
        s.bind(1, seq_);
        for (std::size_t k = 0; k < n; ++k) {
            const Spilled &row = queue_[i + k];
            int b = static_cast<int>(2 + 4 * k);
            s.bind_static(b, row.table).bind(b + 1, row.id).bind_static(b + 2, row.op);
            if (row.has_digest) // queue_ outlives the statement's run
                s.bind_blob_static(b + 3, audit::bytes_of(row.digest));
            else
                s.bind_null(b + 3); // filled in when the event is written (deletes stay NULL)
        }
        s.run();
        i += n;
    }
    queue_.clear();
}

std::optional<nlohmann::json> ChangeSet::spilled_so_far() const {
    if (!seq_ || !in_order_)
        return std::nullopt;
    return nlohmann::json{{"bulk", "audit_change"},
                          {"rows", static_cast<std::int64_t>(spilled_)},
                          {"digest", hashed_->hex_so_far()}};
}

const std::vector<std::string> &tracked_tables() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto &t : kTracked)
            v.emplace_back(t.table);
        return v;
    }();
    return names;
}

audit::Digest digest_row_bytes(std::span<const DigestField> columns) {
    thread_local std::string buf; // reused: rows are digested by the thousand
    buf.clear();
    put_row(buf, columns);
    return audit::sha256(buf);
}

std::string digest_row(const std::vector<DigestField> &columns) {
    return audit::bytes_to_hex(audit::bytes_of(digest_row_bytes(columns)));
}

std::string digest_rows(const std::vector<std::vector<DigestField>> &rows) {
    if (rows.empty())
        return {};
    std::string buf;
    for (const auto &row : rows)
        put_row(buf, row);
    return audit::sha256_hex(buf);
}

std::string row_digest(Db &db, std::string_view table, std::int64_t id) {
    const auto &t = find(table);
    Stmt s(db, t.row_sql);
    s.bind(1, id);
    std::string buf;
    std::vector<DigestField> fields;
    bool any = false;
    while (s.step()) {
        any = true;
        put_stmt_row(buf, s, 0, fields);
    }
    return any ? audit::sha256_hex(buf) : std::string{};
}

void scan_digests(Db &db, std::string_view table,
                  const std::function<void(std::int64_t id, const std::string &digest)> &each) {
    const auto &t = find(table);
    // The row query with its key in front and no WHERE: "SELECT key, cols FROM t ... ORDER BY key".
    std::string sql = t.row_sql;
    auto where = sql.find(" WHERE ");
    auto from = sql.find(" FROM ");
    std::string key = table == "segments" ? "source_id" : "id";
    std::string order = table == "segments" ? " ORDER BY source_id, unit" : " ORDER BY id";
    sql = "SELECT " + key + ", " + sql.substr(7, from - 7) + sql.substr(from, where - from) + order;
    Stmt s(db, sql);
    std::string buf; // the rows of the current key (several for segments)
    std::vector<DigestField> fields;
    bool any = false;
    std::int64_t cur_id = 0;
    while (s.step()) {
        auto id = s.i64(0);
        if (any && id != cur_id) {
            each(cur_id, audit::sha256_hex(buf));
            buf.clear();
        }
        any = true;
        cur_id = id;
        put_stmt_row(buf, s, 1, fields);
    }
    if (any)
        each(cur_id, audit::sha256_hex(buf));
}

std::vector<std::int64_t> row_ids(Db &db, std::string_view table) {
    Stmt s(db, find(table).ids_sql);
    std::vector<std::int64_t> ids;
    while (s.step())
        ids.push_back(s.i64(0));
    return ids;
}

namespace {

/// Completes the spilled rows of event `seq` (digests read back where the caller gave none)
/// and returns the entry that stands for them in the event's list of changes.
nlohmann::json seal_spilled(Db &db, std::int64_t seq) {
    {
        std::vector<std::pair<std::string, std::int64_t>> pending;
        Stmt s(db, "SELECT tbl, row_id FROM audit_change WHERE seq = ? AND digest IS NULL AND "
                   "op != 'delete'");
        s.bind(1, seq);
        while (s.step())
            pending.emplace_back(s.text(0), s.i64(1));
        for (const auto &[table, id] : pending) {
            Stmt u(db,
                   "UPDATE audit_change SET digest = ? WHERE seq = ? AND tbl = ? AND row_id = ?");
            u.bind_blob(1, audit::hex_to_bytes(row_digest(db, table, id)))
                .bind(2, seq)
                .bind(3, table)
                .bind(4, id)
                .run();
        }
    }
    return spilled_entry(db, seq);
}

} // namespace

audit::Event append_event(Db &db, audit::Event e, const ChangeSet &changes) {
    changes.flush();
    {
        Stmt s(db, "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1");
        if (s.step()) {
            e.seq = s.i64(0) + 1;
            e.prev_hash = s.text(1);
        } else {
            e.seq = 1;
            e.prev_hash = std::string(audit::genesis);
        }
    }
    if (changes.spilled_seq() && changes.spilled_seq() != e.seq)
        throw Error(Exit::internal, "audit",
                    fmt::format("bulk changes were reserved for event {} but the next event is {}",
                                changes.spilled_seq(), e.seq));
    e.time = append_time_now();
    // Keep one entry per row: the last op wins, digests describe the final state.
    std::map<std::pair<std::string, std::int64_t>, std::size_t> last;
    for (std::size_t i = 0; i < changes.items().size(); ++i)
        last[{changes.items()[i].table, changes.items()[i].id}] = i;
    e.changes = nlohmann::json::array();
    for (std::size_t i = 0; i < changes.items().size(); ++i) {
        const auto &c = changes.items()[i];
        if (last[{c.table, c.id}] != i)
            continue;
        nlohmann::json j = {{"table", c.table}, {"id", c.id}, {"op", c.op}};
        if (c.op != "delete")
            j["digest"] = c.digest.empty() ? row_digest(db, c.table, c.id) : c.digest;
        if (!c.before.is_null())
            j["before"] = c.before;
        if (!c.after.is_null())
            j["after"] = c.after;
        e.changes.push_back(std::move(j));
    }
    if (changes.spilled_seq()) {
        auto entry = changes.spilled_so_far();
        e.changes.push_back(entry ? std::move(*entry) : seal_spilled(db, e.seq));
    }
    const std::string changes_json = e.changes.dump();
    e.hash = audit::compute_hash(e, changes_json);
    Stmt ins(db,
             "INSERT INTO audit_event(seq, time, actor, command, action, summary, changes, why, "
             "prev_hash, hash) VALUES(?,?,?,?,?,?,?,?,?,?)");
    ins.bind(1, e.seq).bind(2, e.time).bind(3, e.actor).bind(4, e.command).bind(5, e.action);
    ins.bind(6, e.summary)
        .bind_static(7, changes_json)
        .bind(8, e.why)
        .bind(9, e.prev_hash)
        .bind(10, e.hash);
    ins.run();
    return e;
}

std::vector<audit::Event> events(Db &db, const EventFilter &f) {
    Stmt s(db, "SELECT seq, time, actor, command, action, summary, changes, why, prev_hash, hash "
               "FROM audit_event ORDER BY seq");
    std::vector<audit::Event> out;
    while (s.step()) {
        audit::Event e;
        e.seq = s.i64(0);
        e.time = s.text(1);
        if (!f.since.empty() && e.time < f.since)
            continue;
        e.action = s.text(4);
        if (!f.action.empty()) {
            bool prefix = f.action.back() == '.';
            if (prefix ? e.action.rfind(f.action, 0) != 0 : e.action != f.action)
                continue;
        }
        e.actor = s.text(2);
        e.command = s.text(3);
        e.summary = s.text(5);
        auto raw = s.view(6);
        e.changes = nlohmann::json::parse(raw.begin(), raw.end(), nullptr, false);
        e.why = s.text(7);
        e.prev_hash = s.text(8);
        e.hash = s.text(9);
        out.push_back(std::move(e));
    }
    return out;
}

struct EventRows::Impl {
    Stmt rows, packed;
    bool has_row = false, has_packed = false;
    std::size_t packed_at = 0; ///< the current row of `packed`: index into its digests
    enum { none, from_rows, from_packed } last = none;
    Impl(Db &db, std::int64_t seq, std::string_view table)
        : rows(db, table.empty() ? "SELECT tbl, row_id, op, digest FROM audit_change WHERE seq = "
                                   "?1 ORDER BY tbl, row_id"
                                 : "SELECT tbl, row_id, op, digest FROM audit_change WHERE seq = "
                                   "?1 AND tbl = ?2 ORDER BY row_id"),
          packed(db, table.empty() ? "SELECT tbl, first_id, digests FROM audit_change_run WHERE "
                                     "seq = ?1 ORDER BY tbl, first_id"
                                   : "SELECT tbl, first_id, digests FROM audit_change_run WHERE "
                                     "seq = ?1 AND tbl = ?2 ORDER BY first_id") {
        rows.bind(1, seq);
        packed.bind(1, seq);
        if (!table.empty()) {
            rows.bind(2, table);
            packed.bind(2, table);
        }
        has_row = rows.step();
        has_packed = packed.step();
    }
    std::int64_t packed_id() const {
        return packed.i64(1) + static_cast<std::int64_t>(packed_at / audit::Digest{}.size());
    }
};

EventRows::EventRows(Db &db, std::int64_t seq, std::string_view table)
    : impl_(std::make_unique<Impl>(db, seq, table)) {}

EventRows::~EventRows() = default;

bool EventRows::next() {
    auto &m = *impl_;
    constexpr std::size_t size = audit::Digest{}.size();
    if (m.last == Impl::from_rows) {
        m.has_row = m.rows.step();
    } else if (m.last == Impl::from_packed) {
        m.packed_at += size;
        if (m.packed_at + size > m.packed.view(2).size()) {
            m.has_packed = m.packed.step();
            m.packed_at = 0;
        }
    }
    m.last = Impl::none;
    if (!m.has_row && !m.has_packed)
        return false;
    bool packed_first = !m.has_row;
    if (m.has_row && m.has_packed) {
        auto rt = m.rows.view(0), pt = m.packed.view(0);
        packed_first = pt < rt || (pt == rt && m.packed_id() < m.rows.i64(1));
    }
    if (packed_first) {
        m.last = Impl::from_packed;
        row_ = {m.packed.view(0), m.packed_id(), "insert",
                m.packed.view(2).substr(m.packed_at, size)};
    } else {
        m.last = Impl::from_rows;
        row_ = {m.rows.view(0), m.rows.i64(1), m.rows.view(2),
                m.rows.is_null(3) ? std::string_view() : m.rows.view(3)};
    }
    return true;
}

nlohmann::json spilled_entry(Db &db, std::int64_t seq) {
    std::int64_t rows = 0;
    audit::Hasher h;
    EventRows r(db, seq);
    std::string buf; // one row's fields, handed to the hash at once
    while (r.next()) {
        ++rows;
        buf.clear();
        put_change(buf, r.row().table, r.row().id, r.row().op, r.row().digest);
        h.add(buf);
    }
    return {{"bulk", "audit_change"}, {"rows", rows}, {"digest", h.hex()}};
}

struct SpilledRows::Impl {
    std::vector<std::unique_ptr<EventRows>> streams;
    std::vector<std::int64_t> seqs;
    /// (row id, stream index) of every stream that has a current row, smallest first.
    std::priority_queue<std::pair<std::int64_t, std::size_t>,
                        std::vector<std::pair<std::int64_t, std::size_t>>, std::greater<>>
        heap;
    void advance(std::size_t i) {
        if (streams[i]->next())
            heap.emplace(streams[i]->row().id, i);
    }
};

SpilledRows::SpilledRows(Db &db, std::string_view table, const std::vector<std::int64_t> &seqs)
    : impl_(std::make_unique<Impl>()) {
    auto sorted = seqs;
    std::sort(sorted.begin(), sorted.end());
    for (auto seq : sorted) {
        impl_->streams.push_back(std::make_unique<EventRows>(db, seq, table));
        impl_->seqs.push_back(seq);
        impl_->advance(impl_->streams.size() - 1);
    }
}

SpilledRows::~SpilledRows() = default;

bool SpilledRows::next(Row &row) {
    auto &h = impl_->heap;
    if (h.empty())
        return false;
    // Equal ids come out in stream order, and streams are in event order.
    auto [id, i] = h.top();
    h.pop();
    const auto &r = impl_->streams[i]->row();
    row.id = id;
    row.seq = impl_->seqs[i];
    row.op = std::string(r.op);
    row.digest = r.digest.empty() ? std::string{} : audit::bytes_to_hex(r.digest);
    impl_->advance(i);
    return true;
}

std::vector<std::string> check_source_content(Db &db) {
    std::vector<std::string> problems;
    Stmt s(db, "SELECT name, sha256, original, text, text_sha256 FROM source ORDER BY id");
    while (s.step()) {
        auto name = s.text(0);
        auto text = s.view(3);
        if (audit::sha256_hex(text) != s.view(4))
            problems.push_back(
                fmt::format("source {}: text changed since import (text hash mismatch)", name));
        auto original = s.is_null(2) ? text : s.view(2);
        if (audit::sha256_hex(original) != s.view(1))
            problems.push_back(fmt::format(
                "source {}: original bytes changed since import (SHA-256 mismatch)", name));
    }
    return problems;
}

} // namespace qda::store
