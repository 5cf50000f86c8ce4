#pragma once
// The audit trail in the project file: appending events in the caller's transaction, reading
// them back, and the row digests that tie every analysis row to the event that last touched it.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qda/audit.hpp"
#include "store/db.hpp"

namespace qda::store {

/// Rows changed by one command; digests are taken when the event is written, so they
/// describe the rows as the transaction leaves them.
///
/// A command that may change millions of rows calls attach(db) first: once the set grows past
/// kSpillAt rows it moves them to the audit_change table of the event about to be written and
/// keeps nothing more in memory (before/after values of spilled rows are not kept; digests are).
class ChangeSet {
  public:
    static constexpr std::size_t kSpillAt = 1000;
    /// Most digests in one row of audit_change_run (8 KB: the row stays in its B-tree page).
    static constexpr std::size_t kPackRows = 256;

    void insert(std::string_view table, std::int64_t id, nlohmann::json after = nullptr);
    /// An insert whose digest the caller computed with digest_row (bulk paths: import).
    void insert_digested(std::string_view table, std::int64_t id, std::string digest,
                         nlohmann::json after = nullptr);
    /// An insert of a bulk path (autocoding's codings) that is spilled at once, with the digest
    /// digest_row_bytes gave; the other changes stay in the event's list until there are
    /// kSpillAt of them. Rows spilled in (table, id) order, each once, and each with its digest
    /// are hashed as they come, so writing the event reads none of them back; their inserts of
    /// consecutive ids go to audit_change_run, up to kPackRows digests to a row.
    void insert_bulk(std::string_view table, std::int64_t id, const audit::Digest &digest);
    void update(std::string_view table, std::int64_t id, nlohmann::json before,
                nlohmann::json after);
    void remove(std::string_view table, std::int64_t id, nlohmann::json before = nullptr);
    bool empty() const { return size() == 0; }
    std::size_t size() const { return items_.size() + spilled_; }

    /// Allow spilling into `db` (inside the transaction that will append the event).
    void attach(Db &db) { db_ = &db; }
    /// Sequence number reserved for the event once rows were spilled; 0 while nothing was.
    std::int64_t spilled_seq() const { return seq_; }
    /// Write the spilled rows still queued (to audit_change many per statement, and packed
    /// inserts to audit_change_run); append_event calls it before it reads them back.
    void flush() const;
    /// The event's entry for its spilled rows as spilled_entry would read it back, when the
    /// rows were hashed as they came; nothing when they could not be.
    std::optional<nlohmann::json> spilled_so_far() const;

    struct Item {
        std::string table;
        std::int64_t id;
        std::string op;
        nlohmann::json before, after;
        std::string digest; ///< precomputed; empty = read the row back when the event is written
    };
    const std::vector<Item> &items() const { return items_; }

  private:
    /// A row on its way to audit_change.
    struct Spilled {
        std::string table;
        std::int64_t id = 0;
        std::string_view op; ///< "insert", "update" or "delete"
        audit::Digest digest{};
        bool has_digest = false;
    };
    /// Digests of inserts of consecutive ids of one table, on their way to audit_change_run.
    struct Packed {
        std::string table;
        std::int64_t first_id = 0;
        std::string digests; ///< 32 bytes a row
        std::size_t rows() const { return digests.size() / audit::Digest{}.size(); }
    };
    void add(Item item);
    void reserve();
    void spill(Spilled row);
    /// Adds an in-order insert to the stretch of ids it continues, or starts one.
    void add_packed(const Spilled &row);
    /// Moves the rows packed so far (written or not) into audit_change, as rows of their own:
    /// done before the first row out of order, which may replace one of them.
    void unpack();

    std::vector<Item> items_;
    mutable std::vector<Spilled> queue_; ///< spilled, not yet written
    mutable std::vector<Packed> packed_; ///< packed, not yet written
    mutable std::size_t pending_ = 0;    ///< rows in queue_ and packed_
    Db *db_ = nullptr;
    std::int64_t seq_ = 0;
    std::size_t spilled_ = 0;
    bool spill_all_ = false; ///< past kSpillAt: every change goes to audit_change
    /// The spilled rows as spilled_entry hashes them, while they come in its order.
    std::unique_ptr<audit::Hasher> hashed_;
    bool in_order_ = true;
    std::string last_table_, line_;
    std::int64_t last_id_ = 0;
};

/// Current UTC time as the trail writes it (ISO 8601, milliseconds, Z); $SOURCE_DATE_EPOCH
/// (whole seconds since 1970) fixes it for reproducible runs.
std::string append_time_now();

/// Append one event (seq, time, prev_hash and hash filled in here). Call inside the transaction
/// that made the changes.
audit::Event append_event(Db &db, audit::Event e, const ChangeSet &changes);

struct EventFilter {
    std::string since;  ///< ISO date or date-time, inclusive; empty = all
    std::string action; ///< exact action or prefix ending in '.'; empty = all
};

std::vector<audit::Event> events(Db &db, const EventFilter &f = {});

/// Tables whose rows the trail accounts for ("segments" stands for all segments of one source).
const std::vector<std::string> &tracked_tables();

/// One column value as the row digest sees it.
struct DigestField {
    enum Kind { null, integer, real, text } kind = null;
    std::int64_t i = 0;
    double f = 0;
    std::string_view t;
    static DigestField of(std::int64_t v) { return {integer, v, 0, {}}; }
    static DigestField of(std::string_view v) { return {text, 0, 0, v}; }
    static DigestField of(std::optional<std::int64_t> v) { return v ? of(*v) : DigestField{}; }
};

/// Digest of one row given its columns in the order of the table's digest query: the same bytes
/// row_digest computes when it reads the row back.
std::string digest_row(const std::vector<DigestField> &columns);
/// The same as bytes (ChangeSet::insert_bulk).
audit::Digest digest_row_bytes(std::span<const DigestField> columns);

/// Digest of a group of rows read back together (the segment sets of one source), each row's
/// columns in the order of the table's digest query, rows in its ORDER BY.
std::string digest_rows(const std::vector<std::vector<DigestField>> &rows);

/// Digest of one tracked row as it is now; empty when the row does not exist.
std::string row_digest(Db &db, std::string_view table, std::int64_t id);

/// Ids present now in a tracked table.
std::vector<std::int64_t> row_ids(Db &db, std::string_view table);

/// Every row (or group) of a tracked table in one scan, with the digest row_digest would give:
/// verifying a project with millions of codings reads each table once instead of once per row.
void scan_digests(Db &db, std::string_view table,
                  const std::function<void(std::int64_t id, const std::string &digest)> &each);

/// The rows event `seq` spilled, from audit_change and audit_change_run, in order of table and
/// row id; with `table`, that table's only. A row's views are valid until the next call to next().
class EventRows {
  public:
    struct Row {
        std::string_view table;
        std::int64_t id = 0;
        std::string_view op;
        std::string_view digest; ///< 32 bytes; empty when there is none (a delete)
    };
    EventRows(Db &db, std::int64_t seq, std::string_view table = {});
    ~EventRows();
    EventRows(const EventRows &) = delete;
    EventRows &operator=(const EventRows &) = delete;
    /// Moves to the next row; false after the last.
    bool next();
    const Row &row() const { return row_; }

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    Row row_;
};

/// The rows that bulk events spilled for one table, pulled in order of row
/// id and, for one row, of event: verification merges them with a scan of the table without
/// holding millions of rows in memory.
class SpilledRows {
  public:
    struct Row {
        std::int64_t id = 0, seq = 0;
        std::string op, digest; ///< digest in hex, empty for a delete
    };
    /// `seqs`: the events that spilled rows (those whose changes hold a "bulk" entry).
    SpilledRows(Db &db, std::string_view table, const std::vector<std::int64_t> &seqs);
    ~SpilledRows();
    SpilledRows(const SpilledRows &) = delete;
    SpilledRows &operator=(const SpilledRows &) = delete;
    bool next(Row &row);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The entry of event `seq`'s changes that stands for its spilled rows, recomputed from
/// audit_change now ({"bulk", "rows", "digest"}); verification compares it with the stored one.
nlohmann::json spilled_entry(Db &db, std::int64_t seq);

/// Problems with the large columns of sources (original bytes, text) against their stored hashes.
std::vector<std::string> check_source_content(Db &db);

} // namespace qda::store
