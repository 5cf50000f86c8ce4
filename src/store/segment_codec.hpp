#pragma once
// Packing of one source's segments of one unit into a blob: per segment, varints of
// start - previous start, end - start, line - previous line, speaker index (0 = none), and the
// timestamp as a length-prefixed string.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qda::store {

struct PackedSegment {
    std::int64_t start = 0, end = 0, line = 0;
    std::uint32_t speaker = 0; ///< 1-based index into the source's speakers by id; 0 = none
    std::string timestamp;
};

/// A segment to pack, its timestamp borrowed (from the Document being stored): trivially
/// copyable, so the lists insert_source builds cost no string copies.
struct SegmentToPack {
    std::int64_t start = 0, end = 0, line = 0;
    std::uint32_t speaker = 0;
    std::string_view timestamp;
};

std::string pack_segments(const std::vector<PackedSegment> &segs);
std::string pack_segment_refs(const std::vector<SegmentToPack> &segs); ///< the same blob

/// Throws Error(Exit::config) naming `where` when the blob is damaged.
std::vector<PackedSegment> unpack_segments(std::string_view blob, std::string_view where);

} // namespace qda::store
