// The front door of src/ingest: which format a file holds, and the reader for it.
#include <algorithm>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "ingest/readers.hpp"
#include "ingest/zip_api.hpp"
#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda::ingest {

namespace {

const std::vector<std::string> all_formats = {"text", "markdown", "webvtt", "srt", "html", "docx",
                                              "odt",  "rtf",      "pdf",    "csv", "tsv"};

std::string lower(std::string_view s) {
    std::string out(s);
    // ASCII only (file names, markup): no call into the C locale for each byte.
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string extension(std::string_view filename) {
    std::size_t slash = filename.find_last_of('/');
    std::string_view base = slash == std::string_view::npos ? filename : filename.substr(slash + 1);
    std::size_t dot = base.find_last_of('.');
    return dot == std::string_view::npos || dot == 0 ? std::string() : lower(base.substr(dot + 1));
}

/// "docx", "odt", or empty for another kind of ZIP archive.
std::string zip_format(std::string_view bytes, std::string_view where) {
    const ZipApi &api = zip_api(where);
    auto close = [&api](zip_t *z) { api.discard(z); };
    zip_error_t err;
    api.error_init(&err);
    zip_source_t *src = api.source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (!src)
        return {};
    std::unique_ptr<zip_t, decltype(close)> z(api.open_from_source(src, ZIP_RDONLY, &err), close);
    api.error_fini(&err);
    if (!z) {
        api.source_free(src);
        return {};
    }
    if (api.name_locate(z.get(), "word/document.xml", ZIP_FL_NOCASE) >= 0)
        return "docx";
    zip_file_t *f = api.fopen(z.get(), "mimetype", 0);
    if (!f)
        return {};
    char buf[80] = {};
    zip_int64_t n = api.fread(f, buf, sizeof buf - 1);
    api.fclose(f);
    std::string_view mime(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
    return mime.starts_with("application/vnd.oasis.opendocument.text") ? "odt" : "";
}

bool wide_bom(std::string_view bytes) {
    return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
           bytes.starts_with(std::string_view("\0\0\xFE\xFF", 4));
}

/// The start of the file as UTF-8, for looking at text formats (UTF-16/32 with a BOM included).
std::string text_probe(std::string_view bytes) {
    std::string_view head = bytes.substr(0, 4096);
    if (head.starts_with("\xEF\xBB\xBF"))
        return std::string(head.substr(3));
    if (!wide_bom(head))
        return std::string(head);
    try {
        return text::decode(head, "probe").utf8;
    } catch (const Error &) {
        return {};
    }
}

std::string_view first_line(std::string_view s, std::size_t &pos) {
    while (pos < s.size() && (s[pos] == '\n' || s[pos] == '\r' || s[pos] == ' ' || s[pos] == '\t'))
        ++pos;
    std::size_t eol = s.find_first_of("\r\n", pos);
    if (eol == std::string_view::npos)
        eol = s.size();
    std::string_view l = s.substr(pos, eol - pos);
    pos = eol;
    return l;
}

bool looks_like_srt(std::string_view probe) {
    std::size_t pos = 0;
    std::string_view n = first_line(probe, pos);
    if (n.empty() || !std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    std::string_view t = first_line(probe, pos);
    // hh:mm:ss,mmm --> hh:mm:ss,mmm
    return t.size() >= 29 && t[2] == ':' && t[5] == ':' && t[8] == ',' && t.find("-->") == 13;
}

bool looks_like_html(std::string_view probe) {
    std::string head = lower(probe.substr(0, 1024));
    std::size_t i = head.find_first_not_of(" \t\r\n");
    if (i == std::string::npos || head[i] != '<')
        return false;
    for (const char *tag :
         {"<!doctype html", "<html", "<head", "<body", "<p>", "<p ", "<title", "<meta"})
        if (head.compare(i, std::strlen(tag), tag) == 0)
            return true;
    // "<?xml ...?>" or a comment first: XHTML still says <html early on
    return (head.compare(i, 5, "<?xml") == 0 || head.compare(i, 4, "<!--") == 0) &&
           head.find("<html") != std::string::npos;
}

/// NUL bytes, or many control characters, in what should be text.
void reject_binary(std::string_view bytes, std::string_view filename) {
    if (wide_bom(bytes))
        return;
    std::size_t nul = bytes.find('\0');
    std::size_t controls = 0;
    std::string_view head = bytes.substr(0, 65536);
    auto control = [](unsigned char c) {
        return c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B;
    };
    std::size_t i = 0;
    for (; i + 8 <= head.size(); i += 8) {
        // Skip eight bytes at once when none is below 0x20 (the test may see one that is not
        // there, never miss one that is).
        std::uint64_t x;
        std::memcpy(&x, head.data() + i, 8);
        if (((x - 0x2020202020202020ULL) & ~x & 0x8080808080808080ULL) == 0)
            continue;
        for (std::size_t k = i; k < i + 8; ++k)
            controls += control(static_cast<unsigned char>(head[k]));
    }
    for (; i < head.size(); ++i)
        controls += control(static_cast<unsigned char>(head[i]));
    if (nul != std::string_view::npos || controls * 10 > head.size()) {
        throw Error(
            Exit::data, std::string(filename),
            nul != std::string_view::npos
                ? fmt::format("binary file, not text (a NUL byte at offset {})", nul)
                : std::string("binary file, not text (too many control characters)"),
            "qda reads text, Markdown, WebVTT, SRT, HTML, DOCX, ODT, RTF, PDF, CSV and TSV");
    }
}

Document from_extracted(Extracted e, const char *format) {
    Document d;
    d.format = format;
    d.text = std::move(e.text);
    d.encoding = std::move(e.encoding);
    d.encoding_confidence = e.confidence;
    d.encoding_method = std::move(e.method);
    d.attributes = std::move(e.attributes);
    d.warnings = std::move(e.warnings);
    return d;
}

bool wide_charset(std::string_view name) {
    std::string n = lower(name);
    return n.starts_with("utf-16") || n.starts_with("utf16") || n.starts_with("utf-32") ||
           n.starts_with("utf32") || n.starts_with("ucs-");
}

} // namespace

std::vector<std::string> formats() {
    return all_formats;
}

std::string detect_format(std::string_view bytes, std::string_view filename) {
    const std::string where(filename);
    if (bytes.empty())
        throw Error(Exit::data, where, "empty file");
    if (bytes.starts_with("PK\x03\x04")) {
        std::string f = zip_format(bytes, where);
        if (!f.empty())
            return f;
        // A damaged package named .docx/.odt: its reader says what is wrong with it.
        if (const std::string ext = extension(filename); ext == "docx" || ext == "odt")
            return ext;
        throw Error(Exit::data, where, "a ZIP archive that is neither a .docx nor an .odt document",
                    "qda reads Word (.docx) and OpenDocument (.odt) text documents");
    }
    if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos)
        return "pdf";
    if (bytes.starts_with("{\\rtf"))
        return "rtf";
    if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        throw Error(Exit::data, where, "Word 97 binary .doc is not supported",
                    "convert it to .docx or .odt first, e.g. `libreoffice --headless --convert-to "
                    "docx FILE.doc`");
    const std::string probe = text_probe(bytes);
    if (probe.starts_with("WEBVTT") && (probe.size() == 6 || probe[6] == ' ' || probe[6] == '\t' ||
                                        probe[6] == '\n' || probe[6] == '\r'))
        return "webvtt";
    if (looks_like_srt(probe))
        return "srt";
    if (looks_like_html(probe))
        return "html";
    const std::string ext = extension(filename);
    if (ext == "docx" || ext == "odt" || ext == "pdf")
        return ext; // its reader says what is wrong
    reject_binary(bytes, filename);
    if (ext == "md" || ext == "markdown")
        return "markdown";
    if (ext == "csv")
        return "csv";
    if (ext == "tsv" || ext == "tab")
        return "tsv";
    if (ext == "vtt")
        return "webvtt";
    if (ext == "srt")
        return "srt";
    if (ext == "htm" || ext == "html" || ext == "xhtml")
        return "html";
    return "text";
}

namespace {

/// read(), taking the bytes from `owned` (whose view `bytes` is) where read_taking says.
std::vector<Document> read_impl(std::string_view bytes, std::string *owned,
                                std::string_view filename, const ReadOptions &opts) {
    std::string format = opts.as_format;
    if (!format.empty() &&
        std::find(all_formats.begin(), all_formats.end(), format) == all_formats.end()) {
        throw Error(Exit::usage, "--as", fmt::format("unknown input format '{}'", format),
                    fmt::format("one of: {}", fmt::join(all_formats, ", ")));
    }
    // UTF-16/32 without a BOM, named by the user: look at it as UTF-8, report the real charset.
    if (!opts.encoding.empty() && wide_charset(opts.encoding) && !wide_bom(bytes)) {
        text::Decoded dec = text::decode(bytes, filename, opts.encoding);
        ReadOptions utf8 = opts;
        utf8.encoding = "UTF-8";
        std::vector<Document> docs = read_impl(dec.utf8, nullptr, filename, utf8);
        for (Document &d : docs) {
            d.text_is_bytes = false; // it is dec.utf8, not the bytes
            d.encoding = dec.encoding;
            d.encoding_method = dec.method;
            d.encoding_confidence = dec.confidence;
        }
        return docs;
    }
    if (format.empty())
        format = detect_format(bytes, filename);

    Document d;
    if (format == "text" || format == "markdown") {
        // Front matter will be cut from the text, and the bytes are still wanted then.
        const bool take = owned && opts.encoding.empty() && !bytes.starts_with("---") &&
                          !bytes.starts_with("+++");
        const std::size_t size = bytes.size(); // `bytes` is not to be read once taken
        text::Decoded dec = take ? text::decode_taking(*owned, filename)
                                 : text::decode(bytes, filename, opts.encoding);
        d.format = format;
        d.text = std::move(dec.utf8);
        d.encoding = std::move(dec.encoding);
        d.encoding_confidence = dec.confidence;
        d.encoding_method = std::move(dec.method);
        take_front_matter(d, filename);
        // Front matter, when there is some, is cut from the front: the size tells.
        d.text_is_bytes = dec.unchanged && d.text.size() == size;
    } else if (format == "webvtt" || format == "srt") {
        d = format == "webvtt" ? read_webvtt(bytes, filename, opts)
                               : read_srt(bytes, filename, opts);
    } else if (format == "csv" || format == "tsv") {
        return read_table(bytes, filename, opts, format == "csv" ? ',' : '\t');
    } else if (format == "html") {
        d = from_extracted(extract_html(bytes, filename, opts), "html");
    } else if (format == "docx") {
        d = from_extracted(extract_docx(bytes, filename, opts), "docx");
    } else if (format == "odt") {
        d = from_extracted(extract_odt(bytes, filename, opts), "odt");
    } else if (format == "rtf") {
        d = from_extracted(extract_rtf(bytes, filename, opts), "rtf");
    } else {
        d = from_extracted(extract_pdf(bytes, filename, opts), "pdf");
    }
    if (format != "webvtt" && format != "srt")
        detect_turns(d, opts, filename);
    finalize(d, opts);
    std::vector<Document> out;
    out.push_back(std::move(d));
    return out;
}

} // namespace

std::vector<Document> read(std::string_view bytes, std::string_view filename,
                           const ReadOptions &opts) {
    return read_impl(bytes, nullptr, filename, opts);
}

std::vector<Document> read_taking(std::string &bytes, std::string_view filename,
                                  const ReadOptions &opts) {
    return read_impl(bytes, &bytes, filename, opts);
}

} // namespace qda::ingest
