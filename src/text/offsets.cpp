// Byte <-> code point maps and line numbers over one UTF-8 text (architecture.md, "Text
// positions").
#include <algorithm>

#include <unicode/utf8.h>

#include "qda/text.hpp"

namespace qda::text {

namespace {
constexpr std::int64_t block = 64;

bool is_lead(char ch) {
    return !U8_IS_TRAIL(static_cast<std::uint8_t>(ch));
}
} // namespace

OffsetMap::OffsetMap(std::string_view utf8) : s_(utf8) {
    ascii_ = std::all_of(utf8.begin(), utf8.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii_) {
        total_cp_ = static_cast<std::int64_t>(utf8.size());
        return;
    }
    block_bytes_.reserve(utf8.size() / block + 1);
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        if (!is_lead(utf8[i]))
            continue;
        if (total_cp_ % block == 0)
            block_bytes_.push_back(i);
        ++total_cp_;
    }
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
    std::int64_t cp = static_cast<std::int64_t>(it - block_bytes_.begin()) * block;
    for (std::size_t i = *it; i < byte; ++i)
        if (is_lead(s_[i]))
            ++cp;
    return cp;
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

std::size_t LineIndex::line_start(std::int64_t line) const {
    if (line <= 1)
        return 0;
    if (line > lines())
        return starts_.back();
    return starts_[static_cast<std::size_t>(line - 1)];
}

} // namespace qda::text
