// Format detection: content first, then the file name; refusals with their hints.
#include <doctest/doctest.h>

#include <algorithm>

#include "qda/error.hpp"
#include "qda/ingest.hpp"
#include "qda/text.hpp"
#include "shared.hpp"

using namespace qda;

namespace {
std::string detect(const std::string &rel) {
    return ingest::detect_format(testing::read_shared(rel), rel);
}
} // namespace

TEST_CASE("content decides before the name") {
    CHECK(ingest::detect_format("WEBVTT\n\n00:01.000 --> 00:02.000\nx\n", "a.txt") == "webvtt");
    CHECK(ingest::detect_format("\xEF\xBB\xBFWEBVTT\n", "a") == "webvtt");
    CHECK(ingest::detect_format("WEBVTTX\n", "a.txt") == "text");
    CHECK(ingest::detect_format("\n1\n00:00:01,000 --> 00:00:02,000\nhi\n", "a.txt") == "srt");
    CHECK(ingest::detect_format("  <!DOCTYPE html><p>x", "a.txt") == "html");
    CHECK(ingest::detect_format("<P>Interview", "a.doc") == "html");
    CHECK(ingest::detect_format("{\\rtf1\\ansi hi}", "a.doc") == "rtf");
    CHECK(ingest::detect_format("%PDF-1.4\n", "a.bin") == "pdf");
    std::string wide("\xFF\xFEW\0E\0B\0V\0T\0T\0\n\0", 16);
    CHECK(ingest::detect_format(wide, "a.txt") == "webvtt");
}

TEST_CASE("then the extension") {
    CHECK(ingest::detect_format("# Title\n", "notes.md") == "markdown");
    CHECK(ingest::detect_format("x", "notes.MARKDOWN") == "markdown");
    CHECK(ingest::detect_format("a,b\n1,2\n", "s.csv") == "csv");
    CHECK(ingest::detect_format("a\tb\n", "s.tab") == "tsv");
    CHECK(ingest::detect_format("plain", "notes.txt") == "text");
    CHECK(ingest::detect_format("plain", "README") == "text");
    std::string utf16("\xFF\xFEh\0i\0", 6); // NULs, but a BOM says UTF-16
    CHECK(ingest::detect_format(utf16, "w.txt") == "text");
}

TEST_CASE("refusals: empty, binary, Word 97") {
    auto code_of = [](const std::string &bytes, const char *name) {
        try {
            ingest::detect_format(bytes, name);
        } catch (const Error &e) {
            return e.code();
        }
        return Exit::ok;
    };
    CHECK(code_of("", "e.txt") == Exit::data);
    CHECK(code_of(std::string("ab\0cd", 5), "b.txt") == Exit::data);
    CHECK(code_of(std::string(100, '\x01'), "b.txt") == Exit::data);
    CHECK(code_of("PK\x03\x04garbage", "z.zip") == Exit::data);
    // a damaged package keeps its name's format, so the DOCX reader can say what is wrong
    CHECK(ingest::detect_format("PK\x03\x04garbage", "z.docx") == "docx");
    try {
        ingest::detect_format(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10), "old.doc");
        FAIL("no error");
    } catch (const Error &e) {
        CHECK(e.code() == Exit::data);
        CHECK(e.where() == "old.doc");
        CHECK(std::string(e.what()) == "Word 97 binary .doc is not supported");
        CHECK(e.hint().find("libreoffice --headless --convert-to docx") != std::string::npos);
    }
    ingest::ReadOptions opts;
    opts.as_format = "nope";
    CHECK_THROWS_AS(ingest::read("x", "a.txt", opts), Error);
}

TEST_CASE("formats() lists every reader") {
    auto f = ingest::formats();
    CHECK(f.size() == 11);
    CHECK(std::find(f.begin(), f.end(), "webvtt") != f.end());
}

TEST_CASE("real files: every file of shared/corpora") {
    if (!testing::have_shared("corpora/qualcoder/ID1.docx"))
        return;
    CHECK(detect("corpora/qualcoder/ID1.docx") == "docx");
    CHECK(detect("corpora/qualcoder/ID2.odt") == "odt");
    CHECK(detect("corpora/qualcoder/transcript.txt") == "text");
    CHECK(detect("corpora/unix_oral_history/tague.htm") == "html");
    CHECK(detect("corpora/unix_oral_history/ritchie.htm") == "html");
    CHECK(detect("corpora/unix_oral_history/cherry.doc") == "rtf"); // RTF named .doc
    CHECK_THROWS_AS(detect("corpora/unix_oral_history/ritchie.doc"), Error);
    CHECK(detect("corpora/changelog/js-party-14.md") == "markdown");
    CHECK(detect("corpora/apollo13/a13_TEC_head.txt") == "text");
    CHECK(detect("corpora/derived/js-party-14.utf16le-bom-crlf.txt") == "text");
    CHECK(detect("corpora/derived/a13_TEC_head.vtt") == "webvtt");
    CHECK(detect("corpora/derived/a13_TEC_head.crlf.srt") == "srt");
}

TEST_CASE("read(): encodings through the dispatcher") {
    ingest::ReadOptions opts;
    opts.encoding = "UTF-16LE";
    std::string no_bom;
    for (char c : std::string("Ani: hi\nBudi: yo\nAni: x\nBudi: z\n"))
        no_bom += {c, '\0'};
    auto docs = ingest::read(no_bom, "w.txt", opts);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].encoding == "UTF-16LE");
    CHECK(docs[0].encoding_method == "user");
    CHECK(docs[0].speakers.size() == 2);
    auto latin = ingest::read("Caf\xE9 \x93"
                              "enak\x94, kata pemilik. Harga naik \x96 sedikit.\n",
                              "l.txt");
    CHECK(latin[0].encoding_method == "detected");
    CHECK(latin[0].text.find("Caf\xC3\xA9") == 0);
    opts.encoding = "UTF-8";
    CHECK_THROWS_AS(ingest::read("Caf\xE9\n", "l.txt", opts), Error);
}

TEST_CASE("binary: more than one control character in ten, wherever they fall") {
    // 200 bytes: 20 controls is one in ten (text), 21 is more (binary). Controls at odd
    // places, between allowed ones (tab, LF, CR, FF, ESC) and bytes just above 0x1F.
    auto with_controls = [](int n) {
        std::string s(200, ' ');
        for (std::size_t i = 0; i < s.size(); i += 3)
            s[i] = "\t\n\r\f\x1B !~\x7F"[i % 9];
        for (int k = 0; k < n; ++k)
            s[static_cast<std::size_t>(k * 9 + 1)] = static_cast<char>(1 + k % 8);
        return s;
    };
    CHECK(ingest::detect_format(with_controls(20), "c.txt") == "text");
    CHECK_THROWS_AS(ingest::detect_format(with_controls(21), "c.txt"), Error);
}

TEST_CASE("read(): text_is_bytes only when the document's text is the file's bytes") {
    auto check = [](std::string_view bytes, std::string_view name, bool want,
                    std::string_view encoding = {}) {
        ingest::ReadOptions opts;
        opts.encoding = std::string(encoding);
        auto docs = ingest::read(bytes, name, opts);
        REQUIRE(docs.size() == 1);
        CHECK(docs[0].text_is_bytes == want);
        // Never claimed wrongly: when set, the text is the bytes.
        if (docs[0].text_is_bytes)
            CHECK(docs[0].text == bytes);
    };
    check("A: halo\nB: ya\n", "t.txt", true);
    check("# Judul\n\nA: halo\n", "t.md", true);
    check("---\ntitle: x\n---\nA: halo\n", "t.md", false); // front matter cut
    check("A: halo\r\nB: ya\r\n", "t.txt", false);
    check("<html><body><p>halo</p></body></html>", "t.html", false);
    // UTF-16 named by the user without a BOM: read as the UTF-8 it decodes to.
    check(std::string_view("A\0:\0 \0h\0i\0\n\0", 12), "w.txt", false, "UTF-16LE");
}

TEST_CASE("read(): every document comes with its code points counted") {
    const std::pair<std::string, std::string> files[] = {
        {"A: halo\nB: ya\n", "a.txt"},
        {"A: Caf\xC3\xA9 \xF0\x9F\x98\x80\nB: ya\n", "u.txt"},
        {"# T\n\nSatu \xE2\x80\x99"
         "dua\xE2\x80\x99.\n",
         "m.md"},
        {"<html><body><p>Caf\xC3\xA9</p><p>dua</p></body></html>", "h.html"},
        {"id,jawaban\n1,Caf\xC3\xA9 enak\n2,mahal\n", "s.csv"},
        {"Caf\xE9 latin\n", "l.txt"},
    };
    for (const auto &[bytes, name] : files) {
        for (const auto &d : ingest::read(bytes, name, {})) {
            CAPTURE(name);
            CHECK(d.chars == text::code_points(d.text));
        }
    }
}

TEST_CASE("read_taking(): takes the bytes only when the text is them, and reads as read() does") {
    const std::pair<std::string, std::string> files[] = {
        {"A: halo\nB: ya. Dua.\n", "a.txt"},              // taken
        {"A: Caf\xC3\xA9\n\nB: ya\n", "u.md"},            // taken
        {"---\ntitle: x\n---\nA: halo\nB: ya\n", "f.md"}, // front matter: kept
        {"+++\ntitle = 'x'\n+++\nA: halo\n", "g.md"},     // front matter: kept
        {"A: halo\r\nB: ya\r\n", "c.txt"},                // CRLF: kept
        {"\xEF\xBB\xBF"
         "A: halo\n",
         "b.txt"},                                           // BOM: kept
        {"Caf\xE9 latin\n", "l.txt"},                        // not UTF-8: kept
        {"<html><body><p>halo</p></body></html>", "h.html"}, // not text: kept
        {"id,jawaban\n1,enak\n2,mahal\n", "s.csv"},          // table: kept
    };
    for (const auto &[original, name] : files) {
        CAPTURE(name);
        const auto want = ingest::read(original, name, {});
        std::string bytes = original;
        const auto got = ingest::read_taking(bytes, name, {});
        REQUIRE(got.size() == want.size());
        for (std::size_t k = 0; k < got.size(); ++k) {
            CHECK(got[k].text == want[k].text);
            CHECK(got[k].text_is_bytes == want[k].text_is_bytes);
            CHECK(got[k].encoding == want[k].encoding);
            CHECK(got[k].chars == want[k].chars);
            REQUIRE(got[k].segments.size() == want[k].segments.size());
            for (std::size_t i = 0; i < got[k].segments.size(); ++i) {
                CHECK(got[k].segments[i].start == want[k].segments[i].start);
                CHECK(got[k].segments[i].end == want[k].segments[i].end);
                CHECK(got[k].segments[i].unit == want[k].segments[i].unit);
                CHECK(got[k].segments[i].speaker == want[k].segments[i].speaker);
            }
        }
        const bool taken = got.size() == 1 && got[0].text_is_bytes;
        CHECK(taken == (name == "a.txt" || name == "u.md"));
        // Taken: the text is the bytes and they are gone; otherwise they are untouched.
        CHECK(bytes == (taken ? std::string() : original));
        if (taken)
            CHECK(got[0].text == original);
    }
}

TEST_CASE("binary by control characters: more than one in ten of the first 64 KiB") {
    // Controls spread over block edges and the tail; tabs, line breaks and ESC do not count.
    auto text_with = [](std::size_t size, std::size_t controls) {
        std::string s(size, 'a');
        for (std::size_t k = 0; k < size; k += 7)
            s[k] = k % 2 ? '\t' : '\n';
        for (std::size_t k = 0, at = 3; k < controls; ++k, at = (at + 997) % size) {
            while (s[at] != 'a')
                at = (at + 1) % size;
            s[at] = static_cast<char>(1 + k % 8);
        }
        return s;
    };
    for (std::size_t size : {1000u, 4099u, 65536u}) {
        CAPTURE(size);
        const std::size_t limit = size / 10;
        CHECK(ingest::detect_format(text_with(size, limit), "t.txt") == "text");
        CHECK_THROWS_AS(ingest::detect_format(text_with(size, limit + 1), "t.txt"), Error);
    }
}
