// qda agreement --data: coefficients on a reliability data matrix coded anywhere.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "qda/agreement_app.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"

namespace qda::app {
namespace {

std::optional<double> number(const std::string &s) {
    auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    if (b == std::string::npos)
        return std::nullopt;
    double v = 0;
    auto r = std::from_chars(s.data() + b, s.data() + e + 1, v);
    if (r.ec != std::errc() || r.ptr != s.data() + e + 1 || !std::isfinite(v))
        return std::nullopt;
    return v;
}

bool is_label_header(const std::string &s) {
    std::string l;
    for (char c : s)
        l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return l.empty() || l == "unit" || l == "units" || l == "id" || l == "coder" || l == "coders";
}

} // namespace

AgreementResult agreement_data(const DataRequest &req) {
    std::ifstream f(req.file, std::ios::binary);
    if (!f)
        throw Error(Exit::no_input, req.file.string(), "cannot read the reliability data file");
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    auto ext = req.file.extension().string();
    char delim = ext == ".tsv" || ext == ".tab" || ext == ".txt" ? '\t' : ',';
    auto t = interop::parse(bytes, delim, req.file.string());
    const auto where = [&](std::size_t row) {
        return fmt::format("{}:{}", req.file.string(),
                           row < t.row_lines.size() ? t.row_lines[row] : 1);
    };

    // The cell of unit u and coder c, and the row it sits on, read in place: no copy.
    std::vector<std::string> coders;
    std::size_t first = 0, nunits = 0;
    if (!req.transpose) {
        first = is_label_header(t.header[0]) && t.header.size() > 2 ? 1 : 0;
        coders.assign(t.header.begin() + static_cast<std::ptrdiff_t>(first), t.header.end());
        nunits = t.rows.size();
    } else {
        // Coders as rows: the first column names them, the first line labels the units.
        for (const auto &r : t.rows)
            coders.push_back(r[0]);
        nunits = t.header.size() - 1;
    }
    auto cell = [&](std::size_t u, std::size_t c) -> std::pair<const std::string &, std::size_t> {
        if (!req.transpose)
            return {t.rows[u][first + c], u};
        return {t.rows[c][u + 1], c};
    };
    if (coders.size() < 2)
        throw Error(Exit::data, req.file.string(),
                    "reliability data need at least two coders (columns; rows with --transpose)");

    model::ReliabilityData d;
    d.coders = coders.size();
    std::map<std::string, std::int32_t> index;
    std::vector<std::string> labels;
    std::unordered_map<std::string, std::int32_t> raw_index; // as written -> value index
    const bool metric = req.level != model::Level::nominal;
    d.cells.reserve(nunits * coders.size());
    std::vector<std::int32_t> row;
    for (std::size_t u = 0; u < nunits; ++u) {
        row.clear();
        for (std::size_t c = 0; c < coders.size(); ++c) {
            auto [raw, r] = cell(u, c);
            std::string v = raw;
            auto b = v.find_first_not_of(" \t"), e = v.find_last_not_of(" \t");
            v = b == std::string::npos ? "" : v.substr(b, e - b + 1);
            if (v.empty() || (!req.missing.empty() && v == req.missing)) {
                row.push_back(model::ReliabilityData::missing);
                continue;
            }
            if (auto seen = raw_index.find(v); seen != raw_index.end()) {
                row.push_back(seen->second);
                continue;
            }
            auto num = number(v);
            if (metric && !num)
                throw Error(Exit::data, where(r),
                            fmt::format("\"{}\" is not a number: {} alpha needs numbers", v,
                                        model::level_name(req.level)),
                            req.missing.empty() ? "mark missing values with an empty cell or "
                                                  "--missing TOKEN"
                                                : "");
            if (req.level == model::Level::ratio && num && *num < 0)
                throw Error(Exit::data, where(r),
                            fmt::format("{} is negative: ratio data start at 0", v));
            // Numbers are one value however they are written (1, 1.0).
            auto key = num ? fmt::format("{}", *num) : v;
            auto it = index.find(key);
            if (it == index.end()) {
                it = index.emplace(key, static_cast<std::int32_t>(d.values.size())).first;
                d.values.push_back(num ? *num : std::nan(""));
                labels.push_back(v);
            }
            raw_index.emplace(v, it->second);
            row.push_back(it->second);
        }
        d.add(row);
    }
    if (!metric)
        for (auto &x : d.values)
            if (std::isnan(x))
                x = 0; // nominal: the numbers are not used

    AgreementResult out;
    out.unit = "data";
    out.level = model::level_name(req.level);
    out.coders = coders;
    AgreementRow r{"(all)", req.file.filename().string(), 0, {}, {}, {}, {}, std::nullopt};
    r.percent = model::percent_agreement(d);
    if (d.coders == 2)
        r.cohen = model::cohen_kappa(d);
    else
        r.cohen.undefined = "Cohen's kappa is for two coders";
    r.fleiss = model::fleiss_kappa(d);
    if (metric) {
        r.percent.undefined = "percent agreement is for nominal data";
        r.percent.value.reset();
        r.cohen = {std::nullopt, "kappa is for nominal data", 0};
        r.fleiss = {std::nullopt, "kappa is for nominal data", 0};
    }
    r.alpha = model::krippendorff_alpha(d, req.level);
    r.units = r.alpha.units;
    if (req.bootstrap > 0 && r.alpha.value)
        r.ci = model::bootstrap_alpha(d, req.level, req.bootstrap, req.seed);
    out.rows.push_back(r);
    out.notes.push_back(fmt::format("{} unit(s) read, {} coder(s), {} distinct value(s)", nunits,
                                    coders.size(), labels.size()));
    return out;
}

} // namespace qda::app
