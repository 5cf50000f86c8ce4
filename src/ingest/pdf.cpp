// PDF text layer through poppler-cpp. Each page is read in poppler's reading-order mode
// (non_raw_non_physical_layout, what pdftotext does by default): it follows columns, which
// the physical layout interleaves, and it orders text as it reads, which the raw content
// stream order does not. Lines stay lines; pages are separated by a paragraph break and form
// feeds are removed. A PDF without any text is a scan and needs OCR first.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <memory>
#include <string>
#include <vector>

#include "ingest/extracted_text.hpp"
#include "ingest/readers.hpp"
#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda::ingest {
namespace {

// poppler reports syntax problems on stderr unless told otherwise; readers never print.
void quiet(const std::string &, void *) {}

std::string utf8(const poppler::ustring &s) {
    const auto bytes = s.to_utf8();
    return std::string(bytes.begin(), bytes.end());
}

// "D:20130915165400Z" -> "2013-09-15T16:54:00" (the time zone is left out).
std::string pdf_date(std::string_view d) {
    if (d.starts_with("D:"))
        d.remove_prefix(2);
    std::size_t digits = 0;
    while (digits < d.size() && digits < 14 && d[digits] >= '0' && d[digits] <= '9')
        ++digits;
    if (digits < 8)
        return {};
    std::string out = std::string(d.substr(0, 4)) + "-" + std::string(d.substr(4, 2)) + "-" +
                      std::string(d.substr(6, 2));
    if (digits >= 12)
        out += "T" + std::string(d.substr(8, 2)) + ":" + std::string(d.substr(10, 2)) +
               (digits >= 14 ? ":" + std::string(d.substr(12, 2)) : "");
    return out;
}

std::string page_text(const poppler::page &page) {
    std::string t = text::normalize_newlines(
        utf8(page.text(poppler::rectf(), poppler::page::non_raw_non_physical_layout)));
    std::erase(t, '\f');
    return t;
}

} // namespace

Extracted extract_pdf(std::string_view bytes, std::string_view where, const ReadOptions &) {
    const std::string w(where);
    if (bytes.size() > static_cast<std::size_t>(INT_MAX))
        throw Error(Exit::data, w, "the PDF is too large to read (over 2 GB)");
    poppler::set_debug_error_function(&quiet, nullptr);
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc)
        throw Error(Exit::data, w, "not a readable PDF: the file is damaged or not a PDF");
    if (doc->is_locked())
        throw Error(Exit::data, w, "the PDF is encrypted with a password",
                    "remove the password first, e.g. qpdf --decrypt --password=... in.pdf out.pdf");
    const int pages = doc->pages();
    if (pages <= 0)
        throw Error(Exit::data, w, "not a readable PDF: it has no pages");

    std::vector<std::string> paragraphs;
    for (int i = 0; i < pages; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (page)
            paragraphs.push_back(page_text(*page));
    }
    Extracted out;
    out.text = join_paragraphs(paragraphs);
    if (out.text.empty())
        throw Error(Exit::data, w,
                    "the PDF has no text layer (scanned?): run OCR first, e.g. ocrmypdf",
                    "ocrmypdf --sidecar out.txt in.pdf out.pdf");
    if (auto t = trim_copy(utf8(doc->get_title())); !t.empty())
        out.attributes.emplace_back("title", t);
    if (auto a = trim_copy(utf8(doc->get_author())); !a.empty())
        out.attributes.emplace_back("author", a);
    if (auto c = pdf_date(utf8(doc->info_key("CreationDate"))); !c.empty())
        out.attributes.emplace_back("created", c);
    return out;
}

} // namespace qda::ingest
