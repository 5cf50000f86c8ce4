#include <doctest/doctest.h>

#include "qda/csv.hpp"
#include "qda/error.hpp"

using qda::interop::csv_field;
using qda::interop::parse;

namespace {

qda::Error parse_error(std::string_view text, char delim = ',') {
    try {
        parse(text, delim, "s.csv");
    } catch (const qda::Error &e) {
        return e;
    }
    FAIL("no error for: " << text);
    return qda::Error(qda::Exit::ok, "", "");
}

} // namespace

TEST_CASE("csv: header, rows and the line each row starts on") {
    const auto t =
        parse("id,answer\nR1,short\nR2,\"two\nlines, with comma\"\nR3,\"say \"\"hi\"\"\"\n", ',',
              "s.csv");
    CHECK(t.header == std::vector<std::string>{"id", "answer"});
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[1][1] == "two\nlines, with comma");
    CHECK(t.rows[2][1] == "say \"hi\"");
    CHECK(t.row_lines == std::vector<std::int64_t>{2, 3, 5});
}

TEST_CASE("csv: CRLF, CR, a BOM, blank lines and a missing final newline") {
    const auto t = parse("\xEF\xBB\xBF"
                         "a,b\r\n1,\"x\r\ny\"\r\n\r\n2,3\r4,5",
                         ',', "s.csv");
    CHECK(t.header == std::vector<std::string>{"a", "b"});
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0][1] == "x\ny"); // CRLF inside quotes becomes LF
    CHECK(t.rows[1] == std::vector<std::string>{"2", "3"});
    CHECK(t.rows[2] == std::vector<std::string>{"4", "5"});
    CHECK(t.row_lines == std::vector<std::int64_t>{2, 5, 6});
}

TEST_CASE("csv: empty fields, a trailing delimiter and quotes inside unquoted fields") {
    const auto t = parse("a,b,c\n,,\n5\" tall,x,\n", ',', "s.csv");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0] == std::vector<std::string>{"", "", ""});
    CHECK(t.rows[1] == std::vector<std::string>{"5\" tall", "x", ""});
}

TEST_CASE("tsv: tabs separate, commas are text, quoting works the same") {
    const auto t = parse("id\tanswer\nR1\tyes, I agree\nR2\t\"tab\there\"\n", '\t', "s.tsv");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0][1] == "yes, I agree");
    CHECK(t.rows[1][1] == "tab\there");
}

TEST_CASE("csv: a row with the wrong number of fields names its line") {
    const auto e = parse_error("a,b\n1,2\n3,4,5\n");
    CHECK(e.code() == qda::Exit::data);
    CHECK(e.where() == "s.csv:3");
    CHECK(std::string(e.what()).find("3 fields") != std::string::npos);
    CHECK(std::string(e.what()).find("2 fields") != std::string::npos);
    REQUIRE(e.context.size() == 1);
    CHECK(e.context[0] == "3,4,5");
    // The line is the physical one, after a multi-line field.
    CHECK(parse_error("a,b\n1,\"x\ny\nz\"\n3\n").where() == "s.csv:5");
}

TEST_CASE("csv: an unterminated quote names the line where it opened") {
    const auto e = parse_error("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");
    CHECK(e.code() == qda::Exit::data);
    CHECK(e.where() == "s.csv:3");
    CHECK(std::string(e.what()).find("unterminated quoted field") != std::string::npos);
    CHECK(e.context.at(0) == "3,\"never closed");
}

TEST_CASE("csv: text after a closing quote and an empty input are errors") {
    const auto e = parse_error("a,b\n1,\"x\"y\n");
    CHECK(e.where() == "s.csv:2");
    CHECK(std::string(e.what()).find("closing quote") != std::string::npos);
    CHECK(parse_error("").code() == qda::Exit::data);
    CHECK(parse_error("\n\n").where() == "s.csv");
    // Spaces after a closing quote are tolerated.
    CHECK(parse("a,b\n\"x\"  ,y\n", ',', "s.csv").rows[0][0] == "x");
}

TEST_CASE("csv_field quotes only when needed and parse reads it back") {
    CHECK(csv_field("plain text", ',') == "plain text");
    CHECK(csv_field("a,b", ',') == "\"a,b\"");
    CHECK(csv_field("a,b", '\t') == "a,b");
    CHECK(csv_field("tab\there", '\t') == "\"tab\there\"");
    CHECK(csv_field("say \"hi\"", ',') == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines", ',') == "\"two\nlines\"");
    const std::vector<std::string> values = {"Budi, pemilik", "\"kutip\"", "baris\nbaru", "é ü 😀",
                                             ""};
    for (char delim : {',', '\t'}) {
        std::string file = "h1";
        for (std::size_t i = 1; i < values.size(); ++i)
            file += std::string(1, delim) + "h";
        file += "\n";
        for (std::size_t i = 0; i < values.size(); ++i)
            file += (i ? std::string(1, delim) : "") + csv_field(values[i], delim);
        file += "\n";
        const auto t = parse(file, delim, "rt");
        REQUIRE(t.rows.size() == 1);
        CHECK(t.rows[0] == values);
    }
}
