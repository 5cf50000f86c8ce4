// A case-folded matching view of a text with a map back to the original code points: what
// `qda code --match`, search and autocoding find, and where their codings land.
#include <algorithm>
#include <cstring>
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
        out += folded(c);
    }

    /// The folding of non-ASCII `c`.
    const std::string &folded(UChar32 c) {
        auto it = cache_.find(c);
        if (it == cache_.end())
            it = cache_.emplace(c, fold(c)).first;
        return it->second;
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

/// The folder of this thread for `strip`: foldings are pure functions of the code point, so
/// one cache serves every text a thread folds.
Folder &folder(bool strip) {
    thread_local Folder keep(false), stripped(true);
    return strip ? stripped : keep;
}

/// End of the run of ASCII bytes of `s` starting at `i` (eight bytes at a time).
std::size_t ascii_end(std::string_view s, std::size_t i) {
    const std::size_t n = s.size();
    for (std::uint64_t w = 0; i + 8 <= n; i += 8) {
        std::memcpy(&w, s.data() + i, 8);
        if (w & 0x8080808080808080ULL)
            break;
    }
    while (i < n && static_cast<unsigned char>(s[i]) < 0x80)
        ++i;
    return i;
}

/// A-Z to a-z in place (branch-free, so the compiler vectorises it).
void lower_ascii(char *p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        auto c = static_cast<unsigned char>(p[i]);
        p[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
    }
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
    Folder &f = folder(strip_accents);
    folded_.reserve(utf8.size() + (ascii_end(utf8, 0) == utf8.size() ? 0 : utf8.size() / 8));
    auto n = static_cast<int32_t>(utf8.size());
    const auto *p = reinterpret_cast<const uint8_t *>(utf8.data());
    std::int64_t k = 0;
    for (int32_t i = 0; i < n; ++k) {
        // A run of ASCII is copied and lowered at once.
        auto e = static_cast<int32_t>(ascii_end(utf8, static_cast<std::size_t>(i)));
        if (e > i) {
            auto at = folded_.size();
            folded_.append(
                utf8.substr(static_cast<std::size_t>(i), static_cast<std::size_t>(e - i)));
            lower_ascii(folded_.data() + at, folded_.size() - at);
            k += e - i - 1;
            i = e;
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

FoldedText FoldedText::keeping_ascii_case(std::string_view utf8, bool strip_accents) {
    FoldedText t;
    t.strip_ = strip_accents;
    t.kept_ = true;
    t.own_ = false;
    t.src_ = utf8;
    Folder &f = folder(strip_accents);
    const auto *p = reinterpret_cast<const uint8_t *>(utf8.data());
    const std::size_t n = utf8.size();
    std::int64_t k = 0; // code points before byte i
    std::size_t i = 0;
    while (i < n) {
        std::size_t from = i;
        i = ascii_end(utf8, i); // most of a transcript is ASCII, kept as it is
        k += static_cast<std::int64_t>(i - from);
        if (t.own_)
            t.folded_.append(utf8.substr(from, i - from));
        if (i == n)
            break;
        auto b = static_cast<int32_t>(i), e = b;
        UChar32 c = 0;
        U8_NEXT_OR_FFFD(p, e, static_cast<int32_t>(n), c);
        auto len = static_cast<std::size_t>(e - b);
        const std::string &g = f.folded(c);
        // The first character that folds to anything but its own bytes (upper case, precomposed
        // accents, ill-formed UTF-8 ...) starts a copy: the text so far, then as folded.
        if (!t.own_ && g != utf8.substr(i, len)) {
            t.own_ = true;
            t.folded_.reserve(n + n / 8);
            t.folded_.assign(utf8.substr(0, i));
        }
        if (t.own_) {
            t.wide_.push_back({t.folded_.size(), k, g.size()});
            t.folded_ += g;
        } else {
            t.wide_.push_back({i, k, len});
        }
        ++k;
        i += len;
    }
    t.cps_ = k;
    return t;
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
    if (kept_)
        throw Error(Exit::internal, "FoldedText", "find on a view that kept its case");
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
    return std::string(FoldedText(utf8, strip_accents).view());
}

} // namespace qda::text
