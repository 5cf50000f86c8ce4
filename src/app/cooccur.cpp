// qda cooccur: pick the codes (a level's codes in tree order, or those named), map every code
// whose codings count for a column, then stream the codings source by source through the
// counting of model/cooccur.cpp, with the filters of `qda retrieve`.
#include "qda/cooccur.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "app/codebook_tree.hpp"
#include "app/retrieve_filter.hpp"
#include "app/session.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"
#include "store/codes.hpp"
#include "store/network.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

const char *level_name(int level) {
    return level == 2 ? "pattern code" : "first-cycle code";
}

/// The columns: named codes (checked against the level) or every live code of the level.
std::vector<store::CodeRow> pick_codes(store::Db &db, const CooccurRequest &req) {
    std::vector<store::CodeRow> out;
    if (req.codes.empty()) {
        for (auto &c : project_codebook(db).rows)
            if (c.cycle == req.level)
                out.push_back(std::move(c));
        return out;
    }
    std::set<std::int64_t> seen;
    for (const auto &name : req.codes) {
        auto c = *store::code_by_id(db, require_code(db, name));
        if (c.cycle != req.level)
            throw Error(Exit::usage, "--codes",
                        fmt::format("\"{}\" is a {}, not a {}", name, level_name(c.cycle),
                                    level_name(req.level)),
                        fmt::format("use --level {} for it", c.cycle));
        if (seen.insert(c.id).second)
            out.push_back(std::move(c));
    }
    return out;
}

} // namespace

std::optional<double> CooccurResult::c(std::size_t i, std::size_t j) const {
    return model::c_coefficient(total(i), total(j), count(i, j));
}

bool CooccurResult::flagged(std::size_t i, std::size_t j) const {
    return i != j && model::frequency_flag(total(i), total(j));
}

CooccurResult cooccur(const Context &ctx, const CooccurRequest &req) {
    static const std::vector<std::string> units = {"overlap", "segment:turn", "segment:sentence",
                                                   "segment:paragraph"};
    if (std::find(units.begin(), units.end(), req.unit) == units.end())
        throw Error(Exit::usage, "--unit", fmt::format("\"{}\" is not a unit", req.unit),
                    "use overlap, segment:turn, segment:sentence or segment:paragraph");
    if (req.level != 1 && req.level != 2)
        throw Error(Exit::usage, "--level", fmt::format("\"{}\" is not 1 or 2", req.level),
                    "1 = first-cycle codes, 2 = pattern codes (themes)");
    Session s(ctx);
    auto &db = s.db();
    auto codes = pick_codes(db, req);
    CooccurResult r{req.unit, req.level, {}, model::CoCounts(codes.size()), 0, 0};

    // Which columns each code's codings count for: a pattern code's members count for it.
    std::unordered_map<std::int64_t, std::vector<std::int32_t>> columns;
    for (std::size_t j = 0; j < codes.size(); ++j) {
        r.codes.push_back(codes[j].name);
        for (auto id : expand_code(db, codes[j].id))
            columns[id].push_back(static_cast<std::int32_t>(j));
    }
    std::unordered_map<std::int64_t, SourceInfo> sources;
    for (auto &src : retrieve_sources(db, req.filter))
        sources.emplace(src.id, std::move(src));
    r.sources = static_cast<std::int64_t>(sources.size());
    SpeakerFilter speakers(db, req.filter);
    const bool by_overlap = req.unit == "overlap";
    const std::string unit = by_overlap ? "" : req.unit.substr(req.unit.find(':') + 1);

    std::vector<store::SpanRow> rows;
    auto flush = [&] {
        if (rows.empty())
            return;
        const auto &src = sources.at(rows.front().source_id);
        std::vector<SegmentInfo> turns;
        if (!speakers.inactive() || unit == "turn")
            turns = store::segments(db, src.id, "turn");
        std::vector<model::CoSpan> spans;
        spans.reserve(rows.size());
        for (const auto &row : rows) {
            if (!speakers.inactive() && !speakers.pass(turn_at(turns, row.start)))
                continue;
            for (auto j : columns.at(row.code_id))
                spans.push_back({row.start, row.end, j});
        }
        rows.clear();
        if (by_overlap) {
            r.counts.add_overlaps(std::move(spans));
            return;
        }
        // As `qda retrieve` counts AND: the unit, else paragraphs, else the whole text.
        auto segs = unit == "turn" ? std::move(turns) : store::segments(db, src.id, unit);
        if (segs.empty() && unit != "paragraph") {
            segs = store::segments(db, src.id, "paragraph");
            ++r.fallback;
        }
        std::vector<model::CoUnit> cu;
        cu.reserve(segs.size());
        for (const auto &g : segs)
            cu.push_back({g.start, g.end});
        if (cu.empty())
            cu.push_back({0, src.chars});
        r.counts.add_segments(std::move(spans), cu);
    };
    store::each_span(db, req.filter.coders, [&](const store::SpanRow &row) {
        if (!rows.empty() && rows.front().source_id != row.source_id)
            flush();
        if (columns.count(row.code_id) && sources.count(row.source_id))
            rows.push_back(row);
    });
    flush();
    return r;
}

} // namespace qda::app
