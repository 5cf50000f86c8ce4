#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "qda/report.hpp"

namespace qda::report {

std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    std::int32_t i = 0, n = static_cast<std::int32_t>(s.size());
    const auto *p = reinterpret_cast<const std::uint8_t *>(s.data());
    while (i < n) {
        if (p[i] < 0x80) { // every ASCII character is one column: no property lookups
            ++w;
            ++i;
            continue;
        }
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) {
            ++w; // an ill-formed byte shows as one replacement character
            continue;
        }
        auto cat = u_charType(c);
        if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK || cat == U_FORMAT_CHAR ||
            c == 0x200D)
            continue;
        if (c >= 0xFE00 && c <= 0xFE0F)
            continue; // variation selectors
        auto ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ||
            u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION))
            w += 2;
        else
            w += 1;
    }
    return w;
}

} // namespace qda::report
