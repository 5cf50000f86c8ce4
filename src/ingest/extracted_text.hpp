#pragma once
// Text layout shared by the extractors (HTML, DOCX, ODT, RTF, PDF), so that every format
// reaches turn detection in the same shape: paragraphs separated by exactly one blank line.
#include <string>
#include <string_view>
#include <vector>

namespace qda::ingest {

/// Join paragraphs with one blank line. Trailing white space (including U+00A0) is removed
/// from every line, runs of blank lines inside a paragraph become one, and paragraphs that
/// are blank are dropped, because a blank paragraph carries nothing anyone can code.
std::string join_paragraphs(const std::vector<std::string> &paragraphs);

/// `s` without leading and trailing spaces, tabs, newlines and U+00A0.
std::string trim_copy(std::string_view s);

} // namespace qda::ingest
