#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "qda/error.hpp"
#include "qda/report_document.hpp"

using namespace qda::report;

namespace {

Document sample() {
    Table t{"memos", {"id", "title", "before"}, {}};
    t.rows.push_back({std::int64_t{1}, std::string("<b>Harapan</b> & \"AI\""), true});
    Section s{"intentions", "Intentions & dispositions", {"Reflexive <memos>."}, {}, {}};
    s.fields.emplace_back("reflexive memos", std::int64_t{1});
    s.tables.push_back(t);
    s.tables.push_back({"decisions", {"seq", "why"}, {}});
    return {"qda.audit-report/1", "Audit report: a|b", {{"events", std::int64_t{7}}}, {s}};
}

} // namespace

TEST_CASE("markdown report: headings per section and table, escaped fields, none for empty") {
    auto md = render_document(sample(), Format::md);
    CHECK(md.starts_with("# Audit report: a\\|b\n"));
    CHECK(md.find("\n## Intentions & dispositions\n") != std::string::npos);
    CHECK(md.find("- reflexive memos: 1\n") != std::string::npos);
    CHECK(md.find("### memos\n\n| id | title | before |\n") != std::string::npos);
    CHECK(md.find("| 1 | <b>Harapan</b> & \"AI\" | true |") != std::string::npos);
    CHECK(md.find("### decisions\n\n(none)\n") != std::string::npos);
}

TEST_CASE("html report: one page, every text escaped") {
    auto html = render_document(sample(), Format::html);
    CHECK(html.starts_with("<!DOCTYPE html>\n"));
    CHECK(html.ends_with("</html>\n"));
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("&lt;b&gt;Harapan&lt;/b&gt; &amp; &quot;AI&quot;") != std::string::npos);
    CHECK(html.find("<p>Reflexive &lt;memos&gt;.</p>") != std::string::npos);
    CHECK(html.find("<section id=\"intentions\">") != std::string::npos);
    CHECK(html.find("<h2>Intentions &amp; dispositions</h2>") != std::string::npos);
}

TEST_CASE("json report: typed values, rows keyed by column") {
    auto j = nlohmann::json::parse(render_document(sample(), Format::json));
    CHECK(j["schema"] == "qda.audit-report/1");
    CHECK(j["events"] == 7);
    const auto &s = j["sections"][0];
    CHECK(s["key"] == "intentions");
    CHECK(s["fields"]["reflexive memos"] == 1);
    CHECK(s["tables"][0]["rows"][0]["before"] == true);
    CHECK(s["tables"][0]["rows"][0]["id"] == 1);
    CHECK(s["tables"][1]["rows"].empty());
}

TEST_CASE("a report has no tsv") {
    CHECK_THROWS_AS(render_document(sample(), Format::tsv), qda::Error);
}
