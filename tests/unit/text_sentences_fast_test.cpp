// The ASCII fast path of sentence breaking against ICU's conversion, and sentence spans of
// text that takes each of the three ways (ASCII, well-formed UTF-8, ill-formed UTF-8).
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include <unicode/uchar.h>

#include "qda/text.hpp"
#include "text/utf16_spaced.hpp"

using namespace qda;

namespace {

std::u16string fast(std::string_view s, bool &ok) {
    std::u16string out(s.size(), u'?');
    ok = text::detail::widen_ascii_spaced(s, out.data());
    return out;
}

std::u16string by_icu(std::string_view s, std::int32_t &subs) {
    std::u16string out(s.size(), u'?');
    out.resize(text::detail::utf16_spaced_icu(s, out.data(), subs));
    return out;
}

std::vector<std::string> split(std::string_view s, std::string_view locale = "id") {
    std::vector<std::string> out;
    for (auto r : text::sentences(s, 0, s.size(), locale))
        out.emplace_back(s.substr(r.begin, r.end - r.begin));
    return out;
}

} // namespace

TEST_CASE("the ASCII fast path gives the units ICU gives, line breaks as spaces") {
    // Lengths around the block size, line breaks and control characters at block edges.
    std::mt19937 rng(20261129);
    const std::string alphabet = "ab. ?!\n\r\t\x01\x7f"
                                 "ABZ09";
    for (std::size_t len : {0u, 1u, 2u, 63u, 64u, 65u, 127u, 128u, 129u, 200u, 1000u}) {
        for (int round = 0; round < 20; ++round) {
            std::string s(len, ' ');
            for (char &c : s)
                c = alphabet[rng() % alphabet.size()];
            bool ok = false;
            std::int32_t subs = -1;
            const auto a = fast(s, ok), b = by_icu(s, subs);
            REQUIRE(ok);
            CHECK(subs == 0);
            CHECK(a == b);
            for (char16_t u : a)
                CHECK((u != u'\n' && u != u'\r'));
        }
    }
    bool ok = false;
    CHECK(fast("a\r\nb\n", ok) == u"a  b ");
    CHECK(ok);
}

TEST_CASE("the ASCII fast path declines any byte above 0x7F, wherever it is") {
    for (std::size_t at : {0u, 5u, 63u, 64u, 65u, 130u, 199u}) {
        std::string s(200, 'x');
        s[at] = '\xC3';
        bool ok = true;
        fast(s, ok);
        CHECK_MESSAGE(!ok, "byte at " << at);
    }
}

TEST_CASE("ICU's conversion spaces line breaks and counts ill-formed runs") {
    std::int32_t subs = -1;
    CHECK(by_icu("Caf\xC3\xA9\r\nok\n", subs) == u"Caf\u00E9  ok ");
    CHECK(subs == 0);
    CHECK(by_icu("a\xFF\nb", subs) == u"a\uFFFD b");
    CHECK(subs == 1);
}

TEST_CASE("sentences by each way: ASCII, UTF-8 and ill-formed bytes, with CR and LF") {
    // The same sentences in ASCII and with accented letters: the same cuts, in bytes.
    const std::string ascii = "Saya jual kopi.\r\nHarga naik\nbulan lalu. Dr. Sari setuju!";
    const std::string utf8 = "Saya jual kop\xC3\xAD.\r\nHarga na\xC3\xAFk\nbulan lalu. Dr. Sari "
                             "setuj\xC3\xBA!";
    const std::string bad = "Saya jual kop\xFF.\r\nHarga na\xC3k\nbulan lalu. Dr. Sari setuju!";
    const auto a = split(ascii), u = split(utf8), x = split(bad);
    REQUIRE(a.size() == 3);
    CHECK(a[0] == "Saya jual kopi.");
    CHECK(a[1] == "Harga naik\nbulan lalu.");
    CHECK(a[2] == "Dr. Sari setuju!");
    REQUIRE(u.size() == 3);
    CHECK(u[0] == "Saya jual kop\xC3\xAD.");
    CHECK(u[1] == "Harga na\xC3\xAFk\nbulan lalu.");
    CHECK(u[2] == "Dr. Sari setuj\xC3\xBA!");
    REQUIRE(x.size() == 3);
    CHECK(x[0] == "Saya jual kop\xFF.");
    CHECK(x[1] == "Harga na\xC3k\nbulan lalu.");
    CHECK(x[2] == "Dr. Sari setuju!");
}

TEST_CASE("one breaker moves between ASCII and non-ASCII spans") {
    text::SentenceBreaker br("en");
    const std::string t = "\xC3\x89t\xC3\xA9. Go on.\n\nPlain text. Two.\n\nL\xC3\xA0st. One.";
    std::vector<text::Range> out;
    const std::size_t p2 = t.find("Plain"), p3 = t.find("L\xC3\xA0st");
    br.split(t, 0, p2 - 2, out);
    br.split(t, p2, p3 - 2, out);
    br.split(t, p3, t.size(), out);
    std::vector<std::string> got;
    for (auto r : out)
        got.push_back(t.substr(r.begin, r.end - r.begin));
    const std::vector<std::string> want = {"\xC3\x89t\xC3\xA9.", "Go on.", "Plain text.", "Two.",
                                           "L\xC3\xA0st.",       "One."};
    CHECK(got == want);
}

TEST_CASE("white space without ICU for ASCII is ICU's white space, for every code point") {
    int ascii_spaces = 0;
    for (std::int32_t c = 0; c <= 0x10FFFF; ++c) {
        const bool ours = text::detail::white_space(c);
        if (ours != static_cast<bool>(u_isUWhiteSpace(c)))
            FAIL("U+" << std::hex << c);
        ascii_spaces += c < 0x80 && ours;
    }
    CHECK(ascii_spaces == 6); // \t \n \v \f \r and space
}
