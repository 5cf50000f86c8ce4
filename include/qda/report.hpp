#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

/// Renderers: one data shape, every output format. Machine formats have stable column names
/// and no colour; JSON carries a `schema` naming its shape and version.
namespace qda::report {

/// Already-serialised JSON: nested as JSON in JSON output, printed as its text elsewhere.
struct Json {
    std::string text;
};

using Cell = std::variant<std::monostate, std::int64_t, double, bool, std::string, Json>;

struct Table {
    std::string name; ///< JSON key and section title
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
};

/// What a command prints: optional key/value fields (for "show" views) and tables.
struct Output {
    std::string schema; ///< e.g. "qda.sources/1"
    std::vector<std::pair<std::string, Cell>> fields;
    std::vector<Table> tables;
};

enum class Format { table, tsv, csv, json, jsonl, md, html, latex };

/// Parse a --format value; throws Error(Exit::usage) naming the formats `allowed`.
Format parse_format(std::string_view name, const std::vector<Format> &allowed);
std::string format_name(Format f);

/// The bytes to print for `out` in format `f`.
std::string render(const Output &out, Format f);

/// Terminal columns the UTF-8 text takes (wide and emoji = 2, combining and format marks = 0).
std::size_t display_width(std::string_view utf8);

} // namespace qda::report
