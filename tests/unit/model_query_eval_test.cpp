#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "qda/error.hpp"
#include "qda/query.hpp"

using namespace qda::model;

namespace {

// Four segments (turns) with gaps between them, like paragraphs separated by blank lines.
//   seg0 [0,10)  seg1 [12,20)  seg2 [22,30)  seg3 [32,40)
// Codes: 1 ai-tanpa-sadar, 2 kendala-waktu, 3 biaya, 4 jeda; pattern "hambatan" = {2, 3}.
QuerySource study() {
    QuerySource s;
    s.segments = {{0, 10}, {12, 20}, {22, 30}, {32, 40}};
    s.codings = {
        {100, 1, 2, 5},   // seg0
        {101, 2, 4, 8},   // seg0, overlaps 100
        {102, 1, 13, 15}, // seg1, inside 104
        {103, 3, 16, 19}, // seg1
        {104, 2, 12, 20}, // seg1, the whole turn
        {105, 1, 33, 35}, // seg3
        {106, 4, 10, 12}, // between seg0 and seg1
    };
    return s;
}

std::vector<std::int64_t> resolve(const std::string &name, std::size_t column) {
    static const std::map<std::string, std::vector<std::int64_t>> codes = {{"ai-tanpa-sadar", {1}},
                                                                           {"kendala-waktu", {2}},
                                                                           {"biaya", {3}},
                                                                           {"jeda", {4}},
                                                                           {"hambatan", {2, 3}}};
    auto it = codes.find(name);
    if (it == codes.end())
        throw qda::Error(qda::Exit::no_input, "query:1:" + std::to_string(column), "unknown code");
    return it->second;
}

using Row = std::tuple<std::int64_t, std::int64_t, std::vector<std::int64_t>>;

/// Results as (start, end, coding ids).
std::vector<Row> run(const std::string &text, const QuerySource &src = study()) {
    auto q = parse_query(text);
    resolve_codes(q, resolve);
    std::vector<Row> out;
    for (const auto &h : evaluate(q, src)) {
        std::vector<std::int64_t> ids;
        for (auto i : h.codings)
            ids.push_back(src.codings.at(i).id);
        out.emplace_back(h.start, h.end, ids);
    }
    return out;
}

using V = std::vector<Row>;

} // namespace

TEST_CASE("a code gives its codings; a pattern code the codings of every member") {
    CHECK(run("ai-tanpa-sadar") == V{{2, 5, {100}}, {13, 15, {102}}, {33, 35, {105}}});
    CHECK(run("hambatan") == V{{4, 8, {101}}, {12, 20, {104}}, {16, 19, {103}}});
}

TEST_CASE("an unknown code name stops the query with the resolver's error") {
    auto q = parse_query("ai-tanpa-sadar AND kendala");
    CHECK_THROWS_AS(resolve_codes(q, resolve), qda::Error);
}

TEST_CASE("AND gives the segments where both meet") {
    CHECK(run("ai-tanpa-sadar AND biaya") == V{{12, 20, {102, 103}}});
    CHECK(run("ai-tanpa-sadar AND kendala-waktu") == V{{0, 10, {100, 101}}, {12, 20, {102, 104}}});
    CHECK(run("biaya AND jeda").empty()); // a coding between segments meets nothing
}

TEST_CASE("OR gives the hits of either") {
    CHECK(run("ai-tanpa-sadar OR biaya") ==
          V{{2, 5, {100}}, {13, 15, {102}}, {16, 19, {103}}, {33, 35, {105}}});
}

TEST_CASE("NOT gives the segments without the code") {
    CHECK(run("NOT ai-tanpa-sadar") == V{{22, 30, {}}});
    CHECK(run("NOT kendala-waktu") == V{{22, 30, {}}, {32, 40, {}}});
    CHECK(run("NOT NOT biaya") == V{{12, 20, {}}});
    CHECK(run("kendala-waktu AND NOT biaya") == V{{0, 10, {101}}});
}

TEST_CASE("OVERLAPS keeps the A codings that share text with a B coding") {
    CHECK(run("ai-tanpa-sadar OVERLAPS kendala-waktu") ==
          V{{2, 5, {100, 101}}, {13, 15, {102, 104}}});
    CHECK(run("biaya OVERLAPS ai-tanpa-sadar").empty()); // same turn, no shared character
    // Touching is not overlapping: [2,5) and [5,...) would share nothing.
    QuerySource touch{{{0, 10}}, {{1, 1, 2, 5}, {2, 2, 5, 7}}};
    CHECK(run("ai-tanpa-sadar OVERLAPS kendala-waktu", touch).empty());
}

TEST_CASE("WITHIN keeps the A codings entirely inside a B coding") {
    CHECK(run("ai-tanpa-sadar WITHIN kendala-waktu") == V{{13, 15, {102, 104}}});
    CHECK(run("kendala-waktu WITHIN ai-tanpa-sadar").empty());
    // The same span is within itself; a long early B coding is found past shorter ones.
    QuerySource nested{{{0, 100}}, {{1, 2, 0, 90}, {2, 2, 10, 12}, {3, 2, 20, 22}, {4, 1, 50, 60}}};
    CHECK(run("ai-tanpa-sadar WITHIN kendala-waktu", nested) == V{{50, 60, {1, 4}}});
}

TEST_CASE("NEAR/N counts segments, inclusive at the boundary") {
    CHECK(run("ai-tanpa-sadar NEAR/0 biaya") == V{{13, 15, {102, 103}}});
    CHECK(run("ai-tanpa-sadar NEAR/1 biaya") == V{{2, 5, {100, 103}}, {13, 15, {102, 103}}});
    // seg3 is two segments from seg1: in at NEAR/2, out at NEAR/1.
    CHECK(run("ai-tanpa-sadar NEAR/2 biaya") ==
          V{{2, 5, {100, 103}}, {13, 15, {102, 103}}, {33, 35, {103, 105}}});
    // A coding between segments counts as in the next one.
    CHECK(run("jeda NEAR/0 biaya") == V{{10, 12, {103, 106}}});
    CHECK(run("jeda NEAR/0 ai-tanpa-sadar") == V{{10, 12, {102, 106}}});
}

TEST_CASE("parentheses change what is combined") {
    CHECK(run("(ai-tanpa-sadar OR biaya) AND NOT kendala-waktu") == V{{32, 40, {105}}});
    CHECK(run("ai-tanpa-sadar OR biaya AND NOT kendala-waktu") ==
          V{{2, 5, {100}}, {13, 15, {102}}, {33, 35, {105}}});
}

TEST_CASE("identical spans from two coders are one result with both codings") {
    QuerySource two{{{0, 10}}, {{7, 1, 2, 5}, {8, 1, 2, 5}, {9, 1, 2, 6}}};
    CHECK(run("ai-tanpa-sadar", two) == V{{2, 5, {7, 8}}, {2, 6, {9}}});
}

TEST_CASE("a source without segments gives no segment results but keeps coding results") {
    QuerySource bare{{}, {{1, 1, 0, 3}, {2, 2, 1, 2}}};
    CHECK(run("ai-tanpa-sadar OVERLAPS kendala-waktu", bare) == V{{0, 3, {1, 2}}});
    CHECK(run("NOT ai-tanpa-sadar", bare).empty());
    CHECK(run("ai-tanpa-sadar NEAR/3 kendala-waktu", bare).empty());
}

namespace {

/// The definitions of man qda-retrieve(1), written the slow obvious way, to check the sweeps.
std::vector<Row> brute(const std::string &op, const QuerySource &s, std::int64_t n = 0) {
    auto cod = [&](std::int64_t code) {
        std::vector<std::size_t> v;
        for (std::size_t i = 0; i < s.codings.size(); ++i)
            if (s.codings[i].code == code)
                v.push_back(i);
        return v;
    };
    auto a = cod(1), b = cod(2);
    auto overlap = [](std::int64_t s1, std::int64_t e1, std::int64_t s2, std::int64_t e2) {
        return s1 < std::max(e2, s2 + 1) && s2 < std::max(e1, s1 + 1);
    };
    auto segs_of = [&](std::size_t i) {
        std::vector<std::int64_t> v;
        for (std::size_t k = 0; k < s.segments.size(); ++k)
            if (overlap(s.codings[i].start, s.codings[i].end, s.segments[k].start,
                        s.segments[k].end))
                v.push_back(static_cast<std::int64_t>(k));
        if (v.empty()) { // between segments: the next one, or the last
            std::int64_t k = 0;
            while (k < static_cast<std::int64_t>(s.segments.size()) - 1 &&
                   s.segments[static_cast<std::size_t>(k)].end <= s.codings[i].start)
                ++k;
            v.push_back(k);
        }
        return v;
    };
    std::map<std::pair<std::int64_t, std::int64_t>, std::set<std::int64_t>> hits;
    for (auto i : a) {
        const auto &x = s.codings[i];
        std::set<std::int64_t> with;
        for (auto j : b) {
            const auto &y = s.codings[j];
            bool ok = false;
            if (op == "OVERLAPS")
                ok = overlap(x.start, x.end, y.start, y.end);
            if (op == "WITHIN")
                ok = y.start <= x.start &&
                     std::max(x.end, x.start + 1) <= std::max(y.end, y.start + 1);
            if (op == "NEAR")
                for (auto p : segs_of(i))
                    for (auto q : segs_of(j))
                        ok = ok || std::abs(p - q) <= n;
            if (ok)
                with.insert(y.id);
        }
        if (with.empty())
            continue;
        with.insert(x.id);
        hits[{x.start, x.end}].insert(with.begin(), with.end());
    }
    std::vector<Row> out;
    for (auto &[span, ids] : hits)
        out.emplace_back(span.first, span.second,
                         std::vector<std::int64_t>(ids.begin(), ids.end()));
    return out;
}

std::vector<Row> sorted_ids(std::vector<Row> v) {
    for (auto &r : v)
        std::sort(std::get<2>(r).begin(), std::get<2>(r).end());
    return v;
}

} // namespace

TEST_CASE("OVERLAPS, WITHIN and NEAR agree with their definitions on random sources") {
    std::uint32_t seed = 12345;
    auto rnd = [&seed](std::uint32_t m) {
        seed = seed * 1103515245u + 12345u;
        return static_cast<std::int64_t>((seed >> 8) % m);
    };
    for (int round = 0; round < 200; ++round) {
        QuerySource s;
        for (std::int64_t k = 0; k < 8; ++k)
            s.segments.push_back({k * 20, k * 20 + 15});
        auto count = 1 + rnd(12);
        for (std::int64_t i = 0; i < count; ++i) {
            auto st = rnd(170), len = rnd(4) == 0 ? rnd(120) : rnd(12);
            s.codings.push_back({100 + i, 1 + rnd(2), st, st + len});
        }
        std::sort(s.codings.begin(), s.codings.end(),
                  [](const QueryCoding &x, const QueryCoding &y) {
                      return x.start != y.start ? x.start < y.start : x.end < y.end;
                  });
        INFO("round " << round);
        CHECK(sorted_ids(run("ai-tanpa-sadar OVERLAPS kendala-waktu", s)) == brute("OVERLAPS", s));
        CHECK(sorted_ids(run("ai-tanpa-sadar WITHIN kendala-waktu", s)) == brute("WITHIN", s));
        CHECK(sorted_ids(run("ai-tanpa-sadar NEAR/0 kendala-waktu", s)) == brute("NEAR", s, 0));
        CHECK(sorted_ids(run("ai-tanpa-sadar NEAR/2 kendala-waktu", s)) == brute("NEAR", s, 2));
    }
}
