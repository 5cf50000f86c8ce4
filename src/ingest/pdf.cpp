// PDF text layer. The reading itself is done by qda's PDF module (libqda_pdf.so, built from
// src/plugins/pdf_poppler.cpp over poppler-cpp), loaded the first time a PDF is read, so that
// every other command starts without poppler and the libraries it brings. Lines stay lines;
// pages are separated by a paragraph break and form feeds are removed. A PDF without any text
// is a scan and needs OCR first.
#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "ingest/extracted_text.hpp"
#include "ingest/readers.hpp"
#include "plugins/pdf_module.h"
#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda::ingest {
namespace {

namespace fs = std::filesystem;

/// Where the module may be: $QDA_PDF_MODULE alone when it is set; otherwise beside the qda
/// executable (a build tree), in the library directory of the tree qda is installed in, the
/// installed location it was configured for, and the build tree it was built in (unit tests).
std::vector<fs::path> module_candidates() {
    std::vector<fs::path> out;
    if (const char *env = std::getenv("QDA_PDF_MODULE"); env && *env)
        return {fs::path(env)};
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        out.push_back(exe.parent_path() / QDA_PDF_MODULE_FILE);
        // An installed tree moved elsewhere: PREFIX/bin/qda and PREFIX/LIBDIR/qda/.
        out.push_back(exe.parent_path().parent_path() / QDA_PDF_MODULE_LIBDIR / "qda" /
                      QDA_PDF_MODULE_FILE);
    }
    out.push_back(fs::path(QDA_PDF_MODULE_INSTALL_DIR) / QDA_PDF_MODULE_FILE);
    out.push_back(fs::path(QDA_PDF_MODULE_BUILD_DIR) / QDA_PDF_MODULE_FILE);
    return out;
}

qda_pdf_extract_fn load_module(const std::string &where) {
    static std::once_flag once;
    static qda_pdf_extract_fn fn = nullptr;
    static std::string tried;
    std::call_once(once, [] {
        for (const auto &p : module_candidates()) {
            std::error_code ec;
            if (!fs::exists(p, ec))
                continue;
            void *h = dlopen(p.c_str(), RTLD_NOW | RTLD_LOCAL);
            if (!h) {
                tried += fmt::format("{} ({}); ", p.string(), dlerror());
                continue;
            }
            fn = reinterpret_cast<qda_pdf_extract_fn>(dlsym(h, QDA_PDF_EXTRACT_SYMBOL));
            if (fn)
                return; // the module stays loaded for the life of the process
            tried += fmt::format("{} (no {}); ", p.string(), QDA_PDF_EXTRACT_SYMBOL);
            dlclose(h);
        }
        if (tried.empty())
            for (const auto &p : module_candidates())
                tried += p.string() + "; ";
    });
    if (!fn)
        throw Error(Exit::config, where,
                    fmt::format("PDF support is not installed: no usable {} (looked at: {})",
                                QDA_PDF_MODULE_FILE, tried.substr(0, tried.size() - 2)),
                    "install qda with `cmake --install`, or set QDA_PDF_MODULE to the module");
    return fn;
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
    std::string out = fmt::format("{}-{}-{}", d.substr(0, 4), d.substr(4, 2), d.substr(6, 2));
    if (digits >= 12)
        out += fmt::format("T{}:{}", d.substr(8, 2), d.substr(10, 2));
    if (digits >= 14)
        out += fmt::format(":{}", d.substr(12, 2));
    return out;
}

} // namespace

Extracted extract_pdf(std::string_view bytes, std::string_view where, const ReadOptions &) {
    const std::string w(where);
    auto extract = load_module(w);
    struct Sink {
        std::vector<std::string> pages;
        std::string title, author, created;
    } sink;
    auto emit = [](void *user, int kind, const char *data, size_t size) {
        auto &k = *static_cast<Sink *>(user);
        std::string v(data, size);
        if (kind == QDA_PDF_PAGE) {
            v = text::normalize_newlines(v);
            std::erase(v, '\f');
            k.pages.push_back(std::move(v));
        } else if (kind == QDA_PDF_TITLE)
            k.title = std::move(v);
        else if (kind == QDA_PDF_AUTHOR)
            k.author = std::move(v);
        else if (kind == QDA_PDF_CREATED)
            k.created = std::move(v);
    };
    switch (extract(bytes.data(), bytes.size(), emit, &sink)) {
    case QDA_PDF_OK:
        break;
    case QDA_PDF_TOO_LARGE:
        throw Error(Exit::data, w, "the PDF is too large to read (over 2 GB)");
    case QDA_PDF_LOCKED:
        throw Error(Exit::data, w, "the PDF is encrypted with a password",
                    "remove the password first, e.g. qpdf --decrypt --password=... in.pdf out.pdf");
    case QDA_PDF_NO_PAGES:
        throw Error(Exit::data, w, "not a readable PDF: it has no pages");
    default:
        throw Error(Exit::data, w, "not a readable PDF: the file is damaged or not a PDF");
    }
    Extracted out;
    out.text = join_paragraphs(sink.pages);
    if (out.text.empty())
        throw Error(Exit::data, w,
                    "the PDF has no text layer (scanned?): run OCR first, e.g. ocrmypdf",
                    "ocrmypdf --sidecar out.txt in.pdf out.pdf");
    if (auto t = trim_copy(sink.title); !t.empty())
        out.attributes.emplace_back("title", t);
    if (auto a = trim_copy(sink.author); !a.empty())
        out.attributes.emplace_back("author", a);
    if (auto c = pdf_date(sink.created); !c.empty())
        out.attributes.emplace_back("created", c);
    return out;
}

} // namespace qda::ingest
