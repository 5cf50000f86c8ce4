// NFC and full case folding, straight from ICU, on UTF-8 without a UTF-16 round trip.
#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/ucasemap.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda::text {

namespace {
[[noreturn]] void icu_failed(const char *what, UErrorCode st) {
    throw Error(Exit::internal, "ICU", std::string(what) + ": " + u_errorName(st));
}
} // namespace

std::string nfc(std::string_view utf8) {
    UErrorCode st = U_ZERO_ERROR;
    const icu::Normalizer2 *n = icu::Normalizer2::getNFCInstance(st);
    if (U_FAILURE(st))
        icu_failed("NFC", st);
    icu::StringPiece piece(utf8.data(), static_cast<int32_t>(utf8.size()));
    if (n->isNormalizedUTF8(piece, st) && U_SUCCESS(st))
        return std::string(utf8);
    st = U_ZERO_ERROR;
    std::string out;
    out.reserve(utf8.size());
    icu::StringByteSink<std::string> sink(&out);
    n->normalizeUTF8(0, piece, sink, nullptr, st);
    if (U_FAILURE(st))
        icu_failed("NFC", st);
    return out;
}

std::string fold_case(std::string_view utf8) {
    std::string normal = nfc(utf8);
    std::string out;
    out.reserve(normal.size());
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode st = U_ZERO_ERROR;
    icu::CaseMap::utf8Fold(U_FOLD_CASE_DEFAULT,
                           icu::StringPiece(normal.data(), static_cast<int32_t>(normal.size())),
                           sink, nullptr, st);
    if (U_FAILURE(st))
        icu_failed("case folding", st);
    return out;
}

} // namespace qda::text
