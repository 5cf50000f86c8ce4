// RFC 4180 reader and field writer. Quoting rules are the same for CSV and TSV (what
// spreadsheets write); a quote is special only at the start of a field. Records end at LF,
// CRLF or CR outside quotes; empty lines are skipped.
#include "qda/csv.hpp"

#include <string>

#include "qda/error.hpp"

namespace qda::interop {
namespace {

constexpr std::size_t max_context = 200;

class Parser {
  public:
    Parser(std::string_view s, char delim, std::string_view where)
        : s_(s), delim_(delim), where_(where) {
        if (s_.substr(0, 3) == "\xEF\xBB\xBF")
            i_ = 3;
        line_start_ = i_;
    }

    Table run() {
        Table t;
        bool have_header = false;
        while (i_ < s_.size()) {
            if (s_[i_] == '\n' || s_[i_] == '\r') {
                end_line();
                continue;
            }
            const std::int64_t first_line = line_;
            const std::size_t first_start = line_start_;
            auto record = read_record();
            if (!have_header) {
                t.header = std::move(record);
                have_header = true;
                continue;
            }
            if (record.size() != t.header.size())
                fail(first_line, first_start,
                     "this row has " + fields(record.size()) + " but the header has " +
                         fields(t.header.size()),
                     "quote a field that contains the delimiter");
            t.rows.push_back(std::move(record));
            t.row_lines.push_back(first_line);
        }
        if (!have_header)
            throw Error(Exit::data, std::string(where_), "empty table: there is no header line");
        return t;
    }

  private:
    std::vector<std::string> read_record() {
        std::vector<std::string> record;
        for (;;) {
            record.push_back(i_ < s_.size() && s_[i_] == '"' ? quoted() : unquoted());
            if (i_ < s_.size() && s_[i_] == delim_) {
                ++i_;
                continue;
            }
            break;
        }
        if (i_ < s_.size())
            end_line();
        return record;
    }

    std::string unquoted() {
        const std::size_t b = i_;
        while (i_ < s_.size() && s_[i_] != delim_ && s_[i_] != '\n' && s_[i_] != '\r')
            ++i_;
        return std::string(s_.substr(b, i_ - b));
    }

    std::string quoted() {
        const std::int64_t open_line = line_;
        const std::size_t open_start = line_start_;
        std::string field;
        ++i_;
        for (;;) {
            if (i_ >= s_.size())
                fail(open_line, open_start,
                     "unterminated quoted field: the quote opened on line " +
                         std::to_string(open_line) + " is never closed",
                     "a quote inside a quoted field is written twice: \"\"");
            const char c = s_[i_];
            if (c == '"') {
                if (i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
                    field += '"';
                    i_ += 2;
                    continue;
                }
                ++i_;
                break;
            }
            if (c == '\n' || c == '\r') {
                field += '\n';
                end_line();
                continue;
            }
            field += c;
            ++i_;
        }
        while (i_ < s_.size() && s_[i_] == ' ' && delim_ != ' ')
            ++i_;
        if (i_ < s_.size() && s_[i_] != delim_ && s_[i_] != '\n' && s_[i_] != '\r')
            fail(line_, line_start_, "text after the closing quote of a quoted field",
                 "a quote inside a quoted field is written twice: \"\"");
        return field;
    }

    // Consume one LF, CRLF or CR at i_.
    void end_line() {
        if (s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n')
            ++i_;
        ++i_;
        ++line_;
        line_start_ = i_;
    }

    [[noreturn]] void fail(std::int64_t line, std::size_t start, std::string what,
                           std::string hint) const {
        Error e(Exit::data, std::string(where_) + ":" + std::to_string(line), std::move(what),
                std::move(hint));
        std::size_t end = start;
        while (end < s_.size() && s_[end] != '\n' && s_[end] != '\r')
            ++end;
        if (end - start > max_context) {
            end = start + max_context;
            while (end > start && (static_cast<unsigned char>(s_[end]) & 0xC0) == 0x80)
                --end;
        }
        e.context.emplace_back(s_.substr(start, end - start));
        throw e;
    }

    static std::string fields(std::size_t n) {
        return std::to_string(n) + (n == 1 ? " field" : " fields");
    }

    std::string_view s_;
    char delim_;
    std::string_view where_;
    std::size_t i_ = 0;
    std::int64_t line_ = 1;
    std::size_t line_start_ = 0;
};

} // namespace

Table parse(std::string_view utf8, char delim, std::string_view where) {
    return Parser(utf8, delim, where).run();
}

std::string csv_field(std::string_view value, char delim) {
    if (value.find_first_of(std::string{delim, '"', '\n', '\r'}) == std::string_view::npos)
        return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

} // namespace qda::interop
