#include <doctest/doctest.h>

#include <functional>
#include <random>

#include "qda/cooccur_count.hpp"

using qda::model::c_coefficient;
using qda::model::CoCounts;
using qda::model::CoSpan;
using qda::model::CoUnit;
using qda::model::frequency_flag;

namespace {
constexpr std::int32_t A = 0, B = 1, C = 2;

CoCounts overlaps(const std::vector<CoSpan> &spans, std::size_t codes = 3) {
    CoCounts c(codes);
    c.add_overlaps(spans);
    return c;
}
} // namespace

TEST_CASE("overlap: codings that share a character meet; touching ones do not") {
    auto c = overlaps({{0, 10, A}, {5, 15, B}});
    CHECK(c.at(A, A) == 1);
    CHECK(c.at(B, B) == 1);
    CHECK(c.at(A, B) == 1);
    CHECK(c.at(B, A) == 1);
    auto t = overlaps({{0, 10, A}, {10, 20, B}});
    CHECK(t.at(A, B) == 0);
    auto same = overlaps({{3, 7, B}, {3, 7, A}}); // the same words coded with both
    CHECK(same.at(A, B) == 1);
}

TEST_CASE("overlap: one long coding over three short ones is one group") {
    auto c = overlaps({{0, 100, A}, {10, 20, B}, {30, 40, B}, {50, 60, B}});
    CHECK(c.at(A, A) == 1);
    CHECK(c.at(B, B) == 3);
    CHECK(c.at(A, B) == 1);
    CHECK(*c_coefficient(1, 3, 1) == doctest::Approx(1.0 / 3));
}

TEST_CASE("overlap: groups chain through codings of the other code") {
    // A1 [0,10) - B1 [5,15) - A2 [12,20) is one group; B2 [30,40) - A3 [35,45) another.
    auto c = overlaps({{12, 20, A}, {30, 40, B}, {0, 10, A}, {35, 45, A}, {5, 15, B}});
    CHECK(c.at(A, A) == 3);
    CHECK(c.at(B, B) == 2);
    CHECK(c.at(A, B) == 2);
    CHECK(*c_coefficient(3, 2, 2) == doctest::Approx(2.0 / 3));
}

TEST_CASE("overlap: a pair meets only through its own codings, not through a third code") {
    auto c = overlaps({{0, 10, A}, {5, 15, B}, {12, 20, C}});
    CHECK(c.at(A, B) == 1);
    CHECK(c.at(B, C) == 1);
    CHECK(c.at(A, C) == 0);
}

TEST_CASE("overlap: two codings of one code over the same words, one coding of another") {
    auto c = overlaps({{0, 10, A}, {0, 10, A}, {2, 3, B}});
    CHECK(c.at(A, A) == 2);
    CHECK(c.at(A, B) == 1);
    CHECK(*c_coefficient(2, 1, 1) == doctest::Approx(0.5));
}

TEST_CASE("overlap: sources add up") {
    CoCounts c(2);
    c.add_overlaps({{0, 10, A}, {5, 6, B}});
    c.add_overlaps({{0, 10, A}});
    c.add_overlaps({{0, 10, B}, {9, 12, A}});
    CHECK(c.at(A, A) == 3);
    CHECK(c.at(B, B) == 2);
    CHECK(c.at(A, B) == 2);
}

TEST_CASE("segments: a segment counts once per code, whatever the number of codings") {
    std::vector<CoUnit> units{{0, 10}, {10, 20}, {20, 30}, {30, 30}};
    CoCounts c(3);
    // A touches segments 0 and 1; B 1 and 2; C only 2; a second A in segment 1 adds nothing.
    c.add_segments({{5, 12, A}, {15, 25, B}, {25, 26, C}, {11, 13, A}}, units);
    CHECK(c.at(A, A) == 2);
    CHECK(c.at(B, B) == 2);
    CHECK(c.at(C, C) == 1);
    CHECK(c.at(A, B) == 1);
    CHECK(c.at(B, C) == 1);
    CHECK(c.at(A, C) == 0);
    CoCounts edge(2);
    edge.add_segments({{0, 10, A}, {10, 11, B}}, units); // [0,10) ends where segment 1 starts
    CHECK(edge.at(A, B) == 0);
    CoCounts outside(2);
    outside.add_segments({{40, 50, A}}, units); // outside every segment: not counted
    CHECK(outside.at(A, A) == 0);
}

TEST_CASE("c coefficient and the frequency flag") {
    CHECK_FALSE(c_coefficient(0, 0, 0).has_value());
    CHECK(*c_coefficient(4, 4, 4) == doctest::Approx(1.0));
    CHECK(*c_coefficient(3, 2, 1) == doctest::Approx(0.25));
    CHECK(*c_coefficient(5, 0, 0) == doctest::Approx(0.0));
    CHECK_FALSE(frequency_flag(1, 5));
    CHECK(frequency_flag(1, 6));
    CHECK(frequency_flag(12, 2));
    CHECK_FALSE(frequency_flag(10, 2));
    CHECK_FALSE(frequency_flag(0, 9)); // an absent code: nothing to understate
}

TEST_CASE("overlap groups agree with a search of the overlap graph on random sources") {
    std::mt19937 rng(42);
    for (int round = 0; round < 300; ++round) {
        const std::int32_t codes = 4;
        std::vector<CoSpan> spans;
        auto n = std::uniform_int_distribution<int>(0, 25)(rng);
        for (int i = 0; i < n; ++i) {
            auto s = std::uniform_int_distribution<std::int64_t>(0, 60)(rng);
            auto len = std::uniform_int_distribution<std::int64_t>(1, 15)(rng);
            spans.push_back({s, s + len, std::uniform_int_distribution<std::int32_t>(0, 3)(rng)});
        }
        auto got = overlaps(spans, codes);
        for (std::int32_t a = 0; a < codes; ++a)
            for (std::int32_t b = a + 1; b < codes; ++b) {
                // Depth-first search over the codings of a and b joined by a-b overlaps.
                std::vector<int> seen(spans.size(), 0);
                std::int64_t groups = 0;
                std::function<void(std::size_t, bool &, bool &)> visit =
                    [&](std::size_t i, bool &has_a, bool &has_b) {
                        seen[i] = 1;
                        (spans[i].code == a ? has_a : has_b) = true;
                        for (std::size_t j = 0; j < spans.size(); ++j)
                            if (!seen[j] && (spans[j].code == a || spans[j].code == b) &&
                                spans[j].code != spans[i].code && spans[i].start < spans[j].end &&
                                spans[j].start < spans[i].end)
                                visit(j, has_a, has_b);
                    };
                for (std::size_t i = 0; i < spans.size(); ++i)
                    if (!seen[i] && (spans[i].code == a || spans[i].code == b)) {
                        bool has_a = false, has_b = false;
                        visit(i, has_a, has_b);
                        groups += has_a && has_b;
                    }
                CHECK(got.at(static_cast<std::size_t>(a), static_cast<std::size_t>(b)) == groups);
                auto na = got.at(static_cast<std::size_t>(a), static_cast<std::size_t>(a));
                auto nb = got.at(static_cast<std::size_t>(b), static_cast<std::size_t>(b));
                CHECK(groups <= std::min(na, nb));
            }
    }
}
