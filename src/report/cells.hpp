#pragma once
// Escaping and cell conversions shared by the renderers of src/report (defined in render.cpp).
#include <string>

#include <nlohmann/json.hpp>

#include "qda/report.hpp"

namespace qda::report {

/// HTML text and attribute escaping (& < > "), line breaks as <br>.
std::string escape_html(const std::string &s);
/// A Markdown table field: one line, `|` escaped.
std::string escape_md(const std::string &s);
/// A cell as text (what table, md and html print).
std::string cell_text(const Cell &c);
/// A cell as a JSON value.
nlohmann::json cell_json(const Cell &c);

} // namespace qda::report
