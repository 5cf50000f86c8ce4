#include "app/locate.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/error.hpp"
#include "qda/names.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

[[noreturn]] void misfit(const std::string &source, const std::string &what,
                         const std::string &hint = {}) {
    throw Error(Exit::data, source, what, hint);
}

std::vector<text::CpSpan> by_segment(store::Db &db, std::int64_t id, const std::string &source,
                                     const Locator &w) {
    static const char *known[] = {"turn", "paragraph", "sentence", "cue", "entry", "row"};
    if (std::find(std::begin(known), std::end(known), w.unit) == std::end(known))
        throw Error(Exit::usage, "--unit", fmt::format("unknown unit \"{}\"", w.unit),
                    "use turn, paragraph, sentence, cue, entry or row (or --lines for lines)");
    auto segs = store::segments(db, id, w.unit);
    if (segs.empty()) {
        std::vector<std::string> units;
        for (const auto &[u, n] : store::segment_units(db, id))
            units.push_back(u);
        misfit(source, fmt::format("the source has no {} segments", w.unit),
               units.empty()
                   ? ""
                   : fmt::format("it has: {} (choose with --unit)", fmt::join(units, ", ")));
    }
    if (w.a < 1 || w.a > static_cast<std::int64_t>(segs.size()))
        misfit(source,
               fmt::format("no {} {}: the source has {} {} segments", w.unit, w.a, segs.size(),
                           w.unit),
               fmt::format("list them with `qda segments {} --unit {}`", source, w.unit));
    const auto &g = segs[static_cast<std::size_t>(w.a - 1)];
    return {{g.start, g.end}};
}

std::vector<text::CpSpan> by_lines(const std::string &source, const std::string &text,
                                   const Locator &w) {
    text::LineIndex lines(text);
    auto n = lines.lines() - (!text.empty() && text.back() == '\n' ? 1 : 0);
    if (w.a < 1 || w.b < w.a)
        throw Error(Exit::usage, "--lines", fmt::format("{}-{} is not a line range", w.a, w.b));
    if (w.b > n)
        misfit(source,
               fmt::format("lines {}-{} are beyond the text: it has {} lines", w.a, w.b, n));
    text::OffsetMap map(text);
    auto b = lines.line_start(w.a);
    auto e = w.b < lines.lines() ? lines.line_start(w.b + 1) - 1 : text.size();
    text::CpSpan s{map.to_cp(b), map.to_cp(e)};
    if (s.end <= s.start)
        misfit(source, fmt::format("lines {}-{} are empty", w.a, w.b));
    return {s};
}

std::vector<text::CpSpan> by_chars(const std::string &source, const std::string &text,
                                   const Locator &w) {
    auto n = text::code_points(text);
    if (w.a < 0 || w.b <= w.a)
        throw Error(
            Exit::usage, "--chars",
            fmt::format("{}-{} is not a range: the end must come after the start", w.a, w.b));
    if (w.b > n)
        misfit(source, fmt::format("characters {}-{} are beyond the text: it has {} characters",
                                   w.a, w.b, n));
    return {{w.a, w.b}};
}

std::vector<text::CpSpan> by_match(const std::string &source, const std::string &text,
                                   const Locator &w) {
    if (w.text.empty())
        throw Error(Exit::usage, "--match", "nothing to match");
    auto found = text::FoldedText(text).find(w.text);
    if (found.empty())
        misfit(source, fmt::format("\"{}\" is not in the text", w.text));
    if (w.all)
        return found;
    if (w.nth < 1)
        throw Error(Exit::usage, "--nth", "occurrences are counted from 1");
    if (w.nth > static_cast<std::int64_t>(found.size()))
        misfit(source,
               fmt::format("\"{}\" occurs {} time(s), not {}", w.text, found.size(), w.nth));
    return {found[static_cast<std::size_t>(w.nth - 1)]};
}

std::vector<text::CpSpan> by_speaker(store::Db &db, std::int64_t id, const std::string &source,
                                     const Locator &w) {
    std::string participant;
    if (auto pid = store::participant_id(db, w.text))
        for (const auto &p : store::list_participants(db))
            if (p.id == *pid)
                participant = p.name;
    std::vector<text::CpSpan> out;
    for (const auto &g : store::segments(db, id, "turn"))
        if (g.speaker == w.text || (!participant.empty() && g.participant == participant))
            out.push_back({g.start, g.end});
    if (out.empty()) {
        std::vector<std::string> known;
        for (const auto &k : store::source_speakers(db, id)) {
            known.push_back(k.label);
            known.push_back(k.participant);
        }
        auto best = model::did_you_mean(w.text, known);
        misfit(source, fmt::format("no turns of \"{}\" in this source", w.text),
               best ? fmt::format("did you mean \"{}\"?", *best)
                    : "list its speakers with `qda sources show`");
    }
    return out;
}

} // namespace

std::pair<std::int64_t, std::int64_t> parse_range(const std::string &s, const std::string &option) {
    auto num = [&](std::string_view v) {
        std::int64_t n = 0;
        auto r = std::from_chars(v.data(), v.data() + v.size(), n);
        if (v.empty() || r.ec != std::errc() || r.ptr != v.data() + v.size() || n < 0)
            throw Error(Exit::usage, option, fmt::format("\"{}\" is not a range A-B", s));
        return n;
    };
    auto dash = s.find('-');
    if (dash == std::string::npos) {
        if (option != "--lines")
            throw Error(Exit::usage, option, fmt::format("\"{}\" is not a range A-B", s));
        auto n = num(s);
        return {n, n};
    }
    return {num(std::string_view(s).substr(0, dash)), num(std::string_view(s).substr(dash + 1))};
}

std::vector<text::CpSpan> locate(store::Db &db, std::int64_t source_id, const std::string &source,
                                 const std::string &text, const Locator &where) {
    switch (where.kind) {
    case Locator::segment:
        return by_segment(db, source_id, source, where);
    case Locator::lines:
        return by_lines(source, text, where);
    case Locator::chars:
        return by_chars(source, text, where);
    case Locator::match:
        return by_match(source, text, where);
    case Locator::turns_of:
        return by_speaker(db, source_id, source, where);
    case Locator::none:
        break;
    }
    throw Error(Exit::usage, source,
                "say where: --segment, --lines, --chars, --match or --turns-of");
}

} // namespace qda::app
