#include "store/segment_codec.hpp"

#include "qda/error.hpp"

namespace qda::store {
namespace {

void put(std::string &out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

// Signed deltas (a line can only grow, but be safe with any input) in zig-zag form.
void put_signed(std::string &out, std::int64_t v) {
    put(out, (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
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

} // namespace

std::string pack_segments(const std::vector<PackedSegment> &segs) {
    std::string out;
    out.reserve(segs.size() * 6);
    put(out, segs.size());
    std::int64_t prev_start = 0, prev_line = 0;
    for (const auto &g : segs) {
        put_signed(out, g.start - prev_start);
        put_signed(out, g.end - g.start);
        put_signed(out, g.line - prev_line);
        put(out, g.speaker);
        put(out, g.timestamp.size());
        out += g.timestamp;
        prev_start = g.start;
        prev_line = g.line;
    }
    return out;
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
