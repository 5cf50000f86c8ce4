// Co-occurrence counting, one source at a time: a sweep over codings in start order for overlap
// groups, and a walk over the segments for segment units. See include/qda/cooccur.hpp.
#include "qda/cooccur_count.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace qda::model {
namespace {

/// Union-find over a few local indices; the groups of one pair of codes in one source.
struct Groups {
    std::vector<std::uint32_t> parent;
    explicit Groups(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
    std::uint32_t root(std::uint32_t x) {
        while (parent[x] != x)
            x = parent[x] = parent[parent[x]];
        return x;
    }
    bool join(std::uint32_t a, std::uint32_t b) {
        a = root(a);
        b = root(b);
        if (a == b)
            return false;
        parent[b] = a;
        return true;
    }
};

/// An overlap of two codings of different codes: lo < hi are the columns, a and b the spans.
struct Edge {
    std::int32_t lo, hi;
    std::uint32_t a, b;
};

} // namespace

void CoCounts::bump(std::size_t i, std::size_t j, std::int64_t by) {
    m_[i * n_ + j] += by;
    if (i != j)
        m_[j * n_ + i] += by;
}

void CoCounts::add_overlaps(std::vector<CoSpan> spans) {
    std::sort(spans.begin(), spans.end(), [](const CoSpan &x, const CoSpan &y) {
        return std::tie(x.start, x.end, x.code) < std::tie(y.start, y.end, y.code);
    });
    std::vector<Edge> edges;
    std::vector<std::uint32_t> active; // spans that may still overlap the next one
    for (std::uint32_t i = 0; i < spans.size(); ++i) {
        const auto &x = spans[i];
        bump(static_cast<std::size_t>(x.code), static_cast<std::size_t>(x.code), 1);
        // Spans ending at or before this start can overlap nothing that comes later.
        std::erase_if(active, [&](std::uint32_t k) { return spans[k].end <= x.start; });
        for (auto k : active) {
            const auto &y = spans[k]; // y.start <= x.start < y.end: they share a character
            if (y.code != x.code)
                edges.push_back({std::min(x.code, y.code), std::max(x.code, y.code), k, i});
        }
        active.push_back(i);
    }
    // Per pair of codes: groups = spans joined by some overlap - joins that merged two groups.
    std::sort(edges.begin(), edges.end(), [](const Edge &x, const Edge &y) {
        return std::tie(x.lo, x.hi) < std::tie(y.lo, y.hi);
    });
    std::vector<std::uint32_t> ids;
    for (std::size_t b = 0, e = 0; b < edges.size(); b = e) {
        for (e = b; e < edges.size() && edges[e].lo == edges[b].lo && edges[e].hi == edges[b].hi;)
            ++e;
        ids.clear();
        for (auto k = b; k < e; ++k) {
            ids.push_back(edges[k].a);
            ids.push_back(edges[k].b);
        }
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        auto local = [&ids](std::uint32_t s) {
            return static_cast<std::uint32_t>(std::lower_bound(ids.begin(), ids.end(), s) -
                                              ids.begin());
        };
        Groups g(ids.size());
        std::int64_t groups = static_cast<std::int64_t>(ids.size());
        for (auto k = b; k < e; ++k)
            groups -= g.join(local(edges[k].a), local(edges[k].b)) ? 1 : 0;
        bump(static_cast<std::size_t>(edges[b].lo), static_cast<std::size_t>(edges[b].hi), groups);
    }
}

void CoCounts::add_segments(std::vector<CoSpan> spans, const std::vector<CoUnit> &units) {
    // (unit, column) for every unit a span shares a character with.
    std::vector<std::pair<std::size_t, std::int32_t>> hits;
    for (const auto &s : spans) {
        auto it = std::upper_bound(units.begin(), units.end(), s.start,
                                   [](std::int64_t p, const CoUnit &u) { return p < u.end; });
        for (; it != units.end() && it->start < s.end; ++it)
            if (it->end > it->start)
                hits.emplace_back(static_cast<std::size_t>(it - units.begin()), s.code);
    }
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    for (std::size_t b = 0, e = 0; b < hits.size(); b = e) {
        for (e = b; e < hits.size() && hits[e].first == hits[b].first;)
            ++e;
        for (auto i = b; i < e; ++i)
            for (auto j = i; j < e; ++j)
                bump(static_cast<std::size_t>(hits[i].second),
                     static_cast<std::size_t>(hits[j].second), 1);
    }
}

std::optional<double> c_coefficient(std::int64_t n1, std::int64_t n2, std::int64_t n12) {
    auto d = n1 + n2 - n12;
    if (d <= 0)
        return std::nullopt;
    return static_cast<double>(n12) / static_cast<double>(d);
}

bool frequency_flag(std::int64_t n1, std::int64_t n2) {
    auto lo = std::min(n1, n2), hi = std::max(n1, n2);
    return lo > 0 && hi > 5 * lo;
}

} // namespace qda::model
