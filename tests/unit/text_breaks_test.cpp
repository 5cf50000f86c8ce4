// Sentences (ICU, Indonesian and English), paragraphs, NFC and case folding.
#include <doctest/doctest.h>

#include "qda/text.hpp"

using namespace qda;

namespace {
std::vector<std::string> split(std::string_view s, std::string_view locale) {
    std::vector<std::string> out;
    for (auto r : text::sentences(s, 0, s.size(), locale))
        out.emplace_back(s.substr(r.begin, r.end - r.begin));
    return out;
}
} // namespace

TEST_CASE("Indonesian sentences") {
    auto s = split("Pak Budi datang jam 9. Dia membawa laptop.", "id");
    REQUIRE(s.size() == 2);
    CHECK(s[0] == "Pak Budi datang jam 9.");
    CHECK(s[1] == "Dia membawa laptop.");
    auto abbr = split("Kami menjual kopi, teh, dll. untuk pelanggan. Dr. Sari setuju.", "id");
    REQUIRE(abbr.size() == 2);
    CHECK(abbr[0] == "Kami menjual kopi, teh, dll. untuk pelanggan.");
    CHECK(abbr[1] == "Dr. Sari setuju.");
    auto q = split("Apakah Ibu memakai Instagram? Ya, setiap hari!", "id");
    CHECK(q.size() == 2);
}

TEST_CASE("English sentences keep ICU's abbreviation suppressions") {
    auto s = split("Dr. Smith lives at No. 5 Main St. in town. He is late.", "en");
    REQUIRE(s.size() == 2);
    CHECK(s[0] == "Dr. Smith lives at No. 5 Main St. in town.");
    CHECK(s[1] == "He is late.");
}

TEST_CASE("a hard line break is not a sentence break; trailing space is trimmed") {
    std::string t = "CC:  13, Houston. GO at 1. We show the cabin\n     relieving.\n";
    std::size_t b = t.find("13");
    auto r = text::sentences(t, b, t.size(), "en");
    REQUIRE(r.size() == 3);
    CHECK(t.substr(r[2].begin, r[2].end - r[2].begin) == "We show the cabin\n     relieving.");
    CHECK(r[0].begin == b);
}

TEST_CASE("one SentenceBreaker serves many spans") {
    text::SentenceBreaker br("id");
    std::string t = "Satu. Dua.\n\nTiga. Empat.";
    std::vector<text::Range> out;
    br.split(t, 0, 10, out);
    br.split(t, 12, t.size(), out);
    REQUIRE(out.size() == 4);
    CHECK(out[2].begin == 12);
    CHECK(out[3].end == t.size());
}

TEST_CASE("paragraphs are blocks separated by blank lines") {
    std::string t = "\n  first line\nsecond  \n \t\nthird\n\n\n fourth";
    auto p = text::paragraphs(t);
    REQUIRE(p.size() == 3);
    CHECK(t.substr(p[0].begin, p[0].end - p[0].begin) == "first line\nsecond");
    CHECK(t.substr(p[1].begin, p[1].end - p[1].begin) == "third");
    CHECK(t.substr(p[2].begin, p[2].end - p[2].begin) == "fourth");
    CHECK(text::paragraphs("").empty());
    CHECK(text::paragraphs("\n\n  \n").empty());
}

TEST_CASE("NFC composes") {
    CHECK(text::nfc("e\xCC\x81") == "\xC3\xA9");
    CHECK(text::nfc("already") == "already");
}

TEST_CASE("full case folding") {
    CHECK(text::fold_case("DIGITAL Marketing") == "digital marketing");
    CHECK(text::fold_case("Stra\xC3\x9F"
                          "e") == "strasse");                        // ß -> ss
    CHECK(text::fold_case("\xC4\xB0stanbul") == "i\xCC\x87stanbul"); // İ -> i + combining dot
    CHECK(text::fold_case("E\xCC\x81"
                          "T\xC3\x89") == "\xC3\xA9t\xC3\xA9"); // NFC first
}

TEST_CASE("initials do not end sentences") {
    auto s = split("I met Fernando J. Corbat\xC3\xB2 there. Then I left.", "en");
    REQUIRE(s.size() == 2);
    auto id = split("Kami bertemu Budi S. Hartono. Beliau ramah.", "id");
    REQUIRE(id.size() == 2);
    CHECK(id[0] == "Kami bertemu Budi S. Hartono.");
}

TEST_CASE("an abbreviation is not the tail of a longer word") {
    CHECK(split("Kami bertemu Pak Hartono. Beliau ramah.", "id").size() == 2);
    CHECK(split("Kami bertemu Pak Sukarno. Beliau ramah.", "id").size() == 2);
}

TEST_CASE("sentence offsets are bytes of the UTF-8 text, whatever the characters") {
    // 2-, 3- and 4-byte characters (the emoji is two UTF-16 units), a line break inside a
    // sentence and a no-break space (white space to ICU) trimmed at a sentence's end.
    std::string t = "Caf\xC3\xA9 \xE2\x98\x95 enak.\n\xF0\x9F\x8E\x89 Mantap!\xC2\xA0 Harga "
                    "Rp\xE2\x80\xAF"
                    "5.000, murah.";
    auto s = split(t, "id");
    REQUIRE(s.size() == 3);
    CHECK(s[0] == "Caf\xC3\xA9 \xE2\x98\x95 enak.");
    CHECK(s[1] == "\xF0\x9F\x8E\x89 Mantap!");
    CHECK(s[2] == "Harga Rp\xE2\x80\xAF"
                  "5.000, murah.");
    // The same inside a larger text: offsets count from the text's start, not the span's.
    std::string outer = "\xC3\xA9\xC3\xA9\n\n" + t;
    auto r = text::sentences(outer, 6, outer.size(), "id");
    REQUIRE(r.size() == 3);
    CHECK(r[0].begin == 6);
    CHECK(outer.substr(r[1].begin, r[1].end - r[1].begin) == s[1]);
    CHECK(r[2].end == outer.size());
}

TEST_CASE("ill-formed UTF-8 is read as U+FFFD and offsets still land on the bytes") {
    // A lone continuation byte and a cut-short 3-byte sequence, each one U+FFFD to ICU.
    std::string t = "Harga \x80 naik. Kami \xE2\x82 rugi. Sudah.";
    auto s = split(t, "id");
    REQUIRE(s.size() == 3);
    CHECK(s[0] == "Harga \x80 naik.");
    CHECK(s[1] == "Kami \xE2\x82 rugi.");
    CHECK(s[2] == "Sudah.");
}
