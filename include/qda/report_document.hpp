#pragma once
// A long report (the audit report): a title, key/value fields, and sections with paragraphs,
// counts and tables, rendered as Markdown, one self-contained HTML file, or JSON.
#include <string>
#include <utility>
#include <vector>

#include "qda/report.hpp"

namespace qda::report {

struct Section {
    std::string key;     ///< JSON key, stable ("raw-data")
    std::string heading; ///< for people
    std::vector<std::string> paragraphs;
    std::vector<std::pair<std::string, Cell>> fields; ///< counts and the like, as a list
    std::vector<Table> tables; ///< each with its own sub-heading; an empty one says "none"
};

struct Document {
    std::string schema, title;
    std::vector<std::pair<std::string, Cell>> fields;
    std::vector<Section> sections;
};

/// md, html (a complete page, every text escaped) or json; throws a usage error otherwise.
std::string render_document(const Document &d, Format f);

} // namespace qda::report
