#pragma once
// Queries autocoding needs beyond codes.hpp.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qda/records.hpp"
#include "store/db.hpp"
#include "store/trail.hpp"

struct sqlite3_blob;

namespace qda::store {

/// Keep SQLite's temporary files in memory on this connection. A statement that writes many
/// rows journals every page it changes so it can be undone alone (a statement journal); past
/// 64 KB SQLite moves that journal to a temporary file, and autocoding's many-row statements
/// then wrote it with a system call per page. Call outside a transaction.
void temp_in_memory(Db &db);

/// A page cache of 4 MiB for the rest of the write transaction, instead of Transaction's 64 MiB:
/// an autocoding run's new pages (about 11 MB on the benchmark corpus) go to the WAL as the run
/// goes, not all at its commit. Its peak memory fell from 30 to 22 MB in the same time (best
/// of 5 in bench/autocode.sh: 0.191-0.192 s with either cache).
void small_page_cache(Db &db);

/// While it lives, SQLite does not check the references (foreign keys) of rows this connection
/// writes. For autocoding only: each coding it writes refers to a source, a code and a run that
/// it read or wrote in the same write transaction, so the checks cannot fail; but with them
/// SQLite looks up three rows per coding and journals every statement of many rows so it could
/// undo it halfway (about 10% of an autocoding run's CPU on the benchmark corpus). Create and
/// destroy it outside a transaction (SQLite ignores the setting inside one).
class ReferencesTrusted : public PragmaScope {
  public:
    explicit ReferencesTrusted(Db &db) : PragmaScope(db, "foreign_keys", "OFF") {}
};

/// True when the project is in WAL mode, where other connections can read beside a writer.
bool in_wal_mode(Db &db);

/// The sources autocoding walks, in order of name, with only what its filters read (id, name,
/// kind, case name): the full list (list_sources) also counts each source's turns, speakers and
/// segments, reading every segment set into the write transaction's cache (+27 MB of peak on the
/// benchmark corpus).
std::vector<SourceInfo> sources_to_scan(Db &db);

/// Source texts read one after another straight into the string returned (SQLite's incremental
/// blob I/O: one copy, not two). Use within one transaction that does not change sources.
class SourceTexts {
  public:
    explicit SourceTexts(Db &db) : db_(db) {}
    ~SourceTexts();
    SourceTexts(const SourceTexts &) = delete;
    SourceTexts &operator=(const SourceTexts &) = delete;
    /// The text of source `id`, byte for byte what source_text returns.
    std::string read(std::int64_t id);
    /// The same into `into`, whose memory is reused when it is large enough.
    void read(std::int64_t id, std::string &into);

  private:
    Db &db_;
    sqlite3_blob *blob_ = nullptr;
};

/// True when this span is already coded with this code by this coder (a dry run's "existing").
bool coding_exists(Db &db, std::int64_t source, std::int64_t code, std::int64_t start,
                   std::int64_t end, std::string_view coder);

/// Where one coding of a run goes (its coder, time and run are the run's).
struct RunCoding {
    std::int64_t source_id = 0, code_id = 0, start = 0, end = 0;
};

/// Insert a run's codings, many rows per statement: the same ids, rows and audit changes as
/// insert_coding one at a time, in order. Returns, per row, whether it was new (false: the
/// span, code and coder were already coded).
std::vector<bool> insert_run_codings(Db &db, const std::vector<RunCoding> &rows,
                                     std::string_view coder, std::string_view created_at,
                                     std::int64_t run_id, ChangeSet &changes);

/// The SQL condition on the coding table for the codings of run `run_id`: its run_id among the
/// ids the run wrote (autocode_run_ids), so that no index on run_id is needed.
std::string run_condition(std::int64_t run_id);

/// How many codings of a run remain (some may have been uncoded by hand since).
std::int64_t run_codings(Db &db, std::int64_t run_id);

/// The largest coding id so far (0 when there is none).
std::int64_t last_coding_id(Db &db);
/// Record that run `run_id` wrote its codings with ids `first` to `last` (autocode_run_ids,
/// where run_codings and the codings of a run are looked up).
void record_run_ids(Db &db, std::int64_t run_id, std::int64_t first, std::int64_t last);

} // namespace qda::store
