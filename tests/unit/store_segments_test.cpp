#include <doctest/doctest.h>

#include "qda/error.hpp"
#include "store/segment_codec.hpp"

using namespace qda::store;

TEST_CASE("packed segments round-trip") {
    std::vector<PackedSegment> v{{0, 12, 1, 1, "00:00:01"},
                                 {14, 200, 3, 2, ""},
                                 {14, 90, 3, 2, ""},
                                 {205, 205, 7, 0, "2024-06-08T09:15"},
                                 {1'000'000'000, 1'000'000'400, 90000, 300, ""}};
    auto blob = pack_segments(v);
    auto back = unpack_segments(blob, "test");
    REQUIRE(back.size() == v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        CHECK(back[i].start == v[i].start);
        CHECK(back[i].end == v[i].end);
        CHECK(back[i].line == v[i].line);
        CHECK(back[i].speaker == v[i].speaker);
        CHECK(back[i].timestamp == v[i].timestamp);
    }
    CHECK(unpack_segments(pack_segments({}), "empty").empty());
}

TEST_CASE("a damaged blob is an error, not garbage") {
    auto blob = pack_segments({{0, 12, 1, 1, "00:00:01"}, {14, 20, 2, 0, ""}});
    CHECK_THROWS_AS(unpack_segments(blob.substr(0, blob.size() - 3), "s"), qda::Error);
    CHECK_THROWS_AS(unpack_segments(blob + "x", "s"), qda::Error);
    CHECK_THROWS_AS(unpack_segments("\xff\xff\xff", "s"), qda::Error);
}

TEST_CASE("segments packed from borrowed timestamps make the same blob") {
    const std::string t1 = "00:00:01", t2 = "2024-06-08T09:15";
    std::vector<PackedSegment> own{
        {0, 12, 1, 1, t1}, {14, 200, 3, 2, ""}, {14, 90, 3, 2, ""}, {205, 205, 7, 0, t2}};
    std::vector<SegmentToPack> refs;
    for (const auto &g : own)
        refs.push_back({g.start, g.end, g.line, g.speaker, g.timestamp});
    const auto blob = pack_segment_refs(refs);
    CHECK(blob == pack_segments(own));
    auto back = unpack_segments(blob, "test");
    REQUIRE(back.size() == refs.size());
    CHECK(back[3].timestamp == t2);
    CHECK(back[1].end == 200);
    CHECK(pack_segment_refs({}) == pack_segments({}));
}
