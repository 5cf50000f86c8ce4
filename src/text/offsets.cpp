// Byte <-> code point maps and line numbers over one UTF-8 text (architecture.md, "Text
// positions").
#include <algorithm>

#include <unicode/utf8.h>

#include "qda/text.hpp"
#include "text/utf8_words.hpp"

namespace qda::text {

namespace {
constexpr std::int64_t block = 64;

bool is_lead(char ch) {
    return !U8_IS_TRAIL(static_cast<std::uint8_t>(ch));
}

using detail::leads_in;
using detail::word_at;

bool all_ascii(std::string_view s) {
    std::size_t i = 0;
    std::uint64_t any = 0;
    for (; i + 8 <= s.size(); i += 8)
        any |= word_at(s, i);
    for (; i < s.size(); ++i)
        any |= static_cast<unsigned char>(s[i]);
    return (any & detail::high_bits) == 0;
}
} // namespace

OffsetMap::OffsetMap(std::string_view utf8) : s_(utf8) {
    ascii_ = all_ascii(utf8);
    if (ascii_) {
        total_cp_ = static_cast<std::int64_t>(utf8.size());
        return;
    }
    block_bytes_.reserve(utf8.size() / block + 1);
    auto one = [&](std::size_t i) {
        if (!is_lead(utf8[i]))
            return;
        if (total_cp_ % block == 0)
            block_bytes_.push_back(i);
        ++total_cp_;
    };
    std::size_t i = 0;
    for (; i + 8 <= utf8.size(); i += 8) {
        // Whole words at a time, unless a block starts at one of their code points.
        const std::int64_t n = leads_in(word_at(utf8, i)), r = total_cp_ % block;
        if (n == 0 || (r != 0 && r + n <= block)) {
            total_cp_ += n;
            continue;
        }
        for (std::size_t k = i; k < i + 8; ++k)
            one(k);
    }
    for (; i < utf8.size(); ++i)
        one(i);
}

// A byte offset inside a multi-byte character maps to the character after it.
std::int64_t OffsetMap::to_cp(std::size_t byte) const {
    if (byte >= s_.size())
        return total_cp_;
    if (ascii_)
        return static_cast<std::int64_t>(byte);
    auto it = std::upper_bound(block_bytes_.begin(), block_bytes_.end(), byte);
    if (it == block_bytes_.begin())
        return 0;
    --it;
    return static_cast<std::int64_t>(it - block_bytes_.begin()) * block +
           code_points(s_.substr(*it, byte - *it));
}

std::int64_t OffsetMap::to_cp(std::size_t byte, Cursor &at) const {
    if (byte >= s_.size())
        return total_cp_;
    if (ascii_)
        return static_cast<std::int64_t>(byte);
    // Counting on costs a word per 8 bytes; past a few blocks, the search is cheaper.
    if (byte < at.byte || byte - at.byte > 4 * block) {
        at = {byte, to_cp(byte)};
        return at.cp;
    }
    at = {byte, at.cp + code_points(s_.substr(at.byte, byte - at.byte))};
    return at.cp;
}

std::size_t OffsetMap::to_byte(std::int64_t cp) const {
    if (cp <= 0)
        return 0;
    if (cp >= total_cp_)
        return s_.size();
    if (ascii_)
        return static_cast<std::size_t>(cp);
    std::size_t i = block_bytes_[static_cast<std::size_t>(cp / block)];
    for (std::int64_t k = cp % block; k > 0; --k) {
        ++i;
        while (i < s_.size() && !is_lead(s_[i]))
            ++i;
    }
    return i;
}

LineIndex::LineIndex(std::string_view utf8) {
    starts_.push_back(0);
    for (std::size_t i = utf8.find('\n'); i != std::string_view::npos; i = utf8.find('\n', i + 1))
        starts_.push_back(i + 1);
}

std::int64_t LineIndex::line_of(std::size_t byte) const {
    return static_cast<std::int64_t>(std::upper_bound(starts_.begin(), starts_.end(), byte) -
                                     starts_.begin());
}

std::int64_t LineIndex::line_of(std::size_t byte, std::size_t &hint) const {
    // starts_[hint] <= byte: the answer is hint + 1 or a little after it.
    if (hint < starts_.size() && starts_[hint] <= byte) {
        for (std::size_t k = 0; k < 8; ++k, ++hint)
            if (hint + 1 == starts_.size() || starts_[hint + 1] > byte)
                return static_cast<std::int64_t>(hint + 1);
    }
    const auto line = line_of(byte);
    hint = static_cast<std::size_t>(line - 1);
    return line;
}

std::size_t LineIndex::line_start(std::int64_t line) const {
    if (line <= 1)
        return 0;
    if (line > lines())
        return starts_.back();
    return starts_[static_cast<std::size_t>(line - 1)];
}

} // namespace qda::text
