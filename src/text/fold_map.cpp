// A case-folded matching view of a text with a map back to the original code points: what
// `qda code --match`, search and autocoding find, and where their codings land.
#include <algorithm>
#include <unordered_map>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda::text {
namespace {

/// Folds one code point at a time, remembering what it folded: texts repeat few distinct
/// non-ASCII characters.
class Folder {
  public:
    explicit Folder(bool strip) : strip_(strip) {
        UErrorCode st = U_ZERO_ERROR;
        nfd_ = icu::Normalizer2::getNFDInstance(st);
        if (U_FAILURE(st))
            throw Error(Exit::internal, "ICU", std::string("NFD: ") + u_errorName(st));
    }

    void append(UChar32 c, std::string &out) {
        if (c < 0x80) {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            return;
        }
        auto it = cache_.find(c);
        if (it == cache_.end())
            it = cache_.emplace(c, fold(c)).first;
        out += it->second;
    }

  private:
    std::string fold(UChar32 c) const {
        icu::UnicodeString u(c);
        u.foldCase(U_FOLD_CASE_DEFAULT);
        UErrorCode st = U_ZERO_ERROR;
        icu::UnicodeString d = nfd_->normalize(u, st);
        if (U_FAILURE(st))
            d = u;
        std::string out;
        for (int32_t i = 0; i < d.length();) {
            UChar32 x = d.char32At(i);
            i += U16_LENGTH(x);
            if (strip_ && u_getCombiningClass(x) != 0)
                continue;
            icu::UnicodeString(x).toUTF8String(out);
        }
        return out;
    }

    bool strip_;
    const icu::Normalizer2 *nfd_ = nullptr;
    std::unordered_map<UChar32, std::string> cache_;
};

bool ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/// The code point at byte `i` of UTF-8 `s` (U+FFFD for an ill-formed sequence).
UChar32 at(std::string_view s, std::size_t i) {
    UChar32 c = 0;
    auto n = static_cast<int32_t>(s.size());
    auto k = static_cast<int32_t>(i);
    U8_NEXT_OR_FFFD(reinterpret_cast<const uint8_t *>(s.data()), k, n, c);
    return c;
}

} // namespace

FoldedText::FoldedText(std::string_view utf8, bool strip_accents) : strip_(strip_accents) {
    if (ascii(utf8)) {
        folded_.assign(utf8);
        for (auto &c : folded_)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c + ('a' - 'A'));
        cps_ = static_cast<std::int64_t>(utf8.size());
        return;
    }
    Folder f(strip_accents);
    folded_.reserve(utf8.size() + utf8.size() / 8);
    auto n = static_cast<int32_t>(utf8.size());
    const auto *p = reinterpret_cast<const uint8_t *>(utf8.data());
    std::int64_t k = 0;
    for (int32_t i = 0; i < n; ++k) {
        if (p[i] < 0x80) {
            char c = static_cast<char>(p[i++]);
            folded_ += c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
            continue;
        }
        UChar32 c = 0;
        U8_NEXT_OR_FFFD(p, i, n, c);
        auto at = folded_.size();
        f.append(c, folded_);
        wide_.push_back({at, k, folded_.size() - at});
    }
    cps_ = k;
}

std::int64_t FoldedText::start_cp(std::size_t b) const {
    // The last non-ASCII code point whose folding starts at or before b.
    auto it = std::upper_bound(wide_.begin(), wide_.end(), b,
                               [](std::size_t x, const Wide &w) { return x < w.f; });
    if (it == wide_.begin())
        return std::min(static_cast<std::int64_t>(b), cps_);
    --it;
    if (b < it->f + it->len)
        return it->k;
    return std::min(it->k + 1 + static_cast<std::int64_t>(b - (it->f + it->len)), cps_);
}

std::int64_t FoldedText::end_cp(std::size_t e) const {
    // Code points whose folding starts before e: the one holding byte e - 1, and all before it.
    std::int64_t j = e == 0 ? 0 : start_cp(e - 1) + 1;
    // Code points that folded to nothing (accents, when stripped) go with the letter before them.
    auto it = std::lower_bound(wide_.begin(), wide_.end(), j,
                               [](const Wide &w, std::int64_t x) { return w.k < x; });
    while (j < cps_ && it != wide_.end() && it->k == j && it->len == 0 && it->f == e) {
        ++j;
        ++it;
    }
    return j;
}

std::vector<CpSpan> FoldedText::find(std::string_view needle) const {
    std::vector<CpSpan> out;
    auto key = fold_for_match(needle, strip_);
    if (key.empty())
        return out;
    for (auto pos = folded_.find(key); pos != std::string::npos;) {
        auto e = pos + key.size();
        if (e < folded_.size() && static_cast<unsigned char>(folded_[e]) >= 0x80 &&
            u_getCombiningClass(at(folded_, e)) != 0) {
            pos = folded_.find(key, pos + 1); // "e" is not found in "e\u0301"
            continue;
        }
        out.push_back({start_cp(pos), end_cp(e)});
        pos = folded_.find(key, e);
    }
    return out;
}

std::string fold_for_match(std::string_view utf8, bool strip_accents) {
    return FoldedText(utf8, strip_accents).view();
}

} // namespace qda::text
