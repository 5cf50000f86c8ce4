// Coefficients of agreement against published worked examples, and properties every one must
// have. Sources are cited beside each example.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "qda/agreement.hpp"

using namespace qda::model;

namespace {

constexpr std::int32_t NA = ReliabilityData::missing;

/// Reliability data from rows of numbers (units x coders; NA = missing); values are the numbers
/// themselves, indexed in order of first appearance.
ReliabilityData matrix(const std::vector<std::vector<double>> &rows, double na = -1) {
    ReliabilityData d;
    d.coders = rows.empty() ? 0 : rows[0].size();
    for (const auto &r : rows) {
        std::vector<std::int32_t> cells;
        for (double x : r) {
            if (x == na) {
                cells.push_back(NA);
                continue;
            }
            auto it = std::find(d.values.begin(), d.values.end(), x);
            if (it == d.values.end()) {
                d.values.push_back(x);
                it = d.values.end() - 1;
            }
            cells.push_back(static_cast<std::int32_t>(it - d.values.begin()));
        }
        d.add(cells);
    }
    return d;
}

/// The coders x units layout of a publication, turned into units x coders.
ReliabilityData by_coder(const std::vector<std::vector<double>> &coders) {
    std::vector<std::vector<double>> rows(coders[0].size(), std::vector<double>(coders.size()));
    for (std::size_t c = 0; c < coders.size(); ++c)
        for (std::size_t u = 0; u < coders[c].size(); ++u)
            rows[u][c] = coders[c][u];
    return matrix(rows);
}

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for
/// Communication, University of Pennsylvania, section C: 4 observers x 12 units with missing
/// values (-1 here). Published: nominal .743, ordinal .815, interval .849, ratio .797.
ReliabilityData krippendorff_2011() {
    return by_coder({
        {1, 2, 3, 3, 2, 1, 4, 1, 2, -1, -1, -1},
        {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, -1, 3},
        {-1, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, -1},
        {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, -1},
    });
}

/// A counts table (units x categories, n_ij raters per category) as a reliability matrix whose
/// coder columns are filled in any order: Fleiss' kappa ignores who rated.
ReliabilityData from_counts(const std::vector<std::vector<int>> &counts) {
    ReliabilityData d;
    int raters = 0;
    for (int x : counts[0])
        raters += x;
    d.coders = static_cast<std::size_t>(raters);
    for (std::size_t c = 0; c < counts[0].size(); ++c)
        d.values.push_back(static_cast<double>(c + 1));
    for (const auto &r : counts) {
        std::vector<std::int32_t> cells;
        for (std::size_t c = 0; c < r.size(); ++c)
            for (int k = 0; k < r[c]; ++k)
                cells.push_back(static_cast<std::int32_t>(c));
        d.add(cells);
    }
    return d;
}

/// A 2 x k contingency table of two coders as reliability data (rows: coder 1, cols: coder 2).
ReliabilityData from_table(const std::vector<std::vector<int>> &t) {
    ReliabilityData d;
    d.coders = 2;
    for (std::size_t c = 0; c < t.size(); ++c)
        d.values.push_back(static_cast<double>(c));
    for (std::size_t a = 0; a < t.size(); ++a)
        for (std::size_t b = 0; b < t[a].size(); ++b)
            for (int k = 0; k < t[a][b]; ++k)
                d.add({static_cast<std::int32_t>(a), static_cast<std::int32_t>(b)});
    return d;
}

double value(const Coefficient &c) {
    REQUIRE_MESSAGE(c.value.has_value(), c.undefined);
    return *c.value;
}

ReliabilityData swapped(const ReliabilityData &d, std::size_t a, std::size_t b) {
    auto s = d;
    for (std::size_t r = 0; r < d.rows(); ++r)
        std::swap(s.cells[r * d.coders + a], s.cells[r * d.coders + b]);
    return s;
}

ReliabilityData noisy_data(std::uint64_t seed, std::size_t units, std::size_t coders, int values,
                           double missing) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> v(0, values - 1);
    std::uniform_real_distribution<double> u(0, 1);
    ReliabilityData d;
    d.coders = coders;
    for (int i = 0; i < values; ++i)
        d.values.push_back(i + 1);
    for (std::size_t r = 0; r < units; ++r) {
        int base = v(rng);
        std::vector<std::int32_t> row;
        for (std::size_t c = 0; c < coders; ++c)
            row.push_back(u(rng) < missing ? NA : (u(rng) < 0.7 ? base : v(rng)));
        d.add(row);
    }
    return d;
}

} // namespace

TEST_CASE("Krippendorff (2011): alpha at all four levels of the 4 x 12 example") {
    auto d = krippendorff_2011();
    CHECK(value(krippendorff_alpha(d, Level::nominal)) == doctest::Approx(0.743).epsilon(0.0007));
    CHECK(value(krippendorff_alpha(d, Level::ordinal)) == doctest::Approx(0.815).epsilon(0.0007));
    CHECK(value(krippendorff_alpha(d, Level::interval)) == doctest::Approx(0.849).epsilon(0.0007));
    CHECK(value(krippendorff_alpha(d, Level::ratio)) == doctest::Approx(0.797).epsilon(0.0007));
    // Unit 12 has one value only and is not pairable: 11 units, n.. = 40 pairable values.
    CHECK(krippendorff_alpha(d, Level::nominal).units == 11);
}

TEST_CASE("Wikipedia's computational example (3 coders x 15 units): nominal and interval") {
    // Krippendorff's alpha, Wikipedia, "A computational example"; the same data and values are
    // the test suite of fast-krippendorff (pln-fing-udelar): nominal 0.691358, interval 0.810845.
    auto d = by_coder({
        {-1, -1, -1, -1, -1, 3, 4, 1, 2, 1, 1, 3, 3, -1, 3},
        {1, -1, 2, 1, 3, 3, 4, 3, -1, -1, -1, -1, -1, -1, -1},
        {-1, -1, 2, 1, 3, 4, 4, -1, 2, 1, 1, 3, 3, -1, 4},
    });
    CHECK(value(krippendorff_alpha(d, Level::nominal)) == doctest::Approx(0.691358).epsilon(1e-6));
    CHECK(value(krippendorff_alpha(d, Level::interval)) == doctest::Approx(0.810845).epsilon(1e-6));
}

TEST_CASE("Cohen's kappa: 50 proposals, 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no give 0.40") {
    // The textbook example (Wikipedia, "Cohen's kappa", Example): p_o = 0.7, p_e = 0.5.
    auto d = from_table({{20, 5}, {10, 15}});
    CHECK(value(cohen_kappa(d)) == doctest::Approx(0.40).epsilon(1e-9));
    CHECK(value(percent_agreement(d)) == doctest::Approx(0.70));
    CHECK(cohen_kappa(d).units == 50);
}

TEST_CASE("Cohen's kappa: the 3 x 3 SAS example used by statsmodels gives 0.4842") {
    // statsmodels stats/tests/test_inter_rater.py, "comparison to printout of a SAS example".
    auto d = from_table({{0, 4, 1}, {0, 8, 0}, {0, 1, 5}});
    CHECK(value(cohen_kappa(d)) == doctest::Approx(0.4842).epsilon(1e-4));
}

TEST_CASE("Fleiss (1971): 30 patients, 6 psychiatrists, 5 diagnoses give kappa .430") {
    // Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
    // Bulletin 76(5), 378-382, Table 1; R irr::kappam.fleiss gives 0.4302445.
    auto d = matrix({{4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5},
                     {2, 2, 2, 4, 4, 4}, {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4},
                     {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5}, {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4},
                     {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5}, {3, 3, 3, 3, 3, 5},
                     {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
                     {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4},
                     {1, 4, 4, 4, 4, 5}, {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4},
                     {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}});
    CHECK(value(fleiss_kappa(d)) == doctest::Approx(0.4302445).epsilon(1e-7));
    CHECK(fleiss_kappa(d).units == 30);
}

TEST_CASE("Fleiss' kappa: Wikipedia's worked example, 10 subjects x 14 raters, gives 0.210") {
    // Wikipedia, "Fleiss' kappa", Worked example: P = 0.378, P_e = 0.213, kappa = 0.210.
    auto d = from_counts({{0, 0, 0, 0, 14},
                          {0, 2, 6, 4, 2},
                          {0, 0, 3, 5, 6},
                          {0, 3, 9, 2, 0},
                          {2, 2, 8, 1, 1},
                          {7, 7, 0, 0, 0},
                          {3, 2, 6, 3, 0},
                          {2, 5, 3, 2, 2},
                          {6, 5, 2, 1, 0},
                          {0, 2, 2, 3, 7}});
    CHECK(value(fleiss_kappa(d)) == doctest::Approx(0.210).epsilon(0.0007));
}

TEST_CASE("character units from spans: a hand-computed comparison") {
    // A 20-character text; coder A codes [2,10), coder B [4,12). Characters: 6 both, 2 A only,
    // 2 B only, 10 neither. p_o = 16/20 = 0.8; p_e = 0.4*0.4 + 0.6*0.6 = 0.52; kappa = 0.28/0.48.
    // Alpha: n = 40, n_1 = 16, n_0 = 24, o_01 + o_10 = 8: 1 - 39*8/(1600 - 256 - 576) = 0.59375.
    ReliabilityData d;
    add_character_units(d, {{{2, 10}}, {{4, 12}}}, {true, true}, 20);
    CHECK(d.rows() == 4); // one row per pattern, not per character
    CHECK(value(percent_agreement(d)) == doctest::Approx(0.8));
    CHECK(value(cohen_kappa(d)) == doctest::Approx(0.28 / 0.48));
    CHECK(value(krippendorff_alpha(d, Level::nominal)) == doctest::Approx(0.59375));
    CHECK(krippendorff_alpha(d, Level::nominal).units == 20);
    // Overlapping spans of one coder count each character once.
    ReliabilityData d2;
    add_character_units(d2, {{{2, 6}, {5, 10}}, {{4, 12}}}, {true, true}, 20);
    CHECK(value(krippendorff_alpha(d2, Level::nominal)) == doctest::Approx(0.59375));
}

TEST_CASE("character units: weighted patterns equal the same data unit by unit") {
    std::mt19937_64 rng(7);
    for (int round = 0; round < 20; ++round) {
        std::int64_t len = 200;
        std::uniform_int_distribution<std::int64_t> pos(0, len);
        std::vector<std::vector<Span>> spans(3);
        for (auto &s : spans)
            for (int k = 0; k < 4; ++k) {
                auto a = pos(rng), b = pos(rng);
                s.push_back({std::min(a, b), std::max(a, b)});
            }
        ReliabilityData w;
        add_character_units(w, spans, {true, true, true}, len);
        ReliabilityData flat;
        flat.coders = 3;
        flat.values = {0, 1};
        for (std::int64_t ch = 0; ch < len; ++ch) {
            std::vector<std::int32_t> row;
            for (const auto &s : spans) {
                bool in = false;
                for (const auto &x : s)
                    in = in || (x.start <= ch && ch < x.end);
                row.push_back(in ? 1 : 0);
            }
            flat.add(row);
        }
        auto a = krippendorff_alpha(w, Level::nominal),
             b = krippendorff_alpha(flat, Level::nominal);
        CHECK(a.value.has_value() == b.value.has_value());
        if (a.value && b.value)
            CHECK(*a.value == doctest::Approx(*b.value));
        CHECK(value(percent_agreement(w)) == doctest::Approx(value(percent_agreement(flat))));
        auto fw = fleiss_kappa(w), ff = fleiss_kappa(flat);
        if (fw.value && ff.value)
            CHECK(*fw.value == doctest::Approx(*ff.value));
    }
}

TEST_CASE("a coder who did not see the text is missing, not 'not coded'") {
    ReliabilityData seen, unseen;
    add_character_units(seen, {{{2, 10}}, {{4, 12}}, {}}, {true, true, true}, 20);
    add_character_units(unseen, {{{2, 10}}, {{4, 12}}, {}}, {true, true, false}, 20);
    CHECK(value(krippendorff_alpha(unseen, Level::nominal)) == doctest::Approx(0.59375));
    CHECK(value(krippendorff_alpha(seen, Level::nominal)) != doctest::Approx(0.59375));
}

TEST_CASE("disagreement runs are where the coders' patterns differ") {
    auto runs = disagreement_runs({{{2, 10}}, {{4, 12}}});
    REQUIRE(runs.size() == 2);
    CHECK((runs[0].start == 2 && runs[0].end == 4 && runs[0].coded == 1));
    CHECK((runs[1].start == 10 && runs[1].end == 12 && runs[1].coded == 2));
    CHECK(disagreement_runs({{{0, 5}}, {{0, 5}}}).empty());
}

TEST_CASE("properties: perfect agreement gives 1") {
    auto d = matrix({{1, 1, 1}, {2, 2, 2}, {3, 3, 3}, {1, 1, 1}});
    for (auto l : {Level::nominal, Level::ordinal, Level::interval, Level::ratio})
        CHECK(value(krippendorff_alpha(d, l)) == doctest::Approx(1.0));
    CHECK(value(fleiss_kappa(d)) == doctest::Approx(1.0));
    CHECK(value(cohen_kappa(d)) == doctest::Approx(1.0));
    CHECK(value(percent_agreement(d)) == doctest::Approx(1.0));
    CHECK(value(unitized_alpha(std::vector<std::vector<Span>>{{{2, 5}, {8, 9}}, {{2, 5}, {8, 9}}},
                               12)) == doctest::Approx(1.0));
}

TEST_CASE("properties: swapping coders changes nothing") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        auto d = noisy_data(seed, 60, 3, 4, 0.15);
        auto s = swapped(d, 0, 2);
        for (auto l : {Level::nominal, Level::ordinal, Level::interval, Level::ratio})
            CHECK(value(krippendorff_alpha(d, l)) ==
                  doctest::Approx(value(krippendorff_alpha(s, l))));
        CHECK(value(percent_agreement(d)) == doctest::Approx(value(percent_agreement(s))));
        CHECK(value(fleiss_kappa(d)) == doctest::Approx(value(fleiss_kappa(s))));
        CHECK(value(cohen_kappa(d, 0, 1)) == doctest::Approx(value(cohen_kappa(d, 1, 0))));
    }
    CHECK(value(unitized_alpha(std::vector<std::vector<Span>>{{{0, 4}}, {{2, 6}}}, 10)) ==
          doctest::Approx(
              value(unitized_alpha(std::vector<std::vector<Span>>{{{2, 6}}, {{0, 4}}}, 10))));
}

TEST_CASE("properties: a unit seen by one coder only changes nothing for alpha") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        auto d = noisy_data(seed, 40, 3, 5, 0.1);
        auto more = d;
        more.add({NA, 2, NA});
        more.add({4, NA, NA});
        for (auto l : {Level::nominal, Level::ordinal, Level::interval, Level::ratio})
            CHECK(value(krippendorff_alpha(d, l)) ==
                  doctest::Approx(value(krippendorff_alpha(more, l))));
    }
}

TEST_CASE("undefined coefficients say why instead of printing a number") {
    auto same = matrix({{1, 1}, {1, 1}, {1, 1}});
    auto a = krippendorff_alpha(same, Level::nominal);
    CHECK_FALSE(a.value.has_value());
    CHECK(a.undefined.find("no variation") != std::string::npos);
    CHECK_FALSE(cohen_kappa(same).value.has_value());
    CHECK_FALSE(fleiss_kappa(same).value.has_value());
    auto lonely = matrix({{1, -1}, {-1, 2}});
    CHECK_FALSE(krippendorff_alpha(lonely, Level::nominal).value.has_value());
    CHECK_FALSE(percent_agreement(lonely).value.has_value());
    CHECK_FALSE(unitized_alpha(std::vector<std::vector<Span>>{{}, {}}, 10).value.has_value());
}

TEST_CASE("unitized alpha: Krippendorff's (2004) example, alpha_c = .7286, alpha_k = 1") {
    // Krippendorff, K. (2004). Content Analysis, 2nd ed., ch. 12 (p. 254): two observers, a
    // continuum of 300 from 150 (shifted here to start at 0), categories c and k. The values
    // D_o(c) = .0144, D_e(c) = .0532, alpha_c = .7286, alpha_k = 1 and .8591 over both are those
    // of DKPro Statistics' Krippendorff2004Test, which reproduces the book's example.
    std::vector<std::vector<Span>> c = {{{75, 145}, {220, 250}},
                                        {{70, 150}, {205, 225}, {250, 270}}};
    std::vector<std::vector<Span>> k = {{{30, 90}, {150, 200}}, {{30, 90}, {150, 200}}};
    auto dc = unitized_disagreement({c}, {300});
    auto dk = unitized_disagreement({k}, {300});
    CHECK(dc.observed == doctest::Approx(0.0144).epsilon(0.004));
    CHECK(dc.expected == doctest::Approx(0.0532).epsilon(0.002));
    CHECK(value(unitized_alpha({dc})) == doctest::Approx(0.7286).epsilon(0.0002));
    CHECK(dk.observed == 0);
    CHECK(dk.expected == doctest::Approx(0.0490).epsilon(0.002));
    CHECK(value(unitized_alpha({dk})) == doctest::Approx(1.0));
    CHECK(value(unitized_alpha({dc, dk})) == doctest::Approx(0.8591).epsilon(0.0006));
    CHECK(dc.units == 5);
}

TEST_CASE("unitized alpha: more coders, missing units and texts laid end to end") {
    // A unit of one coder inside another's gap costs its length squared; the same two texts
    // pooled give a value between the two texts' own values.
    auto one = unitized_disagreement({{{{10, 20}}, {{10, 20}}, {{10, 20}}}}, {50});
    CHECK(one.observed == 0);
    auto miss = unitized_disagreement({{{{10, 20}}, {}, {{10, 20}}}}, {50});
    // delta^2 = 100 for each pair with the coder who placed nothing: 2*(100+100)/(3*2*2500).
    CHECK(miss.observed == doctest::Approx(2.0 * 200 / (3 * 2 * 2500.0)));
    auto both = unitized_disagreement(
        {{{{10, 20}}, {{10, 20}}, {{10, 20}}}, {{{10, 20}}, {}, {{10, 20}}}}, {50, 50});
    auto a = value(unitized_alpha({both}));
    CHECK(a < 1.0);
    CHECK(a > value(unitized_alpha({miss})));
}

TEST_CASE("bootstrap: same seed, same interval; the interval holds alpha") {
    auto d = krippendorff_2011();
    auto a = bootstrap_alpha(d, Level::nominal, 500, 42);
    auto b = bootstrap_alpha(d, Level::nominal, 500, 42);
    REQUIRE(a.has_value());
    CHECK(a->low == b->low);
    CHECK(a->high == b->high);
    CHECK(a->low <= 0.743);
    CHECK(a->high >= 0.743);
    CHECK(a->low < a->high);
    ReliabilityData w;
    add_character_units(w, {{{2, 10}}, {{4, 12}}}, {true, true}, 20);
    auto c = bootstrap_alpha(w, Level::nominal, 300, 1);
    REQUIRE(c.has_value());
    CHECK(c->low <= 0.59375);
    CHECK(c->high >= 0.59375);
}
