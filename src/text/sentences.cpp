// Sentence spans by ICU's sentence break rules, with abbreviation suppressions.
//
// UAX #29 breaks after every line feed, so a hard-wrapped line ("We show the cabin\n
// relieving.") would split mid-sentence. The span is copied with line breaks turned into
// spaces (same byte length, so offsets stay valid) and ICU reads that copy through a UTF-8
// UText: no UTF-16 copy of the text is made.
#include <algorithm>

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

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

std::unique_ptr<icu::BreakIterator> make_iterator(std::string_view locale_name) {
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

bool is_space_at(std::string_view s, std::size_t i, std::size_t &len) {
    const auto *p = reinterpret_cast<const std::uint8_t *>(s.data());
    std::size_t j = i;
    UChar32 c;
    U8_NEXT_OR_FFFD(p, j, s.size(), c);
    len = j - i;
    return u_isUWhiteSpace(c);
}

bool is_space_before(std::string_view s, std::size_t end, std::size_t &len) {
    const auto *p = reinterpret_cast<const std::uint8_t *>(s.data());
    auto j = static_cast<int32_t>(end); // one paragraph: far below 2 GiB
    UChar32 c;
    U8_PREV_OR_FFFD(p, 0, j, c);
    len = end - static_cast<std::size_t>(j);
    return u_isUWhiteSpace(c);
}

/// "... Fernando J." : a sentence that ends in a capital initial is a name cut short.
/// ICU's suppressions cannot hold "J." beside its own "J.D." (the longer entry turns the
/// shorter into a prefix-only match), so initials are glued here, for every locale.
bool ends_with_initial(std::string_view s, std::size_t b, std::size_t e) {
    if (e - b < 2 || s[e - 1] != '.' || s[e - 2] < 'A' || s[e - 2] > 'Z')
        return false;
    return e - b == 2 || s[e - 3] == ' ';
}

} // namespace

struct SentenceBreaker::Impl {
    std::unique_ptr<icu::BreakIterator> it;
    std::string buf;
    UText *ut = nullptr;
    ~Impl() {
        if (ut)
            utext_close(ut);
    }
};

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
    m.buf.assign(utf8.data() + begin, end - begin);
    std::replace_if(
        m.buf.begin(), m.buf.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    UErrorCode st = U_ZERO_ERROR;
    m.ut = utext_openUTF8(m.ut, m.buf.data(), static_cast<int64_t>(m.buf.size()), &st);
    m.it->setText(m.ut, st);
    if (U_FAILURE(st))
        icu_failed("sentence breaks", st);
    bool glue_next = false;
    int32_t a = m.it->first();
    for (int32_t b = m.it->next(); b != icu::BreakIterator::DONE; a = b, b = m.it->next()) {
        std::size_t s = static_cast<std::size_t>(a);
        std::size_t e = static_cast<std::size_t>(b);
        std::size_t len = 0;
        while (s < e && is_space_at(m.buf, s, len))
            s += len;
        while (e > s && is_space_before(m.buf, e, len))
            e -= len;
        if (s >= e)
            continue;
        if (glue_next)
            out.back().end = begin + e;
        else
            out.push_back({begin + s, begin + e});
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
