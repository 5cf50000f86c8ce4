#include "store/project.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "store/migrations.hpp"

namespace qda::store {

int latest_version() {
    return migrations().empty() ? 0 : migrations().back().version;
}

int schema_version(Db &db) {
    Stmt s(db, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.i64(0));
}

void prepare_new(Db &db) {
    db.exec("PRAGMA page_size = 16384"); // fewer, larger pages for transcripts of tens of KB
}

void configure(Db &db) {
    db.exec("PRAGMA foreign_keys = ON");
    Stmt s(db, "PRAGMA journal_mode = WAL");
    s.step();
    db.exec("PRAGMA synchronous = NORMAL");
    // Reading needs little page cache of its own (the kernel's serves it), so a query over
    // millions of rows stays small; a write transaction raises it (store::Transaction).
    db.exec("PRAGMA cache_size = -2048");
}

int check_project(Db &db) {
    std::int64_t app = 0;
    {
        Stmt s(db, "PRAGMA application_id");
        s.step();
        app = s.i64(0);
    }
    int v = schema_version(db);
    if (app != application_id) {
        Stmt t(db, "SELECT count(*) FROM sqlite_master");
        t.step();
        throw Error(Exit::config, db.path().string(),
                    t.i64(0) == 0 ? "not a qda project (the file is empty)"
                                  : "not a qda project (an SQLite file of another program)",
                    "create a project with `qda init`");
    }
    if (v > latest_version())
        throw Error(Exit::config, db.path().string(),
                    fmt::format("project schema version {} is newer than this qda supports ({})", v,
                                latest_version()),
                    "upgrade qda to open this project");
    return latest_version() - v;
}

void migrate(Db &db) {
    int v = schema_version(db);
    for (const auto &m : migrations()) {
        if (m.version <= v)
            continue;
        db.exec(m.sql);
        db.exec(fmt::format("PRAGMA user_version = {}", m.version));
    }
    db.exec(fmt::format("PRAGMA application_id = {}", application_id));
}

BulkJournal::BulkJournal(Db &db) : db_(db) {
    Stmt s(db, "PRAGMA journal_mode = DELETE");
    switched_ = s.step() && s.text(0) == "delete";
}

void BulkJournal::stream() {
    db_.exec("PRAGMA cache_size = -8192");
#ifdef __linux__
    if (switched_ && fd_ < 0)
        fd_ = ::open(db_.path().c_str(), O_RDONLY | O_CLOEXEC); // -1: no write-back, no harm
#endif
}

void BulkJournal::added(std::size_t bytes) {
    constexpr std::size_t every = 8u << 20;
    pending_ += bytes;
    if (fd_ < 0 || pending_ < every)
        return;
    pending_ = 0;
#ifdef __linux__
    ::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE); // a hint: a failure changes nothing
#endif
}

BulkJournal::~BulkJournal() {
    if (fd_ >= 0)
        ::close(fd_);
    if (!switched_)
        return;
    try {
        Stmt s(db_, "PRAGMA journal_mode = WAL");
        s.step();
    } catch (...) {
        // configure() sets WAL again when the project is next opened.
    }
}

std::string meta(Db &db, std::string_view key, std::string_view fallback) {
    Stmt s(db, "SELECT value FROM project_meta WHERE key = ?");
    s.bind(1, key);
    return s.step() ? s.text(0) : std::string(fallback);
}

void set_meta(Db &db, std::string_view key, std::string_view value) {
    Stmt s(db, "INSERT INTO project_meta(key, value) VALUES(?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    s.bind(1, key).bind(2, value).run();
}

} // namespace qda::store
