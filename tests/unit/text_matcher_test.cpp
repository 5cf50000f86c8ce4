// Whole-word matching: the ASCII fast path agrees with ICU's word breaks, folding maps matches
// back onto the original characters, phrases span white space, regexes report ICU's errors.
#include <doctest/doctest.h>

#include <random>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

using namespace qda;

namespace {

std::vector<bool> icu_boundaries(const std::string &s) {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
    UText *ut = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &st);
    bi->setText(ut, st);
    std::vector<bool> b(s.size() + 1, false);
    for (int32_t p = bi->first(); p != icu::BreakIterator::DONE; p = bi->next())
        b[static_cast<std::size_t>(p)] = true;
    utext_close(ut);
    return b;
}

std::vector<std::string> found(std::string_view text, const std::vector<std::string> &phrases,
                               bool accents = false) {
    text::FoldedText t(text, accents);
    text::PhraseSet set(phrases, accents);
    text::WordBoundaries wb;
    std::vector<text::PhraseHit> hits;
    set.find(t, wb, hits);
    text::OffsetMap map(text);
    std::vector<std::string> out;
    for (auto h : hits) {
        auto b = map.to_byte(h.span.start), e = map.to_byte(h.span.end);
        out.push_back(std::to_string(h.phrase) + ":" + std::string(text.substr(b, e - b)));
    }
    return out;
}

} // namespace

TEST_CASE("fast word boundaries equal ICU's on random text") {
    // Letters, digits and every ASCII class of UAX #29, plus non-ASCII letters, marks, quotes
    // and CJK so that the fallback and the edges of ASCII stretches are exercised.
    const std::vector<std::string> alphabet = {
        "a",  "Z", "k",  "0",    "7",        ".",    "'",
        ":",  ",", ";",  "_",    " ",        " ",    "\n",
        "\t", "-", "\"", "$",    "(",        "é",    "e\xCC\x81",
        "’",  "“", "ß",  "日本", "\xC2\xA0", "🙂", "\xE2\x80\x8D",
        "\v", "\r"};
    std::mt19937 rng(42);
    text::WordBoundaries wb;
    int checked = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        int len = 1 + static_cast<int>(rng() % 24);
        for (int i = 0; i < len; ++i)
            s += alphabet[rng() % (round % 3 == 0 ? alphabet.size() : 13)];
        auto want = icu_boundaries(s);
        wb.reset(s);
        for (std::size_t i = 0; i <= s.size(); ++i) {
            if (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
                continue;
            INFO("text: [" << s << "] at byte " << i);
            CHECK(wb.is_boundary(i) == want[i]);
            ++checked;
        }
        // next() walks the same boundaries
        std::size_t p = 0;
        while (p < s.size()) {
            std::size_t q = wb.next(p);
            for (std::size_t k = p + 1; k < q; ++k)
                CHECK_FALSE(want[k]);
            CHECK(want[q]);
            p = q;
        }
    }
    CHECK(checked > 30000);
}

TEST_CASE("whole words, case folding, Indonesian and English") {
    CHECK(found("Fitur Otomatis itu, fitur otomatisnya.", {"fitur otomatis"}) ==
          std::vector<std::string>{"0:Fitur Otomatis"});
    CHECK(found("Belajar dari YOUTUBE dan youtube-nya", {"youtube"}) ==
          std::vector<std::string>{"0:YOUTUBE", "0:youtube"});
    CHECK(found("magang, pemagangan, MAGANG.", {"magang"}) ==
          std::vector<std::string>{"0:magang", "0:MAGANG"});
    // apostrophes join words by UAX #29: "don't" is one word
    CHECK(found("don't do it; Don did", {"don"}) == std::vector<std::string>{"0:Don"});
    CHECK(found("pakai auto-reply dan auto reply", {"auto-reply", "auto"}) ==
          std::vector<std::string>{"0:auto-reply", "1:auto", "1:auto"});
    CHECK(found("3.14 and 3", {"3"}) == std::vector<std::string>{"0:3"});
    CHECK(found("", {"x"}).empty());
}

TEST_CASE("phrases match across any white space") {
    CHECK(found("fitur\n  pintar dan fitur\tpintar", {"fitur pintar"}) ==
          std::vector<std::string>{"0:fitur\n  pintar", "0:fitur\tpintar"});
    CHECK(found("fiturpintar", {"fitur pintar"}).empty());
}

TEST_CASE("case folding maps back to the original characters") {
    // ß folds to "ss", the match lands on the original code points
    CHECK(found("Die STRASSE und die Straße.", {"straße"}) ==
          std::vector<std::string>{"0:STRASSE", "0:Straße"});
    CHECK(found("Kafé ÇAFÉ", {"çafé"}) == std::vector<std::string>{"0:ÇAFÉ"});
}

TEST_CASE("accent folding is on request") {
    CHECK(found("cafe café cafe\xCC\x81", {"cafe"}) == std::vector<std::string>{"0:cafe"});
    CHECK(found("cafe café cafe\xCC\x81", {"cafe"}, true) ==
          std::vector<std::string>{"0:cafe", "0:café", "0:cafe\xCC\x81"});
    // a letter is not split from its combining accent
    CHECK(found("cafe\xCC\x81", {"cafe"}).empty());
}

TEST_CASE("find_phrase: word start, optional word end") {
    text::FoldedText t("Otomatis, otomatisasi dan robot-otomatis");
    text::WordBoundaries wb;
    auto w = text::phrase_words("OTOMAT", false);
    CHECK(text::find_phrase(t, w, false, wb).size() == 3);
    CHECK(text::find_phrase(t, w, true, wb).empty());
    auto whole = text::find_phrase(t, text::phrase_words("otomatis", false), true, wb);
    REQUIRE(whole.size() == 2);
    CHECK(whole[0].start == 0);
    CHECK(whole[1].start == 32);
}

TEST_CASE("regular expressions") {
    text::Regex r("auto[- ]?reply", true);
    auto m = r.find_all("Pakai Auto-Reply, autoreply, é AUTO REPLY");
    REQUIRE(m.size() == 3);
    CHECK(m[0].start == 6);
    CHECK(m[0].end == 16);
    CHECK(m[2].start == 31); // code points, not bytes: é is one
    CHECK_THROWS_AS(text::Regex("(unclosed", false), Error);
    try {
        text::Regex("a[b", false);
    } catch (const Error &e) {
        CHECK(std::string(e.what()).find("U_REGEX") != std::string::npos);
        CHECK(e.code() == Exit::data);
    }
}

namespace {

std::vector<std::string> hits_of(const text::FoldedText &t, const text::PhraseSet &set) {
    text::WordBoundaries wb;
    std::vector<text::PhraseHit> hits;
    set.find(t, wb, hits);
    std::vector<std::string> out;
    for (auto h : hits)
        out.push_back(std::to_string(h.phrase) + "@" + std::to_string(h.span.start) + "-" +
                      std::to_string(h.span.end));
    return out;
}

/// Random text of pieces: words in all cases, digits, punctuation that joins words, ASCII white
/// space, and non-ASCII that folds to itself (’, é) or to something else (É, ß, é decomposed).
std::string random_text(std::mt19937 &rng, bool plain_only) {
    static const std::vector<std::string> plain = {
        "rust", "Rust", "RUST", "rusty", "go",    "Go",  "GOLANG",  "golang", "db", "DB",
        "k8s",  "2fa",  "x",    "X",     "lang",  " ",   " ",       "  ",     "\n", "\t",
        ".",    "'",    ",",    "_",     "-",     "(",   ":",       "’",      "é",  "日本",
        "and",  "the",  "Kube", "r",     "rustc", "gO ", "\xC2\xA0"};
    static const std::vector<std::string> other = {"É", "ß", "e\xCC\x81", "RUSTÉ", "\xFF"};
    std::string s;
    int len = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < len; ++i)
        s += !plain_only && rng() % 20 == 0 ? other[rng() % other.size()]
                                            : plain[rng() % plain.size()];
    return s;
}

} // namespace

TEST_CASE("a view that kept its case finds what the folded copy finds") {
    // The text itself when only ASCII letters would fold; a copy from the first other character
    // that folds (É, precomposed é, which folds to e + ́, an ill-formed byte).
    auto copied = [](std::string_view s) {
        auto t = text::FoldedText::keeping_ascii_case(s, false);
        CHECK(t.case_kept());
        return t.view().data() != s.data();
    };
    CHECK_FALSE(copied("Rust and Go, ’quoted’ 日本"));
    CHECK(copied("Éric"));
    CHECK(copied("Go café")); // é is e + ́
    CHECK(copied("bad \xFF byte"));
    CHECK(text::FoldedText::keeping_ascii_case("Go café É", false).view() ==
          "Go cafe\xCC\x81 e\xCC\x81");
    const std::vector<std::vector<std::string>> sets = {
        {"rust", "go", "golang", "db", "k8s"}, // two-byte prefixes, sifted sixteen at a time
        {"2fa", "rust lang", "GO"},            // a digit first, a phrase
        {"x", "rust"},                         // a one-byte key: first bytes only
        {"é", "rust", "’"},                    // keys that do not start with a letter or digit
        {"rusté", "ß"}};
    std::mt19937 rng(7);
    int kept = 0, found = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string s = random_text(rng, round % 2 == 0);
        for (bool accents : {false, true})
            for (const auto &phrases : sets) {
                text::PhraseSet set(phrases, accents);
                auto k = text::FoldedText::keeping_ascii_case(s, accents);
                kept += k.view().data() == s.data();
                auto want = hits_of(text::FoldedText(s, accents), set);
                INFO("text: [" << s << "] accents " << accents);
                CHECK(hits_of(k, set) == want);
                found += static_cast<int>(want.size());
            }
    }
    CHECK(kept > 10000);
    CHECK(found > 10000);
}

namespace {

/// Every boundary-to-boundary occurrence of `words` (no phrases) in `t`, found the slow way.
std::vector<std::string> every_word(const text::FoldedText &t,
                                    const std::vector<std::string> &words) {
    std::string_view v = t.view();
    text::WordBoundaries wb;
    wb.reset(v);
    std::vector<std::string> want;
    for (std::size_t p = 0; p < v.size(); ++p)
        for (std::size_t i = 0; i < words.size(); ++i)
            if (v.substr(p, words[i].size()) == words[i] && wb.is_boundary(p) &&
                wb.is_boundary(p + words[i].size()))
                want.push_back(std::to_string(i) + "@" + std::to_string(t.start_cp(p)) + "-" +
                               std::to_string(t.end_cp(p + words[i].size())));
    return want;
}

} // namespace

TEST_CASE("each sieve finds what a byte-by-byte pass finds") {
    using Sieve = text::PhraseSet::Sieve;
    // Forty words put eight groups of five in each nibble table; one- and two-byte words pass
    // whatever follows them; texts of thousands of bytes cross the sieves' chunks.
    std::vector<std::string> words = {"rust", "go", "golang", "db", "k8s", "2fa", "x", "r"};
    for (int i = 0; words.size() < 40; ++i)
        words.push_back("w" + std::to_string(i * 7) + (i % 2 ? "q" : "z"));
    std::mt19937 rng(5);
    int found = 0, sieves = 0;
    for (int round = 0; round < 300; ++round) {
        std::string s;
        while (s.size() < 3000) {
            s += random_text(rng, round % 3 != 0);
            s += rng() % 4 == 0 ? words[rng() % words.size()] : "";
            s += rng() % 9 == 0 ? "W" + std::to_string(rng() % 300) + "Q" : " ";
        }
        s.resize(1000 + rng() % 2000);
        while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80)
            s.pop_back(); // no character cut in two
        for (auto t : {text::FoldedText(s), text::FoldedText::keeping_ascii_case(s, false)}) {
            auto want = every_word(text::FoldedText(s), words);
            for (Sieve sv : {Sieve::bytewise, Sieve::ssse3, Sieve::avx2}) {
                text::PhraseSet set(words, false);
                if (!set.use_sieve(sv))
                    continue;
                ++sieves;
                CHECK(set.sieve() == sv);
                INFO("sieve " << static_cast<int>(sv) << " text: [" << s << "]");
                CHECK(hits_of(t, set) == want);
            }
            found += static_cast<int>(want.size());
        }
    }
    CHECK(found > 3000);
    CHECK(sieves >= 1200); // bytewise on every processor, SSSE3 on every x86-64 that runs tests
}

TEST_CASE("sifting sixteen bytes at a time misses no word") {
    // Every boundary-to-boundary occurrence of a letters-and-digits word, found the slow way.
    const std::vector<std::string> words = {"rust", "go", "golang", "db", "k8s", "2fa"};
    text::PhraseSet set(words, false);
    std::mt19937 rng(11);
    for (int round = 0; round < 2000; ++round) {
        std::string s = random_text(rng, false);
        text::FoldedText t(s);
        auto want = every_word(t, words);
        INFO("text: [" << s << "]");
        CHECK(hits_of(t, set) == want);
        CHECK(hits_of(text::FoldedText::keeping_ascii_case(s, false), set) == want);
    }
}
