// `qda search`: bring the full-text index up to date (derived data, no audit event), let FTS5
// name candidate paragraphs, and find the exact matches in them with the text matcher.
// --regex scans the stored texts instead: a regular expression cannot be narrowed by terms.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/error.hpp"
#include "qda/search.hpp"
#include "qda/text.hpp"
#include "store/repo.hpp"
#include "store/search.hpp"

namespace qda::app {
namespace {

std::int64_t refresh_index(store::Db &db) {
    // Checked before a write transaction is opened: an up-to-date index (the usual case) then
    // costs two small reads, and the write transaction's large page cache is never filled.
    if (store::search_stale(db).empty())
        return 0;
    store::Transaction tx(db);
    auto stale = store::search_stale(db);
    // Gone sources, and rows left from other bytes or a lost search_indexed, in one pass before
    // the first insertion: FTS5 does not index source_id, so a removal scans the whole index.
    std::vector<std::int64_t> drop = stale.drop;
    for (const auto &[id, sha] : stale.todo)
        drop.push_back(id);
    store::search_drop(db, drop);
    for (const auto &[id, sha] : stale.todo) {
        std::string text = store::source_text(db, id);
        text::OffsetMap map(text);
        text::LineIndex lines(text);
        for (auto r : text::paragraphs(text))
            store::search_add(db, id, map.to_cp(r.begin), lines.line_of(r.begin),
                              std::string_view(text).substr(r.begin, r.end - r.begin));
        store::search_mark(db, id, sha);
    }
    tx.commit();
    return static_cast<std::int64_t>(stale.todo.size());
}

std::string one_line(std::string s) {
    for (auto &c : s)
        if (c == '\n' || c == '\t' || c == '\r')
            c = ' ';
    return s;
}

/// Hits of `spans` (code points of `body`, which starts at code point `start`, line `line`).
void add_hits(std::vector<SearchHit> &out, const std::string &source, const std::string &kind,
              std::string_view body, std::int64_t start, std::int64_t line,
              const std::vector<text::CpSpan> &spans, std::int64_t context) {
    if (spans.empty())
        return;
    text::OffsetMap map(body);
    for (auto sp : spans) {
        auto b = map.to_byte(sp.start), e = map.to_byte(sp.end);
        auto lb = map.to_byte(std::max<std::int64_t>(0, sp.start - context));
        auto re = map.to_byte(sp.end + context);
        std::int64_t l = line;
        for (std::size_t i = 0; i < b; ++i)
            l += body[i] == '\n';
        out.push_back({source, kind, l, start + sp.start, start + sp.end,
                       std::string(body.substr(b, e - b)),
                       one_line(std::string(body.substr(lb, b - lb))),
                       one_line(std::string(body.substr(e, re - e)))});
    }
}

/// By source name, then position: the order of `qda sources`.
void sort_hits(std::vector<SearchHit> &hits) {
    std::stable_sort(hits.begin(), hits.end(), [](const SearchHit &a, const SearchHit &b) {
        return a.source != b.source ? a.source < b.source : a.start < b.start;
    });
}

std::string fts_query(const std::vector<std::string> &terms, bool prefix) {
    std::string q = "\"";
    for (std::size_t i = 0; i < terms.size(); ++i)
        q += (i ? " " : "") + terms[i]; // terms hold no quotes
    return q + (prefix ? "\"*" : "\"");
}

} // namespace

SearchResult search(const Context &ctx, const SearchRequest &req) {
    if (req.text.find_first_not_of(" \t\n") == std::string::npos)
        throw Error(Exit::usage, "search", "nothing to search for");
    Session s(ctx);
    store::Db &db = s.db();
    SearchResult res;
    std::map<std::int64_t, std::pair<std::string, std::string>> label;
    std::set<std::string> known;
    for (auto &[id, name, kind] : store::source_labels(db)) {
        known.insert(name);
        label[id] = {name, kind};
    }
    for (const auto &n : req.sources)
        if (!known.count(n))
            require_source(db, n);
    auto wanted = [&](std::int64_t id) {
        const auto &[name, kind] = label[id];
        if (!req.kinds.empty() &&
            std::find(req.kinds.begin(), req.kinds.end(), kind) == req.kinds.end())
            return false;
        return req.sources.empty() ||
               std::find(req.sources.begin(), req.sources.end(), name) != req.sources.end();
    };
    if (req.regex) {
        text::Regex re(req.text, true);
        for (const auto &[id, nk] : label) {
            if (!wanted(id))
                continue;
            std::string t = store::source_text(db, id);
            add_hits(res.hits, nk.first, nk.second, t, 0, 1, re.find_all(t), req.context);
        }
        sort_hits(res.hits);
        return res;
    }
    auto words = text::phrase_words(req.text, req.accents);
    auto terms = text::index_terms(req.text);
    if (terms.empty())
        throw Error(Exit::usage, "search",
                    fmt::format("\"{}\" has no letters or digits to look up", req.text),
                    "use --regex to search for punctuation");
    res.indexed = refresh_index(db);
    // Without --whole-word the last term may be the start of a longer word.
    text::WordBoundaries wb;
    store::search_query(db, fts_query(terms, !req.whole_word), [&](const store::SearchRow &row) {
        if (!wanted(row.source))
            return;
        text::FoldedText t(row.body, req.accents);
        const auto &[name, kind] = label[row.source];
        add_hits(res.hits, name, kind, row.body, row.start, row.line,
                 text::find_phrase(t, words, req.whole_word, wb), req.context);
    });
    sort_hits(res.hits);
    return res;
}

} // namespace qda::app
