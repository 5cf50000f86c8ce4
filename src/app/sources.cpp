#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/error.hpp"
#include "qda/text.hpp"
#include "store/repo.hpp"

namespace qda::app {

std::vector<SourceInfo> list_sources(const Context &ctx) {
    Session s(ctx);
    return store::list_sources(s.db());
}

SourceDetail show_source(const Context &ctx, const std::string &name) {
    Session s(ctx);
    auto id = require_source(s.db(), name);
    SourceDetail d;
    d.info = store::get_source(s.db(), id);
    d.attributes = store::list_attributes(s.db(), "source", id);
    d.units = store::segment_units(s.db(), id);
    d.speakers = store::source_speakers(s.db(), id);
    return d;
}

std::vector<TextLine> source_text(const Context &ctx, const std::string &name, std::int64_t from,
                                  std::int64_t to) {
    Session s(ctx);
    auto text = store::source_text(s.db(), require_source(s.db(), name));
    std::vector<TextLine> out;
    std::int64_t n = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto nl = text.find('\n', pos);
        if (nl == std::string::npos && pos == text.size())
            break;
        auto end = nl == std::string::npos ? text.size() : nl;
        ++n;
        if (n >= from && (to == 0 || n <= to))
            out.push_back({n, text.substr(pos, end - pos)});
        if (to != 0 && n > to)
            break;
        pos = end + 1;
    }
    if (from > n && n > 0)
        throw Error(Exit::usage, "--lines", fmt::format("source {} has only {} lines", name, n));
    return out;
}

std::vector<SegmentInfo> segments(const Context &ctx, const std::string &name,
                                  const std::string &unit, bool with_text,
                                  std::vector<std::string> *texts) {
    Session s(ctx);
    auto id = require_source(s.db(), name);
    auto text = store::source_text(s.db(), id);
    text::OffsetMap map(text);
    std::vector<SegmentInfo> out;
    if (unit == "line") {
        text::LineIndex lines(text);
        for (std::int64_t l = 1; l <= lines.lines(); ++l) {
            auto b = lines.line_start(l);
            auto e = l < lines.lines() ? lines.line_start(l + 1) - 1 : text.size();
            if (b == text.size() && l == lines.lines() && l > 1)
                break;
            SegmentInfo g;
            g.unit = "line";
            g.ordinal = l;
            g.line = l;
            g.start = map.to_cp(b);
            g.end = map.to_cp(e);
            out.push_back(std::move(g));
        }
    } else {
        static const char *known[] = {"turn", "paragraph", "sentence", "cue", "entry", "row"};
        if (std::find(std::begin(known), std::end(known), unit) == std::end(known))
            throw Error(Exit::usage, "--unit", fmt::format("unknown unit \"{}\"", unit),
                        "use turn, paragraph, sentence, line, cue, entry or row");
        out = store::segments(s.db(), id, unit);
    }
    if (with_text && texts) {
        for (const auto &g : out) {
            auto b = map.to_byte(g.start), e = map.to_byte(g.end);
            texts->push_back(text.substr(b, e - b));
        }
    }
    return out;
}

std::vector<CaseInfo> list_cases(const Context &ctx) {
    Session s(ctx);
    return store::list_cases(s.db());
}

void create_case(const Context &ctx, const std::string &name, const std::string &description) {
    Session s(ctx);
    if (name.empty())
        throw Error(Exit::usage, "cases create", "a case needs a name");
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    if (store::case_id(s.db(), name))
        throw Error(Exit::data, name, "a case of this name already exists");
    store::create_case(s.db(), name, description, changes);
    s.finish(tx, "case.create", fmt::format("case {} created", name), changes);
}

void link_case(const Context &ctx, const std::string &case_name,
               const std::vector<std::string> &sources, bool create) {
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    std::optional<std::int64_t> cid;
    if (!case_name.empty()) {
        cid = store::case_id(s.db(), case_name);
        if (!cid && create)
            cid = store::create_case(s.db(), case_name, "", changes);
        if (!cid)
            require_case(s.db(), case_name);
    }
    for (const auto &src : sources)
        store::set_source_case(s.db(), require_source(s.db(), src), cid, changes);
    s.finish(tx, case_name.empty() ? "case.unlink" : "case.link",
             case_name.empty()
                 ? fmt::format("{} source(s) unlinked from their case", sources.size())
                 : fmt::format("{} source(s) linked to case {}", sources.size(), case_name),
             changes);
}

} // namespace qda::app
