// qda triangulate: the convergence coding matrix (presence, bands and silence of each theme in
// each group of data, computed by the matrix engine), the quotes behind it, and the verdicts
// only the researcher gives.
#include "qda/triangulation.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"
#include "qda/matrix_model.hpp"
#include "qda/names.hpp"
#include "qda/text.hpp"
#include "qda/triangulation_model.hpp"
#include "store/codes.hpp"
#include "store/matrix_data.hpp"
#include "store/repo.hpp"
#include "store/triangulation.hpp"

namespace qda::app {
namespace {

void check_across(const std::string &across) {
    if (across == "kind" || across == "coder" ||
        (across.rfind("attr:", 0) == 0 && across.size() > 5))
        return;
    static const std::vector<std::string> dims = {"kind", "coder", "attr:"};
    auto m = model::did_you_mean(across, dims);
    throw Error(Exit::usage, "--across",
                fmt::format("\"{}\" is not a dimension to triangulate", across),
                m && *m != "attr:" ? fmt::format("did you mean \"{}\"?", *m)
                                   : "use kind, coder or attr:NAME (attr:role for roles)");
}

void check_level(int level) {
    if (level != 1 && level != 2)
        throw Error(Exit::usage, "--level", fmt::format("{} is not a level", level),
                    "use 1 (codes) or 2 (themes: pattern codes)");
}

/// The matrix behind the triangulation: themes (or codes) x groups.
MatrixResult theme_matrix(const Context &ctx, const TriangulationRequest &req,
                          const std::string &cell, std::size_t quote_chars = 100) {
    MatrixRequest m;
    m.rows = req.level == 2 ? "theme" : "code";
    m.cols = req.across;
    m.cell = cell;
    m.level = req.level;
    m.no_interviewer = req.no_interviewer;
    m.quote_chars = quote_chars;
    return matrix(ctx, m);
}

/// Sources in each group: every source of a kind; for other dimensions, the sources with a
/// coding in the group (a role's sources are those where someone of that role was coded).
std::vector<std::int64_t> group_sizes(const Context &ctx, const TriangulationRequest &req,
                                      const MatrixResult &themes) {
    std::vector<std::int64_t> out(themes.cols.size(), 0);
    if (req.across == "kind") {
        Session s(ctx);
        std::map<std::string, std::int64_t> by_kind;
        for (const auto &b : store::source_briefs(s.db()))
            ++by_kind[b.kind];
        for (std::size_t j = 0; j < themes.cols.size(); ++j)
            out[j] = by_kind[themes.cols[j].label];
        return out;
    }
    MatrixRequest m;
    m.rows = "source";
    m.cols = req.across;
    m.cell = "count";
    m.no_interviewer = req.no_interviewer;
    auto r = matrix(ctx, m);
    std::map<std::string, std::int64_t> by_group;
    for (std::size_t j = 0; j < r.cols.size(); ++j)
        for (std::size_t i = 0; i < r.rows.size(); ++i)
            if (r.count[r.cell(i, j)] > 0)
                ++by_group[r.cols[j].label];
    for (std::size_t j = 0; j < themes.cols.size(); ++j)
        out[j] = by_group[themes.cols[j].label];
    return out;
}

/// The matrix columns that are groups of this triangulation, in column order.
std::vector<std::size_t> selected_groups(const TriangulationRequest &req, const MatrixResult &m) {
    std::vector<std::string> labels;
    for (const auto &c : m.cols)
        labels.push_back(c.label);
    for (const auto &g : req.groups)
        if (std::find(labels.begin(), labels.end(), g) == labels.end()) {
            auto dym = model::did_you_mean(g, labels);
            throw Error(Exit::no_input, "--groups", fmt::format("no group \"{}\"", g),
                        dym ? fmt::format("did you mean \"{}\"?", *dym)
                            : fmt::format("the groups are {}", fmt::join(labels, ", ")));
        }
    std::vector<std::size_t> out;
    for (std::size_t j = 0; j < labels.size(); ++j) {
        bool keep =
            req.groups.empty()
                ? !(req.across == "kind" &&
                    (labels[j] == "member-check" || labels[j] == "instrument"))
                : std::find(req.groups.begin(), req.groups.end(), labels[j]) != req.groups.end();
        if (keep)
            out.push_back(j);
    }
    return out;
}

struct Codes {
    std::map<std::string, std::int64_t> id_by_uid;
    std::map<std::int64_t, std::string> name_by_id;
};

Codes load_codes(store::Db &db) {
    Codes c;
    for (const auto &r : store::all_codes(db)) {
        c.id_by_uid[r.uid] = r.id;
        c.name_by_id[r.id] = r.name;
    }
    return c;
}

/// The matrix row of THEME, or a not-found error (with did-you-mean among the rows).
std::size_t theme_row(store::Db &db, const MatrixResult &m, const Codes &codes,
                      const std::string &theme, int level) {
    auto id = require_code(db, theme);
    for (std::size_t i = 0; i < m.rows.size(); ++i) {
        auto it = codes.id_by_uid.find(m.rows[i].key);
        if (it != codes.id_by_uid.end() && it->second == id)
            return i;
    }
    std::vector<std::string> names;
    for (const auto &r : m.rows)
        names.push_back(r.label);
    auto dym = model::did_you_mean(theme, names);
    throw Error(Exit::no_input, theme,
                level == 2 ? "is not a theme (a pattern code)" : "is not a code of the matrix",
                dym          ? fmt::format("did you mean \"{}\"?", *dym)
                : level == 2 ? "use --level 1 for first-cycle codes"
                             : "");
}

/// Split "A:B" into two of `groups` (a group name may itself hold a colon).
std::pair<std::size_t, std::size_t> parse_pair(const std::string &pair,
                                               const std::vector<std::string> &groups) {
    auto index = [&](const std::string &g) -> std::optional<std::size_t> {
        auto it = std::find(groups.begin(), groups.end(), g);
        if (it == groups.end())
            return std::nullopt;
        return static_cast<std::size_t>(it - groups.begin());
    };
    for (auto c = pair.find(':'); c != std::string::npos; c = pair.find(':', c + 1)) {
        auto a = index(pair.substr(0, c)), b = index(pair.substr(c + 1));
        if (a && b) {
            if (*a == *b)
                throw Error(Exit::usage, "--pair", fmt::format("\"{}\": a group with itself", pair),
                            "name two different groups");
            return {*a, *b};
        }
    }
    auto c = pair.find(':');
    if (c == std::string::npos)
        throw Error(Exit::usage, "--pair", fmt::format("\"{}\" is not A:B", pair),
                    fmt::format("the groups are {}", fmt::join(groups, ", ")));
    for (auto side : {pair.substr(0, c), pair.substr(c + 1)})
        if (!index(side)) {
            auto m = model::did_you_mean(side, groups);
            throw Error(Exit::no_input, "--pair", fmt::format("no group \"{}\"", side),
                        m ? fmt::format("did you mean \"{}\"?", *m)
                          : fmt::format("the groups are {}", fmt::join(groups, ", ")));
        }
    throw Error(Exit::usage, "--pair", fmt::format("\"{}\" is not A:B", pair),
                fmt::format("the groups are {}", fmt::join(groups, ", ")));
}

TriangulationCell cell_of(const MatrixResult &m, std::size_t row, std::size_t col,
                          std::int64_t group_sources, const model::Bands &b) {
    TriangulationCell c;
    auto i = m.cell(row, col);
    c.group = m.cols[col].label;
    c.codings = m.count[i];
    c.sources = m.sources[i];
    c.participants = m.participants_at(i);
    c.present = c.codings > 0;
    c.group_sources = group_sources;
    c.share = model::share(c.sources, group_sources);
    c.band = model::band(c.sources, group_sources, b);
    return c;
}

/// The line(s) holding code points [start, end) of `text`, at most `max_chars` code points
/// around the span ("..." where cut), white space runs made one space.
std::string context_of(const std::string &text, const text::OffsetMap &map, std::int64_t start,
                       std::int64_t end, std::size_t max_chars) {
    auto bs = map.to_byte(start), be = map.to_byte(end);
    auto ls = bs == 0 ? std::string::npos : text.rfind('\n', bs - 1);
    ls = ls == std::string::npos ? 0 : ls + 1;
    auto le = text.find('\n', be > bs ? be - 1 : be);
    if (le == std::string::npos)
        le = text.size();
    auto lcs = map.to_cp(ls), lce = map.to_cp(le);
    auto max = static_cast<std::int64_t>(max_chars);
    if (lce - lcs <= max)
        return model::shorten_quote(std::string_view(text).substr(ls, le - ls), max_chars);
    auto ws = std::max(
        lcs, std::min(start - std::max<std::int64_t>(0, (max - (end - start)) / 2), lce - max));
    auto we = std::min(lce, ws + max);
    auto b = map.to_byte(ws), e = map.to_byte(we);
    // Cut at word boundaries when one is near, never into the quote itself.
    if (ws > lcs)
        if (auto sp = text.find(' ', b); sp != std::string::npos && sp < bs && sp - b < 20)
            b = sp + 1;
    if (we < lce)
        if (auto sp = text.rfind(' ', e - 1); sp != std::string::npos && sp >= be && e - sp < 20)
            e = sp;
    auto cut = model::shorten_quote(std::string_view(text).substr(b, e - b), max_chars + 1);
    return (ws > lcs ? "..." : "") + cut + (we < lce ? "..." : "");
}

TriangulationVerdict verdict_view(const store::TriangulationVerdictRow &v, const Codes &codes) {
    TriangulationVerdict o;
    o.id = v.id;
    auto n = codes.name_by_id.find(v.theme_id);
    o.theme = n != codes.name_by_id.end() ? n->second : std::to_string(v.theme_id);
    o.across = v.across;
    o.a = v.group_a;
    o.b = v.group_b;
    o.meaning = v.meaning;
    o.examples = v.examples;
    o.verdict = v.verdict;
    o.why = v.why;
    o.bands = v.bands;
    o.judged_by = v.created_by;
    o.judged_at = v.created_at;
    return o;
}

} // namespace

TriangulationResult triangulate(const Context &ctx, const TriangulationRequest &req) {
    check_across(req.across);
    check_level(req.level);
    auto bands = model::parse_bands(req.bands);
    auto m = theme_matrix(ctx, req, "participants");
    auto sizes = group_sizes(ctx, req, m);

    Session s(ctx);
    auto codes = load_codes(s.db());
    std::vector<std::size_t> rows;
    if (req.themes.empty()) {
        for (std::size_t i = 0; i < m.rows.size(); ++i)
            rows.push_back(i);
    } else {
        for (const auto &t : req.themes)
            rows.push_back(theme_row(s.db(), m, codes, t, req.level));
    }
    // The latest verdict per (theme, pair), in either order of the pair.
    std::map<std::tuple<std::int64_t, std::string, std::string>, store::TriangulationVerdictRow>
        latest;
    for (auto &v : store::triangulation_verdicts(s.db(), req.across)) {
        latest[{v.theme_id, v.group_a, v.group_b}] = v;
        latest[{v.theme_id, v.group_b, v.group_a}] = v;
    }

    TriangulationResult out;
    out.across = req.across;
    out.high = bands.high;
    out.medium = bands.medium;
    auto sel = selected_groups(req, m);
    for (auto j : sel) {
        out.groups.push_back(m.cols[j].label);
        out.group_sources.push_back(sizes[j]);
    }
    for (auto i : rows) {
        TriangulationRow row;
        row.theme = m.rows[i].label;
        auto id_it = codes.id_by_uid.find(m.rows[i].key);
        auto theme_id = id_it != codes.id_by_uid.end() ? id_it->second : -1;
        std::vector<bool> present;
        for (auto j : sel) {
            row.groups.push_back(cell_of(m, i, j, sizes[j], bands));
            present.push_back(row.groups.back().present);
            row.present_in += row.groups.back().present ? 1 : 0;
        }
        std::vector<model::PairState> states;
        for (std::size_t a = 0; a < sel.size(); ++a)
            for (std::size_t b = a + 1; b < sel.size(); ++b) {
                TriangulationPair p;
                p.a = out.groups[a];
                p.b = out.groups[b];
                p.silence = model::silence(present[a], present[b]);
                if (auto v = latest.find({theme_id, p.a, p.b}); v != latest.end()) {
                    p.verdict = v->second.verdict;
                    p.meaning = v->second.meaning;
                    p.examples = v->second.examples;
                    p.why = v->second.why;
                    p.judged_by = v->second.created_by;
                    p.judged_at = v->second.created_at;
                    p.bands = v->second.bands;
                }
                states.push_back({p.silence, p.verdict});
                row.pairs.push_back(std::move(p));
            }
        row.status = model::row_status(present, states);
        out.rows.push_back(std::move(row));
    }
    return out;
}

TriangulationEvidence triangulation_evidence(const Context &ctx, const TriangulationRequest &req,
                                             const std::string &theme, const std::string &pair,
                                             int quotes, std::size_t quote_chars) {
    check_across(req.across);
    check_level(req.level);
    if (quotes < 1)
        throw Error(Exit::usage, "--quotes", fmt::format("{} is not a number of quotes", quotes),
                    "give 1 or more");
    auto bands = model::parse_bands(req.bands);
    auto m = theme_matrix(ctx, req, fmt::format("participants+quotes:{}", quotes), quote_chars);
    auto sizes = group_sizes(ctx, req, m);
    Session s(ctx);
    auto codes = load_codes(s.db());
    auto row = theme_row(s.db(), m, codes, theme, req.level);
    TriangulationEvidence out;
    out.theme = m.rows[row].label;
    out.across = req.across;
    auto sel = selected_groups(req, m);
    std::vector<std::string> all;
    for (auto j : sel)
        all.push_back(m.cols[j].label);
    std::vector<std::size_t> cols;
    if (pair.empty()) {
        cols = sel;
    } else {
        auto [a, b] = parse_pair(pair, all);
        cols = {sel[a], sel[b]};
    }
    for (auto j : cols) {
        out.groups.push_back(m.cols[j].label);
        out.cells.push_back(cell_of(m, row, j, sizes[j], bands));
        auto q = m.quotes.find(m.cell(row, j));
        out.quotes.push_back(q != m.quotes.end() ? q->second : std::vector<MatrixQuote>{});
    }
    // The line around each quote, so meaning can be judged beyond a coded keyword.
    std::map<std::string, std::int64_t> source_ids;
    for (const auto &b : store::source_briefs(s.db()))
        source_ids[b.name] = b.id;
    std::map<std::string, std::string> texts;
    for (const auto &qs : out.quotes) {
        std::vector<std::string> cs;
        for (const auto &q : qs) {
            auto t = texts.find(q.source);
            if (t == texts.end())
                t = texts.emplace(q.source, store::source_text(s.db(), source_ids.at(q.source)))
                        .first;
            text::OffsetMap map(t->second);
            cs.push_back(context_of(t->second, map, q.start, q.end, quote_chars));
        }
        out.contexts.push_back(std::move(cs));
    }
    return out;
}

TriangulationVerdict judge_triangulation(const Context &ctx, const TriangulationRequest &req,
                                         const std::string &theme, const std::string &pair,
                                         const std::string &meaning, const std::string &examples) {
    check_across(req.across);
    check_level(req.level);
    auto meaning_agrees = model::judgement(meaning, "--meaning");
    auto examples_agree = model::judgement(examples, "--examples");
    if (pair.empty())
        throw Error(Exit::usage, "--pair", "a verdict is on a pair of groups", "give --pair A:B");
    if (ctx.why.empty())
        throw Error(Exit::usage, "triangulate judge", "a verdict needs its reason",
                    "say why with --why \"...\" (what the quotes of both groups show)");
    auto bands = model::parse_bands(req.bands);
    auto m = theme_matrix(ctx, req, "count");
    std::vector<std::string> groups;
    for (auto j : selected_groups(req, m))
        groups.push_back(m.cols[j].label);

    Session s(ctx);
    auto codes = load_codes(s.db());
    auto row = theme_row(s.db(), m, codes, theme, req.level);
    auto [a, b] = parse_pair(pair, groups);
    if (a > b)
        std::swap(a, b);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    store::TriangulationVerdictRow v;
    v.theme_id = codes.id_by_uid.at(m.rows[row].key);
    v.across = req.across;
    v.group_a = groups[a];
    v.group_b = groups[b];
    v.meaning = meaning;
    v.examples = examples;
    v.verdict = model::verdict(meaning_agrees, examples_agree);
    v.why = ctx.why;
    v.bands = bands.text();
    v.created_at = store::append_time_now();
    v.created_by = s.actor();
    store::insert_triangulation_verdict(s.db(), v, changes);
    s.finish(tx, "triangulate.judge",
             fmt::format("{} on {} between {} and {} across {} ({})", v.verdict, m.rows[row].label,
                         v.group_a, v.group_b, v.across, v.bands),
             changes);
    return verdict_view(v, codes);
}

std::vector<TriangulationVerdict>
triangulation_verdicts(const Context &ctx, const std::string &across, const std::string &theme) {
    if (!across.empty())
        check_across(across);
    Session s(ctx);
    auto codes = load_codes(s.db());
    std::optional<std::int64_t> theme_id;
    if (!theme.empty())
        theme_id = require_code(s.db(), theme);
    auto rows = store::triangulation_verdicts(s.db(), across);
    std::set<std::tuple<std::int64_t, std::string, std::string, std::string>> later;
    std::vector<TriangulationVerdict> out;
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
        auto key = std::make_tuple(it->theme_id, it->across, std::min(it->group_a, it->group_b),
                                   std::max(it->group_a, it->group_b));
        auto v = verdict_view(*it, codes);
        v.current = later.insert(key).second;
        if (!theme_id || *theme_id == it->theme_id)
            out.push_back(std::move(v));
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::vector<std::string> triangulation_gaps(const Context &ctx) {
    std::vector<std::string> dims = {"kind"};
    {
        Session s(ctx);
        for (const auto &d : store::triangulation_dimensions(s.db()))
            if (std::find(dims.begin(), dims.end(), d) == dims.end())
                dims.push_back(d);
    }
    std::vector<std::string> out;
    for (const auto &d : dims) {
        TriangulationRequest req;
        req.across = d;
        TriangulationResult r;
        try {
            r = triangulate(ctx, req);
        } catch (const Error &e) {
            out.push_back(fmt::format("across {}: verdicts were recorded but the matrix cannot be "
                                      "built now: {}",
                                      d, e.what()));
            continue;
        }
        for (const auto &row : r.rows)
            for (const auto &p : row.pairs) {
                if ((p.silence != "a" && p.silence != "b") || !p.verdict.empty())
                    continue;
                const auto &silent = p.silence == "a" ? p.a : p.b;
                const auto &heard = p.silence == "a" ? p.b : p.a;
                out.push_back(fmt::format("theme {} is silent in {} (present in {}) across {}: "
                                          "no triangulation verdict recorded",
                                          row.theme, silent, heard, d));
            }
    }
    return out;
}

} // namespace qda::app
