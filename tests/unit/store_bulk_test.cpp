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
    std::int64_t packed = 0;                         ///< digests in audit_change_run
};

std::int64_t count(Db &db, const std::string &sql) {
    Stmt s(db, sql);
    s.step();
    return s.i64(0);
}

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
    w.packed = count(*db, "SELECT coalesce(sum(length(digests)), 0) / 32 FROM audit_change_run");
    if (changes.spilled_seq()) {
        EventRows a(*db, changes.spilled_seq());
        while (a.next())
            w.changes.push_back(std::string(a.row().table) + " " + std::to_string(a.row().id) +
                                " " + std::string(a.row().op) + " " +
                                qda::audit::bytes_to_hex(a.row().digest));
    }
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
        // The run's codings came in order with consecutive ids: their digests were packed.
        CHECK(bulk.packed == added);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a row out of order moves the packed digests to audit_change, where it replaces one") {
    auto dir = std::filesystem::temp_directory_path() /
               ("qda-pack-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir);
    auto db = project(dir / "p.qda");
    auto digest = [](int k) {
        qda::audit::Digest d{};
        d.fill(static_cast<unsigned char>(k));
        return d;
    };
    {
        // The transaction and the change set end before the project closes.
        Transaction tx(*db);
        ChangeSet changes;
        changes.attach(*db);
        // 600 inserts in two stretches of ids (three rows of audit_change_run and a fourth).
        for (int id = 1; id <= 600; ++id)
            changes.insert_bulk("coding", id + (id > 500 ? 100 : 0), digest(id % 200));
        changes.flush();
        CHECK(count(*db, "SELECT count(*) FROM audit_change_run") == 4);
        CHECK(count(*db, "SELECT count(*) FROM audit_change") == 0);
        REQUIRE(changes.spilled_so_far().has_value());
        const auto seq = changes.spilled_seq();
        CHECK(*changes.spilled_so_far() == spilled_entry(*db, seq));
        {
            // Read back in id order across the packed rows, with each row's own digest.
            EventRows r(*db, seq, "coding");
            std::int64_t n = 0, last = 0;
            bool digests_match = true;
            while (r.next()) {
                ++n;
                CHECK(r.row().id > last);
                last = r.row().id;
                const int k = static_cast<int>(last > 600 ? last - 100 : last);
                digests_match = digests_match && r.row().op == "insert" &&
                                r.row().digest == qda::audit::bytes_of(digest(k % 200));
            }
            CHECK(n == 600);
            CHECK(last == 700);
            CHECK(digests_match);
        }
        // Row 2 again, out of order: every packed row moves, and the new digest replaces the old.
        changes.insert_bulk("coding", 2, digest(250));
        changes.flush();
        CHECK_FALSE(changes.spilled_so_far().has_value());
        CHECK(count(*db, "SELECT count(*) FROM audit_change_run") == 0);
        CHECK(count(*db, "SELECT count(*) FROM audit_change") == 600);
        {
            Stmt s(*db, "SELECT digest FROM audit_change WHERE row_id = 2");
            REQUIRE(s.step());
            CHECK(s.view(0) == qda::audit::bytes_of(digest(250)));
        }
        CHECK(spilled_entry(*db, seq).at("rows") == 600);
    }
    db.reset();
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
