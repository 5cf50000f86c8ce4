// Bytes -> UTF-8 by the rules of architecture.md, "Decoding":
// --encoding > BOM > declared charset > valid UTF-8 > ICU's charset detector.
#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda::text {

namespace {

struct CloseConverter {
    void operator()(UConverter *c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, CloseConverter>;

struct CloseDetector {
    void operator()(UCharsetDetector *d) const { ucsdet_close(d); }
};

Converter open_converter(std::string_view charset) {
    UErrorCode st = U_ZERO_ERROR;
    Converter c(ucnv_open(std::string(charset).c_str(), &st));
    if (U_FAILURE(st))
        c.reset();
    return c;
}

bool same_charset(std::string_view a, const char *b) {
    return ucnv_compareNames(std::string(a).c_str(), b) == 0;
}

bool is_utf8_name(std::string_view name) {
    return same_charset(name, "UTF-8") || same_charset(name, "UTF8");
}

bool is_wide_unicode(std::string_view name) {
    for (const char *n :
         {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "UTF-32LE", "UTF-32BE", "UCS-2", "UCS-4"})
        if (same_charset(name, n))
            return true;
    return false;
}

/// The name people know a charset by ("windows-1252", not "ibm-5348_P100-1997").
std::string standard_name(UConverter *cnv, std::string_view fallback) {
    UErrorCode st = U_ZERO_ERROR;
    const char *internal = ucnv_getName(cnv, &st);
    if (U_FAILURE(st) || !internal)
        return std::string(fallback);
    for (const char *standard : {"MIME", "IANA"}) {
        st = U_ZERO_ERROR;
        const char *n = ucnv_getStandardName(internal, standard, &st);
        if (U_SUCCESS(st) && n)
            return n;
    }
    return internal;
}

/// "file:LINE:COL" of byte `at` (lines end at LF, CRLF or CR; columns count code points).
std::string position(std::string_view bytes, std::size_t at, std::string_view where) {
    std::int64_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < at; ++i) {
        if (bytes[i] == '\n' ||
            (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
            ++line;
            line_start = i + 1;
        }
    }
    std::int64_t col = 1 + code_points(bytes.substr(line_start, at - line_start));
    return fmt::format("{}:{}:{}", where, line, col);
}

/// Bytes that must be UTF-8 (forced, declared, or a UTF-8 BOM): ill-formed is an error.
std::string strict_utf8(std::string_view bytes, std::string_view where) {
    std::size_t bad = first_invalid_utf8(bytes);
    if (bad != std::string_view::npos) {
        throw Error(
            Exit::data, position(bytes, bad, where),
            fmt::format("invalid UTF-8 byte 0x{:02X}", static_cast<unsigned char>(bytes[bad])),
            "the file is not UTF-8; name its encoding with --encoding (e.g. windows-1252)");
    }
    return std::string(bytes);
}

/// Convert with ICU. `strict` stops at the first byte the charset cannot map.
std::string convert(std::string_view bytes, UConverter *cnv, bool strict, std::string_view where,
                    std::string_view charset) {
    UErrorCode st = U_ZERO_ERROR;
    if (strict)
        ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
    icu::UnicodeString out;
    UChar buf[8192];
    const char *src = bytes.data();
    const char *limit = bytes.data() + bytes.size();
    do {
        st = U_ZERO_ERROR;
        UChar *target = buf;
        ucnv_toUnicode(cnv, &target, buf + std::size(buf), &src, limit, nullptr, true, &st);
        out.append(buf, static_cast<int32_t>(target - buf));
    } while (st == U_BUFFER_OVERFLOW_ERROR);
    if (U_FAILURE(st)) {
        char bad[32];
        int8_t len = sizeof bad;
        UErrorCode st2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(cnv, bad, &len, &st2);
        std::size_t at = static_cast<std::size_t>(src - bytes.data()) - (U_SUCCESS(st2) ? len : 0);
        throw Error(Exit::data, std::string(where),
                    fmt::format("byte 0x{:02X} at offset {} is not valid {}",
                                at < bytes.size() ? static_cast<unsigned char>(bytes[at]) : 0, at,
                                charset),
                    "name the file's real encoding with --encoding");
    }
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

std::string_view without_bom(std::string_view s) {
    return s.starts_with("\xEF\xBB\xBF") ? s.substr(3) : s;
}

/// A Unicode signature ICU recognises and qda accepts (UTF-8/16/32), with its length.
bool signature(std::string_view bytes, std::string &name, std::size_t &length) {
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = 0;
    const char *n = ucnv_detectUnicodeSignature(
        bytes.data(), static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 4)), &len, &st);
    if (U_FAILURE(st) || !n)
        return false;
    for (const char *ok : {"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"}) {
        if (std::string_view(n) == ok) {
            name = ok;
            length = static_cast<std::size_t>(len);
            return true;
        }
    }
    return false;
}

/// Browsers read a declared ISO-8859-1 or ASCII as windows-1252 (WHATWG Encoding), and a
/// declared UTF-16 without a BOM cannot be right, since the declaration itself was readable.
std::string effective_declared(std::string_view declared) {
    for (const char *latin : {"ISO-8859-1", "US-ASCII", "ASCII", "latin1"})
        if (same_charset(declared, latin))
            return "windows-1252";
    if (is_wide_unicode(declared))
        return "UTF-8";
    return std::string(declared);
}

void reject_nul(std::string_view utf8, std::string_view where) {
    std::size_t nul = utf8.find('\0');
    if (nul != std::string_view::npos)
        throw Error(Exit::data, position(utf8, nul, where), "NUL character: binary data, not text");
}

/// `input`: utf8 is a copy of all the bytes given, which stay the text when there is neither a
/// BOM nor a CR to take out (the usual case: no second copy of the file, and the caller learns
/// that the text is the bytes without comparing them).
Decoded finish(std::string utf8, std::string encoding, int confidence, std::string method,
               std::string_view where, bool input = false) {
    Decoded d;
    const bool bom = utf8.starts_with("\xEF\xBB\xBF");
    if (!bom && utf8.find('\r') == std::string::npos) {
        d.utf8 = std::move(utf8);
        d.unchanged = input;
    } else {
        d.utf8 = normalize_newlines(without_bom(utf8));
    }
    reject_nul(d.utf8, where);
    d.encoding = std::move(encoding);
    d.confidence = confidence;
    d.method = std::move(method);
    return d;
}

Decoded decode_as(std::string_view bytes, std::string_view charset, std::string method,
                  std::string_view where) {
    if (is_utf8_name(charset))
        return finish(strict_utf8(bytes, where), "UTF-8", 100, method, where, true);
    Converter cnv = open_converter(charset);
    if (!cnv) {
        throw Error(method == "user" ? Exit::usage : Exit::data,
                    method == "user" ? std::string("--encoding") : std::string(where),
                    fmt::format("unknown character encoding '{}'", charset),
                    "use a name ICU knows, e.g. UTF-8, windows-1252, ISO-8859-15, UTF-16LE");
    }
    std::string name = standard_name(cnv.get(), charset);
    return finish(convert(bytes, cnv.get(), method == "user", where, name), name, 100, method,
                  where);
}

} // namespace

std::string to_utf8(std::string_view bytes, std::string_view charset, std::string_view where) {
    if (is_utf8_name(charset))
        return std::string(bytes);
    Converter cnv = open_converter(charset);
    if (!cnv)
        throw Error(Exit::data, std::string(where),
                    fmt::format("unknown character encoding '{}'", charset));
    return convert(bytes, cnv.get(), false, where, charset);
}

Decoded decode_taking(std::string &bytes, std::string_view where) {
    std::string bom;
    std::size_t bom_len = 0;
    // The conditions under which decode() keeps the bytes as they are, tested before they move.
    if (!signature(bytes, bom, bom_len) && bytes.find('\r') == std::string::npos &&
        is_valid_utf8(bytes)) {
        // What finish() does with such bytes, without looking for a CR again.
        Decoded d;
        d.utf8 = std::move(bytes);
        reject_nul(d.utf8, where);
        d.encoding = "UTF-8";
        d.method = "utf-8";
        d.unchanged = true;
        return d;
    }
    return decode(bytes, where);
}

Decoded decode(std::string_view bytes, std::string_view where, std::string_view forced,
               std::string_view declared) {
    if (!forced.empty())
        return decode_as(bytes, forced, "user", where);

    std::string bom;
    std::size_t bom_len = 0;
    if (signature(bytes, bom, bom_len)) {
        std::string_view rest = bytes.substr(bom_len);
        if (bom == "UTF-8")
            return finish(strict_utf8(rest, where), "UTF-8", 100, "bom", where);
        Converter cnv = open_converter(bom);
        return finish(convert(rest, cnv.get(), false, where, bom), bom, 100, "bom", where);
    }

    if (!declared.empty()) {
        std::string charset = effective_declared(declared);
        if (is_utf8_name(charset) || open_converter(charset))
            return decode_as(bytes, charset, "declared", where);
        // An unknown declared name is the page's mistake, not the user's: fall through.
    }

    if (is_valid_utf8(bytes))
        return finish(std::string(bytes), "UTF-8", 100, "utf-8", where, true);

    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, CloseDetector> det(ucsdet_open(&st));
    ucsdet_enableInputFilter(det.get(), true); // ignore <markup> when guessing
    ucsdet_setText(det.get(), bytes.data(),
                   static_cast<int32_t>(std::min<std::size_t>(bytes.size(), INT32_MAX)), &st);
    const UCharsetMatch *match = U_SUCCESS(st) ? ucsdet_detect(det.get(), &st) : nullptr;
    if (U_FAILURE(st) || !match) {
        throw Error(Exit::data, std::string(where), "cannot tell the character encoding",
                    "name it with --encoding (e.g. windows-1252)");
    }
    std::string name = ucsdet_getName(match, &st);
    int confidence = ucsdet_getConfidence(match, &st);
    Converter cnv = open_converter(name);
    if (U_FAILURE(st) || !cnv) {
        throw Error(Exit::data, std::string(where), "cannot tell the character encoding",
                    "name it with --encoding (e.g. windows-1252)");
    }
    return finish(convert(bytes, cnv.get(), false, where, name), name, confidence, "detected",
                  where);
}

} // namespace qda::text
