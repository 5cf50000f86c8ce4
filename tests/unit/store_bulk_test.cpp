// Bulk writes of autocoding: codings many rows per statement and spilled audit rows written in
// batches give the same ids, rows, "new" flags and digests as writing one row at a time.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <random>

#include "store/autocode.hpp"
#include "store/codes.hpp"
#include "store/db.hpp"
#include "store/project.hpp"
#include "store/trail.hpp"

using namespace qda::store;

namespace {

/// A new project with one source, two codes and one run, at `path`.
std::unique_ptr<Db> project(const std::filesystem::path &path) {
    std::filesystem::remove(path);
    auto db = std::make_unique<Db>(path, true);
    prepare_new(*db);
    configure(*db);
    {
        Transaction tx(*db);
        migrate(*db);
        db->exec("INSERT INTO source(id, name, kind, format, encoding, encoding_confidence, "
                 "encoding_method, sha256, size, text, text_sha256, chars, imported_at, "
                 "imported_by) VALUES(1, 's', 'interview', 'txt', 'utf-8', 100, 'bom', 'x', 5, "
                 "'hello', 'y', 5, '2024', 't')");
        tx.commit();
    }
    return db;
}

struct Written {
    std::vector<bool> fresh;
    std::vector<std::string> rows, changes;
    std::optional<nlohmann::json> hashed, read_back; ///< the spilled rows' entry, both ways
};

/// Write `rows` (after one hand coding) with insert_run_codings or one insert_coding per row.
Written write(const std::filesystem::path &path, const std::vector<RunCoding> &rows, bool bulk) {
    auto db = project(path);
    Transaction tx(*db);
    ChangeSet changes;
    changes.attach(*db);
    for (const char *name : {"a", "b"}) {
        CodeRow c;
        c.name = name;
        c.created_at = "2024";
        c.created_by = "t";
        insert_code(*db, c, changes);
    }
    RunRow run;
    run.coder = "bench";
    run.created_at = "2024-06-01T00:00:00.000Z";
    insert_run(*db, run, changes);
    CodingRow hand{0, 1, 1, 3, 4, "bench", "2024", "", std::nullopt};
    insert_coding(*db, hand, changes);
    Written w;
    if (bulk) {
        w.fresh = insert_run_codings(*db, rows, run.coder, run.created_at, run.id, changes);
    } else {
        for (const auto &r : rows) {
            CodingRow c{0,         r.source_id,    r.code_id, r.start, r.end,
                        run.coder, run.created_at, "",        run.id};
            w.fresh.push_back(insert_coding(*db, c, changes).has_value());
        }
    }
    changes.flush();
    Stmt s(*db, "SELECT id, source_id, code_id, start, end, coder, created_at, memo, run_id "
                "FROM coding ORDER BY id");
    while (s.step()) {
        std::string row;
        for (int c = 0; c < 9; ++c)
            row += (s.is_null(c) ? std::string("NULL") : s.text(c)) + "|";
        w.rows.push_back(row);
    }
    // Every change, whether the event lists it or audit_change holds it (the bulk path keeps
    // the few rows that are not codings in the event's list; one row at a time spills them all
    // past ChangeSet::kSpillAt).
    for (const auto &i : changes.items())
        w.changes.push_back(i.table + " " + std::to_string(i.id) + " " + i.op + " " + i.digest);
    Stmt a(*db, "SELECT tbl, row_id, op, lower(hex(digest)) FROM audit_change");
    while (a.step())
        w.changes.push_back(a.text(0) + " " + a.text(1) + " " + a.text(2) + " " + a.text(3));
    std::sort(w.changes.begin(), w.changes.end());
    if (changes.spilled_seq()) {
        w.hashed = changes.spilled_so_far();
        w.read_back = spilled_entry(*db, changes.spilled_seq());
    }
    return w;
}

} // namespace

TEST_CASE("many rows per statement write what one row at a time writes") {
    auto dir = std::filesystem::temp_directory_path() /
               ("qda-bulk-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir);
    for (std::size_t n : {std::size_t{7}, std::size_t{300}, std::size_t{1500}}) {
        // Spans in both codes, the hand coding (already there) and repeats among them, so the
        // "new" flags and the ids of a statement's rows have to be told apart.
        std::vector<RunCoding> rows;
        std::mt19937 rng(static_cast<unsigned>(n));
        for (std::size_t i = 0; i < n; ++i) {
            std::int64_t start = static_cast<std::int64_t>(rng() % (n / 2 + 3));
            rows.push_back({1, 1 + static_cast<std::int64_t>(rng() % 2), start, start + 1});
        }
        rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(n / 2), {1, 1, 3, 4});
        INFO("rows: " << rows.size());
        auto bulk = write(dir / "bulk.qda", rows, true);
        auto one = write(dir / "one.qda", rows, false);
        CHECK(bulk.fresh == one.fresh);
        CHECK(bulk.rows == one.rows);
        CHECK(bulk.changes == one.changes);
        CHECK_FALSE(bulk.fresh[n / 2]); // the hand coding
        auto added = std::count(bulk.fresh.begin(), bulk.fresh.end(), true);
        // The bulk path hashed its codings as they were spilled, as reading them back does.
        REQUIRE(bulk.hashed.has_value());
        CHECK(*bulk.hashed == *bulk.read_back);
        CHECK(bulk.hashed->at("rows") == added);
        CHECK(added > 0);
        CHECK(added < static_cast<long>(rows.size())); // repeats were not added twice
        CHECK(bulk.rows.size() == static_cast<std::size_t>(added) + 1);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("row digests keep the encoding that stored projects were hashed with") {
    // Each field length-prefixed (8 bytes, little-endian): "I" and the digits for an integer,
    // "N" for NULL, a "T" before the prefix of a text; a line feed ends the row. The expected
    // digests are SHA-256 of those bytes, computed outside qda; a change here would make every
    // project's stored digests fail `qda audit verify`.
    const std::vector<DigestField> row = {DigestField::of(std::int64_t{1}),
                                          DigestField::of(std::string_view("Teks \xc3\xa9")),
                                          DigestField{}, DigestField::of(std::int64_t{-7})};
    CHECK(digest_row(row) == "6a212cd7b6bc4ae9c54095353bd856c7900163f80dfcc38abf828c5b3ec079c4");
    CHECK(digest_rows({row, {DigestField::of(std::int64_t{2})}}) ==
          "0125f7894cee9f6e0966b9a6df66bcf46b1532a582239a569a5a528cbbd8785b");
    CHECK(digest_rows({}).empty());
}

TEST_CASE("reference checks are off only while ReferencesTrusted lives") {
    auto dir = std::filesystem::temp_directory_path() /
               ("qda-refs-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir);
    auto db = project(dir / "p.qda");
    auto checks = [&] {
        Stmt s(*db, "PRAGMA foreign_keys");
        s.step();
        return s.i64(0);
    };
    CHECK(checks() == 1);
    {
        ReferencesTrusted trusted(*db);
        CHECK(checks() == 0);
    }
    CHECK(checks() == 1);
    {
        // With the checks on, a coding of a source that does not exist is refused.
        Transaction tx(*db);
        CHECK_THROWS(
            db->exec("INSERT INTO coding(source_id, code_id, start, end, coder, created_at) "
                     "VALUES(99, 99, 0, 1, 't', '2024')"));
    }
    db.reset();
    std::filesystem::remove_all(dir);
}
