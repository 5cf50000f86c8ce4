#include <doctest/doctest.h>

#include "qda/error.hpp"
#include "qda/matrix_model.hpp"

using namespace qda::model;

TEST_CASE("matrix counts: cells, distinct sources and participants, totals count a coding once") {
    // 2 rows (cases) x 3 columns (themes T1, T2, T3). Column lists with two entries are codings of
    // a code that is a member of two themes.
    MatrixCounts m(2, 3, true);
    m.add({0}, {0, 1}, 3, /*source*/ 0, /*participant*/ 7); // 3 codings in T1 and T2
    m.add({0}, {0}, 2, 0, 8);
    m.add({0}, {0}, 1, 1, 7);  // a second source of row 0
    m.add({1}, {2}, 4, 2, -1); // no participant (a document)
    m.add({1}, {}, 5, 2, 9);   // outside every column: counted nowhere
    CHECK(m.count(0, 0) == 6);
    CHECK(m.count(0, 1) == 3);
    CHECK(m.count(0, 2) == 0);
    CHECK(m.count(1, 2) == 4);
    CHECK(m.sources(0, 0) == 2);
    CHECK(m.sources(0, 1) == 1);
    CHECK(m.participants(0, 0) == 2); // 7 and 8
    CHECK(m.participants(1, 2) == 0);
    // Row 0 has 6 distinct codings (3 + 2 + 1), not 6 + 3 = 9.
    CHECK(m.row_total(0).count == 6);
    CHECK(m.row_total(0).sources == 2);
    CHECK(m.row_total(0).participants == 2);
    CHECK(m.row_total(1).count == 4);
    CHECK(m.col_total(0).count == 6);
    CHECK(m.col_total(2).count == 4);
    CHECK(m.col_total(2).sources == 1);
    CHECK(m.grand_total().count == 10);
    CHECK(m.grand_total().sources == 3);
    CHECK(m.grand_total().participants == 2);
}

TEST_CASE("matrix counts without sources per cell: same counts and totals, no sources array") {
    // The same additions as above, with and without the cells' distinct sources: counts,
    // participants and every total must not change; cells then report 0 sources.
    auto fill = [](MatrixCounts &m) {
        m.add({0}, {0, 1}, 3, 0, 7);
        m.add({0}, {0}, 2, 0, 8);
        m.add({0}, {0}, 1, 1, 7);
        m.add({1}, {2}, 4, 2, -1);
    };
    MatrixCounts with(2, 3, true, true), without(2, 3, true, false);
    fill(with);
    fill(without);
    for (std::size_t r = 0; r < 2; ++r) {
        for (std::size_t c = 0; c < 3; ++c) {
            CHECK(without.count(r, c) == with.count(r, c));
            CHECK(without.participants(r, c) == with.participants(r, c));
            CHECK(without.sources(r, c) == 0);
        }
        CHECK(without.row_total(r).sources == with.row_total(r).sources);
    }
    for (std::size_t c = 0; c < 3; ++c)
        CHECK(without.col_total(c).sources == with.col_total(c).sources);
    CHECK(without.grand_total().sources == 3);
    std::vector<std::uint32_t> count, sources, participants;
    without.release(count, sources, participants);
    CHECK(count.size() == 6);
    CHECK(sources.empty());
}

TEST_CASE("roll-up: a code counts its children's and members' codings, transitively") {
    // 0 parent-a; 1 child of 0; 2 child of 1; 3 parent-b; 4 theme with members {2, 3};
    // 5 theme with member {4} (a theme of themes); 6 theme that is its own member (a cycle).
    std::vector<std::optional<std::size_t>> parent = {
        std::nullopt, 0, 1, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    std::vector<std::vector<std::size_t>> members = {{}, {}, {}, {}, {2, 3}, {4}, {6, 1}};
    auto t = rollup_targets(parent, members);
    CHECK(t[0] == std::vector<std::size_t>{0});
    CHECK(t[1] == std::vector<std::size_t>{0, 1, 6});
    CHECK(t[2] == std::vector<std::size_t>{0, 1, 2, 4, 5, 6});
    CHECK(t[3] == std::vector<std::size_t>{3, 4, 5});
    CHECK(t[4] == std::vector<std::size_t>{4, 5});
    CHECK(t[6] == std::vector<std::size_t>{6});
}

TEST_CASE("percent rounds to one decimal and is 0 of nothing") {
    CHECK(percent(1, 3) == doctest::Approx(33.3));
    CHECK(percent(2, 3) == doctest::Approx(66.7));
    CHECK(percent(5, 5) == doctest::Approx(100.0));
    CHECK(percent(0, 0) == 0.0);
}

TEST_CASE("values compare as ratings, numbers, then text; empty last") {
    CHECK(compare_values("low", "high") < 0);
    CHECK(compare_values("Tinggi", "sedang") > 0);
    CHECK(compare_values("9", "14") < 0); // not "14" < "9" as text
    CHECK(compare_values("2.5", "10") < 0);
    CHECK(compare_values("fashion", "kuliner") < 0);
    CHECK(compare_values("3", "jasa") < 0);
    CHECK(compare_values("", "a") > 0);
    CHECK(compare_values("a", "") < 0);
    CHECK(compare_values("x", "x") == 0);
}

TEST_CASE("order by name, total, value ascending and descending; stable; missing last") {
    std::vector<OrderItem> items = {
        {"U03", 5, "14"}, {"U01", 9, "9"}, {"U02", 5, ""}, {"U04", 1, "5"}};
    CHECK(order(items, OrderBy::natural) == std::vector<std::size_t>{0, 1, 2, 3});
    CHECK(order(items, OrderBy::name) == std::vector<std::size_t>{1, 2, 0, 3});
    CHECK(order(items, OrderBy::total) == std::vector<std::size_t>{1, 0, 2, 3}); // ties stay
    CHECK(order(items, OrderBy::value) == std::vector<std::size_t>{3, 1, 0, 2});
    CHECK(order(items, OrderBy::value_desc) == std::vector<std::size_t>{0, 1, 3, 2});
    std::vector<OrderItem> rated = {{"a", 0, "medium"}, {"b", 0, "high"}, {"c", 0, "low"}};
    CHECK(order(rated, OrderBy::value_desc) == std::vector<std::size_t>{1, 0, 2});
}

TEST_CASE("periods of ISO dates, with ISO weeks across the year boundary") {
    CHECK(period_of("2024-07-10", "day") == "2024-07-10");
    CHECK(period_of("2024-07-10T09:30", "month") == "2024-07");
    CHECK(period_of("2024-07-10", "year") == "2024");
    CHECK(period_of("2024-07-10", "week") == "2024-W28");
    CHECK(period_of("2021-01-03", "week") == "2020-W53"); // a Sunday still in 2020's last week
    CHECK(period_of("2024-12-30", "week") == "2025-W01"); // a Monday already in 2025's first
    CHECK_FALSE(period_of("00:01:02", "day"));
    CHECK_FALSE(period_of("2024-02-30", "day"));
    CHECK_FALSE(period_of("2024-07-10", "fortnight"));
}

TEST_CASE("period ranges fill the gaps, within a limit") {
    auto m = period_range("2024-06", "2024-09", "month", 100);
    REQUIRE(m);
    CHECK(*m == std::vector<std::string>{"2024-06", "2024-07", "2024-08", "2024-09"});
    auto w = period_range("2020-W52", "2021-W02", "week", 100);
    REQUIRE(w);
    CHECK(*w == std::vector<std::string>{"2020-W52", "2020-W53", "2021-W01", "2021-W02"});
    auto d = period_range("2024-02-28", "2024-03-01", "day", 100);
    REQUIRE(d);
    CHECK(d->size() == 3); // 28, 29 (leap year), 1
    CHECK_FALSE(period_range("2000", "2024", "year", 10));
    CHECK_FALSE(period_range("2024-09", "2024-06", "month", 100));
}

TEST_CASE("quotes are collapsed and cut at a word boundary") {
    CHECK(shorten_quote("  Itu  fitur\n otomatis   aja. ", 80) == "Itu fitur otomatis aja.");
    CHECK(shorten_quote("Awak ikut aja yang direkomendasikan Shopee", 20) ==
          "Awak ikut aja yang\u2026");
    // A single long word is cut inside it.
    CHECK(shorten_quote("abcdefghijklmnopqrstuvwxyz", 10) == "abcdefghi\u2026");
    // Code points, not bytes: "é" is one character.
    CHECK(shorten_quote("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", 4) == "\u00e9\u00e9\u00e9\u2026");
    CHECK(shorten_quote("kata, lain lagi", 7) == "kata\u2026"); // no dangling comma
}

TEST_CASE("matrix counts hand their cells over and keep the totals") {
    MatrixCounts m(2, 2, true);
    m.add({0}, {1}, 4, 0, 3);
    m.add({1}, {0, 1}, 1, 1, 5);
    std::vector<std::uint32_t> count, sources, participants;
    m.release(count, sources, participants);
    CHECK(count == std::vector<std::uint32_t>{0, 4, 1, 1});
    CHECK(sources == std::vector<std::uint32_t>{0, 1, 1, 1});
    CHECK(participants == std::vector<std::uint32_t>{0, 1, 1, 1});
    CHECK(m.row_total(0).count == 4);
    CHECK(m.row_total(1).count == 1);
    CHECK(m.col_total(1).count == 5);
    CHECK(m.col_total(1).participants == 2);
    CHECK(m.grand_total().count == 5);
    CHECK(m.grand_total().sources == 2);
}

TEST_CASE("matrix counts: a cell past 32 bits is refused, totals are not limited") {
    MatrixCounts m(1, 2, false);
    m.add({0}, {0}, 4'000'000'000, 0, -1);
    m.add({0}, {1}, 4'000'000'000, 1, -1);
    CHECK(m.count(0, 0) == 4'000'000'000);
    CHECK(m.grand_total().count == 8'000'000'000);
    CHECK_THROWS_AS(m.add({0}, {0}, 300'000'000, 2, -1), qda::Error);
}

TEST_CASE("matrix counts: each source is counted once per cell, whatever cells came between") {
    MatrixCounts m(1, 2, false);
    m.add({0}, {0}, 1, 0, -1);
    m.add({0}, {0}, 2, 0, -1); // same source again: still one source
    m.add({0}, {1}, 1, 1, -1);
    m.add({0}, {0}, 1, 2, -1);
    m.add({0}, {0, 1}, 1, 3, -1);
    CHECK(m.count(0, 0) == 5);
    CHECK(m.sources(0, 0) == 3); // 0, 2, 3
    CHECK(m.sources(0, 1) == 2); // 1, 3
    CHECK(m.row_total(0).sources == 4);
    CHECK(m.col_total(0).sources == 3);
    CHECK(m.grand_total().sources == 4);
}
