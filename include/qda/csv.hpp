#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

/// RFC 4180 CSV (and TSV with the same quoting rules), shared by survey import and
/// `qda attr import`, so that both accept and reject exactly the same files.
namespace qda::interop {

/// A parsed table. Fields are UTF-8; a CRLF or CR inside a quoted field becomes LF.
struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    /// 1-based physical line where each row starts, so errors found later can name the line.
    std::vector<std::int64_t> row_lines;
};

/// Parse `utf8` (a leading BOM is ignored) with `delim` as the field separator; the first
/// record is the header and empty lines are skipped. Throws Error(Exit::data, "WHERE:LINE")
/// for an unterminated quoted field, text after a closing quote, a row whose field count
/// differs from the header's, or an input without a header.
Table parse(std::string_view utf8, char delim, std::string_view where);

/// One field ready to write: quoted (with quotes doubled) when it holds the delimiter, a
/// quote, CR or LF, so that `parse` reads back exactly `value`.
std::string csv_field(std::string_view value, char delim);

} // namespace qda::interop
