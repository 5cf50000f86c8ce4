#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ingest/readers.hpp"
#include "qda/error.hpp"
#include "qda/text.hpp"

using qda::ingest::read_table;
using qda::ingest::ReadOptions;

namespace {

const std::string survey =
    "id,age,city,Satisfaction,Why did you join the training?,What would you change?\n"
    "R01,34,Medan,Neither agree nor disagree,\"Because my shop needs more customers online, and "
    "my daughter told me about it.\",\"More practice, less theory: we need to try the tools "
    "ourselves.\"\n"
    "R02,41,Binjai,Strongly agree,Saya ingin belajar pemasaran digital dengan AI untuk usaha "
    "saya.,\n"
    "R03,29,Medan,Neither agree nor disagree,\"I was curious about AI tools for marketing my "
    "small caf\xC3\xA9 business.\",\"Longer sessions, and a second\nmeeting after a month.\"\n"
    "R04,52,Medan,Strongly agree,,\n";

std::string attribute(const qda::Document &d, const std::string &key) {
    for (const auto &[k, v] : d.attributes)
        if (k == key)
            return v;
    return {};
}

// The text of the segments of unit "row" (positions are code points after finalize).
std::vector<std::pair<std::string, std::string>> rows_of(const qda::Document &d) {
    const qda::text::OffsetMap map(d.text);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto &s : d.segments) {
        if (s.unit != "row")
            continue;
        const auto b = map.to_byte(s.start), e = map.to_byte(s.end);
        out.emplace_back(s.speaker, d.text.substr(b, e - b));
    }
    return out;
}

qda::Error error_of(std::string_view bytes, const ReadOptions &opts = {}) {
    try {
        read_table(bytes, "s.csv", opts, ',');
    } catch (const qda::Error &e) {
        return e;
    }
    FAIL("no error");
    return qda::Error(qda::Exit::ok, "", "");
}

} // namespace

TEST_CASE("survey by row: long answers are text, short columns attributes") {
    const auto docs = read_table(survey, "s.csv", {}, ',');
    REQUIRE(docs.size() == 3); // R04 answered no open question
    CHECK(docs[0].name == "R01");
    CHECK(docs[1].name == "R02");
    CHECK(docs[2].name == "R03");
    CHECK(docs[0].text ==
          "Why did you join the training?\nBecause my shop needs more customers online, and my "
          "daughter told me about it.\n\nWhat would you change?\nMore practice, less theory: we "
          "need to try the tools ourselves.");
    CHECK(docs[1].text == "Why did you join the training?\nSaya ingin belajar pemasaran digital "
                          "dengan AI untuk usaha saya.");
    CHECK(attribute(docs[0], "age") == "34");
    CHECK(attribute(docs[0], "city") == "Medan");
    CHECK(attribute(docs[0], "Satisfaction") == "Neither agree nor disagree"); // Likert: short
    CHECK(attribute(docs[0], "id").empty());
    CHECK(docs[0].format == "csv");
    CHECK(docs[0].suggested_kind == "survey");
    REQUIRE(docs[0].warnings.size() == 1);
    CHECK(docs[0].warnings[0].find("line 6 (\"R04\")") != std::string::npos);

    const auto r3 = rows_of(docs[2]);
    REQUIRE(r3.size() == 2);
    CHECK(r3[0] ==
          std::pair<std::string, std::string>{
              "R03", "I was curious about AI tools for marketing my small caf\xC3\xA9 business."});
    CHECK(r3[1].second == "Longer sessions, and a second\nmeeting after a month.");
    REQUIRE(docs[2].speakers.size() == 1);
    CHECK(docs[2].speakers[0].label == "R03");
}

TEST_CASE("survey by column: one document per open question, one paragraph per answer") {
    ReadOptions opts;
    opts.survey_by = "column";
    const auto docs = read_table(survey, "s.csv", opts, ',');
    REQUIRE(docs.size() == 2);
    CHECK(docs[0].name == "Why did you join the training?");
    CHECK(docs[1].name == "What would you change?");
    CHECK(attribute(docs[0], "column") == "Why did you join the training?");
    CHECK(docs[1].text == "R01:\nMore practice, less theory: we need to try the tools ourselves."
                          "\n\nR03:\nLonger sessions, and a second\nmeeting after a month.");
    const auto answers = rows_of(docs[0]);
    REQUIRE(answers.size() == 3);
    CHECK(answers[1] ==
          std::pair<std::string, std::string>{
              "R02", "Saya ingin belajar pemasaran digital dengan AI untuk usaha saya."});
    CHECK(docs[0].speakers.size() == 3);
}

TEST_CASE("survey: TSV, a chosen naming column, empty and repeated names") {
    const std::string tsv =
        "id\tcity\tStory\n"
        "R01\tMedan\tWe sell songket online now, and the AI captions help a lot.\n"
        "\tMedan\tAnother long answer about the shop, its customers and the training.\n"
        "R03\tBinjai\tA third long answer: \"quoted\" words, commas, and so on here.\n";
    const auto docs = read_table(tsv, "s.tsv", {}, '\t');
    REQUIRE(docs.size() == 3);
    CHECK(docs[0].format == "tsv");
    CHECK(docs[1].name == "row 2");
    CHECK(docs[2].text == "Story:\nA third long answer: \"quoted\" words, commas, and so on here.");

    ReadOptions by_city;
    by_city.survey_name_column = "city";
    const auto named = read_table(tsv, "s.tsv", by_city, '\t');
    REQUIRE(named.size() == 3);
    CHECK(named[0].name == "Medan");
    CHECK(named[1].name == "Medan (2)");
    CHECK(attribute(named[0], "id") == "R01");
    CHECK(named[0].warnings.size() == 1);

    by_city.survey_name_column = "kota";
    const auto e = error_of(survey, by_city);
    CHECK(e.code() == qda::Exit::data);
    CHECK(e.hint().find("Why did you join the training?") != std::string::npos);
}

TEST_CASE("survey: malformed tables are bad data naming the line") {
    const auto fields = error_of("id,answer\nR1,\"a long answer with, commas in it\"\nR2,x,y\n");
    CHECK(fields.code() == qda::Exit::data);
    CHECK(fields.where() == "s.csv:3");
    const auto quote = error_of("id,answer\nR1,\"never closed\nR2,x\n");
    CHECK(quote.where() == "s.csv:2");
    CHECK(std::string(quote.what()).starts_with("unterminated quoted field"));
    CHECK(error_of("id,answer\nR1,\nR2,\n").code() == qda::Exit::data); // nothing to import
}

TEST_CASE("survey: with no column that looks like free text, the longest is taken") {
    const auto docs = read_table("id,rating,comment\nR1,5,good\nR2,3,too slow\n", "s.csv", {}, ',');
    REQUIRE(docs.size() == 2);
    CHECK(docs[1].text == "comment:\ntoo slow");
    CHECK(attribute(docs[1], "rating") == "3");
    REQUIRE(docs[0].warnings.size() == 1);
    CHECK(docs[0].warnings[0].find("\"comment\"") != std::string::npos);
}
