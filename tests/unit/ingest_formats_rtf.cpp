#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "ingest/readers.hpp"
#include "qda/error.hpp"
#include "shared.hpp"

using qda::ingest::extract_rtf;

namespace {

std::string rtf(std::string_view body) {
    return extract_rtf(std::string("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman "
                                   "Times;}}") +
                           std::string(body) + "}",
                       "t.rtf", {})
        .text;
}

std::string attribute(const qda::ingest::Extracted &e, const std::string &key) {
    for (const auto &[k, v] : e.attributes)
        if (k == key)
            return v;
    return {};
}

std::size_t count_prefix(const std::string &text, const std::string &prefix) {
    std::size_t n = text.starts_with(prefix) ? 1 : 0;
    for (auto p = text.find("\n\n" + prefix); p != std::string::npos;
         p = text.find("\n\n" + prefix, p + 2))
        ++n;
    return n;
}

} // namespace

TEST_CASE("rtf: cherry.doc is RTF named .doc, with `MSM:\\t` and `Cherry:\\t` turns") {
    if (!qda::testing::have_shared("corpora/unix_oral_history/cherry.doc"))
        return;
    const auto e = extract_rtf(qda::testing::read_shared("corpora/unix_oral_history/cherry.doc"),
                               "cherry.doc", {});
    CHECK(e.encoding == "windows-1252");
    CHECK(e.text.starts_with("Interview with Lorinda Cherry\n\nMSM:\tWell, how did you get "
                             "into Unix? When did you first get involved in it?\n\nCherry:\t"
                             "Well, Unix didn\xE2\x80\x99t exist, I don\xE2\x80\x99t think"));
    // Source lines break inside words ("was go\r\nne"); RTF ignores those newlines.
    CHECK(e.text.find("I was gone for about a year") != std::string::npos);
    CHECK(e.text.find("\xE2\x80\x98"
                      "72? \xE2\x80\x98"
                      "73?") != std::string::npos);          // \lquote
    CHECK(e.text.find("two-floppies") != std::string::npos); // \_ non-breaking hyphen
    CHECK(e.text.find("led to typo, which is one of the early spell-checkers") !=
          std::string::npos);
    CHECK(count_prefix(e.text, "MSM:\t") == 67);
    CHECK(count_prefix(e.text, "Cherry:\t") == 68);
    // Header ("Lorinda Cherry, page 5"), font names and style names are not text.
    CHECK(e.text.find("page 5") == std::string::npos);
    CHECK(e.text.find("Times New Roman") == std::string::npos);
    CHECK(e.text.find("heading 1") == std::string::npos);
    CHECK_FALSE(std::regex_search(e.text, std::regex("\\\\[a-z]+")));
    CHECK(e.text.find("\\par") == std::string::npos);
    CHECK(e.text.find("\n\n\n") == std::string::npos);
    CHECK(attribute(e, "title") == "Interview with Lorinda Cherry");
    CHECK(attribute(e, "author") == "Rohatgi");
    CHECK(attribute(e, "created") == "1998-04-02T20:59");
}

TEST_CASE("rtf: \\'hh in the document code page, \\u with its \\uc fallback") {
    CHECK(rtf("caf\\'e9 \\'93kutip\\'94") == "caf\xC3\xA9 \xE2\x80\x9Ckutip\xE2\x80\x9D");
    CHECK(rtf("caf\\u233?") == "caf\xC3\xA9");
    CHECK(rtf("\\uc2 a\\u8212\\'97\\'97b") == "a\xE2\x80\x94"
                                              "b");
    CHECK(rtf("\\uc0 a\\u8212 b") == "a\xE2\x80\x94"
                                     "b");
    CHECK(rtf("\\u-3913?") == "\xEF\x82\xB7");               // -3913 + 65536 = U+F0B7
    CHECK(rtf("\\u-10179?\\u-8704?") == "\xF0\x9F\x98\x80"); // surrogate pair: U+1F600
    CHECK(rtf("{\\uc3 x\\u955 abc}d") == "x\xCE\xBB"
                                         "d"); // skip count is per group
    const auto ru = extract_rtf("{\\rtf1\\ansi\\ansicpg1251 \\'c4\\'e0}", "t.rtf", {});
    CHECK(ru.text == "\xD0\x94\xD0\xB0");
    CHECK(ru.encoding == "windows-1251");
}

TEST_CASE("rtf: a font's \\fcharset decides the code page of its bytes") {
    CHECK(rtf("{\\fonttbl{\\f1\\fcharset204 Arial Cyr;}}") == "");
    const auto e = extract_rtf("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times;}"
                               "{\\f1\\fcharset204 Arial Cyr;}}\\f0 caf\\'e9 {\\f1 \\'c4\\'e0}}",
                               "t.rtf", {});
    CHECK(e.text == "caf\xC3\xA9 \xD0\x94\xD0\xB0");
}

TEST_CASE("rtf: paragraphs, lines, tabs, escapes and special characters") {
    CHECK(rtf("\\pard K:\\tab satu\\par\\par P:\\tab dua\\line baris\\par") ==
          "K:\tsatu\n\nP:\tdua\nbaris");
    CHECK(rtf("a\\{b\\}c\\\\d\\~e\\-f") == "a{b}c\\d\xC2\xA0"
                                           "ef");
    CHECK(rtf("\\ldblquote x\\rdblquote  \\endash  \\emdash  \\bullet") ==
          "\xE2\x80\x9Cx\xE2\x80\x9D \xE2\x80\x93 \xE2\x80\x94 \xE2\x80\xA2");
    CHECK(rtf("satu\r\ndua\ntiga") == "satuduatiga");
    CHECK(rtf("{\\b tebal} biasa") == "tebal biasa");
    CHECK(rtf("\\trowd A\\cell B\\cell\\row") == "A\n\nB");
    CHECK(rtf("a\\'00b\\u0?c") == "abc"); // no NUL reaches the text
}

TEST_CASE("rtf: destinations that are not body text are skipped") {
    const auto e = extract_rtf(
        "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times;}}{\\colortbl;\\red0\\green0\\blue0;}"
        "{\\stylesheet{\\s1 heading 1;}}{\\info{\\title Wawancara \\'e9}{\\author Sari}"
        "{\\operator Op}{\\*\\company PT}{\\creatim\\yr2024\\mo3\\dy12\\hr9\\min5}}"
        "{\\header kepala halaman}{\\footer kaki}"
        "{\\*\\generator Writer}{\\*\\unknowndest tidak}"
        "Teks {\\field{\\*\\fldinst HYPERLINK \"http://x\"}{\\fldrslt tautan}} akhir"
        "{\\footnote catatan kaki}."
        "{\\pict\\wmetafile8 0a0b0c{\\*\\x y}}"
        "{\\v tersembunyi}{\\deleted dihapus}\\par"
        "{\\*\\bkmkstart b1}gambar: {\\bin5 {}}\\\\}sesudah}",
        "t.rtf", {});
    CHECK(e.text == "Teks tautan akhir.\n\ngambar: sesudah");
    CHECK(attribute(e, "title") == "Wawancara \xC3\xA9");
    CHECK(attribute(e, "author") == "Sari");
    CHECK(attribute(e, "created") == "2024-03-12T09:05");
}

TEST_CASE("rtf: bad input") {
    try {
        extract_rtf("Hello, not RTF", "x.doc", {});
        FAIL("no error");
    } catch (const qda::Error &e) {
        CHECK(e.code() == qda::Exit::data);
        CHECK(e.where() == "x.doc");
        CHECK(std::string(e.what()).find("not an RTF file") != std::string::npos);
    }
    const auto truncated = extract_rtf("{\\rtf1\\ansi teks yang terpotong\\par dan", "t.rtf", {});
    CHECK(truncated.text == "teks yang terpotong\n\ndan");
    CHECK(truncated.warnings.size() == 1);
}
