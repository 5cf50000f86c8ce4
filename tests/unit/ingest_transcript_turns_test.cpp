// Turn detection on small made-up transcripts: every label form, timestamps, false positives.
#include <doctest/doctest.h>

#include "ingest/readers.hpp"
#include "qda/error.hpp"
#include "qda/ingest.hpp"
#include "qda/text.hpp"

using namespace qda;

namespace {

Document read_text(const std::string &text, const ingest::ReadOptions &opts = {},
                   const char *name = "t.txt") {
    auto docs = ingest::read(text, name, opts);
    REQUIRE(docs.size() == 1);
    return docs[0];
}

std::string span(const Document &d, const Segment &s) {
    text::OffsetMap m(d.text);
    std::size_t b = m.to_byte(s.start), e = m.to_byte(s.end);
    return d.text.substr(b, e - b);
}

std::vector<Segment> units(const Document &d, std::string_view unit) {
    std::vector<Segment> out;
    for (const auto &s : d.segments)
        if (s.unit == unit)
            out.push_back(s);
    return out;
}

} // namespace

TEST_CASE("Name: text, with the label outside the turn span") {
    auto d = read_text("Peneliti: Sejak kapan Ibu berjualan online?\n\nIbu Sari: Sejak 2019. "
                       "Awalnya lewat WhatsApp.\n"
                       "\nPeneliti: Lalu?\n\nIbu Sari: Sekarang Instagram juga.\n");
    auto turns = units(d, "turn");
    REQUIRE(turns.size() == 4);
    CHECK(turns[0].speaker == "Peneliti");
    CHECK(span(d, turns[0]) == "Sejak kapan Ibu berjualan online?");
    CHECK(turns[1].speaker == "Ibu Sari");
    CHECK(turns[1].line == 3);
    CHECK(d.suggested_kind == "interview");
    REQUIRE(d.speakers.size() == 2);
    auto sentences = units(d, "sentence");
    REQUIRE(sentences.size() == 5);
    CHECK(span(d, sentences[1]) == "Sejak 2019.");
    CHECK(sentences[2].speaker == "Ibu Sari");
    CHECK(span(d, units(d, "paragraph")[0]) == "Peneliti: Sejak kapan Ibu berjualan online?");
}

TEST_CASE("positions are code points, not bytes") {
    auto d = read_text("Ani: Café ☕ enak.\nBudi: Ya.\nAni: Oke.\nBudi: 😀 Sip.\n");
    auto turns = units(d, "turn");
    REQUIRE(turns.size() == 4);
    CHECK(turns[1].start == 24); // "Ani: Café ☕ enak.\n" is 18 code points, "Budi: " 6
    CHECK(span(d, turns[3]) == "😀 Sip.");
    CHECK(turns[3].end - turns[3].start == 6);
}

TEST_CASE("capital labels with extra spaces and hanging continuation lines") {
    auto d = read_text("CDR: Roger.\nCC:  13, Houston. We show the cabin\n     relieving.\nCDR: "
                       "Okay.\nCC:  Copy.\n");
    auto turns = units(d, "turn");
    REQUIRE(turns.size() == 4);
    CHECK(span(d, turns[1]) == "13, Houston. We show the cabin\n     relieving.");
}

TEST_CASE("Markdown bold labels, both placements of the colon") {
    auto d = read_text("**Ani:** Halo.\n\n**Budi**: Hai.\n\n**Ani:** Apa "
                       "kabar?\n\nBaik.\n\n**Budi**: Baik juga.\n",
                       {}, "t.md");
    CHECK(d.format == "markdown");
    auto turns = units(d, "turn");
    REQUIRE(turns.size() == 4);
    CHECK(turns[1].speaker == "Budi");
    CHECK(span(d, turns[2]) == "Apa kabar?\n\nBaik."); // continues over the unlabelled paragraph
}

TEST_CASE("escaped Markdown timestamps before or after a bold label") {
    auto d = read_text(
        "\\[00:04:01.06\\] **Ani:** satu\n\n**Budi:** \\[00:04:09\\] dua\n\n**Ani:** tiga\n", {},
        "t.md");
    auto turns = units(d, "turn");
    REQUIRE(turns.size() == 3);
    CHECK(turns[0].timestamp == "00:04:01.06");
    CHECK(turns[1].timestamp == "00:04:09");
    CHECK(span(d, turns[1]) == "dua");
}

TEST_CASE("a label style that is not the document's own does not start turns") {
    auto d =
        read_text("**Ani:** satu\n\nCatatan: x\n\n**Budi:** dua\n\nCatatan: y\n\n**Ani:** tiga\n",
                  {}, "t.md");
    auto turns = units(d, "turn");
    REQUIRE(turns.size() == 3);
    CHECK(span(d, turns[0]) == "satu\n\nCatatan: x");
}

TEST_CASE("roles and bracketed ids") {
    auto d = read_text("Rina (pemilik usaha): Kami mulai 2020.\nDodi (fasilitator): Bagus.\n"
                       "Rina (pemilik usaha): Terima kasih.\nDodi (fasilitator): Sama-sama.\n");
    REQUIRE(d.speakers.size() == 2);
    CHECK(d.speakers[0].label == "Rina");
    CHECK(d.speakers[0].role == "pemilik usaha");
    CHECK(d.speakers[1].role == "fasilitator");
    auto q = read_text("[P1] satu\n[P2] dua\n[P1] tiga\n");
    auto turns = units(q, "turn");
    REQUIRE(turns.size() == 3);
    CHECK(turns[2].speaker == "P1");
    CHECK(span(q, turns[2]) == "tiga");
}

TEST_CASE("timestamps in front of the label, or on the line above") {
    auto d = read_text(
        "[00:01:02] Ani: satu\n00:01:10 Budi: dua\n(00:02:00) Ani: tiga\n"
        "\\[00:04:01.06\\] Budi: empat\n[-00:00:00:10]\nAni: lima\n\n[01:00:00:05]\n_page : 8\n"
        "Budi: enam\n");
    auto turns = units(d, "turn");
    REQUIRE(turns.size() == 6);
    CHECK(turns[0].timestamp == "00:01:02");
    CHECK(turns[1].timestamp == "00:01:10");
    CHECK(turns[2].timestamp == "00:02:00");
    CHECK(turns[3].timestamp == "00:04:01.06");
    CHECK(span(d, turns[3]) == "empat");
    CHECK(turns[4].timestamp == "-00:00:00:10");
    CHECK(turns[5].timestamp == "01:00:00:05");
    CHECK(span(d, turns[4]) == "lima"); // the next timestamp and "_page" line are not Ani's words
    for (const auto &s : d.speakers)
        CHECK(s.label != "_page");
}

TEST_CASE("not transcripts: one label, URLs, clock times, headings") {
    auto one =
        read_text("Catatan: toko buka jam 10:30 setiap hari.\nPemilik sibuk melayani pembeli.\n");
    CHECK(units(one, "turn").empty());
    CHECK(one.speakers.empty());
    CHECK(one.suggested_kind == "document");
    auto urls =
        read_text("https://example.com dan http://a.b\nhttps: //x\n10:30 rapat\n10:30 selesai\n");
    CHECK(units(urls, "turn").empty());
    auto prose = read_text("Dia berkata bahwa hasilnya bagus sekali: penjualan naik.\n"
                           "Dia berkata bahwa hasilnya bagus sekali: penjualan naik.\n");
    CHECK(units(prose, "turn").empty()); // 8 words is no name
    auto headings = read_text("Agenda:\n- satu\nAgenda:\n- dua\n");
    CHECK(units(headings, "turn").empty());
}

TEST_CASE("a user's speaker pattern replaces the built-in forms") {
    ingest::ReadOptions opts;
    opts.speaker_pattern = R"((\p{Lu}\w+)>)";
    auto d = read_text("Ani> halo\nBudi> hai\nCatatan: bukan label\n", opts);
    auto turns = units(d, "turn");
    REQUIRE(turns.size() == 2);
    CHECK(turns[0].speaker == "Ani");
    CHECK(span(d, turns[1]) == "hai\nCatatan: bukan label");
    opts.speaker_pattern = "(?<label>[A-Z]+) \\((?<role>[a-z]+)\\) -";
    auto r = read_text("ANI (owner) - halo\n", opts);
    REQUIRE(r.speakers.size() == 1);
    CHECK(r.speakers[0].role == "owner");
    opts.speaker_pattern = "([A-Z";
    try {
        read_text("x\n", opts);
        FAIL("no error");
    } catch (const Error &e) {
        CHECK(e.code() == Exit::usage);
        CHECK(e.where() == "--speaker-pattern");
        CHECK(std::string(e.what()).find("U_REGEX") != std::string::npos);
    }
}

TEST_CASE("segments are sorted by start, then turn before paragraph before sentence") {
    auto d = read_text("Intro.\n\nAni: Satu. Dua.\nBudi: Tiga.\nAni: Empat.\nBudi: Lima.\n");
    for (std::size_t i = 1; i < d.segments.size(); ++i)
        CHECK(d.segments[i - 1].start <= d.segments[i].start);
    CHECK(d.segments[0].unit == "paragraph");
    CHECK(d.segments[1].unit == "sentence");
    CHECK(d.segments[1].speaker.empty());
    auto paras = units(d, "paragraph");
    REQUIRE(paras.size() == 2);
    CHECK(paras[1].speaker.empty()); // three turns in one paragraph: no single speaker
}

TEST_CASE("paragraphs and sentences take their turn's speaker, long labels too") {
    // A label longer than a short string's inline room, a paragraph that starts before its
    // turn's span (it holds the label), a paragraph of two speakers, a paragraph of none.
    const std::string who = "Bapak Sutrisno Wibowo";
    auto d = read_text("Pengantar.\n\n" + who + ": Satu. Dua.\n\nAni: Tiga.\n" + who +
                       ": Empat.\n\nAni: Lima.\n");
    std::vector<std::string> got;
    for (const auto &s : d.segments)
        got.push_back(s.unit + "|" + s.speaker + "|" + span(d, s));
    const std::vector<std::string> want = {
        "paragraph||Pengantar.",
        "sentence||Pengantar.",
        "paragraph|" + who + "|" + who + ": Satu. Dua.",
        "turn|" + who + "|Satu. Dua.",
        "sentence|" + who + "|Satu.",
        "sentence|" + who + "|Dua.",
        "paragraph||Ani: Tiga.\n" + who + ": Empat.",
        "turn|Ani|Tiga.",
        "sentence|Ani|Tiga.",
        "turn|" + who + "|Empat.",
        "sentence|" + who + "|Empat.",
        "paragraph|Ani|Ani: Lima.",
        "turn|Ani|Lima.",
        "sentence|Ani|Lima.",
    };
    CHECK(got == want);
}
