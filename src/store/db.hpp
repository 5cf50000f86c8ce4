#pragma once
// Thin RAII layer over SQLite. The only place (with the rest of src/store) that sees sqlite3.h.
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace qda::store {

class Db;

/// A prepared statement; bind by 1-based index, step, read columns by 0-based index.
class Stmt {
  public:
    Stmt(Db &db, std::string_view sql);
    ~Stmt();
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    Stmt(Stmt &&o) noexcept;

    Stmt &bind(int i, std::int64_t v);
    Stmt &bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Stmt &bind(int i, double v);
    Stmt &bind(int i, std::string_view v);
    Stmt &bind(int i, const char *v) { return bind(i, std::string_view(v)); }
    Stmt &bind(int i, const std::string &v) { return bind(i, std::string_view(v)); }
    Stmt &bind_blob(int i, std::string_view v);
    /// A blob that outlives the statement's run (not copied).
    Stmt &bind_blob_static(int i, std::string_view v);
    /// Text that outlives the statement's next step: bound without a copy.
    Stmt &bind_static(int i, std::string_view v);
    Stmt &bind_null(int i);
    Stmt &bind(int i, std::optional<std::int64_t> v) { return v ? bind(i, *v) : bind_null(i); }

    /// True while there is a row; false when done. Throws on error.
    bool step();
    /// Run to completion (for statements without rows).
    void run();
    void reset();

    int columns() const;
    bool is_null(int c) const;
    int type(int c) const; ///< SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL
    std::int64_t i64(int c) const;
    double f64(int c) const;
    std::string text(int c) const;
    std::string_view view(int c) const; ///< valid until the next step
    std::optional<std::int64_t> opt_i64(int c) const;

  private:
    Db *db_;
    sqlite3_stmt *st_ = nullptr;
    std::string sql_;
};

/// Statements inserting many rows at once: "HEAD VALUES (...),(...)" in batches of 256, 32, 4 and
/// 1 rows (four statements serve every count), each row's placeholders written by `row(k)` for
/// the k-th row of the batch. A bulk command writing a statement per row paid as much for the
/// statement as for the row.
class ManyRows {
  public:
    static constexpr std::size_t most = 256;
    ManyRows(std::string_view head, const std::function<std::string(std::size_t)> &row);
    /// The largest batch of at most `left` rows (left > 0): its size and statement.
    std::pair<std::size_t, const std::string &> batch(std::size_t left) const;

  private:
    static constexpr std::array<std::size_t, 4> sizes_ = {most, 32, 4, 1};
    std::array<std::string, 4> sql_;
};

/// One open project file.
class Db {
  public:
    /// Open an existing file (create=false) or create a new one with mode 0600.
    Db(const std::filesystem::path &path, bool create);
    ~Db();
    Db(const Db &) = delete;
    Db &operator=(const Db &) = delete;

    void exec(std::string_view sql);
    std::int64_t last_id() const;
    int changes() const;
    sqlite3 *handle() { return db_; }
    const std::filesystem::path &path() const { return path_; }

    /// Turn the current SQLite error into qda::Error with the right exit code.
    [[noreturn]] void fail(int rc, std::string_view doing) const;

    /// Prepared statements are kept for reuse by SQL text: a statement run once per imported
    /// file is prepared once per command, not once per file.
    sqlite3_stmt *take_cached(const std::string &sql);
    void give_back(std::string sql, sqlite3_stmt *st);

  private:
    std::vector<std::pair<std::string, sqlite3_stmt *>> cache_;
    sqlite3 *db_ = nullptr;
    std::filesystem::path path_;
};

/// A PRAGMA of the connection set to `value` while this lives, then put back to the value it
/// had. Settings SQLite ignores inside a transaction (foreign_keys) must be scoped outside one.
class PragmaScope {
  public:
    PragmaScope(Db &db, std::string name, std::string_view value);
    ~PragmaScope();
    PragmaScope(const PragmaScope &) = delete;
    PragmaScope &operator=(const PragmaScope &) = delete;

  private:
    Db &db_;
    std::string name_, old_;
};

/// BEGIN IMMEDIATE on construction (so two writers serialise up front); ROLLBACK unless
/// commit() was called.
class Transaction {
  public:
    explicit Transaction(Db &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

  private:
    Db &db_;
    bool done_ = false;
};

} // namespace qda::store
