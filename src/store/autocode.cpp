#include "store/autocode.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda::store {

void temp_in_memory(Db &db) {
    db.exec("PRAGMA temp_store = MEMORY");
}

void small_page_cache(Db &db) {
    db.exec("PRAGMA cache_size = -4096");
}

bool in_wal_mode(Db &db) {
    Stmt s(db, "PRAGMA journal_mode");
    return s.step() && s.view(0) == "wal";
}

std::vector<SourceInfo> sources_to_scan(Db &db) {
    Stmt s(db, "SELECT s.id, s.name, s.kind, coalesce(c.name, '') FROM source s "
               "LEFT JOIN cases c ON c.id = s.case_id ORDER BY s.name");
    std::vector<SourceInfo> v;
    while (s.step()) {
        SourceInfo i;
        i.id = s.i64(0);
        i.name = s.text(1);
        i.kind = s.text(2);
        i.case_name = s.text(3);
        v.push_back(std::move(i));
    }
    return v;
}

SourceTexts::~SourceTexts() {
    if (blob_)
        sqlite3_blob_close(blob_);
}

std::string SourceTexts::read(std::int64_t id) {
    std::string text;
    read(id, text);
    return text;
}

void SourceTexts::read(std::int64_t id, std::string &text) {
    int rc = blob_ ? sqlite3_blob_reopen(blob_, id)
                   : sqlite3_blob_open(db_.handle(), "main", "source", "text", id, 0, &blob_);
    if (rc != SQLITE_OK) {
        if (blob_) {
            sqlite3_blob_close(blob_);
            blob_ = nullptr;
        }
        if ((rc & 0xff) == SQLITE_ERROR)
            throw Error(Exit::no_input, "source", fmt::format("no source with id {}", id));
        db_.fail(rc, "read source text");
    }
    text.resize(static_cast<std::size_t>(sqlite3_blob_bytes(blob_)));
    rc = sqlite3_blob_read(blob_, text.data(), static_cast<int>(text.size()), 0);
    if (rc != SQLITE_OK)
        db_.fail(rc, "read source text");
}

bool coding_exists(Db &db, std::int64_t source, std::int64_t code, std::int64_t start,
                   std::int64_t end, std::string_view coder) {
    Stmt s(db, "SELECT 1 FROM coding WHERE source_id = ? AND code_id = ? AND start = ? AND end = ? "
               "AND coder = ?");
    s.bind(1, source).bind(2, code).bind(3, start).bind(4, end).bind(5, coder);
    return s.step();
}

std::int64_t run_codings(Db &db, std::int64_t run_id) {
    Stmt s(db, "SELECT count(*) FROM coding WHERE " + run_condition(run_id));
    return s.step() ? s.i64(0) : 0;
}

std::int64_t last_coding_id(Db &db) {
    Stmt s(db, "SELECT coalesce(max(id), 0) FROM coding");
    s.step();
    return s.i64(0);
}

void record_run_ids(Db &db, std::int64_t run_id, std::int64_t first, std::int64_t last) {
    Stmt s(db, "INSERT INTO autocode_run_ids(run_id, first_id, last_id) VALUES(?, ?, ?)");
    s.bind(1, run_id).bind(2, first).bind(3, last).run();
}

} // namespace qda::store
