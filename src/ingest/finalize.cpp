// The last step of every reader: code point positions, line numbers, paragraphs, sentences.
#include <algorithm>

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

struct Turn {
    std::size_t begin, end;
    const std::string *speaker;
};

bool overlaps(const Turn &t, const text::Range &p) {
    if (t.begin == t.end)
        return t.begin >= p.begin && t.begin <= p.end;
    return t.begin < p.end && t.end > p.begin;
}

Segment byte_segment(const char *unit, std::size_t b, std::size_t e, const std::string &speaker) {
    Segment s;
    s.unit = unit;
    s.start = static_cast<std::int64_t>(b);
    s.end = static_cast<std::int64_t>(e);
    s.speaker = speaker;
    return s;
}

} // namespace

// Sentences are cut inside each paragraph. In a paragraph that holds turns, only the parts
// inside turns are cut, each sentence taking its turn's speaker: the label and timestamp in
// front of a turn (and metadata lines such as "_page : 8") are not sentences of anyone.
void finalize(Document &d, const ReadOptions &opts) {
    const std::string_view text = d.text;
    const std::string none;

    std::vector<Turn> turns;
    for (const Segment &s : d.segments)
        if (s.unit == "turn")
            turns.push_back(
                {static_cast<std::size_t>(s.start), static_cast<std::size_t>(s.end), &s.speaker});
    std::sort(turns.begin(), turns.end(),
              [](const Turn &a, const Turn &b) { return a.begin < b.begin; });

    const std::vector<text::Range> paras = text::paragraphs(text);
    text::SentenceBreaker breaker(opts.locale.empty() ? "id" : opts.locale);
    std::vector<Segment> added;
    added.reserve(paras.size() * 4);
    std::vector<text::Range> cut;
    std::size_t first = 0;
    for (const text::Range &p : paras) {
        while (first < turns.size() && turns[first].end < p.begin)
            ++first;
        const std::string *speaker = nullptr;
        bool mixed = false, any = false;
        for (std::size_t k = first; k < turns.size() && turns[k].begin <= p.end; ++k) {
            const Turn &t = turns[k];
            if (!overlaps(t, p))
                continue;
            any = true;
            if (speaker && *speaker != *t.speaker)
                mixed = true;
            speaker = t.speaker;
            cut.clear();
            breaker.split(text, std::max(p.begin, t.begin), std::min(p.end, t.end), cut);
            for (const text::Range &r : cut)
                added.push_back(byte_segment("sentence", r.begin, r.end, *t.speaker));
        }
        added.push_back(
            byte_segment("paragraph", p.begin, p.end, speaker && !mixed ? *speaker : none));
        if (!any) {
            cut.clear();
            breaker.split(text, p.begin, p.end, cut);
            for (const text::Range &r : cut)
                added.push_back(byte_segment("sentence", r.begin, r.end, none));
        }
    }
    d.segments.insert(d.segments.end(), std::make_move_iterator(added.begin()),
                      std::make_move_iterator(added.end()));

    const text::OffsetMap map(text);
    const text::LineIndex lines(text);
    for (Segment &s : d.segments) {
        auto b = static_cast<std::size_t>(
            std::clamp<std::int64_t>(s.start, 0, static_cast<std::int64_t>(text.size())));
        auto e = static_cast<std::size_t>(std::clamp<std::int64_t>(
            s.end, static_cast<std::int64_t>(b), static_cast<std::int64_t>(text.size())));
        s.line = lines.line_of(b);
        s.start = map.to_cp(b);
        s.end = map.to_cp(e);
    }
    std::stable_sort(d.segments.begin(), d.segments.end(), [](const Segment &a, const Segment &b) {
        if (a.start != b.start)
            return a.start < b.start;
        int ra = unit_rank(a.unit), rb = unit_rank(b.unit);
        if (ra != rb)
            return ra < rb;
        return a.end > b.end;
    });
}

} // namespace qda::ingest
