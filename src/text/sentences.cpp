// Sentence spans by ICU's sentence break rules, with abbreviation suppressions.
//
// UAX #29 breaks after every line feed, so a hard-wrapped line ("We show the cabin\n
// relieving.") would split mid-sentence. ICU reads the span in UTF-16 (its native form: reading
// UTF-8 through a UText cost as much as the breaking itself) with line breaks turned into
// spaces; an ASCII span (most of a corpus) is widened by our own loop, anything else by ICU's
// converter. A table or a walk maps each UTF-16 index back to its byte.
#include <algorithm>
#include <map>
#include <mutex>

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "qda/error.hpp"
#include "qda/text.hpp"
#include "text/utf16_spaced.hpp"

namespace qda::text {

namespace {

// ICU ships no suppression data for Indonesian; these are the abbreviations of everyday
// Indonesian writing (titles, "dan lain-lain", addresses) after which a period rarely ends
// a sentence. ICU matches an entry against the end of any word ("no." would glue
// "Hartono. Beliau"), so each entry must be unlikely as the tail of a longer word.
constexpr const char *indonesian_abbreviations[] = {
    "dll.",   "dsb.",  "dst.", "dkk.", "tsb.", "yth.",  "Yth.",  "Bpk.",  "Bp.",
    "Sdr.",   "Sdri.", "Dr.",  "dr.",  "Drs.", "Dra.",  "Prof.", "Ir.",   "Hj.",
    "No.",    "Jl.",   "Jln.", "Kec.", "Kab.", "Kel.",  "Prov.", "Tbk.",  "hlm.",
    "Rp.",    "St.",   "S.E.", "S.H.", "S.T.", "S.Pd.", "M.M.",  "M.Si.", "M.Pd.",
    "S.Kom.", "Telp.", "a.n.", "s.d.", "u.p.", "Mr.",   "Mrs.",  "Ms.",   "vs.",
};

// ICU's English list (brkitr/en) lacks some of the commonest titles; add them.
constexpr const char *english_abbreviations[] = {"Dr.",  "No.",  "St.",  "Jr.",  "Sr.",
                                                 "e.g.", "i.e.", "Inc.", "Ltd.", "Co."};

[[noreturn]] void icu_failed(const char *what, UErrorCode st) {
    throw Error(Exit::internal, "ICU", std::string(what) + ": " + u_errorName(st));
}

std::unique_ptr<icu::BreakIterator> build_iterator(std::string_view locale_name) {
    UErrorCode st = U_ZERO_ERROR;
    icu::Locale locale(std::string(locale_name).c_str());
    std::unique_ptr<icu::BreakIterator> base(
        icu::BreakIterator::createSentenceInstance(locale, st));
    if (U_FAILURE(st))
        icu_failed("sentence breaks", st);
    const std::string lang = locale.getLanguage();
    std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder;
    if (lang == "id" || lang == "ms") {
        builder.reset(icu::FilteredBreakIteratorBuilder::createEmptyInstance(st));
        for (const char *abbr : indonesian_abbreviations)
            if (U_SUCCESS(st))
                builder->suppressBreakAfter(icu::UnicodeString::fromUTF8(abbr), st);
    } else {
        builder.reset(icu::FilteredBreakIteratorBuilder::createInstance(locale, st));
        if (lang == "en")
            for (const char *abbr : english_abbreviations)
                if (U_SUCCESS(st))
                    builder->suppressBreakAfter(icu::UnicodeString::fromUTF8(abbr), st);
    }
    if (U_FAILURE(st))
        icu_failed("sentence suppressions", st);
    std::unique_ptr<icu::BreakIterator> filtered(
        builder->wrapIteratorWithFilter(base.release(), st));
    if (U_FAILURE(st))
        icu_failed("sentence suppressions", st);
    return filtered;
}

/// Building an iterator (rules, suppression lists) costs far more than splitting a document,
/// and import makes one per document: build one per locale once, and hand out clones.
std::unique_ptr<icu::BreakIterator> make_iterator(std::string_view locale_name) {
    static std::mutex m;
    static std::map<std::string, std::unique_ptr<icu::BreakIterator>, std::less<>> built;
    std::lock_guard lock(m);
    auto it = built.find(locale_name);
    if (it == built.end())
        it = built.emplace(std::string(locale_name), build_iterator(locale_name)).first;
    std::unique_ptr<icu::BreakIterator> copy(it->second->clone());
    if (!copy)
        throw Error(Exit::internal, "ICU", "sentence breaks: cannot clone an iterator");
    return copy;
}

/// "... Fernando J." : a sentence that ends in a capital initial is a name cut short.
/// ICU's suppressions cannot hold "J." beside its own "J.D." (the longer entry turns the
/// shorter into a prefix-only match), so initials are glued here, for every locale.
/// On the UTF-16 copy: '.', 'A'-'Z' and ' ' are one unit there as they are one byte in UTF-8.
bool ends_with_initial(const std::vector<char16_t> &s, std::size_t b, std::size_t e) {
    if (e - b < 2 || s[e - 1] != u'.' || s[e - 2] < u'A' || s[e - 2] > u'Z')
        return false;
    return e - b == 2 || s[e - 3] == u' ';
}

} // namespace

namespace detail {

namespace {

/// `n` bytes to units, line breaks as spaces; true when all were ASCII. With `n` a constant
/// and the pointers declared not to overlap, GCC vectorises this at -O2.
template <std::size_t n>
bool widen_block(const unsigned char *__restrict p, char16_t *__restrict out) {
    unsigned char any = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char c = p[i];
        any |= c;
        out[i] = static_cast<char16_t>((c == '\n') | (c == '\r') ? ' ' : c);
    }
    return any < 0x80;
}

} // namespace

bool widen_ascii_spaced(std::string_view span, char16_t *out) {
    const auto *p = reinterpret_cast<const unsigned char *>(span.data());
    const std::size_t n = span.size();
    // Blocks of 64 bytes; a non-ASCII byte ends the work at the end of its block.
    constexpr std::size_t block = 64;
    std::size_t i = 0;
    for (; i + block <= n; i += block)
        if (!widen_block<block>(p + i, out + i))
            return false;
    for (; i + 8 <= n; i += 8)
        if (!widen_block<8>(p + i, out + i))
            return false;
    for (; i < n; ++i)
        if (!widen_block<1>(p + i, out + i))
            return false;
    return true;
}

std::size_t utf16_spaced_icu(std::string_view span, char16_t *out, std::int32_t &subs) {
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    subs = 0;
    // One paragraph: far below 2 GiB. UTF-16 never needs more units than UTF-8 has bytes.
    u_strFromUTF8WithSub(out, static_cast<int32_t>(span.size()), &n, span.data(),
                         static_cast<int32_t>(span.size()), 0xFFFD, &subs, &st);
    if (U_FAILURE(st))
        icu_failed("UTF-8 to UTF-16", st);
    for (int32_t i = 0; i < n; ++i)
        if (out[i] == u'\n' || out[i] == u'\r')
            out[i] = u' ';
    return static_cast<std::size_t>(n);
}

bool white_space(std::int32_t c) {
    if (c < 0x80)
        return c == ' ' || (c >= '\t' && c <= '\r');
    return u_isUWhiteSpace(c);
}

} // namespace detail

struct SentenceBreaker::Impl {
    std::unique_ptr<icu::BreakIterator> it;
    std::vector<char16_t> buf; ///< the span in UTF-16, line breaks as spaces; never shrinks
    std::size_t len = 0;       ///< UTF-16 units of the span in buf
    /// How a UTF-16 index maps back to a byte offset in the span: one to one (ASCII), by
    /// walking forward from the last answer (well-formed UTF-8), or by a table (ill-formed
    /// bytes, each run of which became one U+FFFD).
    enum class Map { same, walk, table } map = Map::same;
    std::size_t at_unit = 0, at_byte = 0; ///< Map::walk: the last answer
    std::vector<std::uint32_t> pos;       ///< Map::table: byte of each unit, and the end
    UText *ut = nullptr;
    ~Impl() {
        if (ut)
            utext_close(ut);
    }
    void load(std::string_view span);
    void load_table(std::string_view span);
    std::size_t byte_of(std::size_t unit); ///< non-decreasing units only, in Map::walk
    bool space_at(std::size_t i, std::size_t &n) const;
    bool space_before(std::size_t end, std::size_t &n) const;
};

void SentenceBreaker::Impl::load(std::string_view span) {
    if (buf.size() < span.size())
        buf.resize(span.size());
    at_unit = at_byte = 0;
    if (detail::widen_ascii_spaced(span, buf.data())) {
        len = span.size();
        map = Map::same;
        return;
    }
    std::int32_t subs = 0;
    const std::size_t n = detail::utf16_spaced_icu(span, buf.data(), subs);
    if (subs > 0)
        return load_table(span);
    len = n;
    // Only ASCII keeps as many units as bytes: every other character takes fewer units.
    map = len == span.size() ? Map::same : Map::walk;
}

void SentenceBreaker::Impl::load_table(std::string_view span) {
    const auto *p = reinterpret_cast<const std::uint8_t *>(span.data());
    const auto n = static_cast<int32_t>(span.size());
    pos.resize(span.size() + 1);
    std::size_t k = 0;
    for (int32_t i = 0; i < n;) {
        const auto at = static_cast<std::uint32_t>(i);
        UChar32 c;
        U8_NEXT_OR_FFFD(p, i, n, c);
        if (c == '\n' || c == '\r')
            c = ' ';
        if (U_IS_BMP(c)) {
            buf[k] = static_cast<char16_t>(c);
            pos[k++] = at;
        } else {
            buf[k] = U16_LEAD(c);
            pos[k++] = at;
            buf[k] = U16_TRAIL(c);
            pos[k++] = at;
        }
    }
    pos[k] = static_cast<std::uint32_t>(span.size());
    len = k;
    map = Map::table;
}

std::size_t SentenceBreaker::Impl::byte_of(std::size_t unit) {
    if (map == Map::same)
        return unit;
    if (map == Map::table)
        return pos[unit];
    while (at_unit < unit) {
        UChar32 c;
        U16_NEXT(buf.data(), at_unit, len, c);
        at_byte += static_cast<std::size_t>(U8_LENGTH(c));
    }
    return at_byte;
}

bool SentenceBreaker::Impl::space_at(std::size_t i, std::size_t &n) const {
    std::size_t j = i;
    UChar32 c;
    U16_NEXT(buf.data(), j, len, c);
    n = j - i;
    return detail::white_space(c);
}

bool SentenceBreaker::Impl::space_before(std::size_t end, std::size_t &n) const {
    std::size_t j = end;
    UChar32 c;
    U16_PREV(buf.data(), 0, j, c);
    n = end - j;
    return detail::white_space(c);
}

SentenceBreaker::SentenceBreaker(std::string_view locale) : impl_(std::make_unique<Impl>()) {
    impl_->it = make_iterator(locale.empty() ? "id" : locale);
}
SentenceBreaker::~SentenceBreaker() = default;
SentenceBreaker::SentenceBreaker(SentenceBreaker &&) noexcept = default;
SentenceBreaker &SentenceBreaker::operator=(SentenceBreaker &&) noexcept = default;

void SentenceBreaker::split(std::string_view utf8, std::size_t begin, std::size_t end,
                            std::vector<Range> &out) {
    end = std::min(end, utf8.size());
    if (begin >= end)
        return;
    Impl &m = *impl_;
    m.load(utf8.substr(begin, end - begin));
    UErrorCode st = U_ZERO_ERROR;
    m.ut = utext_openUChars(m.ut, m.buf.data(), static_cast<int64_t>(m.len), &st);
    m.it->setText(m.ut, st);
    if (U_FAILURE(st))
        icu_failed("sentence breaks", st);
    bool glue_next = false;
    int32_t a = m.it->first();
    for (int32_t b = m.it->next(); b != icu::BreakIterator::DONE; a = b, b = m.it->next()) {
        std::size_t s = static_cast<std::size_t>(a);
        std::size_t e = static_cast<std::size_t>(b);
        std::size_t len = 0;
        while (s < e && m.space_at(s, len))
            s += len;
        while (e > s && m.space_before(e, len))
            e -= len;
        if (s >= e)
            continue;
        if (glue_next) {
            out.back().end = begin + m.byte_of(e);
        } else {
            const std::size_t bs = m.byte_of(s);
            out.push_back({begin + bs, begin + m.byte_of(e)});
        }
        glue_next = ends_with_initial(m.buf, s, e);
    }
}

std::vector<Range> sentences(std::string_view utf8, std::size_t begin, std::size_t end,
                             std::string_view locale) {
    std::vector<Range> out;
    SentenceBreaker(locale).split(utf8, begin, end, out);
    return out;
}

} // namespace qda::text
