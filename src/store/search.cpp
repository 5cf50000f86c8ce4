#include "store/search.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace qda::store {

SearchStale search_stale(Db &db) {
    std::map<std::int64_t, std::string> indexed;
    {
        Stmt s(db, "SELECT source_id, sha256 FROM search_indexed");
        while (s.step())
            indexed[s.i64(0)] = s.text(1);
    }
    SearchStale out;
    // No ORDER BY: SQLite then reads the covering index on sha256, not every row's first page.
    Stmt s(db, "SELECT id, sha256 FROM source");
    while (s.step()) {
        auto id = s.i64(0);
        auto sha = s.text(1);
        auto it = indexed.find(id);
        if (it != indexed.end() && it->second == sha) {
            indexed.erase(it);
            continue;
        }
        if (it != indexed.end())
            indexed.erase(it);
        out.todo.emplace_back(id, sha);
    }
    for (const auto &[id, sha] : indexed)
        out.drop.push_back(id); // gone
    std::sort(out.todo.begin(), out.todo.end());
    return out;
}

void search_drop(Db &db, const std::vector<std::int64_t> &sources) {
    if (sources.empty())
        return;
    // One statement for all: FTS5 does not index source_id, so each DELETE scans the index.
    std::string ids = "[";
    for (auto id : sources)
        ids += (ids.size() > 1 ? "," : "") + std::to_string(id);
    ids += "]";
    Stmt d(db, "DELETE FROM search_text WHERE source_id IN (SELECT value FROM json_each(?))");
    d.bind(1, ids).run();
    Stmt m(db, "DELETE FROM search_indexed WHERE source_id IN (SELECT value FROM json_each(?))");
    m.bind(1, ids).run();
}

void search_add(Db &db, std::int64_t source, std::int64_t start, std::int64_t line,
                std::string_view body) {
    Stmt s(db, "INSERT INTO search_text(body, source_id, start, line) VALUES(?,?,?,?)");
    s.bind_static(1, body).bind(2, source).bind(3, start).bind(4, line).run();
}

void search_mark(Db &db, std::int64_t source, std::string_view text_sha256) {
    Stmt s(db, "INSERT OR REPLACE INTO search_indexed(source_id, sha256) VALUES(?,?)");
    s.bind(1, source).bind(2, text_sha256).run();
}

void search_query(Db &db, const std::string &fts_query,
                  const std::function<void(const SearchRow &)> &each) {
    Stmt s(db, "SELECT source_id, start, line, body FROM search_text WHERE search_text MATCH ? "
               "ORDER BY source_id, start");
    s.bind(1, fts_query);
    while (s.step())
        each({s.i64(0), s.i64(1), s.i64(2), s.view(3)});
}

std::vector<std::tuple<std::int64_t, std::string, std::string>> source_labels(Db &db) {
    // No ORDER BY id: SQLite then reads the covering index source_meta (schema 11).
    Stmt s(db, "SELECT id, name, kind FROM source");
    std::vector<std::tuple<std::int64_t, std::string, std::string>> v;
    while (s.step())
        v.emplace_back(s.i64(0), s.text(1), s.text(2));
    return v;
}

} // namespace qda::store
