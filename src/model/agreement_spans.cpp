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

Coefficient unitized_alpha(const std::vector<std::vector<std::vector<Span>>> &spans_per_text,
                           const std::vector<std::int64_t> &lengths) {
    // Binary values: 1 = inside one of the coder's units, 0 = in a gap. Observed coincidences
    // are the lengths of overlap between two coders' sections (divided by m - 1); expected ones
    // count the pairs of characters that could coincide, where a unit is paired as a whole
    // (l^2) and a gap character by character (l).
    Coefficient out;
    double l[2][2] = {{0, 0}, {0, 0}};
    double gaps = 0, sum_sq_units = 0;
    std::size_t m = 0;
    for (std::size_t t = 0; t < spans_per_text.size(); ++t) {
        const auto &spans = spans_per_text[t];
        auto length = lengths[t];
        m = spans.size();
        if (m < 2 || length <= 0)
            continue;
        double m1 = static_cast<double>(m - 1);
        sweep(spans, length, [&](std::int64_t a, std::int64_t b, std::uint64_t p) {
            double len = static_cast<double>(b - a);
            double in = static_cast<double>(__builtin_popcountll(p));
            double outside = static_cast<double>(m) - in;
            l[1][1] += len * in * (in - 1) / m1;
            l[0][0] += len * outside * (outside - 1) / m1;
            l[0][1] += len * in * outside / m1;
            l[1][0] += len * in * outside / m1;
        });
        for (const auto &coder : spans) {
            std::int64_t covered = 0;
            for (const auto &s : merged(coder, false)) {
                auto a = std::max<std::int64_t>(s.start, 0), b = std::min(s.end, length);
                if (b <= a)
                    continue;
                double len = static_cast<double>(b - a);
                sum_sq_units += len * len;
                covered += b - a;
            }
            gaps += static_cast<double>(length - covered);
        }
        out.units += length;
    }
    if (m < 2 || out.units == 0) {
        out.undefined = "needs two coders and a text they both saw";
        return out;
    }
    double total = l[0][0] + l[0][1] + l[1][0] + l[1][1];
    double n0 = l[0][0] + l[0][1], n1 = l[1][0] + l[1][1];
    double denom = total * total - (sum_sq_units + gaps);
    double e00 = total * (n0 * n0 - gaps) / denom;
    double e11 = total * (n1 * n1 - sum_sq_units) / denom;
    double expected = total - (e00 + e11);
    if (n1 == 0) {
        out.undefined = "no coder placed a unit: nothing to compare";
        return out;
    }
    if (!(denom > 0) || !(expected > 1e-12 * total)) {
        out.undefined = "no variation: expected disagreement is 0";
        return out;
    }
    double observed = total - (l[0][0] + l[1][1]);
    out.value = 1 - observed / expected;
    return out;
}

Coefficient unitized_alpha(const std::vector<std::vector<Span>> &spans, std::int64_t length) {
    return unitized_alpha(std::vector<std::vector<std::vector<Span>>>{spans},
                          std::vector<std::int64_t>{length});
}

} // namespace qda::model
