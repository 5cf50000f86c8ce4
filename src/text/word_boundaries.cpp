// Word boundaries by ICU's rules (UAX #29) with an ASCII fast path.
//
// Where the two characters before and the two after a position are ASCII, the rules that can
// apply are WB3-WB3d, WB5-WB13b over the ASCII classes below (WB4 cannot: Extend and Format
// are not ASCII), so they are evaluated here; anywhere else ICU's break iterator decides.
// tests/unit/text_matcher_test.cpp checks that both agree on every position of random texts.
#include <algorithm>
#include <array>

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda::text {
namespace {

enum Cls : unsigned char {
    Other,
    Letter,
    Numeric,
    MidNumLet,
    MidNum,
    ExtendNumLet,
    Newline,
    CR,
    LF,
    Space
};

constexpr std::array<Cls, 128> make_classes() {
    std::array<Cls, 128> t{};
    for (int c = 'a'; c <= 'z'; ++c)
        t[static_cast<std::size_t>(c)] = Letter;
    for (int c = 'A'; c <= 'Z'; ++c)
        t[static_cast<std::size_t>(c)] = Letter;
    for (int c = '0'; c <= '9'; ++c)
        t[static_cast<std::size_t>(c)] = Numeric;
    t['.'] = MidNumLet;
    t['\''] = MidNumLet; // Single_Quote: MidNumLetQ in WB6/7/11/12
    // ':' is MidLetter in UAX #29 but not in ICU's rules (CLDR root), so it stays Other here.
    t[','] = MidNum;
    t[';'] = MidNum;
    t['_'] = ExtendNumLet;
    t['\n'] = LF;
    t['\r'] = CR;
    t['\v'] = Newline;
    t['\f'] = Newline;
    t[' '] = Space;
    return t;
}
constexpr auto kClass = make_classes();

enum Pair : unsigned char { Break, Join, Look };

/// What two adjacent ASCII characters decide on their own: a boundary, none, or "look
/// further" when one of them is mid-word punctuation (WB6, WB7, WB11, WB12 read one more
/// character). No other rule reads beyond the pair, as no ASCII character is Extend or Format
/// (WB4), so most positions of a text are settled by one table lookup.
constexpr std::array<Pair, 128 * 128> make_pairs() {
    std::array<Pair, 128 * 128> t{};
    for (std::size_t x = 0; x < 128; ++x)
        for (std::size_t y = 0; y < 128; ++y) {
            Cls a = kClass[x], b = kClass[y];
            Pair v = Break;
            if (a == CR && b == LF)
                v = Join;
            else if (a == CR || a == LF || a == Newline || b == CR || b == LF || b == Newline)
                v = Break;
            else if (a == Space && b == Space)
                v = Join;
            else if ((a == Letter || a == Numeric) && (b == Letter || b == Numeric))
                v = Join;
            else if ((a == Letter || a == Numeric || a == ExtendNumLet) && b == ExtendNumLet)
                v = Join;
            else if (a == ExtendNumLet && (b == Letter || b == Numeric))
                v = Join;
            else if (a == MidNumLet || a == MidNum || b == MidNumLet || b == MidNum)
                v = Look;
            t[x * 128 + y] = v;
        }
    return t;
}
constexpr auto kPairs = make_pairs();

constexpr std::array<bool, 256> make_alnum() {
    std::array<bool, 256> t{};
    for (std::size_t c = 0; c < 128; ++c)
        t[c] = kClass[c] == Letter || kClass[c] == Numeric;
    return t;
}
/// ASCII letters and digits: runs of them are skipped in a tight loop (they never break).
constexpr auto kAlnum = make_alnum();

bool ah(Cls c) {
    return c == Letter;
}
bool mid_letter(Cls c) {
    return c == MidNumLet;
}
bool mid_num(Cls c) {
    return c == MidNum || c == MidNumLet;
}

} // namespace

struct WordBoundaries::Impl {
    std::string_view s;
    std::unique_ptr<icu::BreakIterator> bi;
    UText *ut = nullptr;
    bool icu_ready = false;

    ~Impl() {
        if (ut)
            utext_close(ut);
    }

    Cls cls(std::size_t i) const { return kClass[static_cast<unsigned char>(s[i])]; }

    bool ascii_window(std::size_t i) const {
        std::size_t lo = i >= 2 ? i - 2 : 0, hi = std::min(i + 2, s.size());
        for (std::size_t k = lo; k < hi; ++k)
            if (static_cast<unsigned char>(s[k]) >= 0x80)
                return false;
        return true;
    }

    /// The rules for 0 < i < size with ASCII around i.
    bool fast(std::size_t i) const {
        Cls a = cls(i - 1), b = cls(i);
        if (a == CR && b == LF)
            return false; // WB3
        if (a == CR || a == LF || a == Newline)
            return true; // WB3a
        if (b == CR || b == LF || b == Newline)
            return true; // WB3b
        if (a == Space && b == Space)
            return false; // WB3d
        bool an = ah(a) || a == Numeric, bn = ah(b) || b == Numeric;
        if (an && bn)
            return false; // WB5, WB8-10
        std::size_t n = s.size();
        if (ah(a) && mid_letter(b) && i + 1 < n && ah(cls(i + 1)))
            return false; // WB6
        if (mid_letter(a) && ah(b) && i >= 2 && ah(cls(i - 2)))
            return false; // WB7
        if (mid_num(a) && b == Numeric && i >= 2 && cls(i - 2) == Numeric)
            return false; // WB11
        if (a == Numeric && mid_num(b) && i + 1 < n && cls(i + 1) == Numeric)
            return false; // WB12
        if ((an || a == ExtendNumLet) && b == ExtendNumLet)
            return false; // WB13a
        if (a == ExtendNumLet && bn)
            return false; // WB13b
        return true;      // WB999
    }

    icu::BreakIterator &icu() {
        UErrorCode st = U_ZERO_ERROR;
        if (!bi) {
            bi.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
            if (U_FAILURE(st))
                throw Error(Exit::internal, "ICU", std::string("word breaks: ") + u_errorName(st));
        }
        if (!icu_ready) {
            ut = utext_openUTF8(ut, s.data(), static_cast<int64_t>(s.size()), &st);
            bi->setText(ut, st);
            if (U_FAILURE(st))
                throw Error(Exit::internal, "ICU", std::string("word breaks: ") + u_errorName(st));
            icu_ready = true;
        }
        return *bi;
    }
};

WordBoundaries::WordBoundaries() : impl_(std::make_unique<Impl>()) {}
WordBoundaries::~WordBoundaries() = default;
WordBoundaries::WordBoundaries(WordBoundaries &&) noexcept = default;
WordBoundaries &WordBoundaries::operator=(WordBoundaries &&) noexcept = default;

void WordBoundaries::reset(std::string_view utf8) {
    impl_->s = utf8;
    impl_->icu_ready = false;
}

bool WordBoundaries::is_boundary(std::size_t b) {
    Impl &m = *impl_;
    if (b == 0 || b >= m.s.size())
        return true;
    auto x = static_cast<unsigned char>(m.s[b - 1]), y = static_cast<unsigned char>(m.s[b]);
    if ((x | y) < 0x80 && kPairs[x * 128u + y] != Look)
        return kPairs[x * 128u + y] == Break;
    if (m.ascii_window(b))
        return m.fast(b);
    if (U8_IS_TRAIL(static_cast<unsigned char>(m.s[b])))
        return false;
    return m.icu().isBoundary(static_cast<int32_t>(b));
}

std::size_t WordBoundaries::next(std::size_t b) {
    Impl &m = *impl_;
    const std::size_t n = m.s.size();
    const auto *p = reinterpret_cast<const unsigned char *>(m.s.data());
    for (std::size_t k = b + 1; k < n; ++k) {
        unsigned x = p[k - 1], y = p[k];
        if ((x | y) < 0x80) {
            Pair v = kPairs[x * 128 + y];
            if (v == Break)
                return k;
            if (v == Join) {
                while (kAlnum[y] && k + 1 < n && kAlnum[p[k + 1]])
                    y = p[++k];
                continue;
            }
        }
        if (m.ascii_window(k)) {
            if (m.fast(k))
                return k;
            continue;
        }
        int32_t r = m.icu().following(static_cast<int32_t>(b));
        return r == icu::BreakIterator::DONE ? n : static_cast<std::size_t>(r);
    }
    return n;
}

} // namespace qda::text
