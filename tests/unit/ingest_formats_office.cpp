#include <doctest/doctest.h>

#include <zip.h>

#include <string>
#include <utility>
#include <vector>

#include "ingest/readers.hpp"
#include "qda/error.hpp"
#include "shared.hpp"

using qda::ingest::extract_docx;
using qda::ingest::extract_odt;

namespace {

using Members = std::vector<std::pair<std::string, std::string>>;

// A ZIP archive in memory, built with libzip (the library the readers use).
std::string make_zip(const Members &members) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(nullptr, 0, 0, &err);
    REQUIRE(src != nullptr);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    REQUIRE(za != nullptr);
    for (const auto &[name, data] : members) {
        zip_source_t *s = zip_source_buffer(za, data.data(), data.size(), 0);
        REQUIRE(zip_file_add(za, name.c_str(), s, ZIP_FL_OVERWRITE) >= 0);
    }
    REQUIRE(zip_close(za) == 0);
    REQUIRE(zip_source_open(src) == 0);
    REQUIRE(zip_source_seek(src, 0, SEEK_END) == 0);
    const auto size = zip_source_tell(src);
    REQUIRE(zip_source_seek(src, 0, SEEK_SET) == 0);
    std::string out(static_cast<std::size_t>(size), '\0');
    REQUIRE(zip_source_read(src, out.data(), out.size()) == size);
    zip_source_close(src);
    zip_source_free(src);
    return out;
}

qda::Error error_of(auto &&fn) {
    try {
        fn();
    } catch (const qda::Error &e) {
        return e;
    }
    FAIL("no error");
    return qda::Error(qda::Exit::ok, "", "");
}

std::string attribute(const qda::ingest::Extracted &e, const std::string &key) {
    for (const auto &[k, v] : e.attributes)
        if (k == key)
            return v;
    return {};
}

std::size_t paragraph_count(const std::string &text) {
    std::size_t n = text.empty() ? 0 : 1;
    for (auto p = text.find("\n\n"); p != std::string::npos; p = text.find("\n\n", p + 2))
        ++n;
    return n;
}

const char *wml = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

std::string docx_body(const std::string &prefix, const std::string &body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<" + prefix +
           ":document xmlns:" + prefix + "=\"" + wml +
           "\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
           "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
           "<" +
           prefix + ":body>" + body + "</" + prefix + ":body></" + prefix + ":document>";
}

} // namespace

TEST_CASE("docx: ID1.docx from QualCoder") {
    if (!qda::testing::have_shared("corpora/qualcoder/ID1.docx"))
        return;
    const auto e =
        extract_docx(qda::testing::read_shared("corpora/qualcoder/ID1.docx"), "ID1.docx", {});
    CHECK(paragraph_count(e.text) == 3); // the fourth w:p is empty
    CHECK(e.text.starts_with("I really like learning new things. I think this course is good"));
    // Runs split at proofing marks join without added spaces.
    CHECK(e.text.find("web links have been really good.\n\nI guess some less") !=
          std::string::npos);
    CHECK(e.text.find("but its like a duck to water for me - no problem at all.") !=
          std::string::npos);
    CHECK(e.text.ends_with("I'm happy to pay \xE2\x82\xAC"
                           "200."));
    CHECK(attribute(e, "author") == "colin-2");
    CHECK(attribute(e, "created") == "2013-09-15T16:54:00Z");
    CHECK(e.method == "container");
}

TEST_CASE("odt: ID2.odt from QualCoder") {
    if (!qda::testing::have_shared("corpora/qualcoder/ID2.odt"))
        return;
    const auto e =
        extract_odt(qda::testing::read_shared("corpora/qualcoder/ID2.odt"), "ID2.odt", {});
    CHECK(paragraph_count(e.text) == 3);
    CHECK(e.text.starts_with("I have not studied much before, but my father Joe Bloggs really "
                             "encouraged me to study again. I know that I must get help"));
    CHECK(e.text.find("\n\nI really want someone to sit down with me and explain the course "
                      "material.\n\n") != std::string::npos);
    CHECK(e.text.ends_with("The course cost \xE2\x82\xAC"
                           "200.00 and I do not want to waste my money."));
    CHECK(attribute(e, "author") == "colin-2"); // meta:initial-creator
    CHECK(attribute(e, "created") == "2013-10-19T10:12:50");
}

TEST_CASE("docx: a truncated or damaged package is bad data naming DOCX") {
    if (qda::testing::have_shared("corpora/qualcoder/ID1.docx")) {
        const auto bytes = qda::testing::read_shared("corpora/qualcoder/ID1.docx");
        const auto e =
            error_of([&] { extract_docx(bytes.substr(0, bytes.size() / 2), "ID1.docx", {}); });
        CHECK(e.code() == qda::Exit::data);
        CHECK(e.where() == "ID1.docx");
        CHECK(
            std::string(e.what()).starts_with("not a readable DOCX: the ZIP archive is truncated"));
    }
    const auto not_zip = error_of([] { extract_docx("{\\rtf1 hello}", "x.docx", {}); });
    CHECK(not_zip.code() == qda::Exit::data);
    CHECK(std::string(not_zip.what()).find("not a ZIP archive") != std::string::npos);

    const auto no_doc = error_of([] {
        extract_docx(make_zip({{"hello.txt", "hi"}}), "x.docx", {});
    });
    CHECK(no_doc.code() == qda::Exit::data);
    CHECK(std::string(no_doc.what()).find("has no word/document.xml") != std::string::npos);

    // The central directory is intact but the compressed document is not.
    std::string doc = docx_body("w", "");
    for (int i = 0; i < 200; ++i)
        doc += "<!-- padding that compresses well " + std::to_string(i) + " -->";
    auto zip = make_zip({{"word/document.xml", doc}});
    for (std::size_t i = 60; i < 120; ++i)
        zip[i] = static_cast<char>(zip[i] ^ 0x5A);
    const auto damaged = error_of([&] { extract_docx(zip, "x.docx", {}); });
    CHECK(damaged.code() == qda::Exit::data);
    CHECK(std::string(damaged.what()).starts_with("not a readable DOCX: word/document.xml"));

    const auto bad_xml = error_of([] {
        extract_docx(make_zip({{"word/document.xml", "<w:document><w:body>"}}), "x.docx", {});
    });
    CHECK(std::string(bad_xml.what()).find("not well-formed XML") != std::string::npos);
}

TEST_CASE("docx: runs, tabs, breaks, revisions, tables, fields, text boxes") {
    const std::string body =
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
        "<w:r><w:t>K:</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">Saya </w:t></w:r>"
        "<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>tidak </w:delText></w:r></w:del>"
        "<w:ins w:id=\"2\" w:author=\"x\"><w:r><w:t xml:space=\"preserve\">sangat "
        "</w:t></w:r></w:ins>"
        "<w:r><w:t>setuju.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>baris satu</w:t><w:br/><w:t>baris "
        "dua</w:t><w:cr/><w:t>tiga</w:t></w:r></w:p>"
        "<w:p/>"
        "<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>Sel A</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Sel B</w:t></w:r></w:p><w:p><w:r><w:t>Sel B2</w:t></w:r></w:p></w:tc>"
        "</w:tr></w:tbl>"
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
        "xml:space=\"preserve\">"
        " HYPERLINK \"http://x\" </w:instrText></w:r><w:r><w:fldChar "
        "w:fldCharType=\"separate\"/></w:r>"
        "<w:r><w:t>tautan</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<w:r><w:t xml:space=\"preserve\"> &amp; teks</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Jangkar</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">"
        "<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Kotak teks</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        "<w:p><w:r><w:t>Kotak teks</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
        "<w:p><w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:t>satu</w:t></w:r>"
        "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:t>spasi</w:t></w:r></w:p>"
        "<w:sectPr><w:pgSz w:w=\"11906\"/></w:sectPr>";
    const std::string core =
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
        "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:dcterms=\"http://purl.org/dc/terms/\"><dc:title> Wawancara Pak Budi </dc:title>"
        "<dc:creator>Sari</dc:creator><dcterms:created>2024-03-12T09:00:00Z</dcterms:created>"
        "</cp:coreProperties>";
    const auto e = extract_docx(
        make_zip({{"word/document.xml", docx_body("w", body)}, {"docProps/core.xml", core}}),
        "t.docx", {});
    CHECK(e.text == "K:\tSaya sangat setuju.\n\n"
                    "baris satu\nbaris dua\ntiga\n\n"
                    "Sel A\n\nSel B\n\nSel B2\n\n"
                    "tautan & teks\n\n"
                    "Jangkar\n\nKotak teks\n\n"
                    "satu spasi");
    CHECK(attribute(e, "title") == "Wawancara Pak Budi");
    CHECK(attribute(e, "author") == "Sari");
    CHECK(attribute(e, "created") == "2024-03-12T09:00:00Z");
}

TEST_CASE("docx: any namespace prefix, and the main part named by _rels/.rels") {
    const std::string rels =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/officeDocument\" Target=\"/word/document2.xml\"/></Relationships>";
    const auto e = extract_docx(
        make_zip({{"_rels/.rels", rels},
                  {"word/document2.xml",
                   docx_body("x", "<x:p><x:r><x:t>halo</x:t></x:r></x:p><x:p><x:r><x:t>dunia</x:t>"
                                  "</x:r></x:p>")}}),
        "t.docx", {});
    CHECK(e.text == "halo\n\ndunia");
}

TEST_CASE("odt: white space, spaces, tabs, line breaks, lists, tables, notes, changes") {
    const std::string content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<office:document-content "
        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:body><office:text>\n"
        "  <text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>"
        "<text:p>dihapus</text:p></text:deletion></text:changed-region></text:tracked-changes>\n"
        "  <text:h text:outline-level=\"1\"><text:number>1.</text:number>Judul</text:h>\n"
        "  <text:p>  K:<text:tab/>satu<text:s text:c=\"3\"/>dua   tiga\n   empat<text:line-break/>"
        "baris <text:span>dua</text:span><text:change text:change-id=\"c1\"/></text:p>\n"
        "  <text:list><text:list-item><text:p>butir satu</text:p></text:list-item>"
        "<text:list-item><text:p>butir dua</text:p></text:list-item></text:list>\n"
        "  <table:table><table:table-column/><table:table-row><table:table-cell><text:p>A1</text:p>"
        "</table:table-cell><table:table-cell><text:p>B1</text:p></table:table-cell></"
        "table:table-row>"
        "</table:table>\n"
        "  <text:p>Catatan<text:note text:note-class=\"footnote\"><text:note-citation>1"
        "</text:note-citation><text:note-body><text:p>Isi catatan</text:p></text:note-body>"
        "</text:note> di sini<office:annotation><dc:creator>x</dc:creator><text:p>komentar</text:p>"
        "</office:annotation>.</text:p>\n"
        "  <text:p/>\n"
        "</office:text></office:body></office:document-content>";
    const std::string meta =
        "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:meta><dc:title>Observasi "
        "3</dc:title>"
        "<dc:creator>Editor Terakhir</dc:creator><meta:creation-date>2024-03-12T10:00:00"
        "</meta:creation-date></office:meta></office:document-meta>";
    const auto e = extract_odt(make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                         {"content.xml", content},
                                         {"meta.xml", meta}}),
                               "t.odt", {});
    CHECK(e.text == "Judul\n\n"
                    "K:\tsatu   dua tiga empat\nbaris dua\n\n"
                    "butir satu\n\nbutir dua\n\n"
                    "A1\n\nB1\n\n"
                    "Catatan di sini.\n\nIsi catatan");
    CHECK(e.warnings.empty());
    CHECK(attribute(e, "title") == "Observasi 3");
    CHECK(attribute(e, "author") == "Editor Terakhir"); // no meta:initial-creator here
    CHECK(attribute(e, "created") == "2024-03-12T10:00:00");
}

TEST_CASE("odt: damaged packages are bad data naming ODT") {
    const auto none = error_of([] { extract_odt(make_zip({{"meta.xml", "<x/>"}}), "t.odt", {}); });
    CHECK(none.code() == qda::Exit::data);
    CHECK(std::string(none.what()) ==
          "not a readable ODT: the ZIP archive has no content.xml (every ODT package has one)");
    if (qda::testing::have_shared("corpora/qualcoder/ID2.odt")) {
        const auto bytes = qda::testing::read_shared("corpora/qualcoder/ID2.odt");
        const auto e =
            error_of([&] { extract_odt(bytes.substr(0, bytes.size() - 100), "ID2.odt", {}); });
        CHECK(e.code() == qda::Exit::data);
        CHECK(std::string(e.what()).starts_with("not a readable ODT:"));
    }
}
