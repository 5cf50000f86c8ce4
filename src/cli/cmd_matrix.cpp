// qda matrix: codings as rows x columns of any two dimensions, and the printing shared with
// qda display.
#include <algorithm>
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/globals.hpp"
#include "cli/matrix_cli.hpp"
#include "qda/error.hpp"
#include "qda/matrix_model.hpp"

namespace qda::cli {
namespace {

/// One part of a cell ("count", "percent:col", "quotes:2", ...) as text.
std::string part_text(const app::MatrixResult &r, const std::string &kind, std::size_t row,
                      std::size_t col) {
    auto i = r.cell(row, col);
    auto base = kind.substr(0, kind.find(':'));
    auto arg = kind.find(':') == std::string::npos ? "" : kind.substr(kind.find(':') + 1);
    if (base == "count")
        return std::to_string(r.count[i]);
    if (base == "sources")
        return std::to_string(r.sources_at(i));
    if (base == "participants")
        return std::to_string(r.participants_at(i));
    if (base == "presence")
        return r.count[i] > 0 ? "x" : "";
    if (base == "percent") {
        auto whole = arg == "col"   ? r.cols[col].count
                     : arg == "all" ? r.total.count
                                    : r.rows[row].count;
        return fmt::format("{:.1f}", model::percent(r.count[i], whole));
    }
    if (base == "quotes") {
        std::string o;
        if (auto q = r.quotes.find(i); q != r.quotes.end())
            for (const auto &x : q->second)
                o += (o.empty() ? "" : "; ") + fmt::format("\"{}\" ({})", x.text, x.source);
        return o;
    }
    auto n = r.notes.find(i);
    if (n == r.notes.end())
        return "";
    return base == "summary" ? n->second.summary : n->second.rating;
}

report::Cell cell_value(const app::MatrixResult &r, std::size_t row, std::size_t col) {
    const auto &k = r.cell_kinds;
    if (k.size() == 1) {
        auto i = r.cell(row, col);
        auto base = k[0].substr(0, k[0].find(':'));
        if (base == "count")
            return r.count[i];
        if (base == "sources")
            return r.sources_at(i);
        if (base == "participants")
            return r.participants_at(i);
    }
    std::string o;
    for (const auto &kind : k) {
        auto t = part_text(r, kind, row, col);
        if (!t.empty())
            o += (o.empty() ? "" : " ") + t;
    }
    return o;
}

/// What the total row and column count: sources or participants for those cells, else codings.
std::int64_t total_of(const app::MatrixResult &r, const app::MatrixMember &m) {
    auto base = r.cell_kinds.size() == 1 ? r.cell_kinds[0] : "count";
    return base == "sources" ? m.sources : base == "participants" ? m.participants : m.count;
}

/// The wide matrix, rows [from, to), with the total row when `total_row` and --totals.
report::Table wide(const app::MatrixResult &r, std::size_t from, std::size_t to, bool total_row) {
    report::Table t{"matrix", {r.request.rows}, {}};
    bool group = !r.group_title.empty();
    if (group)
        t.columns.push_back(r.group_title);
    for (const auto &c : r.cols)
        t.columns.push_back(c.label);
    if (r.request.totals)
        t.columns.push_back("total");
    for (std::size_t i = from; i < to; ++i) {
        std::vector<report::Cell> row{r.rows[i].label};
        if (group)
            row.push_back(r.rows[i].group);
        for (std::size_t j = 0; j < r.cols.size(); ++j)
            row.push_back(cell_value(r, i, j));
        if (r.request.totals)
            row.push_back(total_of(r, r.rows[i]));
        t.rows.push_back(std::move(row));
    }
    if (r.request.totals && total_row) {
        std::vector<report::Cell> row{std::string("total")};
        if (group)
            row.push_back(std::string());
        for (const auto &c : r.cols)
            row.push_back(total_of(r, c));
        row.push_back(total_of(r, r.total));
        t.rows.push_back(std::move(row));
    }
    return t;
}

report::Table members_table(const char *name, const std::vector<app::MatrixMember> &ms) {
    report::Table t{
        name, {"index", "key", "label", "group", "count", "sources", "participants"}, {}};
    for (std::size_t i = 0; i < ms.size(); ++i)
        t.rows.push_back({static_cast<std::int64_t>(i), ms[i].key, ms[i].label, ms[i].group,
                          ms[i].count, ms[i].sources, ms[i].participants});
    return t;
}

/// The non-empty cells of rows [from, to): a sparse list, since most cells of large matrices are
/// empty; a cell not listed is empty.
report::Table cells_table(const app::MatrixResult &r, std::size_t from, std::size_t to) {
    report::Table cells{"cells",
                        {"row", "col", "value", "count", "sources", "participants", "quotes",
                         "summary", "rating", "evidence"},
                        {}};
    for (std::size_t i = from; i < to; ++i)
        for (std::size_t j = 0; j < r.cols.size(); ++j) {
            auto at = r.cell(i, j);
            auto n = r.notes.find(at);
            if (r.count[at] == 0 && n == r.notes.end())
                continue;
            auto quotes = nlohmann::json::array();
            if (auto q = r.quotes.find(at); q != r.quotes.end())
                for (const auto &x : q->second)
                    quotes.push_back({{"coding", x.coding},
                                      {"source", x.source},
                                      {"start", x.start},
                                      {"end", x.end},
                                      {"text", x.text}});
            std::string value;
            for (const auto &kind : r.cell_kinds) {
                auto t = part_text(r, kind, i, j);
                if (!t.empty())
                    value += (value.empty() ? "" : " ") + t;
            }
            bool noted = n != r.notes.end();
            cells.rows.push_back({static_cast<std::int64_t>(i), static_cast<std::int64_t>(j), value,
                                  r.count[at], r.sources_at(at), r.participants_at(at),
                                  report::Json{quotes.dump()}, noted ? n->second.summary : "",
                                  noted ? n->second.rating : "",
                                  report::Json{nlohmann::json(noted ? n->second.evidence
                                                                    : std::vector<std::int64_t>{})
                                                   .dump()}});
        }
    return cells;
}

/// Everything of the JSON output but the cells, which get an empty table.
report::Output long_form(const app::MatrixResult &r, const app::DisplayInfo *d) {
    report::Output o{"qda.matrix/1", {}, {}};
    if (d) {
        o.fields.emplace_back("display", d->name);
        o.fields.emplace_back("stale", d->stale);
        o.fields.emplace_back("saved_fingerprint", d->fingerprint);
    }
    o.fields.emplace_back("rows_dim", r.request.rows);
    o.fields.emplace_back("cols_dim", r.request.cols);
    o.fields.emplace_back("cell", r.request.cell);
    o.fields.emplace_back("level", static_cast<std::int64_t>(r.request.level));
    o.fields.emplace_back("group", r.group_title);
    o.fields.emplace_back("path", r.path);
    o.fields.emplace_back("fingerprint", r.fingerprint);
    o.fields.emplace_back("total_count", r.total.count);
    o.fields.emplace_back("total_sources", r.total.sources);
    o.fields.emplace_back("total_participants", r.total.participants);
    o.tables.push_back(members_table("rows", r.rows));
    o.tables.push_back(members_table("columns", r.cols));
    o.tables.push_back(cells_table(r, 0, 0));
    return o;
}

} // namespace

const std::vector<report::Format> &matrix_formats() {
    using F = report::Format;
    static const std::vector<F> v = {F::table, F::tsv, F::csv, F::json, F::md, F::html, F::latex};
    return v;
}

void matrix_options(CLI::App *cmd, const std::shared_ptr<MatrixArgs> &a) {
    const std::string dims = "case, source, kind, participant, speaker, attr:KEY, code, theme, "
                             "code:PARENT, coder, period:day|week|month|year";
    cmd->add_option("--rows", a->req.rows, "Rows: " + dims + " (code:P1,P2 for several parents)")
        ->capture_default_str();
    cmd->add_option("--cols", a->req.cols, "Columns: the same dimensions")->capture_default_str();
    cmd->add_option("--cell", a->req.cell,
                    "count, sources, participants, presence, percent[:row|col|all], quotes[:N], "
                    "summary, rating; join with + (presence+quotes:1)")
        ->capture_default_str();
    cmd->add_option("--where", a->where,
                    "Filter KEY=VALUE: kind, case, source, coder, speaker, attr:KEY, "
                    "participant-attr:KEY, from, to (dates); repeat a key for any of its values");
    cmd->add_flag("--no-interviewer", a->req.no_interviewer, "Leave the interviewer's turns out");
    cmd->add_option("--order-rows", a->req.order_rows,
                    "natural, name, total, attr:KEY or rating[:COLUMN]; :desc or :asc after it")
        ->capture_default_str();
    cmd->add_option("--order-cols", a->req.order_cols, "As --order-rows, for the columns")
        ->capture_default_str();
    cmd->add_option("--level", a->req.level,
                    "1: first-cycle codes; 2: pattern codes (their members' codings)")
        ->capture_default_str();
    cmd->add_flag("--totals", a->req.totals, "Add a total row and column");
    cmd->add_flag("--drop-empty", a->drop_empty, "Leave out rows and columns without codings");
    cmd->add_flag("--drop-empty-rows", a->req.drop_empty_rows, "Leave out rows without codings");
    cmd->add_flag("--drop-empty-cols", a->req.drop_empty_cols, "Leave out columns without codings");
    cmd->add_option("--quote-chars", a->req.quote_chars, "Shorten quotes to this many characters")
        ->capture_default_str();
}

app::MatrixRequest matrix_request(const MatrixArgs &a) {
    auto req = a.req;
    for (const auto &w : a.where)
        req.where.push_back(key_value(w, "--where"));
    if (a.drop_empty)
        req.drop_empty_rows = req.drop_empty_cols = true;
    return req;
}

app::MatrixRequest parse_matrix_args(const std::vector<std::string> &args) {
    CLI::App parser("matrix options", "matrix");
    auto a = std::make_shared<MatrixArgs>();
    matrix_options(&parser, a);
    std::vector<std::string> rev(args.rbegin(), args.rend()); // CLI11 reads them from the back
    try {
        parser.parse(rev);
    } catch (const CLI::ParseError &e) {
        throw Error(Exit::usage, "display", fmt::format("matrix options: {}", e.what()),
                    "give the options of `qda matrix` after --");
    }
    return matrix_request(*a);
}

void print_matrix(const Globals &g, const app::MatrixResult &r, const app::DisplayInfo *display) {
    auto f = report::parse_format(g.format, matrix_formats());
    const auto n = r.rows.size();
    auto out = [](const std::string &text) {
        if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size())
            throw Error(Exit::io, "stdout", "cannot write output");
    };
    if (f == report::Format::json) {
        // The cells are rendered a few thousand at a time into the array the rest leaves empty:
        // a document of 400,000 cells would otherwise be held whole, several times over.
        auto head = report::render(long_form(r, display), f);
        auto empty = head.rfind("[]");
        out(head.substr(0, empty + 1));
        bool first = true;
        for (std::size_t from = 0; from < n;) {
            std::size_t to = from, cells = 0;
            while (to < n && cells < 4096) {
                cells += r.cols.size();
                ++to;
            }
            auto chunk = report::render({"qda.matrix/1", {}, {cells_table(r, from, to)}}, f);
            auto b = chunk.find('[') + 1, e = chunk.rfind(']');
            auto body = chunk.substr(b, e - b);
            while (!body.empty() && (body.back() == ' ' || body.back() == '\n'))
                body.pop_back();
            if (!body.empty()) {
                out((first ? "" : ",") + body);
                first = false;
            }
            from = to;
        }
        out((first ? "" : "\n  ") + head.substr(empty + 1));
        if (std::fflush(stdout) != 0)
            throw Error(Exit::io, "stdout", "cannot write output");
        return;
    }
    if (f != report::Format::tsv && f != report::Format::csv)
        return g.print({"qda.matrix/1", {}, {wide(r, 0, n, true)}}, matrix_formats());
    // TSV and CSV go out 64 rows at a time: a matrix of 2,000 cases x 200 codes would
    // otherwise be held as 400,000 cells before the first byte is written.
    const std::size_t step = 64;
    std::size_t from = 0;
    do {
        auto to = std::min(n, from + step);
        auto text = report::render({"qda.matrix/1", {}, {wide(r, from, to, to == n)}}, f);
        if (from > 0)
            text.erase(0, text.find('\n') + 1); // the header, printed with the first rows
        out(text);
        from = to;
    } while (from < n);
    if (std::fflush(stdout) != 0)
        throw Error(Exit::io, "stdout", "cannot write output");
}

void add_matrix(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "matrix", "Codings as rows x columns: cases, sources, participants, attributes, codes, "
                  "themes, coders or periods");
    auto a = std::make_shared<MatrixArgs>();
    matrix_options(cmd, a);
    cmd->callback([&g, a] {
        auto ctx = g.context(matrix_formats());
        auto req = matrix_request(*a);
        const bool json = report::parse_format(g.format, matrix_formats()) == report::Format::json;
        req.fingerprint = json;
        req.cell_sources = json; // every cell's sources; a `sources` cell asks for its own
        auto r = app::matrix(ctx, req);
        print_matrix(g, r);
    });
}

} // namespace qda::cli
