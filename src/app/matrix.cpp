// qda matrix: codings laid out as rows x columns of two dimensions, counted by SQLite when the
// dimensions depend only on source, code and coder, otherwise streamed source by source.
#include <algorithm>
#include <charconv>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "app/matrix_engine.hpp"
#include "app/session.hpp"
#include "qda/audit.hpp"
#include "qda/error.hpp"
#include "qda/names.hpp"
#include "qda/text.hpp"
#include "store/matrix_data.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace engine {

std::string accumulate(store::Db &db, Universe &u, const Dim &rows, const Dim &cols,
                       model::MatrixCounts &counts, bool stream,
                       const std::function<void(const Visit &)> &each) {
    const bool need_coder =
        rows.basis == Basis::coder || cols.basis == Basis::coder || !u.coder_filter.empty();
    auto code_index = [&](std::int64_t id) {
        return id >= 0 && static_cast<std::size_t>(id) < u.code_at.size() ? u.code_at[id] : -1;
    };
    // False when the coder is filtered out; sets x.coder otherwise.
    auto coder_index = [&](std::string_view coder, Unit &x) {
        if (!need_coder)
            return true;
        if (!u.coder_filter.empty() && !u.coder_filter.count(coder))
            return false;
        auto it = u.coder_at.find(std::string(coder));
        x.coder = it == u.coder_at.end() ? -1 : it->second;
        return true;
    };
    const bool by_period = rows.basis == Basis::period || cols.basis == Basis::period;
    if (!stream && !u.need_turns && !u.need_dates && !by_period) {
        store::coding_groups(
            db, need_coder,
            [&](std::int64_t sid, std::int64_t cid, std::string_view coder, std::int64_t n) {
                Unit x;
                if (sid < 0 || static_cast<std::size_t>(sid) >= u.source_at.size())
                    return;
                x.source = u.source_at[sid];
                if (x.source < 0 || !u.source_ok[x.source])
                    return;
                x.code = code_index(cid);
                if (!coder_index(coder, x))
                    return;
                counts.add(members_of(rows, x), members_of(cols, x), n, x.source, -1);
            });
        return "aggregate";
    }
    auto period_index = [](const Dim &d, const std::string &date) -> std::int32_t {
        auto undated = static_cast<std::int32_t>(d.members.size()) - 1;
        if (date.empty())
            return undated;
        auto p = d.period_at.find(*model::period_of(date, d.grain));
        return p == d.period_at.end() ? undated : p->second;
    };
    for (std::size_t i = 0; i < u.sources.size(); ++i) {
        if (!u.source_ok[i])
            continue;
        const auto &turns = u.turns[i];
        const auto &entries = u.entries[i];
        std::size_t t = 0, e = 0;
        auto si = static_cast<std::int32_t>(i);
        store::source_codings(
            db, u.sources[i].id,
            [&](std::int64_t id, std::int64_t code, std::string_view coder, std::int64_t start,
                std::int64_t end) {
                Unit x;
                x.source = si;
                x.code = code_index(code);
                if (!coder_index(coder, x))
                    return;
                if (u.need_turns) {
                    while (t + 1 < turns.size() && turns[t + 1].start <= start)
                        ++t;
                    if (!turns.empty() && turns[t].start <= start && start < turns[t].end) {
                        x.participant = turns[t].participant;
                        x.speaker = turns[t].speaker;
                    }
                    if (x.participant >= 0 ? !u.participant_ok[x.participant] : !u.none_ok)
                        return;
                }
                std::string date;
                if (u.need_dates) {
                    while (e + 1 < entries.size() && entries[e + 1].start <= start)
                        ++e;
                    // A dated entry of a field note dates everything after it, up to the next.
                    if (!entries.empty() && entries[e].start <= start)
                        date = entries[e].date;
                    else
                        date = u.source_date[i];
                    if (!u.date_from.empty() && (date.empty() || date < u.date_from))
                        return;
                    if (!u.date_to.empty() && (date.empty() || date > u.date_to))
                        return;
                }
                Unit xr = x, xc = x;
                if (rows.basis == Basis::period)
                    xr.period = period_index(rows, date);
                if (cols.basis == Basis::period)
                    xc.period = period_index(cols, date);
                const auto &r = members_of(rows, xr);
                const auto &c = members_of(cols, xc);
                counts.add(r, c, 1, si, x.participant);
                if (each && !r.empty() && !c.empty())
                    each({id, start, end, si, &r, &c});
            });
    }
    return "segments";
}

} // namespace engine

namespace {

using engine::Basis;

const std::vector<std::string> kCells = {"count",   "sources", "participants", "presence",
                                         "percent", "quotes",  "summary",      "rating"};

/// Split "presence+quotes:1" and check each part; fills the quote count.
std::vector<std::string> cell_kinds(const std::string &cell, std::size_t &quotes) {
    std::vector<std::string> out;
    std::size_t from = 0;
    for (;;) {
        auto plus = cell.find('+', from);
        auto part = cell.substr(from, plus == std::string::npos ? std::string::npos : plus - from);
        auto colon = part.find(':');
        auto base = part.substr(0, colon);
        auto arg = colon == std::string::npos ? std::string() : part.substr(colon + 1);
        if (std::find(kCells.begin(), kCells.end(), base) == kCells.end()) {
            auto m = model::did_you_mean(base, kCells);
            throw Error(Exit::usage, "--cell", fmt::format("\"{}\" is not a cell kind", part),
                        m ? fmt::format("did you mean \"{}\"?", *m)
                          : "use count, sources, participants, presence, percent[:row|col|all], "
                            "quotes[:N], summary or rating, joined by +");
        }
        if (base == "quotes") {
            quotes = 3;
            if (!arg.empty()) {
                auto r = std::from_chars(arg.data(), arg.data() + arg.size(), quotes);
                if (r.ec != std::errc() || r.ptr != arg.data() + arg.size() || quotes == 0 ||
                    quotes > 100)
                    throw Error(Exit::usage, "--cell",
                                fmt::format("\"{}\": N must be 1-100", part));
            }
        } else if (base == "percent") {
            if (!arg.empty() && arg != "row" && arg != "col" && arg != "all")
                throw Error(Exit::usage, "--cell",
                            fmt::format("\"{}\": percent of row, col or all", part));
        } else if (!arg.empty())
            throw Error(Exit::usage, "--cell", fmt::format("\"{}\" takes no argument", part));
        out.push_back(part);
        if (plus == std::string::npos)
            break;
        from = plus + 1;
    }
    return out;
}

bool has(const std::vector<std::string> &kinds, const std::string &base) {
    return std::any_of(kinds.begin(), kinds.end(),
                       [&](const std::string &k) { return k.substr(0, k.find(':')) == base; });
}

struct OrderSpec {
    std::string by; ///< natural, name, total, attr, rating
    std::string arg;
    bool desc = false, explicit_dir = false;
};

OrderSpec parse_order(const std::string &s, const char *option) {
    OrderSpec o;
    std::string v = s;
    for (std::string dir : {":desc", ":asc"})
        if (v.size() > dir.size() && v.compare(v.size() - dir.size(), dir.size(), dir) == 0) {
            o.desc = dir == ":desc";
            o.explicit_dir = true;
            v.resize(v.size() - dir.size());
        }
    auto colon = v.find(':');
    o.by = v.substr(0, colon);
    if (colon != std::string::npos)
        o.arg = v.substr(colon + 1);
    static const std::vector<std::string> ways = {"natural", "name", "total", "attr", "rating"};
    if (std::find(ways.begin(), ways.end(), o.by) == ways.end() ||
        (o.by == "attr" && o.arg.empty()) ||
        ((o.by == "natural" || o.by == "name" || o.by == "total") && !o.arg.empty())) {
        auto m = model::did_you_mean(o.by, ways);
        throw Error(Exit::usage, option, fmt::format("\"{}\" is not an order", s),
                    m && *m != o.by ? fmt::format("did you mean \"{}\"?", *m)
                                    : "use natural, name, total, attr:KEY or rating[:COLUMN], "
                                      "with :desc or :asc");
    }
    return o;
}

/// Values of `key` for the members of `d` (cases, sources, participants).
std::vector<std::string> member_attrs(store::Db &db, const engine::Dim &d, const std::string &key,
                                      const char *option) {
    if (d.entity.empty())
        throw Error(Exit::usage, option,
                    fmt::format("{} rows or columns have no attributes to order by", d.spec),
                    "order by attr:KEY works for case, source and participant");
    auto own = engine::attr_values(db, d.entity);
    auto cases = d.entity == "source" ? engine::attr_values(db, "case") : decltype(own){};
    std::unordered_map<std::string, std::string> case_of;
    if (d.entity == "source")
        for (const auto &s : store::source_briefs(db))
            case_of[s.name] = s.case_name;
    std::vector<std::string> v(d.members.size());
    bool any_key = false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const auto &name = d.members[i].label;
        if (auto e = own.find(name); e != own.end() && e->second.count(key))
            v[i] = e->second[key];
        else if (auto c = cases.find(case_of[name]); c != cases.end() && c->second.count(key))
            v[i] = c->second[key];
        any_key = any_key || !v[i].empty();
    }
    if (!any_key && !store::attribute_type(db, d.entity, key)) {
        std::vector<std::string> keys;
        for (const auto &a : store::list_attributes(db, d.entity, -1))
            keys.push_back(a.key);
        not_found(d.entity + " attribute", key, keys);
    }
    return v;
}

struct Pending {
    std::int64_t coding, start, end;
    std::int32_t source;
};

/// SHA-256 of what the data shows, in the dimensions' natural order (before dropping and
/// ordering, which notes can change): member keys, every cell's counts, the quoted codings.
std::string fingerprint(const engine::Dim &rows, const engine::Dim &cols,
                        const model::MatrixCounts &counts,
                        const std::unordered_map<std::size_t, std::vector<Pending>> &pending) {
    audit::Hasher h;
    for (const auto *d : {&rows, &cols}) {
        h.field(std::to_string(d->members.size()));
        for (const auto &m : d->members)
            h.field(m.key);
    }
    std::string buf; // the counts as little-endian 64-bit numbers, a block at a time
    auto put = [&](std::int64_t v) {
        auto u = static_cast<std::uint64_t>(v);
        for (int b = 0; b < 8; ++b)
            buf += static_cast<char>((u >> (8 * b)) & 0xFF);
        if (buf.size() >= 1 << 16) {
            h.add(buf);
            buf.clear();
        }
    };
    for (std::size_t r = 0; r < counts.rows(); ++r)
        for (std::size_t c = 0; c < counts.cols(); ++c) {
            put(counts.count(r, c));
            put(counts.sources(r, c));
            put(counts.participants(r, c));
        }
    std::vector<std::size_t> cells;
    for (const auto &[cell, list] : pending)
        cells.push_back(cell);
    std::sort(cells.begin(), cells.end());
    for (auto cell : cells) {
        put(static_cast<std::int64_t>(cell));
        for (const auto &p : pending.at(cell))
            put(p.coding);
    }
    h.add(buf);
    return h.hex();
}

} // namespace

MatrixResult matrix(const Context &ctx, const MatrixRequest &req, const MatrixNotes *notes) {
    std::size_t n_quotes = 0;
    auto kinds = cell_kinds(req.cell, n_quotes);
    auto orow = parse_order(req.order_rows, "--order-rows");
    auto ocol = parse_order(req.order_cols, "--order-cols");
    if ((has(kinds, "summary") || has(kinds, "rating") || orow.by == "rating" ||
         ocol.by == "rating") &&
        !notes)
        throw Error(Exit::usage, "--cell",
                    "summary and rating cells are written in a saved display",
                    "save it with `qda display save NAME -- OPTIONS`, write cells with `qda "
                    "display cell`, see them with `qda display show NAME`");
    if (req.level != 1 && req.level != 2)
        throw Error(Exit::usage, "--level", fmt::format("{} is not a level", req.level),
                    "1: first-cycle codes; 2: pattern codes (themes)");
    Session s(ctx);
    auto &db = s.db();
    store::ScanCache small(db);
    auto rb = engine::basis_of(req.rows), cb = engine::basis_of(req.cols);
    auto on_participant = [&](const std::string &spec) {
        if (spec.rfind("attr:", 0) != 0)
            return false;
        auto key = spec.substr(5);
        if (key.rfind("participant.", 0) == 0)
            return true;
        if (key.rfind("case.", 0) == 0 || key.rfind("source.", 0) == 0)
            return false;
        return !store::attribute_type(db, "source", key) &&
               !store::attribute_type(db, "case", key) &&
               store::attribute_type(db, "participant", key).has_value();
    };
    bool need_turns = rb == Basis::participant || rb == Basis::speaker ||
                      cb == Basis::participant || cb == Basis::speaker ||
                      on_participant(req.rows) || on_participant(req.cols) ||
                      has(kinds, "participants");
    auto u = engine::load(db, req.where, req.no_interviewer, need_turns,
                          rb == Basis::period || cb == Basis::period,
                          rb == Basis::coder || cb == Basis::coder);
    auto rows = engine::resolve(db, u, req.rows, req.level);
    auto cols = engine::resolve(db, u, req.cols, req.level);
    const auto R = rows.members.size(), C = cols.members.size();
    const bool track_sources = req.cell_sources || req.fingerprint || has(kinds, "sources");
    model::MatrixCounts counts(R, C, u.need_turns, track_sources);

    std::unordered_map<std::size_t, std::vector<Pending>> pending;
    std::function<void(const engine::Visit &)> each;
    if (n_quotes > 0)
        each = [&](const engine::Visit &v) {
            for (auto r : *v.rows)
                for (auto c : *v.cols) {
                    auto &q = pending[static_cast<std::size_t>(r) * C + c];
                    if (q.size() < n_quotes)
                        q.push_back({v.coding, v.start, v.end, v.source});
                }
        };

    MatrixResult res;
    res.request = req;
    res.cell_kinds = kinds;
    res.path = engine::accumulate(db, u, rows, cols, counts, n_quotes > 0, each);
    if (req.fingerprint)
        res.fingerprint = fingerprint(rows, cols, counts, pending);

    for (std::size_t r = 0; r < R; ++r) {
        auto t = counts.row_total(r);
        rows.members[r].count = t.count;
        rows.members[r].sources = t.sources;
        rows.members[r].participants = t.participants;
    }
    for (std::size_t c = 0; c < C; ++c) {
        auto t = counts.col_total(c);
        cols.members[c].count = t.count;
        cols.members[c].sources = t.sources;
        cols.members[c].participants = t.participants;
    }
    auto g = counts.grand_total();
    res.total = {"total", "total", "", g.count, g.sources, g.participants};

    // Notes by member index, so that a row or column with a note is never empty.
    std::map<std::pair<std::size_t, std::size_t>, const MatrixNote *> noted;
    if (notes) {
        std::unordered_map<std::string, std::size_t> rk, ck;
        for (std::size_t r = 0; r < R; ++r)
            rk[rows.members[r].key] = r;
        for (std::size_t c = 0; c < C; ++c)
            ck[cols.members[c].key] = c;
        for (const auto &[key, note] : *notes) {
            auto r = rk.find(key.first);
            auto c = ck.find(key.second);
            if (r != rk.end() && c != ck.end())
                noted[{r->second, c->second}] = &note;
        }
    }
    std::vector<char> row_noted(R, 0), col_noted(C, 0);
    for (const auto &[rc, n] : noted) {
        row_noted[rc.first] = 1;
        col_noted[rc.second] = 1;
    }

    auto keep = [](const engine::Dim &d, const std::vector<char> &noted_, bool drop) {
        std::vector<std::size_t> k;
        for (std::size_t i = 0; i < d.members.size(); ++i) {
            bool empty = d.members[i].count == 0 && !noted_[i];
            if (!(empty && (drop || d.extra[i])))
                k.push_back(i);
        }
        return k;
    };
    auto krows = keep(rows, row_noted, req.drop_empty_rows);
    auto kcols = keep(cols, col_noted, req.drop_empty_cols);

    // Ordering; ratings are read from the notes of one column (the first with a rating).
    auto arrange = [&](engine::Dim &d, std::vector<std::size_t> &kept, const OrderSpec &o,
                       bool is_rows, const char *option) -> std::string {
        if (o.by == "natural")
            return "";
        std::vector<std::string> values(d.members.size());
        std::string title;
        if (o.by == "attr") {
            values = member_attrs(db, d, o.arg, option);
            title = o.arg;
        } else if (o.by == "rating") {
            const auto &other = is_rows ? cols : rows;
            const auto &other_kept = is_rows ? kcols : krows;
            std::optional<std::size_t> at;
            if (!o.arg.empty()) {
                for (auto i : other_kept)
                    if (other.members[i].label == o.arg || other.members[i].key == o.arg)
                        at = i;
                if (!at) {
                    std::vector<std::string> names;
                    for (auto i : other_kept)
                        names.push_back(other.members[i].label);
                    not_found(is_rows ? "column" : "row", o.arg, names);
                }
            } else
                for (auto i : other_kept) {
                    for (const auto &[rc, n] : noted)
                        if ((is_rows ? rc.second : rc.first) == i && !n->rating.empty())
                            at = i;
                    if (at)
                        break;
                }
            title = at ? "rating: " + other.members[*at].label : "rating";
            if (at)
                for (const auto &[rc, n] : noted)
                    if ((is_rows ? rc.second : rc.first) == *at)
                        values[is_rows ? rc.first : rc.second] = n->rating;
        }
        std::vector<model::OrderItem> items;
        for (auto i : kept)
            items.push_back({d.members[i].label, d.members[i].count, values[i]});
        auto by = o.by == "name"                                 ? model::OrderBy::name
                  : o.by == "total"                              ? model::OrderBy::total
                  : (o.explicit_dir ? o.desc : o.by == "rating") ? model::OrderBy::value_desc
                                                                 : model::OrderBy::value;
        auto pos = model::order(items, by);
        std::vector<std::size_t> sorted;
        for (auto p : pos)
            sorted.push_back(kept[p]);
        kept = sorted;
        if (!title.empty())
            for (std::size_t i = 0; i < d.members.size(); ++i)
                d.members[i].group = values[i];
        return title;
    };
    res.group_title = arrange(rows, krows, orow, true, "--order-rows");
    arrange(cols, kcols, ocol, false, "--order-cols");

    // The members move into the result (the whole list when all are kept in order): nothing
    // reads them from the dimensions after this.
    auto identity = [](const std::vector<std::size_t> &k, std::size_t n) {
        for (std::size_t i = 0; i < k.size(); ++i)
            if (k[i] != i)
                return false;
        return k.size() == n;
    };
    auto take = [&identity](std::vector<MatrixMember> &from, const std::vector<std::size_t> &kept,
                            std::vector<MatrixMember> &to) {
        if (identity(kept, from.size())) {
            to = std::move(from);
            return;
        }
        to.reserve(kept.size());
        for (auto k : kept)
            to.push_back(std::move(from[k]));
    };
    take(rows.members, krows, res.rows);
    take(cols.members, kcols, res.cols);
    const auto KC = kcols.size();
    std::vector<std::ptrdiff_t> row_pos(R, -1), col_pos(C, -1);
    for (std::size_t i = 0; i < krows.size(); ++i)
        row_pos[krows[i]] = static_cast<std::ptrdiff_t>(i);
    for (std::size_t j = 0; j < KC; ++j)
        col_pos[kcols[j]] = static_cast<std::ptrdiff_t>(j);
    auto ascending = [](const std::vector<std::size_t> &k) {
        return std::is_sorted(k.begin(), k.end());
    };
    if (identity(krows, R) && identity(kcols, C)) {
        counts.release(res.count, res.sources, res.participants);
    } else if (ascending(krows) && ascending(kcols)) {
        // Dropped rows or columns without reordering: cell (i, j) of the kept ones is never
        // after cell (krows[i], kcols[j]) of all, so the cells move down in place.
        counts.release(res.count, res.sources, res.participants);
        for (std::size_t i = 0; i < krows.size(); ++i)
            for (std::size_t j = 0; j < KC; ++j) {
                auto from = krows[i] * C + kcols[j], to = i * KC + j;
                res.count[to] = res.count[from];
                if (!res.sources.empty())
                    res.sources[to] = res.sources[from];
                if (u.need_turns)
                    res.participants[to] = res.participants[from];
            }
        for (auto *v : {&res.count, &res.sources, &res.participants})
            if (!v->empty())
                v->resize(krows.size() * KC); // no shrink_to_fit: it would copy
    } else {
        res.count.resize(krows.size() * KC);
        if (track_sources)
            res.sources.resize(res.count.size());
        if (u.need_turns)
            res.participants.resize(res.count.size());
        for (std::size_t i = 0; i < krows.size(); ++i)
            for (std::size_t j = 0; j < KC; ++j) {
                auto r = krows[i], c = kcols[j];
                auto out = i * KC + j;
                res.count[out] = static_cast<std::uint32_t>(counts.count(r, c));
                if (!res.sources.empty())
                    res.sources[out] = static_cast<std::uint32_t>(counts.sources(r, c));
                if (u.need_turns)
                    res.participants[out] = static_cast<std::uint32_t>(counts.participants(r, c));
            }
    }
    for (const auto &[rc, n] : noted)
        if (row_pos[rc.first] >= 0 && col_pos[rc.second] >= 0)
            res.notes[static_cast<std::size_t>(row_pos[rc.first]) * KC +
                      static_cast<std::size_t>(col_pos[rc.second])] = *n;
    std::map<std::int32_t, std::vector<std::pair<std::size_t, const Pending *>>> by_source;
    for (const auto &[key, list] : pending) {
        auto r = key / C, c = key % C;
        if (row_pos[r] < 0 || col_pos[c] < 0)
            continue;
        auto out = static_cast<std::size_t>(row_pos[r]) * KC + static_cast<std::size_t>(col_pos[c]);
        for (const auto &p : list)
            by_source[p.source].emplace_back(out, &p);
    }
    // Quote text: each source's text is read once, and only for the quotes shown.
    for (const auto &[si, list] : by_source) {
        auto text = store::source_text(db, u.sources[si].id);
        text::OffsetMap map(text);
        for (const auto &[out, p] : list) {
            auto b = map.to_byte(p->start), e = map.to_byte(p->end);
            res.quotes[out].push_back(
                {p->coding, p->start, p->end, u.sources[si].name,
                 model::shorten_quote(std::string_view(text).substr(b, e - b), req.quote_chars)});
        }
    }
    for (auto &[out, qs] : res.quotes)
        std::sort(qs.begin(), qs.end(), [](const MatrixQuote &a, const MatrixQuote &b) {
            return std::tie(a.source, a.start, a.coding) < std::tie(b.source, b.start, b.coding);
        });
    return res;
}

} // namespace qda::app
