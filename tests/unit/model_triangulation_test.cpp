#include <doctest/doctest.h>

#include "qda/error.hpp"
#include "qda/triangulation_model.hpp"

using qda::Error;
using qda::Exit;
using namespace qda::model;

namespace {
Exit code_of(const char *spec) {
    try {
        parse_bands(spec);
    } catch (const Error &e) {
        return e.code();
    }
    return Exit::ok;
}
} // namespace

TEST_CASE("bands: thresholds in either order, spaces allowed") {
    auto a = parse_bands("high=0.6,medium=0.25");
    CHECK(a.high == doctest::Approx(0.6));
    CHECK(a.medium == doctest::Approx(0.25));
    auto b = parse_bands(" medium = 0.25 , high=0.6");
    CHECK(b.high == doctest::Approx(0.6));
    CHECK(b.medium == doctest::Approx(0.25));
    CHECK(parse_bands("high=0.5,medium=0.2").text() == "high=0.5,medium=0.2");
    CHECK(parse_bands("high=1,medium=0").text() == "high=1,medium=0");
}

TEST_CASE("bands: a malformed --bands is a usage error") {
    for (const char *bad :
         {"", "high=0.5", "medium=0.2", "high=0.5,medium=", "high=x,medium=0.2",
          "high=0.5,medium=0.2,low=0.1", "high=0.5;medium=0.2", "high=0.2,medium=0.5",
          "high=1.5,medium=0.2", "high=0.5,medium=-0.1", "high=0.5,high=0.6,medium=0.2",
          "high=0.5,medium=0.2x", "hgh=0.5,medium=0.2"})
        CHECK_MESSAGE(code_of(bad) == Exit::usage, bad);
    CHECK(code_of("high=0.5,medium=0.5") == Exit::ok); // equal thresholds: no medium band
}

TEST_CASE("band: shares against thresholds, equal-to-threshold in the band it opens") {
    Bands b{0.5, 0.2};
    CHECK(band(0, 10, b) == "absent");
    CHECK(band(1, 10, b) == "low");
    CHECK(band(2, 10, b) == "medium"); // exactly 0.2
    CHECK(band(1, 5, b) == "medium");  // 0.2 * 5 is not exactly 1 in binary
    CHECK(band(4, 10, b) == "medium");
    CHECK(band(5, 10, b) == "high"); // exactly 0.5
    CHECK(band(13, 13, b) == "high");
    CHECK(band(3, 7, Bands{0.3, 0.1}) == "high");
    CHECK(band(2, 7, Bands{0.3, 0.1}) == "medium");
}

TEST_CASE("band: a group with no sources is absent, its share 0") {
    Bands b{0.5, 0.2};
    CHECK(band(0, 0, b) == "absent");
    CHECK(band(3, 0, b) == "absent");
    CHECK(share(3, 0) == 0.0);
    CHECK(share(3, 4) == doctest::Approx(0.75));
}

TEST_CASE("silence: which side is silent") {
    CHECK(silence(true, true).empty());
    CHECK(silence(false, true) == "a");
    CHECK(silence(true, false) == "b");
    CHECK(silence(false, false) == "both");
}

TEST_CASE("verdict: from the two judgements") {
    CHECK(verdict(true, true) == "agreement");
    CHECK(verdict(true, false) == "partial");
    CHECK(verdict(false, true) == "partial");
    CHECK(verdict(false, false) == "dissonance");
    CHECK(judgement("agree", "--meaning"));
    CHECK_FALSE(judgement("disagree", "--meaning"));
    CHECK_THROWS_AS(judgement("agrees", "--meaning"), Error);
    CHECK_THROWS_AS(judgement("", "--examples"), Error);
}

TEST_CASE("status: counting alone never gives convergent") {
    // present everywhere, nothing judged
    CHECK(row_status({true, true, true}, {{"", ""}, {"", ""}, {"", ""}}) == "unjudged");
    // two of three pairs judged agreement
    CHECK(row_status({true, true, true}, {{"", "agreement"}, {"", "agreement"}, {"", ""}}) ==
          "unjudged");
    CHECK(row_status({true, true, true},
                     {{"", "agreement"}, {"", "agreement"}, {"", "agreement"}}) == "convergent");
    // one group only: no pair to judge
    CHECK(row_status({true}, {}) == "unjudged");
    CHECK(row_status({}, {}) == "absent");
}

TEST_CASE("status: absent, dissonant, silent, partial in that order") {
    CHECK(row_status({false, false}, {{"both", ""}}) == "absent");
    CHECK(row_status({true, false}, {{"b", ""}}) == "silent-in-some");
    CHECK(row_status({true, false}, {{"b", "agreement"}}) == "silent-in-some");
    CHECK(row_status({true, false, true}, {{"b", ""}, {"", "dissonance"}, {"a", ""}}) ==
          "dissonant");
    CHECK(row_status({true, true}, {{"", "partial"}}) == "partial");
    CHECK(row_status({true, true, true}, {{"", "partial"}, {"", "dissonance"}, {"", ""}}) ==
          "dissonant");
    CHECK(row_status({true, true, true}, {{"", "partial"}, {"", ""}, {"", "agreement"}}) ==
          "partial");
}
