#include "store/db.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda::store {

Db::Db(const std::filesystem::path &path, bool create) : path_(path) {
    // No allocation statistics (qda never asks for them): with them on, which is SQLite's
    // default, every allocation takes a global mutex. Only possible before SQLite starts.
    static const int no_stats = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)no_stats;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (create)
        flags |= SQLITE_OPEN_CREATE;
    mode_t old = 0;
    if (create)
        old = ::umask(0077); // the file holds what participants said: 0600
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (create)
        ::umask(old);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(create ? Exit::cant_create : Exit::no_input, path.string(),
                    fmt::format("cannot open project: {}", msg));
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 10000);
}

Db::~Db() {
    for (auto &[sql, st] : cache_)
        sqlite3_finalize(st);
    sqlite3_close_v2(db_);
}

sqlite3_stmt *Db::take_cached(const std::string &sql) {
    for (auto it = cache_.begin(); it != cache_.end(); ++it)
        if (it->first == sql) {
            auto *st = it->second;
            cache_.erase(it);
            return st;
        }
    return nullptr;
}

void Db::give_back(std::string sql, sqlite3_stmt *st) {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (cache_.size() >= 64) {
        sqlite3_finalize(cache_.front().second);
        cache_.erase(cache_.begin());
    }
    cache_.emplace_back(std::move(sql), st);
}

void Db::fail(int rc, std::string_view doing) const {
    int primary = rc & 0xff;
    std::string msg = fmt::format("{}: {}", doing, sqlite3_errmsg(db_));
    switch (primary) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw Error(Exit::temp_fail, path_.string(), msg,
                    "another qda command holds the project; try again");
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        throw Error(Exit::config, path_.string(), msg, "this file is not a qda project");
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
        throw Error(Exit::io, path_.string(), msg);
    case SQLITE_CONSTRAINT:
        throw Error(Exit::data, path_.string(), msg);
    default:
        throw Error(Exit::internal, path_.string(), msg);
    }
}

void Db::exec(std::string_view sql) {
    std::string s(sql);
    char *err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        sqlite3_free(err);
        fail(rc, "SQL");
    }
}

std::int64_t Db::last_id() const {
    return sqlite3_last_insert_rowid(db_);
}
int Db::changes() const {
    return sqlite3_changes(db_);
}

Stmt::Stmt(Db &db, std::string_view sql) : db_(&db), sql_(sql) {
    st_ = db.take_cached(sql_);
    if (st_)
        return;
    int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &st_, nullptr);
    if (rc != SQLITE_OK)
        db.fail(rc, "prepare");
}

Stmt::Stmt(Stmt &&o) noexcept : db_(o.db_), st_(o.st_), sql_(std::move(o.sql_)) {
    o.st_ = nullptr;
}

Stmt::~Stmt() {
    if (st_)
        db_->give_back(std::move(sql_), st_);
}

Stmt &Stmt::bind(int i, std::int64_t v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
}
Stmt &Stmt::bind(int i, double v) {
    sqlite3_bind_double(st_, i, v);
    return *this;
}
Stmt &Stmt::bind(int i, std::string_view v) {
    sqlite3_bind_text64(st_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}
Stmt &Stmt::bind_static(int i, std::string_view v) {
    sqlite3_bind_text64(st_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
    return *this;
}
Stmt &Stmt::bind_blob_static(int i, std::string_view v) {
    sqlite3_bind_blob64(st_, i, v.data(), v.size(), SQLITE_STATIC);
    return *this;
}
Stmt &Stmt::bind_blob(int i, std::string_view v) {
    sqlite3_bind_blob64(st_, i, v.data(), v.size(), SQLITE_TRANSIENT);
    return *this;
}
Stmt &Stmt::bind_null(int i) {
    sqlite3_bind_null(st_, i);
    return *this;
}

bool Stmt::step() {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    db_->fail(rc, "step");
}

void Stmt::run() {
    while (step()) {
    }
    reset();
}

void Stmt::reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
}

int Stmt::columns() const {
    return sqlite3_column_count(st_);
}
bool Stmt::is_null(int c) const {
    return sqlite3_column_type(st_, c) == SQLITE_NULL;
}
int Stmt::type(int c) const {
    return sqlite3_column_type(st_, c);
}
std::int64_t Stmt::i64(int c) const {
    return sqlite3_column_int64(st_, c);
}
double Stmt::f64(int c) const {
    return sqlite3_column_double(st_, c);
}
std::string_view Stmt::view(int c) const {
    auto *p = static_cast<const char *>(sqlite3_column_blob(st_, c));
    int n = sqlite3_column_bytes(st_, c);
    return p ? std::string_view(p, static_cast<std::size_t>(n)) : std::string_view{};
}
std::string Stmt::text(int c) const {
    return std::string(view(c));
}
std::optional<std::int64_t> Stmt::opt_i64(int c) const {
    if (is_null(c))
        return std::nullopt;
    return i64(c);
}

PragmaScope::PragmaScope(Db &db, std::string name, std::string_view value)
    : db_(db), name_(std::move(name)) {
    {
        Stmt s(db_, "PRAGMA " + name_);
        if (s.step())
            old_ = s.text(0);
    }
    db_.exec(fmt::format("PRAGMA {} = {}", name_, value));
}
PragmaScope::~PragmaScope() {
    if (old_.empty())
        return;
    try {
        db_.exec(fmt::format("PRAGMA {} = {}", name_, old_));
    } catch (...) {
    }
}

Transaction::Transaction(Db &db) : db_(db) {
    // 64 MiB of page cache while writing: large imports stay off the disk until commit.
    db_.exec("PRAGMA cache_size = -65536");
    db_.exec("BEGIN IMMEDIATE");
}
Transaction::~Transaction() {
    if (!done_)
        sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}
void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

ManyRows::ManyRows(std::string_view head, const std::function<std::string(std::size_t)> &row) {
    for (std::size_t z = 0; z < sizes_.size(); ++z) {
        std::string &q = sql_[z];
        q.assign(head);
        q += " VALUES ";
        for (std::size_t k = 0; k < sizes_[z]; ++k)
            q += (k ? "," : "") + row(k);
    }
}

std::pair<std::size_t, const std::string &> ManyRows::batch(std::size_t left) const {
    std::size_t z = 0;
    while (z + 1 < sizes_.size() && sizes_[z] > left)
        ++z;
    return {sizes_[z], sql_[z]};
}

} // namespace qda::store
