// ICU regular expressions over UTF-8 text (rules files, `qda search --regex`), read through a
// UTF-8 UText so that no UTF-16 copy of a source is made.
#include <unicode/regex.h>
#include <unicode/utext.h>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda::text {

struct Regex::Impl {
    std::unique_ptr<icu::RegexPattern> pattern;
};

Regex::Regex(std::string_view pattern, bool ignore_case) : impl_(std::make_unique<Impl>()) {
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe{};
    uint32_t flags = ignore_case ? UREGEX_CASE_INSENSITIVE : 0;
    impl_->pattern.reset(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                       pattern.data(), static_cast<int32_t>(pattern.size()))),
                                   flags, pe, st));
    if (U_FAILURE(st))
        throw Error(Exit::data, "",
                    fmt::format("bad regular expression \"{}\": {} at character {}", pattern,
                                u_errorName(st), pe.offset + 1));
}
Regex::~Regex() = default;
Regex::Regex(Regex &&) noexcept = default;
Regex &Regex::operator=(Regex &&) noexcept = default;

std::vector<CpSpan> Regex::find_all(std::string_view utf8) const {
    std::vector<CpSpan> out;
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &st);
    std::unique_ptr<icu::RegexMatcher> m(impl_->pattern->matcher(st));
    if (U_FAILURE(st)) {
        utext_close(ut);
        throw Error(Exit::internal, "ICU", std::string("regex: ") + u_errorName(st));
    }
    m->reset(ut);
    OffsetMap map(utf8);
    while (m->find(st) && U_SUCCESS(st)) {
        int64_t b = m->start64(st), e = m->end64(st);
        if (e > b)
            out.push_back(
                {map.to_cp(static_cast<std::size_t>(b)), map.to_cp(static_cast<std::size_t>(e))});
    }
    utext_close(ut);
    if (U_FAILURE(st))
        throw Error(Exit::data, "regex", std::string("ICU: ") + u_errorName(st));
    return out;
}

} // namespace qda::text
