// text::decode and friends: BOMs, declared and detected charsets, errors with positions.
#include <doctest/doctest.h>

#include "qda/error.hpp"
#include "qda/text.hpp"
#include "shared.hpp"

using namespace qda;

TEST_CASE("valid UTF-8 is UTF-8, CRLF and CR become LF") {
    auto d = text::decode("a\r\nb\rc\xC3\xA9", "f.txt");
    CHECK(d.utf8 == "a\nb\nc\xC3\xA9");
    CHECK(d.encoding == "UTF-8");
    CHECK(d.method == "utf-8");
    CHECK(d.confidence == 100);
}

TEST_CASE("a BOM decides and is removed") {
    auto u8 = text::decode("\xEF\xBB\xBFhi", "f");
    CHECK(u8.utf8 == "hi");
    CHECK(u8.method == "bom");
    std::string le("\xFF\xFEh\0i\0\r\0\n\0", 10);
    auto d = text::decode(le, "f");
    CHECK(d.utf8 == "hi\n");
    CHECK(d.encoding == "UTF-16LE");
    std::string be("\xFE\xFF\0h\0i", 6);
    CHECK(text::decode(be, "f").encoding == "UTF-16BE");
    std::string le32("\xFF\xFE\0\0h\0\0\0", 8);
    auto d32 = text::decode(le32, "f");
    CHECK(d32.encoding == "UTF-32LE");
    CHECK(d32.utf8 == "h");
}

TEST_CASE("forced and declared charsets") {
    auto d = text::decode("caf\xE9", "f", "windows-1252");
    CHECK(d.utf8 == "caf\xC3\xA9");
    CHECK(d.method == "user");
    auto decl = text::decode("\x93quoted\x94", "f", {}, "iso-8859-1");
    CHECK(decl.utf8 == "\xE2\x80\x9Cquoted\xE2\x80\x9D"); // read as windows-1252, like browsers
    CHECK(decl.method == "declared");
    CHECK_THROWS_AS(text::decode("x", "f", "no-such-charset"), Error);
    try {
        text::decode("x", "f", "no-such-charset");
    } catch (const Error &e) {
        CHECK(e.code() == Exit::usage);
        CHECK(e.where() == "--encoding");
    }
}

TEST_CASE("invalid UTF-8 where UTF-8 is required names line and column") {
    std::string bytes = "first line\nab\xC3\xA9x\xFFz\n";
    try {
        text::decode(bytes, "notes.txt", "UTF-8");
        FAIL("no error");
    } catch (const Error &e) {
        CHECK(e.code() == Exit::data);
        CHECK(e.where() == "notes.txt:2:5");
        CHECK(std::string(e.what()).find("0xFF") != std::string::npos);
    }
    CHECK_THROWS_AS(text::decode(bytes, "f", {}, "utf-8"), Error);
    CHECK_THROWS_AS(text::decode("\xEF\xBB\xBF\xC0\x80", "f"), Error); // overlong after a BOM
}

TEST_CASE("not UTF-8 and nothing declared: ICU guesses") {
    auto d =
        text::decode("Le caf\xE9 est tr\xE8s bon, \x93merci\x94 \x85 voil\xE0 l'\xE9t\xE9.", "f");
    CHECK(d.method == "detected");
    CHECK(d.utf8.find("caf\xC3\xA9") != std::string::npos);
}

TEST_CASE("NUL bytes are not text") {
    CHECK_THROWS_AS(text::decode(std::string("a\0b", 3), "f"), Error);
}

TEST_CASE("utf8 helpers") {
    CHECK(text::is_valid_utf8("plain ascii"));
    CHECK_FALSE(text::is_valid_utf8("\xED\xA0\x80")); // surrogate
    CHECK_FALSE(text::is_valid_utf8("\xC0\xAF"));     // overlong
    CHECK(text::first_invalid_utf8("abcdefghij\xE2\x82") == 10);
    CHECK(text::code_points("a\xC3\xA9\xF0\x9F\x98\x80") == 3);
    CHECK(text::normalize_newlines("a\r\r\nb") == "a\n\nb");
    CHECK(text::to_utf8("\xE9", "ISO-8859-1", "f") == "\xC3\xA9");
}

TEST_CASE("real file: tague.htm bytes are windows-1252 (shared/corpora)") {
    if (!testing::have_shared("corpora/unix_oral_history/tague.htm"))
        return;
    auto bytes = testing::read_shared("corpora/unix_oral_history/tague.htm");
    auto d = text::decode(bytes, "tague.htm");
    CHECK(d.method == "detected");
    CHECK(d.encoding == "windows-1252");
    CHECK(d.confidence > 0);
    // 0xF2 is U+00F2 (the file spells the name "Corbat\xC3\xB2"); 0x92 is a right single quote,
    // which ISO-8859-1 would have turned into a C1 control character.
    CHECK(d.utf8.find("Fernando J. Corbat\xC3\xB2") != std::string::npos);
    CHECK(d.utf8.find("\xE2\x80\x99") != std::string::npos);
    CHECK(d.utf8.find("\xC2\x92") == std::string::npos);
    CHECK(d.utf8.find('\r') == std::string::npos);
    // The HTML reader passes the meta charset: same text.
    CHECK(text::decode(bytes, "tague.htm", {}, "windows-1252").utf8 == d.utf8);
}

TEST_CASE("real file: UTF-16LE with BOM and CRLF (shared/corpora)") {
    if (!testing::have_shared("corpora/derived/js-party-14.utf16le-bom-crlf.txt"))
        return;
    auto d =
        text::decode(testing::read_shared("corpora/derived/js-party-14.utf16le-bom-crlf.txt"), "f");
    CHECK(d.encoding == "UTF-16LE");
    CHECK(d.method == "bom");
    auto md = text::decode(testing::read_shared("corpora/changelog/js-party-14.md"), "f");
    CHECK(d.utf8 == md.utf8);
}

TEST_CASE("decode says when the text is the bytes given, and only then") {
    auto same = [](std::string_view bytes, std::string_view forced = {}) {
        auto d = text::decode(bytes, "f", forced);
        // Set only when true; a conversion that happens to give the same bytes may leave it
        // unset (the importer then compares).
        if (d.unchanged)
            CHECK(d.utf8 == bytes);
        return d.unchanged;
    };
    CHECK(same("plain ASCII\nlines\n"));
    CHECK(same("Caf\xC3\xA9 UTF-8\n"));
    CHECK(same("Caf\xC3\xA9 forced\n", "UTF-8"));
    CHECK_FALSE(same("CRLF\r\nlines\r\n"));
    CHECK_FALSE(same("lone\rCR"));
    CHECK_FALSE(same("\xEF\xBB\xBFwith BOM\n"));
    CHECK_FALSE(same("\xEF\xBB\xBF forced with BOM\n", "UTF-8"));
    CHECK_FALSE(same("Caf\xE9 latin\n"));                       // detected charset
    CHECK_FALSE(same("plain but named latin\n", "ISO-8859-1")); // converted, though equal
}

TEST_CASE("decode_taking takes the bytes only when the text is them") {
    auto run = [](std::string bytes, bool want_taken) {
        const std::string copy = bytes;
        const auto want = text::decode(copy, "f");
        const auto got = text::decode_taking(bytes, "f");
        CHECK(got.utf8 == want.utf8);
        CHECK(got.encoding == want.encoding);
        CHECK(got.method == want.method);
        CHECK(got.unchanged == want_taken);
        CHECK(bytes == (want_taken ? std::string() : copy));
    };
    run("plain\nASCII\n", true);
    run("Caf\xC3\xA9\n", true);
    run("CRLF\r\n", false);
    run("\xEF\xBB\xBF"
        "BOM\n",
        false);
    run("Caf\xE9 latin\n", false);
    run(std::string("\xFF\xFE"
                    "A\0\n\0",
                    6),
        false);
}
