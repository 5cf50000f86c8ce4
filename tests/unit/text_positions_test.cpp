// OffsetMap, LineIndex and the UTF-16 conversions NVivo positions need.
#include <doctest/doctest.h>

#include <iterator>
#include <random>

#include "qda/text.hpp"

using namespace qda;

TEST_CASE("OffsetMap maps bytes to code points and back") {
    // "é" is 2 bytes, "😀" 4 bytes: code points a=0 é=1 b=2 😀=3 c=4
    std::string s = "a\xC3\xA9"
                    "b\xF0\x9F\x98\x80"
                    "c";
    text::OffsetMap m(s);
    CHECK(m.size_cp() == 5);
    CHECK(m.to_cp(0) == 0);
    CHECK(m.to_cp(1) == 1);
    CHECK(m.to_cp(3) == 2);
    CHECK(m.to_cp(4) == 3);
    CHECK(m.to_cp(8) == 4);
    CHECK(m.to_cp(9) == 5);
    CHECK(m.to_cp(100) == 5);
    for (std::int64_t cp = 0; cp <= 5; ++cp)
        CHECK(m.to_cp(m.to_byte(cp)) == cp);
    CHECK(m.to_byte(3) == 4);
    CHECK(m.to_byte(99) == s.size());
}

TEST_CASE("OffsetMap across many blocks") {
    std::string s;
    for (int i = 0; i < 1000; ++i)
        s += (i % 3 == 0) ? "\xE2\x82\xAC" : "x"; // euro sign, 3 bytes
    text::OffsetMap m(s);
    CHECK(m.size_cp() == 1000);
    std::size_t byte = 0;
    for (std::int64_t cp = 0; cp < 1000; ++cp) {
        REQUIRE(m.to_byte(cp) == byte);
        REQUIRE(m.to_cp(byte) == cp);
        byte += (cp % 3 == 0) ? 3 : 1;
    }
}

TEST_CASE("code points to UTF-16 units: an emoji is 2 units") {
    std::string s = "a\xF0\x9F\x98\x80"
                    "b\xC3\xA9";
    CHECK(text::cp_to_utf16(s, 0) == 0);
    CHECK(text::cp_to_utf16(s, 1) == 1);
    CHECK(text::cp_to_utf16(s, 2) == 3);
    CHECK(text::cp_to_utf16(s, 4) == 5);
    CHECK(text::utf16_to_cp(s, 3) == 2);
    CHECK(text::utf16_to_cp(s, 5) == 4);
    CHECK(text::utf16_to_cp(s, 2) == 1); // inside the surrogate pair: rounded down
}

TEST_CASE("LineIndex") {
    text::LineIndex li("ab\ncd\n\nef");
    CHECK(li.lines() == 4);
    CHECK(li.line_of(0) == 1);
    CHECK(li.line_of(2) == 1);
    CHECK(li.line_of(3) == 2);
    CHECK(li.line_of(6) == 3);
    CHECK(li.line_of(7) == 4);
    CHECK(li.line_start(4) == 7);
}

TEST_CASE("code points and OffsetMap over every mix of 1- to 4-byte characters") {
    // Characters of 1, 2, 3 and 4 bytes in an order that cycles differently from the 8-byte
    // words and 64-code-point blocks the counting works in; every length from 0 to 300.
    const char *chars[] = {"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
    const int pattern[] = {0, 0, 1, 0, 3, 2, 0, 0, 0, 1, 2, 0, 0};
    std::string s;
    std::vector<std::size_t> starts; // byte offset of each code point
    for (int n = 0; n <= 300; ++n) {
        CHECK(text::code_points(s) == static_cast<std::int64_t>(starts.size()));
        text::OffsetMap m(s);
        REQUIRE(m.size_cp() == static_cast<std::int64_t>(starts.size()));
        for (std::size_t cp = 0; cp < starts.size(); ++cp) {
            REQUIRE(m.to_cp(starts[cp]) == static_cast<std::int64_t>(cp));
            REQUIRE(m.to_byte(static_cast<std::int64_t>(cp)) == starts[cp]);
        }
        starts.push_back(s.size());
        s += chars[pattern[n % 13] * (n / 13 % 3 != 1)]; // every 13 of 39: ASCII only
    }
}

TEST_CASE("counting on from a cursor gives what the search gives, in any order of offsets") {
    // Mixed widths (1 to 4 bytes), line breaks, lengths past several 64-code-point blocks.
    std::mt19937 rng(7);
    const char *pieces[] = {"a", " ", "\n", "\xC3\xA9", "\xE2\x80\x99", "\xF0\x9F\x98\x80", "xyz"};
    for (int round = 0; round < 20; ++round) {
        std::string t;
        const std::size_t n = 1 + rng() % 2000;
        for (std::size_t i = 0; i < n; ++i)
            t += pieces[rng() % std::size(pieces)];
        const text::OffsetMap map(t);
        const text::LineIndex lines(t);
        std::vector<std::size_t> offsets;
        for (std::size_t i = 0; i <= t.size() + 2; ++i)
            offsets.push_back(i); // in order, including past the end
        for (std::size_t step : {37u, 200u, 300u})
            for (std::size_t i = 0; i <= t.size(); i += step)
                offsets.push_back(i); // forward by more than a word, and a block or more
        for (int k = 0; k < 300; ++k)
            offsets.push_back(rng() % (t.size() + 1)); // then jumping about
        text::OffsetMap::Cursor at;
        std::size_t hint = 0;
        for (std::size_t b : offsets) {
            REQUIRE(map.to_cp(b, at) == map.to_cp(b));
            REQUIRE(lines.line_of(b, hint) == lines.line_of(b));
        }
    }
    // Known answers: "é" is two bytes, one code point; line 2 starts after the '\n'.
    const std::string t = "\xC3\xA9\xC3\xA9\nab";
    const text::OffsetMap map(t);
    const text::LineIndex lines(t);
    text::OffsetMap::Cursor at;
    std::size_t hint = 0;
    CHECK(map.to_cp(2, at) == 1);
    CHECK(map.to_cp(5, at) == 3);
    CHECK(map.to_cp(7, at) == 5);
    CHECK(lines.line_of(4, hint) == 1);
    CHECK(lines.line_of(5, hint) == 2);
    CHECK(lines.line_of(0, hint) == 1);
}
