// qda freq: codings, sources and participants per code over the code tree, rolled up so that a
// parent counts its descendants and a pattern code its members, each coding once.
#include <fmt/format.h>

#include "app/matrix_engine.hpp"
#include "app/session.hpp"
#include "qda/error.hpp"
#include "store/matrix_data.hpp"

namespace qda::app {

FreqResult freq(const Context &ctx, const std::string &by,
                const std::vector<std::pair<std::string, std::string>> &where,
                bool no_interviewer) {
    using engine::Basis;
    auto basis = by.empty() ? Basis::all : engine::basis_of(by);
    if (basis == Basis::code)
        throw Error(
            Exit::usage, "--by", "codes are the rows already",
            "use --by case, source, kind, participant, speaker, attr:KEY, coder or period:...");
    Session s(ctx);
    auto &db = s.db();
    auto u = engine::load(db, where, no_interviewer, true, basis == Basis::period,
                          basis == Basis::coder);
    // Rows: each code twice, rolled up (0..n-1) and its own codings (n..2n-1).
    const auto n = u.codes.size();
    std::vector<std::optional<std::size_t>> parent(n);
    std::vector<std::vector<std::size_t>> members(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto &c = u.codes[i];
        if (c.parent_id && static_cast<std::size_t>(*c.parent_id) < u.code_at.size() &&
            u.code_at[*c.parent_id] >= 0)
            parent[i] = static_cast<std::size_t>(u.code_at[*c.parent_id]);
        for (auto m : c.members)
            if (static_cast<std::size_t>(m) < u.code_at.size() && u.code_at[m] >= 0)
                members[i].push_back(static_cast<std::size_t>(u.code_at[m]));
    }
    engine::Dim rows;
    rows.spec = "code";
    rows.basis = Basis::code;
    rows.members.resize(2 * n);
    rows.extra.assign(2 * n, 0);
    rows.map.assign(n, {});
    auto targets = model::rollup_targets(parent, members);
    for (std::size_t i = 0; i < n; ++i) {
        for (auto t : targets[i])
            rows.map[i].push_back(static_cast<std::int32_t>(t));
        rows.map[i].push_back(static_cast<std::int32_t>(n + i));
    }
    auto cols = engine::resolve(db, u, by.empty() ? "all" : by, 1);
    model::MatrixCounts counts(2 * n, cols.members.size(), true);
    engine::accumulate(db, u, rows, cols, counts, false, {});

    FreqResult out;
    std::vector<std::size_t> kept;
    for (std::size_t c = 0; c < cols.members.size() && !by.empty(); ++c)
        if (!cols.extra[c] || counts.col_total(c).count > 0) {
            kept.push_back(c);
            out.by.push_back(cols.members[c].label);
        }
    for (std::size_t i = 0; i < n; ++i) {
        const auto &c = u.codes[i];
        FreqRow r;
        r.code = c.name;
        r.depth = u.depth[i];
        r.cycle = c.cycle;
        r.path = c.name;
        for (auto p = parent[i]; p; p = parent[*p])
            r.path = u.codes[*p].name + "/" + r.path;
        r.parent = parent[i] ? u.codes[*parent[i]].name : "";
        auto t = counts.row_total(i);
        r.codings = t.count;
        r.sources = t.sources;
        r.participants = t.participants;
        r.own = counts.row_total(n + i).count;
        out.codes.push_back(std::move(r));
        if (!by.empty())
            for (auto c : kept) {
                out.count.push_back(counts.count(i, c));
                out.sources.push_back(counts.sources(i, c));
                out.participants.push_back(counts.participants(i, c));
            }
    }
    return out;
}

} // namespace qda::app
