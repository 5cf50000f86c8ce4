#pragma once
// ASCII character classes that scanners test byte by byte (HTML and RTF markup, hexadecimal
// digests), where the locale-dependent <cctype> functions would be wrong.

namespace qda {

/// A-Z or a-z.
inline bool ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// A-Z, a-z or 0-9.
inline bool ascii_alnum(char c) {
    return ascii_letter(c) || (c >= '0' && c <= '9');
}

/// Value of a hexadecimal digit, or -1.
constexpr int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace qda
