#pragma once
// How SentenceBreaker hands a span to ICU: in UTF-16, with line breaks as spaces. Internal to
// src/text; declared here so that the unit tests can hold the two ways against each other.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace qda::text::detail {

/// When every byte of `span` is ASCII: writes its span.size() UTF-16 units to `out`, '\n' and
/// '\r' as ' ', and returns true. Otherwise returns false (`out` then holds garbage). One
/// branch-free loop over blocks of bytes that the compiler vectorises.
bool widen_ascii_spaced(std::string_view span, char16_t *out);

/// Any UTF-8 by ICU's conversion, '\n' and '\r' then made ' ' in the UTF-16 (each is one byte
/// and one unit, never part of another character's sequence). Writes to `out` (room for
/// span.size() units: UTF-16 never needs more units than UTF-8 has bytes) and returns the
/// number of units; `subs` is set to how many ill-formed runs became U+FFFD.
std::size_t utf16_spaced_icu(std::string_view span, char16_t *out, std::int32_t &subs);

/// u_isUWhiteSpace(c), answered without ICU for ASCII (tab to carriage return, and space).
bool white_space(std::int32_t c);

} // namespace qda::text::detail
