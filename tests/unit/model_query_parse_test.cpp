#include <doctest/doctest.h>

#include <string>

#include "qda/error.hpp"
#include "qda/query.hpp"

using qda::model::parse_query;
using qda::model::to_string;

namespace {

/// The error of a query that must not parse: "WHERE: WHAT".
std::string error_of(const std::string &q) {
    try {
        parse_query(q);
    } catch (const qda::Error &e) {
        CHECK(e.code() == qda::Exit::usage);
        return e.where() + ": " + e.what();
    }
    FAIL("query parsed: " << q);
    return {};
}

std::string read(const std::string &q) {
    return to_string(parse_query(q));
}

} // namespace

TEST_CASE("a single code name, bare or quoted") {
    CHECK(read("ai-tanpa-sadar") == "ai-tanpa-sadar");
    CHECK(read("  kendala-waktu ") == "kendala-waktu");
    CHECK(read("\"kendala waktu\"") == "\"kendala waktu\"");
    CHECK(read("\"and\"") == "\"and\""); // a keyword as a name must be quoted, and stays quoted
    auto q = parse_query("  kendala-waktu");
    CHECK(q.kind == qda::model::QueryNode::Kind::code);
    CHECK(q.column == 3);
}

TEST_CASE("precedence: NOT binds tightest, then OVERLAPS/WITHIN/NEAR, then AND, then OR") {
    CHECK(read("a OR b AND c") == "(a OR (b AND c))");
    CHECK(read("a AND b OR c") == "((a AND b) OR c)");
    CHECK(read("a AND b OVERLAPS c") == "(a AND (b OVERLAPS c))");
    CHECK(read("a WITHIN b AND c NEAR/2 d") == "((a WITHIN b) AND (c NEAR/2 d))");
    CHECK(read("NOT a AND b") == "(NOT a AND b)");
    CHECK(read("NOT a OVERLAPS b") == "(NOT a OVERLAPS b)");
    CHECK(read("NOT NOT a") == "NOT NOT a");
    CHECK(read("a OVERLAPS b WITHIN c") == "((a OVERLAPS b) WITHIN c)"); // left-associative
    CHECK(read("a OR b OR c") == "((a OR b) OR c)");
}

TEST_CASE("parentheses override precedence") {
    CHECK(read("(a OR b) AND c") == "((a OR b) AND c)");
    CHECK(read("a AND (b OR (c))") == "(a AND (b OR c))");
    CHECK(read("NOT (a OR b)") == "NOT (a OR b)");
}

TEST_CASE("keywords are case-insensitive; NEAR carries its distance") {
    CHECK(read("a and b Or not c") == "((a AND b) OR NOT c)");
    auto q = parse_query("ai-tanpa-sadar near/3 kendala-waktu");
    CHECK(q.kind == qda::model::QueryNode::Kind::near);
    CHECK(q.distance == 3);
    CHECK(q.column == 16);
    CHECK(read("a NEAR/0 b") == "(a NEAR/0 b)");
}

TEST_CASE("errors name the column and what was expected") {
    CHECK(error_of("a AND") == "query:1:6: expected a code name after AND");
    CHECK(error_of("ai AND  ") == "query:1:9: expected a code name after AND");
    CHECK(error_of("") == "query:1:1: expected a code name");
    CHECK(error_of("a OR )") == "query:1:6: expected a code name after OR, found \")\"");
    CHECK(error_of("(a OR b") == "query:1:8: expected ')' to close the '(' at column 1");
    CHECK(error_of("a b") ==
          "query:1:3: expected AND, OR, NOT, OVERLAPS, WITHIN or NEAR/N before \"b\"");
    CHECK(error_of("a)") == "query:1:2: unexpected ')' (no '(' to close)");
    CHECK(error_of("a NEAR b") ==
          "query:1:3: \"NEAR\": NEAR needs a distance in segments, as NEAR/2");
    CHECK(error_of("a near/x b") ==
          "query:1:3: \"near/x\": NEAR needs a distance in segments, as NEAR/2");
    CHECK(error_of("\"kendala waktu") ==
          "query:1:1: unterminated quoted code name (add the closing \")");
    CHECK(error_of("a AND AND b") == "query:1:7: expected a code name after AND, found \"AND\" "
                                     "(quote a code name that is a keyword: \"AND\")");
    CHECK(error_of("NOT") == "query:1:4: expected a code name after NOT");
}

TEST_CASE("columns count code points, not bytes") {
    // "é" is two bytes but one column.
    CHECK(error_of("kopi-é AND") == "query:1:11: expected a code name after AND");
    CHECK(error_of("é OR") == "query:1:5: expected a code name after OR");
}

TEST_CASE("resolving names fills code ids and collects the codes a query uses") {
    auto q = parse_query("pola OR (a AND NOT b)");
    std::vector<std::pair<std::string, std::size_t>> asked;
    qda::model::resolve_codes(
        q, [&](const std::string &name, std::size_t col) -> std::vector<std::int64_t> {
            asked.emplace_back(name, col);
            if (name == "pola")
                return {3, 2, 3};
            if (name == "a")
                return {1};
            return {7};
        });
    REQUIRE(asked.size() == 3);
    CHECK(asked[0] == std::pair<std::string, std::size_t>{"pola", 1});
    CHECK(asked[2] == std::pair<std::string, std::size_t>{"b", 20});
    CHECK(q.left->codes == std::vector<std::int64_t>{2, 3});
    CHECK(qda::model::query_codes(q) == std::vector<std::int64_t>{1, 2, 3, 7});
}
