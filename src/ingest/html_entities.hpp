#pragma once
// HTML character references, kept apart from the tag scanner because the table is long.
#include <string>
#include <string_view>

namespace qda::ingest {

/// Replace character references ("&eacute;", "&#233;", "&#xE9;") by UTF-8. Unknown names stay
/// as written, so that "AT&T" and "R&D" survive; numeric references follow HTML5 (0x80-0x9F
/// are Windows-1252, invalid code points become U+FFFD).
std::string decode_entities(std::string_view s);

/// Append code point `cp` to `out` as UTF-8.
void append_utf8(std::string &out, char32_t cp);

} // namespace qda::ingest
