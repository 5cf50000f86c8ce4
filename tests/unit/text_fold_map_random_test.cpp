// The folded view's map back to code points, checked against a plain per-code-point map on
// random texts mixing ASCII, letters that fold to several bytes, combining accents and CJK.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "qda/text.hpp"

namespace {

struct Reference {
    std::vector<std::size_t> starts; // folded byte of each code point, plus the end
};

Reference reference(const std::vector<std::string> &cps, bool strip) {
    Reference r;
    std::size_t at = 0;
    for (const auto &cp : cps) {
        r.starts.push_back(at);
        at += qda::text::fold_for_match(cp, strip).size();
    }
    r.starts.push_back(at);
    return r;
}

std::int64_t ref_start(const Reference &r, std::size_t b) {
    auto it = std::upper_bound(r.starts.begin(), r.starts.end() - 1, b);
    return static_cast<std::int64_t>(it - r.starts.begin()) - 1;
}

std::int64_t ref_end(const Reference &r, std::size_t e) {
    auto n = r.starts.size() - 1;
    auto j = static_cast<std::size_t>(std::lower_bound(r.starts.begin(), r.starts.end() - 1, e) -
                                      r.starts.begin());
    while (j < n && r.starts[j + 1] == r.starts[j] && r.starts[j] == e)
        ++j;
    return static_cast<std::int64_t>(j);
}

} // namespace

TEST_CASE("folded map agrees with a per-code-point map on random mixed texts") {
    const std::vector<std::string> alphabet{"a",      "B",      " ",      ".",      "\u00e9",
                                            "\u00df", "\u0130", "\u0301", "\u65e5", "\U0001F600",
                                            "z",      "E",      "\u00c9", "\u1e9e"};
    std::mt19937 rng(20261128);
    for (int round = 0; round < 300; ++round) {
        std::vector<std::string> cps;
        std::string text;
        int n = static_cast<int>(rng() % 40);
        for (int i = 0; i < n; ++i) {
            // Mostly ASCII, as transcripts are, with runs of the others.
            auto pick = rng() % 4 == 0 ? alphabet[rng() % alphabet.size()] : alphabet[rng() % 4];
            cps.push_back(pick);
            text += pick;
        }
        for (bool strip : {false, true}) {
            qda::text::FoldedText f(text, strip);
            auto ref = reference(cps, strip);
            REQUIRE(f.view().size() == ref.starts.back());
            for (std::size_t b = 0; b < f.view().size(); ++b)
                CHECK(f.start_cp(b) == ref_start(ref, b));
            for (std::size_t e = 1; e <= f.view().size(); ++e)
                CHECK(f.end_cp(e) == ref_end(ref, e));
        }
    }
}
