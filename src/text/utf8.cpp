// UTF-8 validation, counting and the code point <-> UTF-16 unit conversions.
// ICU's U8_* macros do the decoding so that "well-formed" means what ICU means by it.
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "qda/text.hpp"
#include "text/utf8_words.hpp"

namespace qda::text {

namespace {

/// Length of the leading run of ASCII bytes, 8 bytes at a time.
std::size_t ascii_prefix(std::string_view s, std::size_t i) {
    const std::size_t n = s.size();
    while (i + 8 <= n && (detail::word_at(s, i) & detail::high_bits) == 0)
        i += 8;
    while (i < n && static_cast<unsigned char>(s[i]) < 0x80)
        ++i;
    return i;
}

} // namespace

std::size_t first_invalid_utf8(std::string_view s) {
    const auto *p = reinterpret_cast<const std::uint8_t *>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (true) {
        i = ascii_prefix(s, i);
        if (i >= n)
            return std::string_view::npos;
        const std::size_t at = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0)
            return at;
    }
}

bool is_valid_utf8(std::string_view s) {
    return first_invalid_utf8(s) == std::string_view::npos;
}

// Eight bytes at a time (detail::leads_in), the rest one by one.
std::int64_t code_points(std::string_view utf8) {
    std::int64_t n = 0;
    std::size_t i = 0;
    for (; i + 8 <= utf8.size(); i += 8)
        n += detail::leads_in(detail::word_at(utf8, i));
    for (; i < utf8.size(); ++i)
        if (!U8_IS_TRAIL(static_cast<std::uint8_t>(utf8[i])))
            ++n;
    return n;
}

std::string normalize_newlines(std::string_view s) {
    if (s.find('\r') == std::string_view::npos)
        return std::string(s);
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\r') {
            out += s[i];
            continue;
        }
        out += '\n';
        if (i + 1 < s.size() && s[i + 1] == '\n')
            ++i;
    }
    return out;
}

std::int64_t cp_to_utf16(std::string_view utf8, std::int64_t cp) {
    const auto *p = reinterpret_cast<const std::uint8_t *>(utf8.data());
    const std::size_t n = utf8.size();
    std::size_t i = 0;
    std::int64_t units = 0;
    for (std::int64_t k = 0; k < cp && i < n; ++k) {
        UChar32 c;
        U8_NEXT_OR_FFFD(p, i, n, c);
        units += U16_LENGTH(c);
    }
    return units;
}

// A unit index inside a surrogate pair is rounded down to the code point that contains it.
std::int64_t utf16_to_cp(std::string_view utf8, std::int64_t u16) {
    const auto *p = reinterpret_cast<const std::uint8_t *>(utf8.data());
    const std::size_t n = utf8.size();
    std::size_t i = 0;
    std::int64_t units = 0;
    std::int64_t cp = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT_OR_FFFD(p, i, n, c);
        units += U16_LENGTH(c);
        if (units > u16)
            break;
        ++cp;
    }
    return cp;
}

} // namespace qda::text
