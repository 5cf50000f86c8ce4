// Turn detection on real transcripts from shared/corpora, checked against independent counts.
#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <sstream>

#include "ingest/readers.hpp"
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

std::vector<const Segment *> units(const Document &d, std::string_view unit) {
    std::vector<const Segment *> out;
    for (const auto &s : d.segments)
        if (s.unit == unit)
            out.push_back(&s);
    return out;
}

const Segment *sentence_with(const Document &d, std::string_view words) {
    for (const auto *s : units(d, "sentence"))
        if (span(d, *s).find(words) != std::string::npos)
            return s;
    return nullptr;
}

Document read_one(const std::string &rel, const ingest::ReadOptions &opts = {}) {
    auto docs = ingest::read(testing::read_shared(rel), rel, opts);
    REQUIRE(docs.size() == 1);
    return docs[0];
}

/// Labels of `**Name:**` / `**Name**:` lines, counted by a regex over lines, independently of
/// the reader.
std::vector<std::string> bold_labels(const std::string &bytes) {
    static const std::regex re(R"(^\*\*([^*]+?)(:\*\*|\*\*:))");
    std::vector<std::string> out;
    std::istringstream in(bytes);
    std::string line;
    std::smatch m;
    while (std::getline(in, line))
        if (std::regex_search(line, m, re))
            out.push_back(m[1]);
    return out;
}

void check_changelog(const std::string &rel) {
    const Document d = read_one(rel);
    const auto expected = bold_labels(testing::read_shared(rel));
    const auto turns = units(d, "turn");
    REQUIRE(turns.size() == expected.size());
    for (std::size_t i = 0; i < turns.size(); ++i)
        CHECK(turns[i]->speaker == expected[i]);
    CHECK(d.format == "markdown");
    CHECK(d.suggested_kind == "interview");
    std::set<std::string> distinct(expected.begin(), expected.end());
    CHECK(d.speakers.size() == distinct.size());
    for (const auto *t : turns)
        CHECK(span(d, *t).rfind("**", 0) != 0); // the label is outside
}

} // namespace

TEST_CASE("real file: QualCoder transcript with [id] labels") {
    if (!testing::have_shared("corpora/qualcoder/transcript.txt"))
        return;
    const Document d = read_one("corpora/qualcoder/transcript.txt");
    REQUIRE(d.speakers.size() == 3);
    CHECK(d.speakers[0].label == "id1");
    CHECK(d.speakers[1].label == "id2");
    CHECK(d.speakers[2].label == "id3");
    const auto turns = units(d, "turn");
    REQUIRE(turns.size() == 7);
    CHECK(span(d, *turns[0]).rfind("hello, I like the course.", 0) == 0);
    CHECK(turns[6]->speaker == "id2");
    CHECK(d.suggested_kind == "interview");
    const auto *s = sentence_with(d, "And they were too long.");
    REQUIRE(s);
    CHECK(s->speaker == "id3");
    CHECK(s->line == 5);
}

TEST_CASE("real file: changelog go-time-1.md") {
    if (!testing::have_shared("corpora/changelog/go-time-1.md"))
        return;
    check_changelog("corpora/changelog/go-time-1.md");
    const Document d = read_one("corpora/changelog/go-time-1.md");
    CHECK(d.speakers[0].label == "Erik St. Martin");
    // a paragraph without a label continues the turn above it
    const auto *s = sentence_with(d, "We've got a great show lined up today.");
    REQUIRE(s);
    CHECK(s->speaker == "Erik St. Martin");
    const auto *p = sentence_with(d, "I'm also a co-founding member of GoBridge");
    REQUIRE(p);
    CHECK(p->speaker == "Carlisia Thompson");
}

TEST_CASE("real file: changelog js-party-14.md, turns over paragraphs and escaped timestamps") {
    if (!testing::have_shared("corpora/changelog/js-party-14.md"))
        return;
    check_changelog("corpora/changelog/js-party-14.md");
    const Document d = read_one("corpora/changelog/js-party-14.md");
    const auto *s = sentence_with(d, "We have some other things like WHATWG URL implementation");
    REQUIRE(s);
    CHECK(s->speaker == "James Snell");
    const auto *t = sentence_with(d, "Previously, if you were writing a native add-on");
    REQUIRE(t);
    CHECK(t->speaker == "James Snell");
    bool found = false;
    for (const auto *turn : units(d, "turn")) {
        if (span(d, *turn).rfind("Yeah, like I said, there's over 150", 0) == 0) {
            found = true;
            CHECK(turn->speaker == "James Snell");
            CHECK(turn->timestamp == "16:13");
        }
    }
    CHECK(found);
    // every paragraph that lies inside one turn carries that turn's speaker
    for (const auto *p : units(d, "paragraph"))
        if (span(d, *p).rfind("\\[08:00\\] It works probably", 0) == 0)
            CHECK(p->speaker == "James Snell");
}

TEST_CASE("real file: UTF-16LE+BOM+CRLF copy of js-party-14 gives the same turns") {
    if (!testing::have_shared("corpora/derived/js-party-14.utf16le-bom-crlf.txt"))
        return;
    const Document wide = read_one("corpora/derived/js-party-14.utf16le-bom-crlf.txt");
    const Document md = read_one("corpora/changelog/js-party-14.md");
    CHECK(wide.format == "text");
    CHECK(wide.encoding == "UTF-16LE");
    CHECK(wide.encoding_method == "bom");
    CHECK(wide.text == md.text);
    const auto a = units(wide, "turn"), b = units(md, "turn");
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i]->speaker == b[i]->speaker);
        CHECK(a[i]->start == b[i]->start);
        CHECK(a[i]->end == b[i]->end);
    }
}

TEST_CASE("real file: Apollo 13 air-to-ground transcript") {
    if (!testing::have_shared("corpora/apollo13/a13_TEC_head.txt"))
        return;
    const std::string bytes = testing::read_shared("corpora/apollo13/a13_TEC_head.txt");
    const Document d = read_one("corpora/apollo13/a13_TEC_head.txt");
    // independent count: lines that start with capitals and a colon
    static const std::regex label(R"(^([A-Z]+):)");
    std::vector<std::string> expected;
    std::istringstream in(bytes);
    std::string line;
    std::smatch m;
    while (std::getline(in, line))
        if (std::regex_search(line, m, label))
            expected.push_back(m[1]);
    const auto turns = units(d, "turn");
    REQUIRE(turns.size() == expected.size());
    for (std::size_t i = 0; i < turns.size(); ++i)
        CHECK(turns[i]->speaker == expected[i]);
    std::vector<std::string> speakers;
    for (const auto &s : d.speakers)
        speakers.push_back(s.label);
    CHECK(speakers == std::vector<std::string>{"LCC", "CDR", "CMP", "CC", "LMP"});
    CHECK(turns[0]->timestamp == "-00:00:00:10"); // the line above the first label
    bool found = false;
    for (const auto *t : turns) {
        if (t->timestamp != "00:00:01:03")
            continue;
        found = true;
        CHECK(t->speaker == "CC");
        CHECK(span(d, *t) == "13, Houston. GO at 1. We show the cabin\n     relieving.");
    }
    CHECK(found);
    const auto *s = sentence_with(d, "We show the cabin");
    REQUIRE(s);
    CHECK(span(d, *s) == "We show the cabin\n     relieving.");
    CHECK(s->speaker == "CC");
    for (const auto *t : turns)
        CHECK(span(d, *t).find("_page") == std::string::npos);
    for (const auto &sp : d.speakers)
        CHECK(sp.label.front() != '_');
}

TEST_CASE("real file: an HTML interview gets speaker turns too") {
    if (!testing::have_shared("corpora/unix_oral_history/tague.htm"))
        return;
    const Document d = read_one("corpora/unix_oral_history/tague.htm");
    CHECK(d.format == "html");
    std::set<std::string> speakers;
    for (const auto &s : d.speakers)
        speakers.insert(s.label);
    CHECK(speakers.count("Tague") == 1);
    CHECK(speakers.count("MSM") == 1);
    CHECK(d.suggested_kind == "interview");
}
