#include <nlohmann/json.hpp>

#include "qda/error.hpp"
#include "qda/report_document.hpp"
#include "report/cells.hpp"

namespace qda::report {
namespace {

std::string md_table(const Table &t) {
    if (t.rows.empty())
        return "(none)\n";
    return render({"", {}, {t}}, Format::md);
}

std::string render_md(const Document &d) {
    std::string o = "# " + escape_md(d.title) + "\n\n";
    for (const auto &[k, v] : d.fields)
        o += "- **" + escape_md(k) + "**: " + escape_md(cell_text(v)) + "\n";
    for (const auto &s : d.sections) {
        o += "\n## " + escape_md(s.heading) + "\n";
        for (const auto &p : s.paragraphs)
            o += "\n" + p + "\n";
        if (!s.fields.empty())
            o += "\n";
        for (const auto &[k, v] : s.fields)
            o += "- " + escape_md(k) + ": " + escape_md(cell_text(v)) + "\n";
        for (const auto &t : s.tables)
            o += "\n### " + escape_md(t.name) + "\n\n" + md_table(t);
    }
    return o;
}

constexpr const char *kStyle =
    "body{font-family:sans-serif;max-width:72em;margin:2em auto;padding:0 1em;line-height:1.4}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em}"
    "th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left;vertical-align:top}"
    "td.num{text-align:right}caption{text-align:left;font-weight:bold;padding:.3em 0}"
    "dt{font-weight:bold;float:left;clear:left;margin-right:.5em}dd{margin:0 0 .2em 0}";

std::string render_html(const Document &d) {
    std::string o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<title>" +
                    escape_html(d.title) + "</title>\n<style>" + kStyle +
                    "</style>\n</head>\n<body>\n<h1>" + escape_html(d.title) + "</h1>\n";
    auto fields = [&](const std::vector<std::pair<std::string, Cell>> &f) {
        if (f.empty())
            return;
        o += "<ul>\n";
        for (const auto &[k, v] : f)
            o += "<li>" + escape_html(k) + ": " + escape_html(cell_text(v)) + "</li>\n";
        o += "</ul>\n";
    };
    fields(d.fields);
    for (const auto &s : d.sections) {
        o += "<section id=\"" + escape_html(s.key) + "\">\n<h2>" + escape_html(s.heading) +
             "</h2>\n";
        for (const auto &p : s.paragraphs)
            o += "<p>" + escape_html(p) + "</p>\n";
        fields(s.fields);
        for (const auto &t : s.tables) {
            o += "<h3>" + escape_html(t.name) + "</h3>\n";
            o += t.rows.empty() ? std::string("<p>(none)</p>\n")
                                : render({"", {}, {t}}, Format::html);
        }
        o += "</section>\n";
    }
    return o + "</body>\n</html>\n";
}

nlohmann::ordered_json fields_json(const std::vector<std::pair<std::string, Cell>> &f) {
    auto j = nlohmann::ordered_json::object();
    for (const auto &[k, v] : f)
        j[k] = cell_json(v);
    return j;
}

std::string render_json(const Document &d) {
    nlohmann::ordered_json j;
    j["schema"] = d.schema;
    j["title"] = d.title;
    for (const auto &[k, v] : d.fields)
        j[k] = cell_json(v);
    auto sections = nlohmann::ordered_json::array();
    for (const auto &s : d.sections) {
        nlohmann::ordered_json js;
        js["key"] = s.key;
        js["heading"] = s.heading;
        js["paragraphs"] = s.paragraphs;
        js["fields"] = fields_json(s.fields);
        auto tables = nlohmann::ordered_json::array();
        for (const auto &t : s.tables) {
            auto rows = nlohmann::ordered_json::array();
            for (const auto &r : t.rows) {
                auto row = nlohmann::ordered_json::object();
                for (std::size_t c = 0; c < t.columns.size() && c < r.size(); ++c)
                    row[t.columns[c]] = cell_json(r[c]);
                rows.push_back(std::move(row));
            }
            tables.push_back({{"name", t.name}, {"columns", t.columns}, {"rows", rows}});
        }
        js["tables"] = std::move(tables);
        sections.push_back(std::move(js));
    }
    j["sections"] = std::move(sections);
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace

std::string render_document(const Document &d, Format f) {
    switch (f) {
    case Format::md:
        return render_md(d);
    case Format::html:
        return render_html(d);
    case Format::json:
        return render_json(d);
    default:
        throw Error(Exit::usage, "--format",
                    "a report is written as md, html or json, not " + format_name(f));
    }
}

} // namespace qda::report
