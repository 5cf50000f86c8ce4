// FoldedText: case-insensitive matching by Unicode case folding, with matches mapped back to
// the original code points (what `qda code --match` codes).
#include <doctest/doctest.h>

#include "qda/text.hpp"

using namespace qda;

namespace {
std::string cut(const std::string &s, text::CpSpan sp) {
    text::OffsetMap m(s);
    auto b = m.to_byte(sp.start), e = m.to_byte(sp.end);
    return s.substr(b, e - b);
}
} // namespace

TEST_CASE("ASCII text: folded view is lower case and positions are the identity") {
    std::string s = "Itu Fitur Otomatis aja. fitur otomatis dari Shopee. FITUR OTOMATIS!";
    text::FoldedText f(s);
    CHECK(f.view() == "itu fitur otomatis aja. fitur otomatis dari shopee. fitur otomatis!");
    auto hits = f.find("fitur otomatis");
    REQUIRE(hits.size() == 3);
    CHECK(cut(s, hits[0]) == "Fitur Otomatis");
    CHECK(hits[0].start == 4);
    CHECK(hits[0].end == 18);
    CHECK(cut(s, hits[1]) == "fitur otomatis");
    CHECK(cut(s, hits[2]) == "FITUR OTOMATIS");
    CHECK(f.find("Fitur  Otomatis").empty()); // two spaces: not in the text
    CHECK(f.find("").empty());
}

TEST_CASE("non-ASCII text: matches land on the original code points") {
    // "Ça" then ß (folds to "ss") then an emoji, then DIGITAL in capitals.
    std::string s = "\xC3\x87"
                    "a co\xC3\x9F \xF0\x9F\x98\x80 DIGITAL Stra\xC3\x9F"
                    "e";
    text::FoldedText f(s);
    auto d = f.find("digital");
    REQUIRE(d.size() == 1);
    CHECK(cut(s, d[0]) == "DIGITAL");
    CHECK(d[0].start == 9);
    CHECK(d[0].end == 16);
    auto c = f.find("\xC3\xA7"
                    "a"); // "ça" finds "Ça"
    REQUIRE(c.size() == 1);
    CHECK(c[0].start == 0);
    CHECK(c[0].end == 2);
    auto ss = f.find("strasse"); // full folding: ß = ss
    REQUIRE(ss.size() == 1);
    CHECK(cut(s, ss[0]) == "Stra\xC3\x9F"
                           "e");
    auto half = f.find("cos"); // a match ending inside ß's folding takes the whole ß
    REQUIRE(half.size() == 1);
    CHECK(cut(s, half[0]) == "co\xC3\x9F");
}

TEST_CASE("canonical equivalence and accents") {
    std::string composed = "kafe caf\xC3\xA9 Caf\xC3\x89"; // café, CAFÉ precomposed
    std::string decomposed = "caf"
                             "e\xCC\x81"
                             " cafe"; // e + combining acute, then plain cafe
    text::FoldedText a(composed);
    CHECK(a.find("caf\xC3\xA9").size() == 2);
    text::FoldedText b(decomposed);
    auto hits = b.find("caf\xC3\xA9");
    REQUIRE(hits.size() == 1);
    CHECK(cut(decomposed, hits[0]) == "caf"
                                      "e\xCC\x81");
    auto plain = b.find("cafe"); // "cafe" is not the first four letters of "café"
    REQUIRE(plain.size() == 1);
    CHECK(plain[0].start == 6);
    text::FoldedText stripped(decomposed, true);
    auto both = stripped.find("CAFE");
    REQUIRE(both.size() == 2);
    CHECK(cut(decomposed, both[0]) == "caf"
                                      "e\xCC\x81"); // the accent goes with its letter
    CHECK(text::fold_for_match("Caf\xC3\xA9", true) == "cafe");
    CHECK(text::fold_for_match("Caf\xC3\xA9") == "cafe\xCC\x81");
}

TEST_CASE("matches do not overlap and positions map back in order") {
    std::string s = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"; // four é
    text::FoldedText f(s);
    auto hits = f.find("\xC3\x89\xC3\x89"); // ÉÉ
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].start == 0);
    CHECK(hits[0].end == 2);
    CHECK(hits[1].start == 2);
    CHECK(hits[1].end == 4);
    CHECK(f.start_cp(0) == 0);
    CHECK(f.end_cp(f.view().size()) == 4);
}
