#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <unicode/uchar.h>

#include "qda/error.hpp"
#include "qda/report.hpp"

using namespace qda::report;

namespace {

Output sample() {
    Table t{"sources", {"name", "turns", "note"}, {}};
    t.rows.push_back({std::string("u01-rina"), std::int64_t{40}, std::string("kue, \"bolu\"")});
    t.rows.push_back({std::string("日本語"), std::int64_t{3}, std::string("a\tb\nc")});
    return {"qda.sources/1", {}, {t}};
}

} // namespace

TEST_CASE("display width counts wide characters and emoji as two columns") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("Corbató") == 7);
    CHECK(display_width("日本語") == 6);
    CHECK(display_width("e\u0301") == 1); // combining accent
    CHECK(display_width("😀") == 2);
    // The ASCII fast path gives what the Unicode properties give, control characters included.
    for (int c = 0; c < 0x80; ++c) {
        const char one[2] = {static_cast<char>(c), 0};
        UChar32 cp = c;
        std::size_t want = (u_charType(cp) == U_NON_SPACING_MARK ||
                            u_charType(cp) == U_ENCLOSING_MARK || u_charType(cp) == U_FORMAT_CHAR)
                               ? 0
                               : 1;
        CHECK(display_width(std::string_view(one, 1)) == want);
    }
    CHECK(display_width("a\u0301b日") == 4);
}

TEST_CASE("table output aligns by display width") {
    auto s = render(sample(), Format::table);
    CHECK(s.find("name      turns") != std::string::npos);
    CHECK(s.find("日本語        3") !=
          std::string::npos); // 6 columns + 2 spaces + right-aligned 5-wide
}

TEST_CASE("tsv escapes tabs and newlines; csv quotes") {
    auto tsv = render(sample(), Format::tsv);
    CHECK(tsv == "name\tturns\tnote\nu01-rina\t40\tkue, \"bolu\"\n日本語\t3\ta\\tb\\nc\n");
    auto csv = render(sample(), Format::csv);
    CHECK(csv.find("u01-rina,40,\"kue, \"\"bolu\"\"\"") != std::string::npos);
    CHECK(csv.find("\"a\tb\nc\"") != std::string::npos);
}

TEST_CASE("json carries the schema and typed rows") {
    auto j = nlohmann::json::parse(render(sample(), Format::json));
    CHECK(j["schema"] == "qda.sources/1");
    CHECK(j["sources"][0]["turns"] == 40);
    CHECK(j["sources"][1]["note"] == "a\tb\nc");
    auto l = render(sample(), Format::jsonl);
    CHECK(std::count(l.begin(), l.end(), '\n') == 2);
}

TEST_CASE("md, html and latex escape their special characters") {
    Table t{"t", {"a"}, {{std::string("x|y & <z> 50%")}}};
    Output o{"s/1", {}, {t}};
    CHECK(render(o, Format::md).find("x\\|y") != std::string::npos);
    CHECK(render(o, Format::html).find("&amp; &lt;z&gt;") != std::string::npos);
    CHECK(render(o, Format::latex).find("\\& <z> 50\\%") != std::string::npos);
}

TEST_CASE("unknown format is a usage error naming the allowed ones") {
    try {
        parse_format("xml", {Format::table, Format::tsv});
        FAIL("no error");
    } catch (const qda::Error &e) {
        CHECK(e.code() == qda::Exit::usage);
        CHECK(e.hint().find("table, tsv") != std::string::npos);
    }
    CHECK(parse_format("tsv", {Format::table, Format::tsv}) == Format::tsv);
}
