// The last step of every reader: code point positions, line numbers, paragraphs, sentences.
#include <algorithm>
#include <cstdint>

#include "ingest/readers.hpp"
#include "qda/text.hpp"

namespace qda::ingest {

namespace {

int unit_rank(const std::string &unit) {
    static const char *order[] = {"row", "entry", "turn", "cue", "paragraph", "sentence"};
    for (int i = 0; i < 6; ++i)
        if (unit == order[i])
            return i;
    return 6;
}

struct SortKey {
    std::int64_t start, end;
    std::uint32_t index; ///< into the reader's segments, then the added ones
    int rank;
};

struct Turn {
    std::size_t begin, end;
    const std::string *speaker;
    std::uint32_t index; ///< into the reader's segments
};

/// A paragraph or sentence found here: no strings (its speaker is the turn's, by index), so
/// collecting and ordering them copies none. Start and end are bytes until placed, then code
/// points. It stays this way with ReadOptions::derived_apart, and becomes a Segment otherwise.
using Added = DerivedSegment;

bool overlaps(const Turn &t, const text::Range &p) {
    if (t.begin == t.end)
        return t.begin >= p.begin && t.begin <= p.end;
    return t.begin < p.end && t.end > p.begin;
}

} // namespace

// Sentences are cut inside each paragraph. In a paragraph that holds turns, only the parts
// inside turns are cut, each sentence taking its turn's speaker: the label and timestamp in
// front of a turn (and metadata lines such as "_page : 8") are not sentences of anyone.
void finalize(Document &d, const ReadOptions &opts) {
    const std::string_view text = d.text;

    std::vector<Turn> turns;
    for (std::size_t i = 0; i < d.segments.size(); ++i)
        if (const Segment &s = d.segments[i]; s.unit == "turn")
            turns.push_back({static_cast<std::size_t>(s.start), static_cast<std::size_t>(s.end),
                             &s.speaker, static_cast<std::uint32_t>(i)});
    std::sort(turns.begin(), turns.end(),
              [](const Turn &a, const Turn &b) { return a.begin < b.begin; });

    const std::vector<text::Range> paras = text::paragraphs(text);
    text::SentenceBreaker breaker(opts.locale.empty() ? "id" : opts.locale);
    std::vector<Added> added;
    added.reserve(paras.size() * 4);
    auto add = [&](std::size_t b, std::size_t e, std::uint32_t turn, bool sentence) {
        added.push_back(
            {static_cast<std::int64_t>(b), static_cast<std::int64_t>(e), 0, turn, sentence});
    };
    std::vector<text::Range> cut;
    std::size_t first = 0;
    for (const text::Range &p : paras) {
        while (first < turns.size() && turns[first].end < p.begin)
            ++first;
        // The paragraph goes before its sentences (its speaker is known after them), so the
        // added segments come out in the order they are sorted into below.
        const std::size_t slot = added.size();
        add(p.begin, p.end, 0, false);
        const Turn *speaker = nullptr;
        bool mixed = false, any = false;
        for (std::size_t k = first; k < turns.size() && turns[k].begin <= p.end; ++k) {
            const Turn &t = turns[k];
            if (!overlaps(t, p))
                continue;
            any = true;
            if (speaker && *speaker->speaker != *t.speaker)
                mixed = true;
            speaker = &t;
            cut.clear();
            breaker.split(text, std::max(p.begin, t.begin), std::min(p.end, t.end), cut);
            for (const text::Range &r : cut)
                add(r.begin, r.end, t.index + 1, true);
        }
        if (speaker && !mixed)
            added[slot].turn = speaker->index + 1;
        if (!any) {
            cut.clear();
            breaker.split(text, p.begin, p.end, cut);
            for (const text::Range &r : cut)
                add(r.begin, r.end, 0, true);
        }
    }
    // Code point positions and lines of every segment, then the order of small keys (by start,
    // unit, longest first; ties in input order, as a stable sort) and one move of each segment
    // into its place: sorting the segments themselves moved their strings many times over.
    const text::OffsetMap map(text);
    d.chars = map.size_cp();
    const text::LineIndex lines(text);
    const std::size_t n_read = d.segments.size();
    std::vector<SortKey> keys;
    keys.reserve(n_read + added.size());
    // Each run (the reader's, the added) meets its starts in order nearly always: walk through
    // lines and code points from one start to the next, and from a start to its end.
    std::size_t line_hint = 0;
    text::OffsetMap::Cursor at;
    auto place = [&](auto &s, std::size_t i, int rank) {
        auto b = static_cast<std::size_t>(
            std::clamp<std::int64_t>(s.start, 0, static_cast<std::int64_t>(text.size())));
        auto e = static_cast<std::size_t>(std::clamp<std::int64_t>(
            s.end, static_cast<std::int64_t>(b), static_cast<std::int64_t>(text.size())));
        s.line = lines.line_of(b, line_hint);
        s.start = map.to_cp(b, at);
        text::OffsetMap::Cursor to_end = at;
        s.end = map.to_cp(e, to_end);
        keys.push_back({s.start, s.end, static_cast<std::uint32_t>(i), rank});
    };
    for (std::size_t i = 0; i < n_read; ++i)
        place(d.segments[i], i, unit_rank(d.segments[i].unit));
    line_hint = 0;
    at = {};
    for (std::size_t i = 0; i < added.size(); ++i)
        place(added[i], n_read + i, added[i].sentence ? 5 : 4);
    auto before = [](const SortKey &a, const SortKey &b) {
        if (a.start != b.start)
            return a.start < b.start;
        if (a.rank != b.rank)
            return a.rank < b.rank;
        return a.end > b.end;
    };
    const auto mid = keys.begin() + static_cast<std::ptrdiff_t>(n_read);
    if (opts.derived_apart) {
        // The reader's segments in the order they would have among all; the added keep theirs
        // (import sorts each unit's list by itself, and these are sorted nearly always).
        if (!std::is_sorted(keys.begin(), mid, before)) {
            std::stable_sort(keys.begin(), mid, before);
            std::vector<Segment> reordered;
            reordered.reserve(n_read);
            std::vector<std::uint32_t> moved_to(n_read);
            for (std::size_t k = 0; k < n_read; ++k) {
                moved_to[keys[k].index] = static_cast<std::uint32_t>(k);
                reordered.push_back(std::move(d.segments[keys[k].index]));
            }
            d.segments = std::move(reordered);
            for (Added &a : added)
                if (a.turn)
                    a.turn = moved_to[a.turn - 1] + 1;
        }
        d.derived = std::move(added);
        return;
    }
    // Both runs (the reader's, the added) are in order nearly always: then a merge, which
    // takes the reader's first on ties, gives what a stable sort of all of them would.
    if (std::is_sorted(keys.begin(), mid, before) && std::is_sorted(mid, keys.end(), before)) {
        std::vector<SortKey> merged(keys.size());
        std::merge(keys.begin(), mid, mid, keys.end(), merged.begin(), before);
        keys = std::move(merged);
    } else {
        std::stable_sort(keys.begin(), keys.end(), before);
    }
    // An added segment copies its turn's speaker from where that turn is at the time: still in
    // d.segments, or already moved into `sorted`.
    std::vector<Segment> sorted;
    sorted.reserve(keys.size());
    std::vector<std::uint32_t> moved_to(n_read, UINT32_MAX);
    for (const SortKey &k : keys) {
        if (k.index < n_read) {
            moved_to[k.index] = static_cast<std::uint32_t>(sorted.size());
            sorted.push_back(std::move(d.segments[k.index]));
            continue;
        }
        const Added &a = added[k.index - n_read];
        Segment &s = sorted.emplace_back();
        s.unit = a.sentence ? "sentence" : "paragraph";
        s.start = a.start;
        s.end = a.end;
        s.line = a.line;
        if (a.turn) {
            const std::uint32_t t = a.turn - 1;
            s.speaker =
                moved_to[t] == UINT32_MAX ? d.segments[t].speaker : sorted[moved_to[t]].speaker;
        }
    }
    d.segments = std::move(sorted);
}

} // namespace qda::ingest
