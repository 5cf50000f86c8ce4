#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ingest/readers.hpp"
#include "qda/error.hpp"

using qda::ingest::extract_pdf;

namespace {

// A minimal valid PDF: one page per entry, each line shown with Helvetica, with a correct
// cross-reference table and optional document information.
std::string make_pdf(const std::vector<std::vector<std::string>> &pages, std::string info = {}) {
    std::vector<std::string> objects;
    std::string kids;
    for (std::size_t i = 0; i < pages.size(); ++i)
        kids += std::to_string(4 + 2 * i) + " 0 R ";
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " +
                      std::to_string(pages.size()) + " >>");
    objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    for (std::size_t i = 0; i < pages.size(); ++i) {
        std::string stream = "BT /F1 12 Tf 72 720 Td 14 TL";
        for (const auto &line : pages[i])
            stream += " (" + line + ") Tj T*";
        stream += " ET";
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                          "<< /Font << /F1 3 0 R >> >> /Contents " +
                          std::to_string(5 + 2 * i) + " 0 R >>");
        objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream +
                          "\nendstream");
    }
    if (!info.empty())
        objects.push_back(info);
    std::string out = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (auto o : offsets) {
        std::string n = std::to_string(o);
        out += std::string(10 - n.size(), '0') + n + " 00000 n \n";
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R";
    if (!info.empty())
        out += " /Info " + std::to_string(objects.size()) + " 0 R";
    out += " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

qda::Error error_of(const std::string &bytes) {
    try {
        extract_pdf(bytes, "t.pdf", {});
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

} // namespace

TEST_CASE("pdf: the text layer, lines kept, pages separated by a paragraph break") {
    const auto pdf = make_pdf({{"Halo dunia", "K: baris kedua"}, {"Halaman dua"}},
                              "<< /Title (Wawancara 1) /Author (Tim Peneliti) "
                              "/CreationDate (D:20240312101500+07'00') >>");
    const auto e = extract_pdf(pdf, "t.pdf", {});
    CHECK(e.text == "Halo dunia\nK: baris kedua\n\nHalaman dua");
    CHECK(e.text.find('\f') == std::string::npos);
    CHECK(attribute(e, "title") == "Wawancara 1");
    CHECK(attribute(e, "author") == "Tim Peneliti");
    CHECK(attribute(e, "created") == "2024-03-12T10:15:00");
}

TEST_CASE("pdf: no text layer, damage and non-PDF bytes are bad data") {
    const auto scan = error_of(make_pdf({{}, {}}));
    CHECK(scan.code() == qda::Exit::data);
    CHECK(scan.where() == "t.pdf");
    CHECK(std::string(scan.what()) ==
          "the PDF has no text layer (scanned?): run OCR first, e.g. ocrmypdf");

    CHECK(error_of("%PDF-1.4\ngarbage").code() == qda::Exit::data);
    CHECK(error_of("plain text, not a PDF").code() == qda::Exit::data);
    const auto pdf = make_pdf({{"Halo dunia"}});
    const auto cut = error_of(pdf.substr(0, 200));
    CHECK(cut.code() == qda::Exit::data);
    CHECK(std::string(cut.what()).find("PDF") != std::string::npos);
}
