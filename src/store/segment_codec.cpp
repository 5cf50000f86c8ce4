#include "store/segment_codec.hpp"

#include <algorithm>

#include "qda/error.hpp"

namespace qda::store {
namespace {

/// Varint at p (at most 10 bytes); returns the byte after it.
char *put(char *p, std::uint64_t v) {
    while (v >= 0x80) {
        *p++ = static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    *p++ = static_cast<char>(v);
    return p;
}

// Signed deltas (a line can only grow, but be safe with any input) in zig-zag form.
char *put_signed(char *p, std::int64_t v) {
    return put(p, (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
}

struct Reader {
    std::string_view s;
    std::size_t i = 0;
    std::string_view where;
    std::uint64_t get() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (i >= s.size())
                fail();
            auto b = static_cast<unsigned char>(s[i++]);
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        fail();
    }
    std::int64_t get_signed() {
        auto u = get();
        return static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
    }
    [[noreturn]] void fail() const {
        throw Error(Exit::config, std::string(where), "the stored segments are damaged");
    }
};

template <class Seg> std::string pack(const std::vector<Seg> &segs) {
    // Written through a pointer into room for the longest varints (a buffer kept between
    // calls, so not cleared each time), then copied out at its size.
    std::size_t room = 10 * (1 + 5 * segs.size());
    for (const auto &g : segs)
        room += g.timestamp.size();
    thread_local std::vector<char> buf;
    if (buf.size() < room)
        buf.resize(room);
    char *const first = buf.data();
    char *p = put(first, segs.size());
    std::int64_t prev_start = 0, prev_line = 0;
    for (const auto &g : segs) {
        p = put_signed(p, g.start - prev_start);
        p = put_signed(p, g.end - g.start);
        p = put_signed(p, g.line - prev_line);
        p = put(p, g.speaker);
        p = put(p, g.timestamp.size());
        p = std::copy(g.timestamp.begin(), g.timestamp.end(), p);
        prev_start = g.start;
        prev_line = g.line;
    }
    return std::string(first, p);
}

} // namespace

std::string pack_segments(const std::vector<PackedSegment> &segs) {
    return pack(segs);
}

std::string pack_segment_refs(const std::vector<SegmentToPack> &segs) {
    return pack(segs);
}

std::vector<PackedSegment> unpack_segments(std::string_view blob, std::string_view where) {
    Reader r{blob, 0, where};
    auto n = r.get();
    if (n > blob.size())
        r.fail();
    std::vector<PackedSegment> out(n);
    std::int64_t start = 0, line = 0;
    for (auto &g : out) {
        start += r.get_signed();
        g.start = start;
        g.end = start + r.get_signed();
        line += r.get_signed();
        g.line = line;
        g.speaker = static_cast<std::uint32_t>(r.get());
        auto len = r.get();
        if (len > blob.size() - r.i)
            r.fail();
        g.timestamp.assign(blob.substr(r.i, len));
        r.i += len;
    }
    if (r.i != blob.size())
        r.fail();
    return out;
}

} // namespace qda::store
