// WebVTT and SRT: voices, continuation, tags, entities, skipped blocks, timing errors.
#include <doctest/doctest.h>

#include <regex>

#include "ingest/readers.hpp"
#include "qda/error.hpp"
#include "qda/ingest.hpp"
#include "qda/text.hpp"
#include "shared.hpp"

using namespace qda;

namespace {

std::string span(const Document &d, const Segment &s) {
    text::OffsetMap m(d.text);
    std::size_t b = m.to_byte(s.start), e = m.to_byte(s.end);
    return d.text.substr(b, e - b);
}

std::vector<Segment> units(const Document &d, std::string_view unit) {
    std::vector<Segment> out;
    for (const auto &s : d.segments)
        if (s.unit == unit)
            out.push_back(s);
    return out;
}

Document one(const std::string &bytes, const char *name) {
    auto docs = ingest::read(bytes, name);
    REQUIRE(docs.size() == 1);
    return docs[0];
}

} // namespace

TEST_CASE("WebVTT: voices, continuation, tags, entities, NOTE/STYLE/REGION") {
    const std::string vtt =
        "WEBVTT - interview\nKind: captions\n\nNOTE recorded in Medan\nsecond line\n\n"
        "STYLE\n::cue { color: red }\n\nREGION\nid:left\n\n"
        "intro\n00:01.000 --> 00:04.000 align:start position:10%\n<v Ani>Halo, <i>apa</i> "
        "kabar?</v>\n\n"
        "00:00:04.000 --> 00:00:06.500\nSaya &amp; teman &lt;3&gt;\nbaik&nbsp;saja.\n\n"
        "00:00:07.000 --> 00:00:07.000\n<v.loud Budi Santoso>Baik "
        "<00:00:07.500><c.yellow>sekali</c>.\n\n"
        "00:00:08.000 --> 00:00:09.000\n<v Ani>Oke.\n";
    Document d = one(vtt, "i.vtt");
    CHECK(d.format == "webvtt");
    CHECK(d.text == "Ani: Halo, apa kabar? Saya & teman <3> baik\xC2\xA0saja.\n\nBudi Santoso: "
                    "Baik sekali.\n\nAni: Oke.");
    auto turns = units(d, "turn");
    REQUIRE(turns.size() == 3);
    CHECK(turns[0].speaker == "Ani");
    CHECK(turns[0].timestamp == "00:00:01.000-00:00:06.500");
    CHECK(span(d, turns[0]) == "Halo, apa kabar? Saya & teman <3> baik\xC2\xA0saja.");
    CHECK(turns[1].speaker == "Budi Santoso");
    auto cues = units(d, "cue");
    REQUIRE(cues.size() == 4);
    CHECK(cues[1].speaker == "Ani"); // no voice: continues the current speaker
    CHECK(cues[2].timestamp == "00:00:07.000-00:00:07.000"); // zero-length cue kept
    CHECK(span(d, cues[2]) == "Baik sekali.");
    CHECK(d.suggested_kind == "interview");
    REQUIRE(d.attributes.size() == 1);
    CHECK(d.attributes[0].first == "Kind");
}

TEST_CASE("WebVTT errors") {
    try {
        one("WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\nx\n", "bad.vtt");
        FAIL("no error");
    } catch (const Error &e) {
        CHECK(e.code() == Exit::data);
        CHECK(e.where() == "bad.vtt:4");
        CHECK(std::string(e.what()).find("bad cue timing") != std::string::npos);
    }
    CHECK_THROWS_AS(one("WEBVTT\n\n00:00:01.0 --> 00:00:02.000\nx\n", "bad.vtt"), Error);
    CHECK_THROWS_AS(one("WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nx\n", "bad.vtt"), Error);
    CHECK_THROWS_AS(ingest::read_webvtt("not a header\n", "x.vtt", {}), Error);
}

TEST_CASE("SRT: numbered cues, CRLF, labels inside cues, tags") {
    const std::string srt =
        "1\r\n00:00:01,000 --> 00:00:02,000\r\nAni: <i>Halo</i>.\r\n\r\n"
        "2\r\n00:00:02,000 --> 00:00:03,500\r\n{\\an8}Apa kabar?\r\n\r\n"
        "3\r\n00:00:04,000 --> 00:00:05,000\r\nBudi: Baik.\r\n\r\n"
        "4\r\n00:00:05,000 --> 00:00:06,000\r\nAni: Syukurlah.\r\n\r\n"
        "5\r\n00:00:06,000 --> 00:00:07,000\r\nBudi: Ya.\r\nNote: dua baris.\r\n";
    Document d = one(srt, "i.srt");
    CHECK(d.format == "srt");
    CHECK(d.text ==
          "Ani: Halo. Apa kabar?\n\nBudi: Baik.\n\nAni: Syukurlah.\n\nBudi: Ya. Note: dua baris.");
    auto turns = units(d, "turn");
    REQUIRE(turns.size() == 4);
    CHECK(turns[0].timestamp == "00:00:01.000-00:00:03.500");
    CHECK(units(d, "cue").size() == 5);
    try {
        one("1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n00:00:0x,000 --> 00:00:03,000\ny\n",
            "b.srt");
        FAIL("no error");
    } catch (const Error &e) {
        CHECK(e.where() == "b.srt:6");
    }
}

TEST_CASE("real files: the Apollo excerpt as WebVTT and as CRLF SRT") {
    if (!testing::have_shared("corpora/derived/a13_TEC_head.vtt"))
        return;
    const std::string vtt_bytes = testing::read_shared("corpora/derived/a13_TEC_head.vtt");
    Document vtt = one(vtt_bytes, "a13_TEC_head.vtt");
    Document srt =
        one(testing::read_shared("corpora/derived/a13_TEC_head.crlf.srt"), "a13_TEC_head.crlf.srt");
    // independent count: voices in file order, consecutive equal ones merged
    static const std::regex voice("<v ([^>]+)>");
    std::vector<std::string> merged;
    std::size_t cues = 0;
    for (auto it = std::sregex_iterator(vtt_bytes.begin(), vtt_bytes.end(), voice);
         it != std::sregex_iterator(); ++it) {
        ++cues;
        if (merged.empty() || merged.back() != (*it)[1])
            merged.push_back((*it)[1]);
    }
    REQUIRE(cues == 159);
    auto turns = units(vtt, "turn");
    REQUIRE(turns.size() == merged.size());
    for (std::size_t i = 0; i < turns.size(); ++i)
        CHECK(turns[i].speaker == merged[i]);
    CHECK(units(vtt, "cue").size() == 159);
    std::vector<std::string> speakers;
    for (const auto &s : vtt.speakers)
        speakers.push_back(s.label);
    CHECK(speakers == std::vector<std::string>{"LCC", "CDR", "CMP", "CC", "LMP"});
    CHECK(turns[0].timestamp == "00:00:00.000-00:00:12.000"); // four LCC cues in one turn
    CHECK(span(vtt, turns[0]) == "10, 9, 8, 7, 6, -- IGNITION -- 4, 3, 2, 1, 0 -- LIFT-OFF.");
    bool relieving = false;
    for (const auto &t : turns)
        if (span(vtt, t).find("We show the cabin relieving.") != std::string::npos)
            relieving = t.speaker == "CC";
    CHECK(relieving);
    // the SRT copy says the same with "CC: " labels inside its cues
    CHECK(srt.text == vtt.text);
    auto srt_turns = units(srt, "turn");
    REQUIRE(srt_turns.size() == turns.size());
    for (std::size_t i = 0; i < turns.size(); ++i) {
        CHECK(srt_turns[i].speaker == turns[i].speaker);
        CHECK(srt_turns[i].timestamp == turns[i].timestamp);
    }
}
