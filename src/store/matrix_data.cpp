#include "store/matrix_data.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace qda::store {

void coding_groups(
    Db &db, bool by_coder,
    const std::function<void(std::int64_t, std::int64_t, std::string_view, std::int64_t)> &each) {
    // The unique index (source_id, code_id, start, end, coder) yields rows already in (source,
    // code) order, so SQLite counts while it walks it, without a temporary B-tree. Coders come
    // after the span in that index: grouping by them too would need a sort, so each group's
    // coders are handed over joined (by U+001F) and counted here. ORDER BY costs nothing on that
    // index and guarantees what the counting relies on: one source's groups come together.
    ScanCache small(db);
    if (!by_coder) {
        Stmt s(db, "SELECT source_id, code_id, count(*) FROM coding GROUP BY source_id, code_id "
                   "ORDER BY source_id, code_id");
        while (s.step())
            each(s.i64(0), s.i64(1), {}, s.i64(2));
        return;
    }
    Stmt s(db, "SELECT source_id, code_id, group_concat(coder, char(31)) FROM coding "
               "GROUP BY source_id, code_id ORDER BY source_id, code_id");
    std::vector<std::pair<std::string_view, std::int64_t>> n;
    while (s.step()) {
        auto all = s.view(2);
        n.clear();
        for (std::size_t from = 0; from <= all.size();) {
            auto to = std::min(all.find('\x1f', from), all.size());
            auto coder = all.substr(from, to - from);
            auto it =
                std::find_if(n.begin(), n.end(), [&](const auto &x) { return x.first == coder; });
            if (it == n.end())
                n.emplace_back(coder, 1);
            else
                ++it->second;
            from = to + 1;
        }
        std::sort(n.begin(), n.end());
        for (const auto &[coder, count] : n)
            each(s.i64(0), s.i64(1), coder, count);
    }
}

void source_codings(Db &db, std::int64_t source,
                    const std::function<void(std::int64_t, std::int64_t, std::string_view,
                                             std::int64_t, std::int64_t)> &each) {
    // Read from the covering unique index in its own order and sort here: asking SQLite for text
    // order makes it build a temporary B-tree per source.
    struct Row {
        std::int64_t start, end, code, id;
        std::string coder;
    };
    std::vector<Row> rows;
    Stmt s(db, "SELECT id, code_id, coder, start, end FROM coding WHERE source_id = ?");
    s.bind(1, source);
    while (s.step())
        rows.push_back({s.i64(3), s.i64(4), s.i64(1), s.i64(0), s.text(2)});
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return std::tie(a.start, a.end, a.code, a.coder) <
               std::tie(b.start, b.end, b.code, b.coder);
    });
    for (const auto &r : rows)
        each(r.id, r.code, r.coder, r.start, r.end);
}

std::vector<SourceBrief> source_briefs(Db &db) {
    // name and kind come before the original bytes and the text in the row; case_id comes after,
    // so it is read from its index.
    std::unordered_map<std::int64_t, std::string> case_of;
    {
        Stmt c(db, "SELECT s.id, c.name FROM source s INDEXED BY source_case JOIN cases c ON c.id "
                   "= s.case_id WHERE s.case_id IS NOT NULL");
        while (c.step())
            case_of[c.i64(0)] = c.text(1);
    }
    std::vector<SourceBrief> v;
    {
        Stmt n(db, "SELECT count(*) FROM source"); // held for the whole command: no spare room
        if (n.step())
            v.reserve(static_cast<std::size_t>(n.i64(0)));
    }
    Stmt s(db, "SELECT id, name, kind FROM source ORDER BY name");
    while (s.step()) {
        SourceBrief b{s.i64(0), s.text(1), s.text(2), {}};
        if (auto it = case_of.find(b.id); it != case_of.end())
            b.case_name = it->second;
        v.push_back(std::move(b));
    }
    return v;
}

std::vector<std::string> coders(Db &db) {
    Stmt s(db, "SELECT DISTINCT coder FROM coding ORDER BY coder");
    std::vector<std::string> v;
    while (s.step())
        v.push_back(s.text(0));
    return v;
}

} // namespace qda::store
