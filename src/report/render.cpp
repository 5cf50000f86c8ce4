#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "qda/error.hpp"
#include "qda/report.hpp"
#include "report/cells.hpp"

namespace qda::report {
namespace {

std::string plain(const Cell &c) {
    return std::visit(
        [](const auto &v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return "";
            else if constexpr (std::is_same_v<T, bool>)
                return v ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::string>)
                return v;
            else if constexpr (std::is_same_v<T, Json>)
                return v.text;
            else if constexpr (std::is_same_v<T, double>)
                return fmt::format("{:.6g}", v);
            else
                return std::to_string(v);
        },
        c);
}

nlohmann::json to_json(const Cell &c) {
    return std::visit(
        [](const auto &v) -> nlohmann::json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return nullptr;
            else if constexpr (std::is_same_v<T, Json>)
                return nlohmann::json::parse(v.text, nullptr, false);
            else
                return v;
        },
        c);
}

bool numeric(const Cell &c) {
    return std::holds_alternative<std::int64_t>(c) || std::holds_alternative<double>(c);
}

// TSV cannot hold a tab or newline in a field: escape them as \t and \n (and \ as \\).
std::string tsv_field(const std::string &s) {
    std::string o;
    o.reserve(s.size());
    for (char ch : s) {
        if (ch == '\t')
            o += "\\t";
        else if (ch == '\n')
            o += "\\n";
        else if (ch == '\r')
            o += "\\r";
        else if (ch == '\\')
            o += "\\\\";
        else
            o += ch;
    }
    return o;
}

std::string csv_field(const std::string &s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string o = "\"";
    for (char ch : s) {
        if (ch == '"')
            o += '"';
        o += ch;
    }
    return o + "\"";
}

std::string one_line(const std::string &s) {
    std::string o = s;
    std::replace(o.begin(), o.end(), '\n', ' ');
    std::replace(o.begin(), o.end(), '\t', ' ');
    return o;
}

std::string md_field(const std::string &s) {
    std::string o;
    for (char ch : one_line(s)) {
        if (ch == '|')
            o += "\\|";
        else
            o += ch;
    }
    return o;
}

std::string html_escape(const std::string &s) {
    std::string o;
    for (char ch : s) {
        switch (ch) {
        case '&':
            o += "&amp;";
            break;
        case '<':
            o += "&lt;";
            break;
        case '>':
            o += "&gt;";
            break;
        case '"':
            o += "&quot;";
            break;
        case '\n':
            o += "<br>";
            break;
        default:
            o += ch;
        }
    }
    return o;
}

std::string latex_escape(const std::string &s) {
    std::string o;
    for (char ch : one_line(s)) {
        switch (ch) {
        case '&':
        case '%':
        case '$':
        case '#':
        case '_':
        case '{':
        case '}':
            o += '\\';
            o += ch;
            break;
        case '~':
            o += "\\textasciitilde{}";
            break;
        case '^':
            o += "\\textasciicircum{}";
            break;
        case '\\':
            o += "\\textbackslash{}";
            break;
        default:
            o += ch;
        }
    }
    return o;
}

std::string pad(const std::string &s, std::size_t width, bool right) {
    auto w = display_width(s);
    std::string fill(width > w ? width - w : 0, ' ');
    return right ? fill + s : s + fill;
}

std::string render_table(const Output &out) {
    std::string o;
    if (!out.fields.empty()) {
        std::size_t kw = 0;
        for (const auto &[k, v] : out.fields)
            kw = std::max(kw, display_width(k));
        for (const auto &[k, v] : out.fields)
            o += pad(k + ":", kw + 1, false) + " " + one_line(plain(v)) + "\n";
    }
    for (const auto &t : out.tables) {
        if (!out.fields.empty() || out.tables.size() > 1)
            o += (o.empty() ? "" : "\n") + t.name + "\n";
        std::vector<std::size_t> w(t.columns.size());
        std::vector<bool> right(t.columns.size(), true);
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            w[c] = display_width(t.columns[c]);
        for (const auto &r : t.rows)
            for (std::size_t c = 0; c < r.size() && c < w.size(); ++c) {
                w[c] = std::max(w[c], display_width(one_line(plain(r[c]))));
                if (!numeric(r[c]) && !std::holds_alternative<std::monostate>(r[c]))
                    right[c] = false;
            }
        auto line = [&](const std::vector<std::string> &cells) {
            std::string l;
            for (std::size_t c = 0; c < cells.size(); ++c) {
                bool last = c + 1 == cells.size();
                l += last && !right[c] ? cells[c] : pad(cells[c], w[c], right[c]);
                if (!last)
                    l += "  ";
            }
            while (!l.empty() && l.back() == ' ')
                l.pop_back();
            return l + "\n";
        };
        std::vector<std::string> head;
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            head.push_back(t.columns[c]);
        o += line(head);
        for (const auto &r : t.rows) {
            std::vector<std::string> cells;
            for (const auto &c : r)
                cells.push_back(one_line(plain(c)));
            o += line(cells);
        }
    }
    return o;
}

std::string render_delimited(const Output &out, bool tsv) {
    std::string o;
    auto field = [&](const std::string &s) { return tsv ? tsv_field(s) : csv_field(s); };
    const char sep = tsv ? '\t' : ',';
    if (!out.fields.empty()) {
        o += std::string("field") + sep + "value\n";
        for (const auto &[k, v] : out.fields)
            o += field(k) + sep + field(plain(v)) + "\n";
    }
    for (const auto &t : out.tables) {
        if (!o.empty())
            o += "\n";
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            o += (c ? std::string(1, sep) : "") + field(t.columns[c]);
        o += "\n";
        for (const auto &r : t.rows) {
            for (std::size_t c = 0; c < r.size(); ++c)
                o += (c ? std::string(1, sep) : "") + field(plain(r[c]));
            o += "\n";
        }
    }
    return o;
}

nlohmann::ordered_json rows_json(const Table &t) {
    auto arr = nlohmann::ordered_json::array();
    for (const auto &r : t.rows) {
        nlohmann::ordered_json row = nlohmann::ordered_json::object();
        for (std::size_t c = 0; c < t.columns.size() && c < r.size(); ++c)
            row[t.columns[c]] = to_json(r[c]);
        arr.push_back(std::move(row));
    }
    return arr;
}

std::string render_json(const Output &out) {
    nlohmann::ordered_json j;
    j["schema"] = out.schema;
    for (const auto &[k, v] : out.fields)
        j[k] = to_json(v);
    for (const auto &t : out.tables)
        j[t.name] = rows_json(t);
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_jsonl(const Output &out) {
    std::string o;
    for (const auto &t : out.tables)
        for (const auto &row : rows_json(t))
            o += row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    return o;
}

std::string render_md(const Output &out) {
    std::string o;
    for (const auto &[k, v] : out.fields)
        o += "- **" + md_field(k) + "**: " + md_field(plain(v)) + "\n";
    for (const auto &t : out.tables) {
        if (!o.empty())
            o += "\n";
        if (!out.fields.empty() || out.tables.size() > 1)
            o += "### " + t.name + "\n\n";
        o += "|";
        for (const auto &c : t.columns)
            o += " " + md_field(c) + " |";
        o += "\n|";
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            o += (t.rows.empty() || !numeric(t.rows[0][c])) ? " --- |" : " ---: |";
        o += "\n";
        for (const auto &r : t.rows) {
            o += "|";
            for (const auto &c : r)
                o += " " + md_field(plain(c)) + " |";
            o += "\n";
        }
    }
    return o;
}

std::string render_html(const Output &out) {
    std::string o;
    if (!out.fields.empty()) {
        o += "<dl>\n";
        for (const auto &[k, v] : out.fields)
            o += "<dt>" + html_escape(k) + "</dt><dd>" + html_escape(plain(v)) + "</dd>\n";
        o += "</dl>\n";
    }
    for (const auto &t : out.tables) {
        o += "<table>\n<caption>" + html_escape(t.name) + "</caption>\n<thead><tr>";
        for (const auto &c : t.columns)
            o += "<th>" + html_escape(c) + "</th>";
        o += "</tr></thead>\n<tbody>\n";
        for (const auto &r : t.rows) {
            o += "<tr>";
            for (const auto &c : r)
                o += (numeric(c) ? "<td class=\"num\">" : "<td>") + html_escape(plain(c)) + "</td>";
            o += "</tr>\n";
        }
        o += "</tbody>\n</table>\n";
    }
    return o;
}

std::string render_latex(const Output &out) {
    std::string o;
    for (const auto &t : out.tables) {
        o += "\\begin{tabular}{" + std::string(t.columns.size(), 'l') + "}\n\\hline\n";
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            o += (c ? " & " : "") + latex_escape(t.columns[c]);
        o += " \\\\\n\\hline\n";
        for (const auto &r : t.rows) {
            for (std::size_t c = 0; c < r.size(); ++c)
                o += (c ? " & " : "") + latex_escape(plain(r[c]));
            o += " \\\\\n";
        }
        o += "\\hline\n\\end{tabular}\n";
    }
    return o;
}

} // namespace

// The escaping and cell conversions above, for the other renderers of this layer (cells.hpp).
std::string escape_html(const std::string &s) {
    return html_escape(s);
}
std::string escape_md(const std::string &s) {
    return md_field(s);
}
std::string cell_text(const Cell &c) {
    return plain(c);
}
nlohmann::json cell_json(const Cell &c) {
    return to_json(c);
}

Format parse_format(std::string_view name, const std::vector<Format> &allowed) {
    for (auto f : allowed)
        if (format_name(f) == name)
            return f;
    std::vector<std::string> names;
    for (auto f : allowed)
        names.push_back(format_name(f));
    throw Error(Exit::usage, "--format", fmt::format("unknown format \"{}\"", name),
                fmt::format("this command writes {}", fmt::join(names, ", ")));
}

std::string format_name(Format f) {
    switch (f) {
    case Format::table:
        return "table";
    case Format::tsv:
        return "tsv";
    case Format::csv:
        return "csv";
    case Format::json:
        return "json";
    case Format::jsonl:
        return "jsonl";
    case Format::md:
        return "md";
    case Format::html:
        return "html";
    case Format::latex:
        return "latex";
    }
    return "table";
}

std::string render(const Output &out, Format f) {
    switch (f) {
    case Format::table:
        return render_table(out);
    case Format::tsv:
        return render_delimited(out, true);
    case Format::csv:
        return render_delimited(out, false);
    case Format::json:
        return render_json(out);
    case Format::jsonl:
        return render_jsonl(out);
    case Format::md:
        return render_md(out);
    case Format::html:
        return render_html(out);
    case Format::latex:
        return render_latex(out);
    }
    return {};
}

} // namespace qda::report
