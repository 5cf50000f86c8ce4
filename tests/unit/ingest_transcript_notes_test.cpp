// Front matter and dated observation notes.
#include <doctest/doctest.h>

#include "ingest/readers.hpp"
#include "qda/error.hpp"
#include "qda/ingest.hpp"
#include "qda/text.hpp"

using namespace qda;

namespace {

Document doc(std::string text) {
    Document d;
    d.text = std::move(text);
    return d;
}

std::string attr(const Document &d, const std::string &key) {
    for (const auto &[k, v] : d.attributes)
        if (k == key)
            return v;
    return "<absent>";
}

std::string span(const Document &d, const Segment &s) {
    text::OffsetMap m(d.text);
    std::size_t b = m.to_byte(s.start), e = m.to_byte(s.end);
    return d.text.substr(b, e - b);
}

} // namespace

TEST_CASE("YAML front matter becomes attributes and leaves the text") {
    auto d = doc("---\ntitle: Wawancara UMKM 3\ninformant: Ibu Sari\ntags: [kuliner, instagram]\n"
                 "place:\n  city: Medan\n---\n\nPeneliti: Halo.\n");
    ingest::take_front_matter(d, "w.md");
    CHECK(d.text == "Peneliti: Halo.\n");
    CHECK(attr(d, "title") == "Wawancara UMKM 3");
    CHECK(attr(d, "informant") == "Ibu Sari");
    CHECK(attr(d, "tags") == "kuliner; instagram");
    CHECK(attr(d, "place.city") == "Medan");
}

TEST_CASE("bad YAML front matter names its line") {
    auto d = doc("---\ntitle: ok\ndate: [unclosed\n---\ntext\n");
    try {
        ingest::take_front_matter(d, "w.md");
        FAIL("no error");
    } catch (const Error &e) {
        CHECK(e.code() == Exit::data);
        CHECK(e.where().rfind("w.md:", 0) == 0);
    }
}

TEST_CASE("a horizontal rule is not front matter") {
    auto d = doc("---\nJust some prose, not YAML.\n---\nMore.\n");
    ingest::take_front_matter(d, "w.md");
    CHECK(d.text == "---\nJust some prose, not YAML.\n---\nMore.\n");
    CHECK(d.attributes.empty());
}

TEST_CASE("TOML front matter: key = value") {
    auto d = doc("+++\ntitle = \"Observasi \\\"Toko\\\" A\"\ndate = 2024-03-12\nauthors = "
                 "[\"Rina\", 'Dodi']\n"
                 "[site]\ncity = \"Medan\"\n+++\nIsi.\n");
    ingest::take_front_matter(d, "o.md");
    CHECK(d.text == "Isi.\n");
    CHECK(attr(d, "title") == "Observasi \"Toko\" A");
    CHECK(attr(d, "date") == "2024-03-12");
    CHECK(attr(d, "authors") == "Rina; Dodi");
    CHECK(attr(d, "site.city") == "Medan");
    auto bad = doc("+++\njust words\n+++\n");
    CHECK_THROWS_AS(ingest::take_front_matter(bad, "o.md"), Error);
}

TEST_CASE("dated entries make observation notes") {
    auto docs = ingest::read(
        "# Catatan lapangan\n\n## 12 Maret 2024\nToko ramai. Pemilik memotret produk.\n\n"
        "Selasa, 13 Maret 2024, 09.30 WIB\nPelatihan dimulai.\n\n2024-03-14 10:00\nSepi.\n\n"
        "12/03/2025\nA.\n\nMarch 15, 2024 at 4:05\nB.\n\n## 16 Agu. 2024\nC.\n",
        "notes.md");
    const Document &d = docs[0];
    CHECK(d.suggested_kind == "observation");
    std::vector<Segment> entries;
    for (const auto &s : d.segments)
        if (s.unit == "entry")
            entries.push_back(s);
    REQUIRE(entries.size() == 6);
    CHECK(entries[0].timestamp == "2024-03-12");
    CHECK(span(d, entries[0]) == "## 12 Maret 2024\nToko ramai. Pemilik memotret produk.");
    CHECK(entries[0].line == 3);
    CHECK(entries[1].timestamp == "2024-03-13T09:30");
    CHECK(entries[2].timestamp == "2024-03-14T10:00");
    CHECK(entries[3].timestamp == "2025-03-12");
    CHECK(entries[4].timestamp == "2024-03-15T04:05");
    CHECK(entries[5].timestamp == "2024-08-16");
}

TEST_CASE("dates inside prose and impossible dates are not entries") {
    auto starts = ingest::read("12 Maret 2024 kami datang.\n", "n.txt");
    CHECK(starts[0].suggested_kind == "observation"); // a line that starts with a date
    auto none =
        ingest::read("Kami datang pada 12 Maret 2024.\n2024-13-45 bukan tanggal.\n", "n.txt");
    CHECK(none[0].suggested_kind == "document");
}
