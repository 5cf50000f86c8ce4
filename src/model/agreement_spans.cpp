// Coders' spans over a text: the sweep that yields character units and disagreement runs, and
// the unitized alpha. Memory and time follow the number of spans, never the text's length.
#include <algorithm>
#include <map>

#include "qda/agreement.hpp"

namespace qda::model {
namespace {

/// Sorted, overlapping or touching spans merged: what a coder coded, as a set of characters.
std::vector<Span> merged(std::vector<Span> s, bool touching) {
    std::sort(s.begin(), s.end(), [](const Span &a, const Span &b) {
        return a.start < b.start || (a.start == b.start && a.end < b.end);
    });
    std::vector<Span> out;
    for (const auto &x : s) {
        if (x.end <= x.start)
            continue;
        if (!out.empty() && (x.start < out.back().end || (touching && x.start == out.back().end)))
            out.back().end = std::max(out.back().end, x.end);
        else
            out.push_back(x);
    }
    return out;
}

/// Call f(start, end, pattern) for each maximal run of [0, length) (or of the spans' extent when
/// length < 0) with a constant pattern of coders.
template <class F>
void sweep(const std::vector<std::vector<Span>> &spans, std::int64_t length, F f) {
    struct Ev {
        std::int64_t at;
        std::size_t coder;
        bool open;
    };
    std::vector<Ev> ev;
    for (std::size_t i = 0; i < spans.size(); ++i)
        for (const auto &s : merged(spans[i], true)) {
            auto a = std::max<std::int64_t>(s.start, 0);
            auto b = length >= 0 ? std::min(s.end, length) : s.end;
            if (b <= a)
                continue;
            ev.push_back({a, i, true});
            ev.push_back({b, i, false});
        }
    std::sort(ev.begin(), ev.end(), [](const Ev &a, const Ev &b) { return a.at < b.at; });
    std::uint64_t pattern = 0;
    std::int64_t at = 0;
    for (std::size_t e = 0; e < ev.size();) {
        auto pos = ev[e].at;
        if (pos > at && (length >= 0 || pattern != 0))
            f(at, pos, pattern);
        at = pos;
        for (; e < ev.size() && ev[e].at == pos; ++e) {
            auto bit = std::uint64_t{1} << ev[e].coder;
            pattern = ev[e].open ? (pattern | bit) : (pattern & ~bit);
        }
    }
    if (length >= 0 && length > at)
        f(at, length, pattern);
}

} // namespace

void add_character_units(ReliabilityData &d, const std::vector<std::vector<Span>> &spans,
                         const std::vector<bool> &seen, std::int64_t length) {
    if (d.values.empty())
        d.values = {0, 1};
    d.coders = spans.size();
    std::map<std::uint64_t, std::int64_t> by_pattern;
    sweep(spans, length,
          [&](std::int64_t a, std::int64_t b, std::uint64_t p) { by_pattern[p] += b - a; });
    std::vector<std::int32_t> row(spans.size());
    for (const auto &[p, n] : by_pattern) {
        for (std::size_t i = 0; i < spans.size(); ++i)
            row[i] = i < seen.size() && !seen[i] ? ReliabilityData::missing
                                                 : static_cast<std::int32_t>((p >> i) & 1);
        d.add(row, n);
    }
}

std::vector<Run> coded_runs(const std::vector<std::vector<Span>> &spans) {
    std::vector<Run> out;
    sweep(spans, -1, [&](std::int64_t a, std::int64_t b, std::uint64_t p) {
        if (p != 0)
            out.push_back({a, b, p});
    });
    return out;
}

std::vector<Run> disagreement_runs(const std::vector<std::vector<Span>> &spans) {
    std::vector<Run> out;
    const std::uint64_t all =
        spans.size() >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << spans.size()) - 1;
    sweep(spans, -1, [&](std::int64_t a, std::int64_t b, std::uint64_t p) {
        if (p == 0 || p == all)
            return;
        if (!out.empty() && out.back().end == a && out.back().coded == p)
            out.back().end = b;
        else
            out.push_back({a, b, p});
    });
    return out;
}

namespace {

/// A coder's sections of a text: units of the code and the gaps between them, in order.
struct Section {
    std::int64_t begin = 0, length = 0;
    bool unit = false;
};

std::vector<Section> sections(const std::vector<Span> &spans, std::int64_t length) {
    std::vector<Section> out;
    std::int64_t at = 0;
    for (const auto &s : merged(spans, false)) {
        auto a = std::max<std::int64_t>(s.start, 0), b = std::min(s.end, length);
        if (b <= a)
            continue;
        a = std::max(a, at); // touching units stay two units; overlap was merged
        if (b <= a)
            continue;
        if (a > at)
            out.push_back({at, a - at, false});
        out.push_back({a, b - a, true});
        at = b;
    }
    if (at < length)
        out.push_back({at, length - at, false});
    return out;
}

/// delta^2 of two overlapping sections of two coders (Krippendorff 2004, ch. 12).
long double distance(const Section &g, const Section &h) {
    long double begin = static_cast<long double>(g.begin - h.begin);
    long double len = static_cast<long double>(g.length - h.length);
    if (g.unit && h.unit && -g.length < g.begin - h.begin && g.begin - h.begin < h.length)
        return begin * begin + (begin + len) * (begin + len);
    if (g.unit && !h.unit && -(g.length - h.length) >= g.begin - h.begin && g.begin >= h.begin)
        return static_cast<long double>(g.length) * static_cast<long double>(g.length);
    if (!g.unit && h.unit && -(g.length - h.length) <= g.begin - h.begin && g.begin <= h.begin)
        return static_cast<long double>(h.length) * static_cast<long double>(h.length);
    return 0;
}

} // namespace

UnitizedDisagreement
unitized_disagreement(const std::vector<std::vector<std::vector<Span>>> &spans_per_text,
                      const std::vector<std::int64_t> &lengths) {
    UnitizedDisagreement out;
    std::size_t m = 0;
    long double observed = 0, within = 0;
    std::vector<std::int64_t> units, gaps;
    for (std::size_t t = 0; t < spans_per_text.size(); ++t) {
        const auto &spans = spans_per_text[t];
        auto length = lengths[t];
        if (spans.size() < 2 || length <= 0)
            continue;
        m = spans.size();
        out.length += length;
        std::vector<std::vector<Section>> secs;
        for (const auto &c : spans) {
            secs.push_back(sections(c, length));
            for (const auto &s : secs.back())
                (s.unit ? units : gaps).push_back(s.length);
        }
        // Only sections that overlap can differ: walk each pair of coders' sections together.
        for (std::size_t a = 0; a < m; ++a)
            for (std::size_t b = a + 1; b < m; ++b) {
                const auto &x = secs[a], &y = secs[b];
                for (std::size_t i = 0, j = 0; i < x.size() && j < y.size();) {
                    observed += distance(x[i], y[j]);
                    auto ex = x[i].begin + x[i].length, ey = y[j].begin + y[j].length;
                    if (ex <= ey)
                        ++i;
                    if (ey <= ex)
                        ++j;
                }
            }
    }
    out.units = static_cast<std::int64_t>(units.size());
    if (m < 2 || out.length == 0)
        return out;
    const long double L = static_cast<long double>(out.length), R = static_cast<long double>(m);
    out.observed = static_cast<double>(2 * observed / (R * (R - 1) * L * L));
    // Expected: every unit against every place it could take, in a gap as long or longer.
    std::sort(gaps.begin(), gaps.end());
    std::vector<long double> suffix(gaps.size() + 1, 0); // sum of gaps[i..]
    for (std::size_t i = gaps.size(); i-- > 0;)
        suffix[i] = suffix[i + 1] + static_cast<long double>(gaps[i]);
    const long double n = static_cast<long double>(units.size());
    long double sum = 0;
    for (auto u : units) {
        long double l = static_cast<long double>(u);
        within += l * (l - 1);
        auto from =
            static_cast<std::size_t>(std::lower_bound(gaps.begin(), gaps.end(), u) - gaps.begin());
        long double count = static_cast<long double>(gaps.size() - from);
        long double fits = suffix[from] - (l - 1) * count; // sum of (gap - l + 1)
        sum += (n - 1) / 3 * (2 * l * l * l - 3 * l * l + l) + l * l * fits;
    }
    long double denom = R * L * (R * L - 1) - within;
    out.expected = denom > 0 ? static_cast<double>(2 / L * sum / denom) : 0.0;
    return out;
}

Coefficient unitized_alpha(const std::vector<UnitizedDisagreement> &codes) {
    Coefficient out;
    double observed = 0, expected = 0;
    std::int64_t units = 0;
    for (const auto &c : codes) {
        observed += c.observed;
        expected += c.expected;
        out.units += c.length;
        units += c.units;
    }
    if (out.units == 0) {
        out.undefined = "needs two coders and a text they all saw";
        return out;
    }
    if (units == 0) {
        out.undefined = "no coder placed a unit: nothing to compare";
        return out;
    }
    if (!(expected > 0)) {
        out.undefined = "no variation: expected disagreement is 0";
        return out;
    }
    out.value = 1 - observed / expected;
    return out;
}

Coefficient unitized_alpha(const std::vector<std::vector<Span>> &spans, std::int64_t length) {
    return unitized_alpha(std::vector<UnitizedDisagreement>{
        unitized_disagreement({spans}, std::vector<std::int64_t>{length})});
}

} // namespace qda::model
