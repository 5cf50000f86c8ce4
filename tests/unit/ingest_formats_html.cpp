#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "ingest/readers.hpp"
#include "shared.hpp"

using qda::ingest::extract_html;

namespace {

std::vector<std::string> paragraphs_of(const std::string &text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto end = text.find("\n\n", pos);
        if (end == std::string::npos)
            end = text.size();
        out.push_back(text.substr(pos, end - pos));
        pos = end + 2;
    }
    return out;
}

std::size_t count_prefix(const std::vector<std::string> &paras, std::string_view prefix) {
    std::size_t n = 0;
    for (const auto &p : paras)
        n += p.starts_with(prefix) ? 1 : 0;
    return n;
}

std::string attribute(const qda::ingest::Extracted &e, const std::string &key) {
    for (const auto &[k, v] : e.attributes)
        if (k == key)
            return v;
    return {};
}

std::string html(std::string_view body) {
    return extract_html(std::string("<html><body>") + std::string(body) + "</body></html>",
                        "t.html", {})
        .text;
}

const std::regex entity_left("&[A-Za-z]+;|&#[0-9]+;|&#[xX][0-9A-Fa-f]+;");
const std::regex tag_left("<[A-Za-z/!][^>]*>");

} // namespace

TEST_CASE("html: tague.htm, Windows-1252 with CRLF, turns as `Tague:` and `MSM:` paragraphs") {
    if (!qda::testing::have_shared("corpora/unix_oral_history/tague.htm"))
        return;
    const auto bytes = qda::testing::read_shared("corpora/unix_oral_history/tague.htm");
    const auto e = extract_html(bytes, "tague.htm", {});
    CHECK(e.encoding == "windows-1252");
    CHECK(e.method == "declared");
    // The file holds byte 0xF2 there: Windows-1252 "ò" (the name is Corbató, the file's
    // typist wrote the grave accent). UTF-8 or a wrong charset gives something else.
    CHECK(e.text.find("Fernando J. Corbat\xC3\xB2, who I met again") != std::string::npos);
    CHECK(e.text.find("didn\xE2\x80\x99t much care") != std::string::npos); // 0x92 -> U+2019
    CHECK(e.text.find("AT&T board") != std::string::npos);                  // &amp; decoded
    CHECK_FALSE(std::regex_search(e.text, entity_left));
    CHECK_FALSE(std::regex_search(e.text, tag_left));
    CHECK(e.text.find('\r') == std::string::npos);
    CHECK(e.text.find("\n\n\n") == std::string::npos);
    CHECK(attribute(e, "title") == "Interview with Berk Tague");
    CHECK(e.text.find("Interview with Berk Tague") == 0); // <h2>, not the <title> in <head>

    // 98 <p> tags: 49 Tague turns, 48 MSM turns and one holding only &nbsp; (dropped),
    // plus the <h2> heading.
    std::size_t p_tags = 0;
    for (auto at = bytes.find("<p>"); at != std::string::npos; at = bytes.find("<p>", at + 3))
        ++p_tags;
    REQUIRE(p_tags == 98);
    const auto paras = paragraphs_of(e.text);
    CHECK(paras.size() == p_tags - 1 + 1);
    CHECK(count_prefix(paras, "Tague: ") == 49);
    CHECK(count_prefix(paras, "MSM: ") == 48);
    // A paragraph's hard-wrapped source lines are joined into one line.
    CHECK(paras[1].find('\n') == std::string::npos);
    CHECK(paras[1].starts_with("Tague: ???????????????? But you and I were in Boston"));
}

TEST_CASE("html: ritchie.htm, ASCII, upper-case tags, <BR> before each </FONT><P>") {
    if (!qda::testing::have_shared("corpora/unix_oral_history/ritchie.htm"))
        return;
    const auto e = extract_html(qda::testing::read_shared("corpora/unix_oral_history/ritchie.htm"),
                                "ritchie.htm", {});
    const auto paras = paragraphs_of(e.text);
    CHECK(paras.size() == 90); // 90 <P>: the heading and 89 turns
    CHECK(paras[0] == "Interview with Dennis Ritchie");
    CHECK(count_prefix(paras, "Ritchie: ") == 45);
    CHECK(count_prefix(paras, "MSM: ") == 44); // "MSM:  Japan": white space collapses
    CHECK(paras[2] == "MSM: Japan seems to be his new stomping ground.");
    CHECK(paras.back().ends_with("in most cases you can't arrange that."));
    CHECK_FALSE(std::regex_search(e.text, tag_left));
    CHECK(attribute(e, "title") == "Interview with Dennis Ritchie");
}

TEST_CASE("html: entities, named, numeric and legacy") {
    CHECK(html("<p>caf&eacute; &oacute; &ndash; &mdash; &rsquo;&ldquo;&rdquo; &hellip;</p>") ==
          "caf\xC3\xA9 \xC3\xB3 \xE2\x80\x93 \xE2\x80\x94 \xE2\x80\x99\xE2\x80\x9C\xE2\x80\x9D "
          "\xE2\x80\xA6");
    CHECK(html("<p>&#233;&#xE9;&#XE9; &#150; &#128512; &#0;</p>") ==
          "\xC3\xA9\xC3\xA9\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x98\x80 \xEF\xBF\xBD");
    CHECK(html("<p>AT&T, R&D, &copy 2020, &amp;amp; &unknown; &lt;b&gt;</p>") ==
          "AT&T, R&D, \xC2\xA9 2020, &amp; &unknown; <b>");
    CHECK(html("<p>a&nbsp;b</p><p>&nbsp;</p>") == "a\xC2\xA0"
                                                  "b");
    CHECK(html("<p>&Scaron;&scaron; &Aacute; &szlig; &euro; &trade;</p>") ==
          "\xC5\xA0\xC5\xA1 \xC3\x81 \xC3\x9F \xE2\x82\xAC \xE2\x84\xA2");
}

TEST_CASE("html: blocks, line breaks, white space, pre, lists and tables") {
    CHECK(html("<h1>Judul</h1><p>Satu\n   dua <b>ti</b>ga</p><div>Empat</div>") ==
          "Judul\n\nSatu dua tiga\n\nEmpat");
    CHECK(html("<p>K: halo<br>P: ya<br/>K: oke</p>") == "K: halo\nP: ya\nK: oke");
    CHECK(html("baris satu<br><br>paragraf dua<br>\n<br><br>tiga") ==
          "baris satu\n\nparagraf dua\n\ntiga");
    CHECK(html("<pre>\n  kode  x\n\ty</pre><p>a</p>") == "  kode  x\n\ty\n\na");
    CHECK(html("<ul><li>satu</li><li>dua</li></ul>") == "satu\n\ndua");
    CHECK(html("<table><tr><th>Nama</th><th>Umur</th></tr><tr><td>Budi</td><td>40</td></tr>"
               "</table>") == "Nama\tUmur\n\nBudi\t40");
    CHECK(html("<blockquote>kutipan</blockquote>sesudah") == "kutipan\n\nsesudah");
}

TEST_CASE("html: head, script, style, comments and stray markup") {
    const auto e = extract_html(
        "<!DOCTYPE html><html><head><title>Catatan &amp; Lapangan</title>"
        "<meta name=\"author\" content=\"Sari\"><style>p { color: red }</style>"
        "<script>if (a < b) document.write('<p>x</p>');</script></head>"
        "<body><!-- komentar <p>tidak</p> --><p>isi 3 < 5 dan 6 > 4</p>"
        "<SCRIPT type=text/javascript>var s = '</p>';</SCRIPT><p>akhir</p></body></html>",
        "t.html", {});
    CHECK(e.text == "isi 3 < 5 dan 6 > 4\n\nakhir");
    CHECK(attribute(e, "title") == "Catatan & Lapangan");
    CHECK(attribute(e, "author") == "Sari");
}

TEST_CASE("html: the declared charset decodes the bytes") {
    // Latin-1 and ASCII labels mean Windows-1252, as browsers read them: 0x93/0x94 are quotes.
    const auto e = extract_html("<html><head><meta http-equiv='Content-Type' "
                                "content='text/html; charset=ISO-8859-1'></head>"
                                "<body><p>caf\xE9 \x93kutip\x94</p></body></html>",
                                "t.html", {});
    CHECK(e.text == "caf\xC3\xA9 \xE2\x80\x9Ckutip\xE2\x80\x9D");
    CHECK(e.encoding == "windows-1252");
    CHECK(e.method == "declared");

    const auto u = extract_html("<meta charset=\"utf-8\"><p>caf\xC3\xA9</p>", "t.html", {});
    CHECK(u.text == "caf\xC3\xA9");

    // --encoding wins over the declaration.
    qda::ingest::ReadOptions opts;
    opts.encoding = "windows-1251";
    CHECK(extract_html("<meta charset=\"utf-8\"><p>\xC4\xE0</p>", "t.html", opts).text ==
          "\xD0\x94\xD0\xB0");
}
