// qda code and qda uncode: apply codes to located spans of a source, or take them off.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "app/coding_common.hpp"
#include "app/locate.hpp"
#include "app/session.hpp"
#include "qda/error.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

std::vector<std::string> unique(const std::vector<std::string> &names, const char *verb) {
    if (names.empty())
        throw Error(Exit::usage, verb, "name at least one code");
    std::vector<std::string> out;
    for (const auto &n : names)
        if (std::find(out.begin(), out.end(), n) == out.end())
            out.push_back(n);
    return out;
}

store::CodeRow existing_code(store::Db &db, const std::string &name) {
    if (auto c = store::code_by_name(db, name))
        return *c;
    not_found("code", name, store::code_names(db));
}

CodingView view(const store::CodingRow &c, const std::string &source, const std::string &code,
                const LineOf &line, const std::string &text, const char *status) {
    auto b = line.map().to_byte(c.start), e = line.map().to_byte(c.end);
    return {c.id,          source,  code,         c.start, c.end,
            line(c.start), c.coder, c.created_at, c.memo,  text.substr(b, e - b),
            status};
}

/// The source a coding command works on, its text, and the spans its locator names.
struct Target {
    std::int64_t sid;
    std::string text;
    std::vector<text::CpSpan> spans;
};

Target target(store::Db &db, const std::string &source, const Locator &where) {
    Target t;
    t.sid = require_source(db, source);
    t.text = store::source_text(db, t.sid);
    t.spans = locate(db, t.sid, source, t.text, where);
    return t;
}

} // namespace

void check_applicable(const store::CodeRow &c, const std::string &where) {
    if (c.status == "retired")
        throw Error(Exit::data, where,
                    fmt::format("code \"{}\" is retired and takes no new codings", c.name),
                    "apply the code that replaces it, or bring it back with `qda codes`");
    if (c.status != "active")
        throw Error(Exit::data, where, fmt::format("code \"{}\" is {}", c.name, c.status));
    if (c.cycle == 2)
        throw Error(
            Exit::data, where,
            fmt::format("\"{}\" is a pattern code: it gathers the codings of its member codes",
                        c.name),
            "apply one of its first-cycle member codes");
}

store::CodeRow new_code(const std::string &name, const std::string &actor,
                        const std::string &where) {
    if (name.empty() || name.find_first_of("\t\n\r") != std::string::npos || name.front() == ' ' ||
        name.back() == ' ')
        throw Error(Exit::data, where, fmt::format("\"{}\" cannot be a code name", name),
                    "a code name is not empty and has no tabs, line breaks or surrounding spaces");
    store::CodeRow c;
    c.name = name;
    c.cycle = 1;
    c.status = "active";
    c.created_at = store::append_time_now();
    c.created_by = actor;
    return c;
}

std::vector<CodingView> code(const Context &ctx, const CodeRequest &req) {
    auto names = unique(req.codes, "code");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto [sid, text, spans] = target(db, req.source, req.where);
    std::vector<store::CodeRow> codes;
    std::vector<std::string> created;
    for (const auto &n : names) {
        if (auto c = store::code_by_name(db, n)) {
            check_applicable(*c, n);
            codes.push_back(*c);
        } else if (req.create) {
            auto c2 = new_code(n, s.actor(), n);
            store::insert_code(db, c2, changes);
            created.push_back(n);
            codes.push_back(c2);
        } else {
            existing_code(db, n);
        }
    }
    LineOf line(text);
    auto now = store::append_time_now();
    std::vector<CodingView> out;
    std::int64_t added = 0;
    for (const auto &sp : spans)
        for (const auto &c : codes) {
            store::CodingRow row{0,         sid, c.id,     sp.start,    sp.end,
                                 s.actor(), now, req.memo, std::nullopt};
            if (store::insert_coding(db, row, changes)) {
                ++added;
                out.push_back(view(row, req.source, c.name, line, text, "created"));
                continue;
            }
            if (auto old = store::find_coding(db, sid, c.id, sp.start, sp.end, s.actor()))
                out.push_back(view(*old, req.source, c.name, line, text, "exists"));
        }
    if (added > 0 || !created.empty()) {
        auto summary = fmt::format("{} coding(s) of {} on {} by {}", added, fmt::join(names, ", "),
                                   req.source, s.actor());
        if (!created.empty())
            summary += fmt::format("; code(s) created: {}", fmt::join(created, ", "));
        s.finish(tx, "coding.add", summary, changes);
    }
    return out;
}

std::vector<CodingView> uncode(const Context &ctx, const UncodeRequest &req) {
    auto names = unique(req.codes, "uncode");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto [sid, text, spans] = target(db, req.source, req.where);
    std::map<std::int64_t, std::string> codes;
    for (const auto &n : names)
        codes[existing_code(db, n).id] = n;
    store::CodingFilter f{{sid}, {}, {}, std::nullopt};
    for (const auto &[id, n] : codes)
        f.codes.push_back(id);
    if (!req.any_coder)
        f.coders.push_back(s.actor());
    LineOf line(text);
    std::vector<CodingView> out;
    for (const auto &c : store::codings(db, f)) {
        bool hit = std::any_of(spans.begin(), spans.end(), [&](const text::CpSpan &sp) {
            return req.overlapping ? c.start < sp.end && sp.start < c.end
                                   : c.start == sp.start && c.end == sp.end;
        });
        if (!hit)
            continue;
        out.push_back(view(c, req.source, codes[c.code_id], line, text, "removed"));
        store::delete_coding(db, c, changes);
    }
    if (out.empty())
        throw Error(Exit::no, req.source,
                    fmt::format("nothing to remove: no coding of {}{} {} that text",
                                fmt::join(names, ", "), req.any_coder ? "" : " by " + s.actor(),
                                req.overlapping ? "overlaps" : "covers exactly"),
                    "see what is there with `qda codings --source " + req.source +
                        "`; --overlapping and "
                        "--any-coder widen the match");
    s.finish(tx, "coding.remove",
             fmt::format("{} coding(s) of {} removed from {}", out.size(), fmt::join(names, ", "),
                         req.source),
             changes);
    return out;
}

std::vector<CodingView> list_codings(const Context &ctx, const CodingQuery &q) {
    Session s(ctx);
    auto &db = s.db();
    store::CodingFilter f;
    f.coders = q.coders;
    f.run_id = q.run;
    std::map<std::int64_t, std::string> source_name, code_name;
    std::set<std::int64_t> wanted;
    for (const auto &n : q.sources)
        wanted.insert(require_source(db, n));
    if (!q.case_name.empty())
        require_case(db, q.case_name);
    for (const auto &si : store::list_sources(db)) {
        source_name[si.id] = si.name;
        bool in_case = q.case_name.empty() || si.case_name == q.case_name;
        if (in_case && (q.sources.empty() || wanted.count(si.id)))
            f.sources.push_back(si.id);
    }
    for (const auto &n : q.codes)
        f.codes.push_back(existing_code(db, n).id);
    for (const auto &c : store::all_codes(db))
        code_name[c.id] = c.name;
    std::vector<CodingView> out;
    if ((!q.sources.empty() || !q.case_name.empty()) && f.sources.empty())
        return out;
    struct Text {
        std::string text;
        std::unique_ptr<LineOf> line;
    };
    std::map<std::int64_t, Text> texts;
    for (const auto &c : store::codings(db, f)) {
        auto &t = texts[c.source_id];
        if (!t.line) {
            t.text = store::source_text(db, c.source_id);
            t.line = std::make_unique<LineOf>(t.text);
        }
        out.push_back(view(c, source_name[c.source_id], code_name[c.code_id], *t.line, t.text, ""));
    }
    std::stable_sort(out.begin(), out.end(), [](const CodingView &a, const CodingView &b) {
        return std::tie(a.source, a.start, a.end, a.code, a.coder) <
               std::tie(b.source, b.start, b.end, b.code, b.coder);
    });
    return out;
}

} // namespace qda::app
