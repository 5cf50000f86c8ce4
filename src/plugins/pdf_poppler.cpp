// qda's PDF module: the text layer of a PDF through poppler-cpp, behind a small C interface.
// qda loads it (src/ingest/pdf.cpp) the first time it reads a PDF, so the 27 libraries poppler
// brings are not loaded by commands that never see a PDF. Each page is read in poppler's
// reading-order mode (non_raw_non_physical_layout, what pdftotext does by default): it follows
// columns, which the physical layout interleaves, and orders text as it reads, which the raw
// content stream order does not.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <cstddef>
#include <memory>
#include <string>

#include "plugins/pdf_module.h"

namespace {

// poppler reports syntax problems on stderr unless told otherwise; readers never print.
void quiet(const std::string &, void *) {}

void emit_utf8(qda_pdf_emit emit, void *user, int kind, const poppler::ustring &s) {
    const auto bytes = s.to_utf8();
    emit(user, kind, bytes.data(), bytes.size());
}

} // namespace

extern "C" int qda_pdf_extract_v1(const char *bytes, size_t size, qda_pdf_emit emit, void *user) {
    try {
        if (size > static_cast<size_t>(INT_MAX))
            return QDA_PDF_TOO_LARGE;
        poppler::set_debug_error_function(&quiet, nullptr);
        std::unique_ptr<poppler::document> doc(
            poppler::document::load_from_raw_data(bytes, static_cast<int>(size)));
        if (!doc)
            return QDA_PDF_UNREADABLE;
        if (doc->is_locked())
            return QDA_PDF_LOCKED;
        const int pages = doc->pages();
        if (pages <= 0)
            return QDA_PDF_NO_PAGES;
        for (int i = 0; i < pages; ++i) {
            std::unique_ptr<poppler::page> page(doc->create_page(i));
            if (page)
                emit_utf8(emit, user, QDA_PDF_PAGE,
                          page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
        }
        emit_utf8(emit, user, QDA_PDF_TITLE, doc->get_title());
        emit_utf8(emit, user, QDA_PDF_AUTHOR, doc->get_author());
        emit_utf8(emit, user, QDA_PDF_CREATED, doc->info_key("CreationDate"));
        return QDA_PDF_OK;
    } catch (...) {
        return QDA_PDF_UNREADABLE;
    }
}
