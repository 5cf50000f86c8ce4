#pragma once
// UTF-8 read eight bytes at a time, for counting code points (utf8.cpp) and mapping byte
// offsets to them (offsets.cpp). Internal to src/text.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace qda::text::detail {

inline constexpr std::uint64_t high_bits = 0x8080808080808080ULL;

/// The eight bytes of s at i (i + 8 <= s.size()), in machine order.
inline std::uint64_t word_at(std::string_view s, std::size_t i) {
    std::uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    return x;
}

/// Code points starting among the eight bytes of x: every byte but a trail byte (10xxxxxx: its
/// top bit set and the next one clear).
inline std::int64_t leads_in(std::uint64_t x) {
    const std::uint64_t trail = x & ~(x << 1) & high_bits;
    return 8 - static_cast<std::int64_t>(((trail >> 7) * 0x0101010101010101ULL) >> 56);
}

} // namespace qda::text::detail
