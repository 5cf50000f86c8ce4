// Evaluation of a query over one source: every operator sorts its inputs by start and sweeps,
// or works per segment, so that the cost grows with the codings and segments, not their product.
#include <algorithm>
#include <map>

#include "qda/query.hpp"

namespace qda::model {
namespace {

using Hits = std::vector<QueryHit>;

/// An empty span still occupies its position: treat [p, p) as [p, p+1) when testing overlap.
std::int64_t eff_end(std::int64_t start, std::int64_t end) {
    return std::max(end, start + 1);
}

void unite(std::vector<std::size_t> &into, const std::vector<std::size_t> &more) {
    into.insert(into.end(), more.begin(), more.end());
}

/// Sort by start then end; merge identical spans; sort and dedupe each coding list.
Hits normalise(Hits h) {
    std::sort(h.begin(), h.end(), [](const QueryHit &a, const QueryHit &b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    Hits out;
    for (auto &x : h) {
        if (!out.empty() && out.back().start == x.start && out.back().end == x.end)
            unite(out.back().codings, x.codings);
        else
            out.push_back(std::move(x));
    }
    for (auto &x : out) {
        std::sort(x.codings.begin(), x.codings.end());
        x.codings.erase(std::unique(x.codings.begin(), x.codings.end()), x.codings.end());
    }
    return out;
}

class Evaluator {
  public:
    explicit Evaluator(const QuerySource &src) : src_(src) {
        for (const auto &s : src.segments) {
            starts_.push_back(s.start);
            ends_.push_back(s.end);
        }
    }

    Hits eval(const QueryNode &q) {
        using K = QueryNode::Kind;
        switch (q.kind) {
        case K::code:
            return code(q);
        case K::or_: {
            auto l = eval(*q.left), r = eval(*q.right);
            l.insert(l.end(), std::make_move_iterator(r.begin()), std::make_move_iterator(r.end()));
            return normalise(std::move(l));
        }
        case K::and_:
            return meet(eval(*q.left), eval(*q.right));
        case K::not_:
            return without(eval(*q.left));
        case K::overlaps:
            return overlaps(eval(*q.left), eval(*q.right), false);
        case K::within:
            return overlaps(eval(*q.left), eval(*q.right), true);
        case K::near:
            return near(eval(*q.left), eval(*q.right), q.distance);
        }
        return {};
    }

  private:
    Hits code(const QueryNode &q) const {
        Hits out;
        for (std::size_t i = 0; i < src_.codings.size(); ++i) {
            const auto &c = src_.codings[i];
            if (std::binary_search(q.codes.begin(), q.codes.end(), c.code))
                out.push_back({c.start, c.end, {i}});
        }
        return normalise(std::move(out));
    }

    /// Segments a hit shares characters with, as the half-open index range [lo, end); empty
    /// when the hit lies between two segments.
    std::pair<std::size_t, std::size_t> overlapped(const QueryHit &h) const {
        auto lo = static_cast<std::size_t>(std::upper_bound(ends_.begin(), ends_.end(), h.start) -
                                           ends_.begin());
        auto e = eff_end(h.start, h.end);
        auto end = static_cast<std::size_t>(std::lower_bound(starts_.begin(), starts_.end(), e) -
                                            starts_.begin());
        return {lo, std::max(lo, end)};
    }

    /// Which segments some hit overlaps, with the codings of the hits over each.
    /// `codings` may be null when only presence matters (NOT).
    void spread(const Hits &hits, std::vector<char> &present,
                std::vector<std::vector<std::size_t>> *codings) const {
        present.assign(starts_.size(), 0);
        if (codings)
            codings->assign(starts_.size(), {});
        for (const auto &h : hits) {
            auto [lo, end] = overlapped(h);
            for (auto s = lo; s < end; ++s) {
                present[s] = 1;
                if (codings)
                    unite((*codings)[s], h.codings);
            }
        }
    }

    QueryHit segment_hit(std::size_t s) const { return {starts_[s], ends_[s], {}}; }

    Hits meet(const Hits &a, const Hits &b) const {
        std::vector<char> pa, pb;
        std::vector<std::vector<std::size_t>> ca, cb;
        spread(a, pa, &ca);
        spread(b, pb, &cb);
        Hits out;
        for (std::size_t s = 0; s < starts_.size(); ++s) {
            if (!pa[s] || !pb[s])
                continue;
            auto h = segment_hit(s);
            h.codings = std::move(ca[s]);
            unite(h.codings, cb[s]);
            out.push_back(std::move(h));
        }
        return normalise(std::move(out));
    }

    Hits without(const Hits &a) const {
        std::vector<char> pa;
        spread(a, pa, nullptr);
        Hits out;
        for (std::size_t s = 0; s < starts_.size(); ++s)
            if (!pa[s])
                out.push_back(segment_hit(s));
        return out;
    }

    /// A OVERLAPS B (inside = false) or A WITHIN B (inside = true), in one sweep over A by start.
    /// The B hits that started at or before A's start and have not ended are kept by end: all of
    /// them overlap A, and those ending at or after A's end contain it; B hits starting inside A
    /// (overlap only) are found by binary search. Cost: sorting plus the codings reported.
    static Hits overlaps(const Hits &a, const Hits &b, bool inside) {
        std::vector<std::int64_t> bstart;
        for (const auto &y : b)
            bstart.push_back(y.start);
        std::multimap<std::int64_t, std::size_t> alive; // end -> index into b
        std::size_t next = 0;
        Hits out;
        for (const auto &x : a) {
            auto xe = eff_end(x.start, x.end);
            for (; next < b.size() && b[next].start <= x.start; ++next)
                alive.emplace(eff_end(b[next].start, b[next].end), next);
            alive.erase(alive.begin(),
                        alive.upper_bound(x.start)); // ended: no later A can reach them
            std::vector<std::size_t> found;
            bool any = false;
            for (auto it = inside ? alive.lower_bound(xe) : alive.begin(); it != alive.end();
                 ++it) {
                any = true;
                unite(found, b[it->second].codings);
            }
            if (!inside) {
                auto from =
                    std::upper_bound(bstart.begin(), bstart.end(), x.start) - bstart.begin();
                auto to = std::lower_bound(bstart.begin(), bstart.end(), xe) - bstart.begin();
                for (auto j = from; j < to; ++j) {
                    any = true;
                    unite(found, b[static_cast<std::size_t>(j)].codings);
                }
            }
            if (!any)
                continue;
            QueryHit h = x;
            unite(h.codings, found);
            out.push_back(std::move(h));
        }
        return normalise(std::move(out));
    }

    /// Segment position of a hit: the segments it overlaps, else the next segment (the last
    /// one when it lies after every segment).
    std::pair<std::size_t, std::size_t> position(const QueryHit &h) const {
        auto [lo, end] = overlapped(h);
        if (lo == end) {
            auto p = std::min(lo, starts_.size() - 1);
            return {p, p};
        }
        return {lo, end - 1};
    }

    Hits near(const Hits &a, const Hits &b, std::int64_t n) const {
        if (starts_.empty())
            return {};
        auto segs = starts_.size();
        std::vector<std::vector<std::size_t>> at(segs); // B hits positioned over each segment
        std::vector<std::size_t> covered(segs + 1, 0);  // prefix count of segments with a B hit
        for (std::size_t i = 0; i < b.size(); ++i) {
            auto [lo, hi] = position(b[i]);
            for (auto s = lo; s <= hi; ++s)
                at[s].push_back(i);
        }
        for (std::size_t s = 0; s < segs; ++s)
            covered[s + 1] = covered[s] + (at[s].empty() ? 0 : 1);
        auto un = static_cast<std::size_t>(n);
        Hits out;
        for (const auto &x : a) {
            auto [lo, hi] = position(x);
            auto from = lo > un ? lo - un : 0;
            auto to = std::min(segs - 1, hi + std::min(un, segs));
            if (covered[to + 1] == covered[from])
                continue;
            QueryHit h = x;
            for (auto s = from; s <= to; ++s)
                for (auto i : at[s])
                    unite(h.codings, b[i].codings);
            out.push_back(std::move(h));
        }
        return normalise(std::move(out));
    }

    const QuerySource &src_;
    std::vector<std::int64_t> starts_, ends_;
};

} // namespace

std::vector<QueryHit> evaluate(const QueryNode &q, const QuerySource &src) {
    return Evaluator(src).eval(q);
}

} // namespace qda::model
