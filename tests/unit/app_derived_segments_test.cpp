// Paragraphs and sentences kept apart from the segments (ReadOptions::derived_apart, as import
// reads) are stored exactly as when they are merged among them: the same segment rows, speakers
// and digests, for every reader of the example study and for a reader's unordered segments.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/readers.hpp"
#include "qda/ingest.hpp"
#include "store/db.hpp"
#include "store/project.hpp"
#include "store/repo.hpp"
#include "store/trail.hpp"

namespace fs = std::filesystem;
using namespace qda;

namespace {

struct Stored {
    std::vector<std::string> segment_rows, speaker_rows;
    std::string digests;
};

/// `d` stored as the only source of a new project at `path`.
Stored store_one(const fs::path &path, const Document &d) {
    fs::remove(path);
    store::Db db(path, true);
    store::prepare_new(db);
    store::configure(db);
    store::Transaction tx(db);
    store::migrate(db);
    store::ChangeSet changes;
    store::NewSource ns;
    ns.name = "s";
    ns.kind = "interview";
    ns.sha256 = "0";
    ns.imported_at = "2024-06-08T00:00:00.000Z";
    ns.imported_by = "test";
    ns.original = d.text;
    ns.doc = &d;
    store::insert_source(db, ns, changes);
    Stored out;
    store::Stmt seg(db, "SELECT unit, count, hex(data) FROM segment_set ORDER BY unit");
    while (seg.step())
        out.segment_rows.push_back(seg.text(0) + " " + seg.text(1) + " " + seg.text(2));
    store::Stmt sp(db, "SELECT label, role, turns FROM speaker ORDER BY id");
    while (sp.step())
        out.speaker_rows.push_back(sp.text(0) + "|" + sp.text(1) + "|" + sp.text(2));
    for (const auto &item : changes.items())
        out.digests += item.table + " " + std::to_string(item.id) + " " + item.digest + "\n";
    tx.commit();
    return out;
}

void check_same(const Document &merged, const Document &apart, const std::string &what) {
    INFO(what);
    CHECK(merged.derived.empty());
    for (const Segment &g : apart.segments)
        CHECK((g.unit != "paragraph" && g.unit != "sentence"));
    CHECK(merged.segments.size() == apart.segments.size() + apart.derived.size());
    const fs::path dir = fs::temp_directory_path() / "qda-derived-test";
    fs::create_directories(dir);
    const Stored a = store_one(dir / "merged.qda", merged);
    const Stored b = store_one(dir / "apart.qda", apart);
    CHECK(a.segment_rows == b.segment_rows);
    CHECK(a.speaker_rows == b.speaker_rows);
    CHECK(a.digests == b.digests);
    CHECK(a.segment_rows.size() >= 2); // at least paragraphs and sentences
    fs::remove_all(dir);
}

std::string slurp(const fs::path &p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("paragraphs and sentences kept apart are stored as when merged: the example study") {
    const fs::path root = fs::path(QDA_SOURCE_DIR) / "examples" / "umkm-medan";
    int files = 0;
    for (const auto &e : fs::recursive_directory_iterator(root)) {
        const std::string ext = e.path().extension().string();
        if (!e.is_regular_file() || ext == ".yaml" || ext == ".tsv" || ext == ".csv" ||
            e.path().filename() == "README.md")
            continue;
        const std::string bytes = slurp(e.path());
        ingest::ReadOptions merged_opts, apart_opts;
        apart_opts.derived_apart = true;
        auto merged = ingest::read(bytes, e.path().string(), merged_opts);
        auto apart = ingest::read(bytes, e.path().string(), apart_opts);
        REQUIRE(merged.size() == 1);
        REQUIRE(apart.size() == 1);
        check_same(merged[0], apart[0], e.path().filename().string());
        ++files;
    }
    CHECK(files >= 20);
}

TEST_CASE("paragraphs and sentences kept apart are stored as when merged: a survey") {
    const std::string csv =
        "id,usia,jawaban\n"
        "R01,34,\"Saya belajar pemasaran dari video. Setiap malam setelah toko tutup.\"\n"
        "R02,51,\"Anak saya yang mengurus Instagram.\n\nSaya tidak paham caranya.\"\n";
    ingest::ReadOptions merged_opts, apart_opts;
    apart_opts.derived_apart = true;
    auto merged = ingest::read(csv, "survei.csv", merged_opts);
    auto apart = ingest::read(csv, "survei.csv", apart_opts);
    REQUIRE(merged.size() == 2);
    REQUIRE(apart.size() == 2);
    for (std::size_t i = 0; i < merged.size(); ++i)
        check_same(merged[i], apart[i], "survey row " + std::to_string(i + 1));
}

TEST_CASE("paragraphs and sentences kept apart are stored as when merged: unordered turns") {
    // A reader that lists its turns out of order: finalize puts them in order, and the
    // sentences must still take the speaker of the turn they lie in.
    Document d;
    d.text = "Peneliti: Sejak kapan Ibu berjualan daring? Sudah lama?\n\n"
             "Bu Rina: Sejak tahun 2021. Anak saya yang mengajari. Sekarang saya bisa sendiri.\n\n"
             "Pak Hendra: Bagi saya, membuat foto produk. Itu yang paling sulit.\n";
    const auto turn = [&](std::string_view label, std::size_t para) {
        std::size_t at = 0;
        for (std::size_t k = 0; k < para; ++k)
            at = d.text.find("\n\n", at) + 2;
        const std::size_t begin = at + label.size() + 2;
        const std::size_t end = d.text.find('\n', begin);
        return Segment{"turn",
                       static_cast<std::int64_t>(begin),
                       static_cast<std::int64_t>(end),
                       0,
                       std::string(label),
                       ""};
    };
    d.speakers = {{"Peneliti", ""}, {"Bu Rina", ""}, {"Pak Hendra", ""}};
    const std::vector<Segment> turns = {turn("Pak Hendra", 2), turn("Bu Rina", 1),
                                        turn("Peneliti", 0)};
    Document merged = d, apart = d;
    merged.segments = turns;
    apart.segments = turns;
    ingest::ReadOptions merged_opts, apart_opts;
    apart_opts.derived_apart = true;
    ingest::finalize(merged, merged_opts);
    ingest::finalize(apart, apart_opts);
    REQUIRE(apart.segments.size() == 3);
    CHECK(apart.segments[0].start < apart.segments[1].start); // put in order
    std::size_t sentences_of_rina = 0;
    for (const DerivedSegment &g : apart.derived)
        if (g.sentence && g.turn && apart.segments[g.turn - 1].speaker == "Bu Rina")
            ++sentences_of_rina;
    CHECK(sentences_of_rina == 3);
    check_same(merged, apart, "unordered turns");
}
