// qda retrieve: parse the query, resolve its codes, then per source load the codings of those
// codes and the unit's segments, evaluate, and dress each hit with speaker, lines and memos.
#include "qda/retrieve.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "app/retrieve_filter.hpp"
#include "app/session.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"
#include "qda/query.hpp"
#include "qda/text.hpp"
#include "store/codes.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

/// The ids a query name stands for (a pattern code: with its members); an unknown name fails at
/// its column in the query, with the codebook's did-you-mean.
std::vector<std::int64_t> code_ids(store::Db &db, const std::string &name, std::size_t column) {
    try {
        return expand_code(db, require_code(db, name));
    } catch (const Error &e) {
        std::string what =
            e.where().empty() ? e.what() : fmt::format("{}: {}", e.where(), e.what());
        throw Error(e.code(), fmt::format("query:1:{}", column), what, e.hint());
    }
}

bool has_not(const model::QueryNode &q) {
    if (q.kind == model::QueryNode::Kind::not_)
        return true;
    return (q.left && has_not(*q.left)) || (q.right && has_not(*q.right));
}

/// The segments the query counts in: the unit asked for, else paragraphs, else the whole text.
std::vector<model::QuerySpan> units_of(store::Db &db, const SourceInfo &s, const std::string &unit,
                                       const std::vector<SegmentInfo> &turns) {
    auto segs = unit == "turn" ? turns : store::segments(db, s.id, unit);
    if (segs.empty() && unit != "paragraph")
        segs = store::segments(db, s.id, "paragraph");
    std::vector<model::QuerySpan> out;
    for (const auto &g : segs)
        out.push_back({g.start, g.end});
    if (out.empty() && s.chars > 0)
        out.push_back({0, s.chars});
    return out;
}

/// Lines of one source's text, by byte offset of their starts.
class Lines {
  public:
    explicit Lines(const std::string &text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n' && i + 1 < text.size())
                starts_.push_back(i + 1);
    }
    std::int64_t count() const { return static_cast<std::int64_t>(starts_.size()); }
    /// 1-based line of a byte offset.
    std::int64_t at(std::size_t byte) const {
        return std::upper_bound(starts_.begin(), starts_.end(), byte) - starts_.begin();
    }
    std::string line(std::int64_t n) const {
        auto b = starts_[static_cast<std::size_t>(n - 1)];
        auto e = text_.find('\n', b);
        return text_.substr(b, e == std::string::npos ? std::string::npos : e - b);
    }
    std::vector<TextLine> range(std::int64_t from, std::int64_t to) const {
        std::vector<TextLine> v;
        for (auto n = std::max<std::int64_t>(1, from); n <= std::min(to, count()); ++n)
            v.push_back({n, line(n)});
        return v;
    }

  private:
    const std::string &text_;
    std::vector<std::size_t> starts_;
};

/// Memos by target id, for one target kind, loaded once per command.
std::map<std::int64_t, std::vector<store::MemoRow>> memos_by_target(store::Db &db,
                                                                    std::string_view kind) {
    std::map<std::int64_t, std::vector<store::MemoRow>> m;
    for (auto &r : store::memos(db, kind, std::nullopt))
        if (r.target_id)
            m[*r.target_id].push_back(std::move(r));
    return m;
}

} // namespace

RetrieveResult retrieve(const Context &ctx, const RetrieveRequest &req) {
    if (req.unit != "turn" && req.unit != "paragraph" && req.unit != "sentence")
        throw Error(Exit::usage, "--unit",
                    fmt::format("\"{}\" is not turn, paragraph or sentence", req.unit));
    if (req.context < 0)
        throw Error(Exit::usage, "--context", "the number of lines cannot be negative");
    auto q = model::parse_query(req.query); // a malformed query fails before the project is opened
    Session s(ctx);
    auto &db = s.db();
    model::resolve_codes(
        q, [&db](const std::string &n, std::size_t col) { return code_ids(db, n, col); });
    RetrieveResult result{model::to_string(q), req.unit, {}};
    SpeakerFilter speakers(db, req);
    const bool not_in_query = has_not(q); // NOT can hit a source that has no codings
    std::map<std::int64_t, std::string> code_names;
    for (const auto &c : store::all_codes(db))
        code_names[c.id] = c.name;
    auto coding_memos = memos_by_target(db, "coding");
    auto code_memos = memos_by_target(db, "code");

    store::CodingFilter filter;
    filter.codes = model::query_codes(q);
    filter.coders = req.coders;
    for (const auto &src : retrieve_sources(db, req)) {
        filter.sources = {src.id};
        auto rows = store::codings(db, filter);
        if (rows.empty() && !not_in_query)
            continue;
        auto turns = store::segments(db, src.id, "turn");
        model::QuerySource qs;
        qs.segments = units_of(db, src, req.unit, turns);
        qs.codings.reserve(rows.size());
        for (const auto &r : rows)
            qs.codings.push_back({r.id, r.code_id, r.start, r.end});
        auto hits = model::evaluate(q, qs);
        if (hits.empty())
            continue;

        auto text = store::source_text(db, src.id);
        text::OffsetMap map(text);
        Lines lines(text);
        for (const auto &h : hits) {
            const auto *turn = turn_at(turns, h.start);
            if (!speakers.pass(turn))
                continue;
            RetrieveHit out;
            out.source = src.name;
            out.case_name = src.case_name;
            if (turn) {
                out.speaker = turn->speaker;
                out.participant = turn->participant;
            }
            out.start = h.start;
            out.end = h.end;
            auto b = map.to_byte(h.start), e = map.to_byte(h.end);
            out.quote = text.substr(b, e - b);
            out.line = lines.at(b);
            auto last = lines.at(e > b ? e - 1 : b);
            out.before = lines.range(out.line - req.context, out.line - 1);
            out.after = lines.range(last + 1, last + req.context);
            std::vector<std::int64_t> codes;
            for (auto i : h.codings) {
                const auto &r = rows[i];
                out.codings.push_back(r.id);
                codes.push_back(r.code_id);
                if (!r.memo.empty())
                    out.memos.push_back({fmt::format("coding:{}", r.id), 0, "", r.coder, r.memo});
                if (auto m = coding_memos.find(r.id); m != coding_memos.end())
                    for (const auto &x : m->second)
                        out.memos.push_back(
                            {fmt::format("coding:{}", r.id), x.id, x.type, x.author, x.text});
            }
            std::sort(codes.begin(), codes.end());
            codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
            for (auto c : codes) {
                out.codes.push_back(code_names[c]);
                if (auto m = code_memos.find(c); m != code_memos.end())
                    for (const auto &x : m->second)
                        out.memos.push_back(
                            {"code:" + code_names[c], x.id, x.type, x.author, x.text});
            }
            std::sort(out.codes.begin(), out.codes.end());
            result.hits.push_back(std::move(out));
        }
    }
    return result;
}

} // namespace qda::app
