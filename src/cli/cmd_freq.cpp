// qda freq: codings, sources and participants per code, as a tree with rolled-up counts.
#include <fmt/format.h>

#include "cli/globals.hpp"
#include "cli/matrix_cli.hpp"
#include "qda/matrix.hpp"

namespace qda::cli {
namespace {

struct Args {
    std::string by;
    std::vector<std::string> where;
    bool no_interviewer = false;
};

report::Output freq_output(const app::FreqResult &f, bool json, bool table) {
    report::Output o{"qda.freq/1", {}, {}};
    report::Table codes{
        "codes",
        {"code", "path", "parent", "depth", "cycle", "codings", "sources", "participants", "own"},
        {}};
    const auto B = f.by.size();
    if (!json && B > 0) { // one wide table: codings per code and member
        report::Table t{"freq", {"code"}, {}};
        for (const auto &b : f.by)
            t.columns.push_back(b);
        t.columns.push_back("total");
        for (std::size_t i = 0; i < f.codes.size(); ++i) {
            const auto &c = f.codes[i];
            std::vector<report::Cell> row{
                (table ? std::string(2 * static_cast<std::size_t>(c.depth), ' ') : "") + c.code};
            for (std::size_t j = 0; j < B; ++j)
                row.push_back(f.count[i * B + j]);
            row.push_back(c.codings);
            t.rows.push_back(std::move(row));
        }
        o.tables.push_back(std::move(t));
        return o;
    }
    for (const auto &c : f.codes)
        codes.rows.push_back(
            {(table ? std::string(2 * static_cast<std::size_t>(c.depth), ' ') : "") + c.code,
             c.path, c.parent, static_cast<std::int64_t>(c.depth),
             static_cast<std::int64_t>(c.cycle), c.codings, c.sources, c.participants, c.own});
    o.tables.push_back(std::move(codes));
    if (json) {
        report::Table by{"by", {"code", "by", "codings", "sources", "participants"}, {}};
        for (std::size_t i = 0; i < f.codes.size(); ++i)
            for (std::size_t j = 0; j < B; ++j)
                if (f.count[i * B + j] > 0)
                    by.rows.push_back({f.codes[i].code, f.by[j], f.count[i * B + j],
                                       f.sources[i * B + j], f.participants[i * B + j]});
        o.tables.push_back(std::move(by));
    }
    return o;
}

} // namespace

void add_freq(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "freq", "Codings, sources and participants per code, rolled up over the code tree");
    auto a = std::make_shared<Args>();
    cmd->add_option("--by", a->by,
                    "Also count per case, source, kind, participant, speaker, attr:KEY, coder or "
                    "period:day|week|month|year");
    cmd->add_option("--where", a->where, "Filter KEY=VALUE, as in qda matrix");
    cmd->add_flag("--no-interviewer", a->no_interviewer, "Leave the interviewer's turns out");
    cmd->callback([&g, a] {
        auto ctx = g.context(matrix_formats());
        std::vector<std::pair<std::string, std::string>> where;
        for (const auto &w : a->where)
            where.push_back(key_value(w, "--where"));
        auto f = app::freq(ctx, a->by, where, a->no_interviewer);
        g.print(freq_output(f, g.format == "json", g.format == "table"), matrix_formats());
    });
}

} // namespace qda::cli
