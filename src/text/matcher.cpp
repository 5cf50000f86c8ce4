// Whole words and phrases in a folded text: PhraseSet (many at once, for autocoding) and
// find_phrase (one, for search). Both walk FoldedText::view() and judge word boundaries with
// WordBoundaries, so a match starts and ends where ICU puts a word break.
#include <algorithm>
#include <array>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda::text {
namespace {

constexpr std::array<unsigned char, 256> make_lower() {
    std::array<unsigned char, 256> t{};
    for (std::size_t c = 0; c < 256; ++c)
        t[c] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    return t;
}
constexpr auto kLower = make_lower();

/// Byte `c` as the folded text has it: a view that kept its case (Lower) folds ASCII letters
/// here, every other byte of such a view folds to itself.
template <bool Lower> unsigned char low(unsigned char c) {
    return Lower ? kLower[c] : c;
}
template <bool Lower> unsigned char low(char c) {
    return low<Lower>(static_cast<unsigned char>(c));
}

template <bool Lower> std::uint64_t hash(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL; // FNV-1a
    for (char c : s)
        h = (h ^ low<Lower>(c)) * 1099511628211ULL;
    return h;
}

/// `text` (of a view) equals folded `key`.
template <bool Lower> bool same(std::string_view text, std::string_view key) {
    if (!Lower)
        return text == key;
    if (text.size() != key.size())
        return false;
    for (std::size_t i = 0; i < key.size(); ++i)
        if (low<Lower>(text[i]) != static_cast<unsigned char>(key[i]))
            return false;
    return true;
}

/// The first two bytes of a non-empty key, as a number below 65536.
template <bool Lower = false> std::size_t prefix2(std::string_view k) {
    return std::size_t{low<Lower>(k[0])} << 8 | (k.size() > 1 ? low<Lower>(k[1]) : 0);
}

/// Byte after the run of white space starting at `i` (i itself when there is none).
std::size_t skip_space(std::string_view s, std::size_t i) {
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c == ' ' || (c >= '\t' && c <= '\r')) {
                ++i;
                continue;
            }
            return i;
        }
        auto k = static_cast<int32_t>(i);
        UChar32 cp = 0;
        U8_NEXT_OR_FFFD(reinterpret_cast<const uint8_t *>(s.data()), k,
                        static_cast<int32_t>(s.size()), cp);
        if (!u_isUWhiteSpace(cp))
            return i;
        i = static_cast<std::size_t>(k);
    }
    return i;
}

/// End of `words` matched at `p` (white space runs between them), or 0 when they do not match.
template <bool Lower = false>
std::size_t match_words(std::string_view s, std::size_t p, const std::vector<std::string> &words) {
    for (std::size_t k = 0; k < words.size(); ++k) {
        const auto &w = words[k];
        if (s.size() - p < w.size() || !same<Lower>(s.substr(p, w.size()), w))
            return 0;
        p += w.size();
        if (k + 1 < words.size()) {
            auto q = skip_space(s, p);
            if (q == p)
                return 0;
            p = q;
        }
    }
    return p;
}

} // namespace

std::vector<std::string> phrase_words(std::string_view phrase, bool strip_accents) {
    std::string f = fold_for_match(phrase, strip_accents);
    std::vector<std::string> words;
    for (std::size_t i = skip_space(f, 0); i < f.size();) {
        std::size_t j = i;
        while (j < f.size() && skip_space(f, j) == j) {
            ++j;
            while (j < f.size() && U8_IS_TRAIL(static_cast<unsigned char>(f[j])))
                ++j;
        }
        words.push_back(f.substr(i, j - i));
        i = skip_space(f, j);
    }
    return words;
}

std::vector<std::string> index_terms(std::string_view utf8) {
    std::vector<std::string> out;
    std::string cur;
    const auto *p = reinterpret_cast<const uint8_t *>(utf8.data());
    auto n = static_cast<int32_t>(utf8.size());
    for (int32_t i = 0; i < n;) {
        int32_t b = i;
        UChar32 c = 0;
        U8_NEXT_OR_FFFD(p, i, n, c);
        if (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0) {
            cur.append(utf8.substr(static_cast<std::size_t>(b), static_cast<std::size_t>(i - b)));
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty())
        out.push_back(std::move(cur));
    return out;
}

PhraseSet::PhraseSet(const std::vector<std::string> &phrases, bool strip_accents)
    : strip_(strip_accents) {
    WordBoundaries wb;
    for (std::size_t i = 0; i < phrases.size(); ++i) {
        Phrase p{phrase_words(phrases[i], strip_accents)};
        phrases_.push_back(p);
        if (p.words.empty())
            continue;
        const std::string &w = p.words.front();
        wb.reset(w);
        std::string key = w.substr(0, wb.next(0));
        auto it =
            std::find_if(keys_.begin(), keys_.end(), [&](const auto &k) { return k.first == key; });
        if (it == keys_.end()) {
            keys_.push_back({key, {}});
            it = keys_.end() - 1;
        }
        it->second.push_back(i);
    }
    std::size_t cap = 16;
    while (cap < keys_.size() * 4)
        cap *= 2;
    buckets_.assign(cap, 0);
    min_key_ = SIZE_MAX;
    prefix_.assign(65536 / 64, 0);
    first_alnum_ = true;
    for (std::size_t k = 0; k < keys_.size(); ++k) {
        const auto &key = keys_[k].first;
        if (first_.find(key[0]) == std::string::npos)
            first_ += key[0];
        bool pair_known = false;
        for (std::size_t j = 0; j + 1 < pairs_.size() && key.size() > 1; j += 2)
            pair_known = pair_known || (pairs_[j] == key[0] && pairs_[j + 1] == key[1]);
        if (!pair_known && key.size() > 1)
            pairs_ += key.substr(0, 2);
        auto c = static_cast<unsigned char>(key[0]);
        first_alnum_ = first_alnum_ && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
        std::size_t pre = prefix2(key);
        prefix_[pre / 64] |= std::uint64_t{1} << (pre % 64);
        min_key_ = std::min(min_key_, key.size());
        max_key_ = std::max(max_key_, key.size());
        std::size_t b = hash<false>(key) & (cap - 1);
        while (buckets_[b] != 0)
            b = (b + 1) & (cap - 1);
        buckets_[b] = static_cast<std::uint32_t>(k + 1);
    }
    if (min_key_ < 2)
        pairs_.clear(); // a one-byte key: only its first byte can sift
}

template <bool Lower>
const std::vector<std::size_t> *PhraseSet::lookup(std::string_view key) const {
    std::size_t mask = buckets_.size() - 1;
    for (std::size_t b = hash<Lower>(key) & mask; buckets_[b] != 0; b = (b + 1) & mask) {
        const auto &k = keys_[buckets_[b] - 1];
        if (same<Lower>(key, k.first))
            return &k.second;
    }
    return nullptr;
}

void PhraseSet::find(const FoldedText &t, WordBoundaries &wb, std::vector<PhraseHit> &out) const {
    if (keys_.empty())
        return;
    if (t.case_kept())
        scan<true>(t, wb, out);
    else
        scan<false>(t, wb, out);
}

template <bool Lower>
void PhraseSet::scan(const FoldedText &t, WordBoundaries &wb, std::vector<PhraseHit> &out) const {
    std::string_view s = t.view();
    wb.reset(s);
    const std::size_t n = s.size();
    const auto *u = reinterpret_cast<const unsigned char *>(s.data());
    auto has = [this](std::size_t pre) { return (prefix_[pre / 64] >> (pre % 64) & 1) != 0; };
    // Only positions whose first two bytes begin some key are looked at; each is then checked
    // to be a word boundary and its word looked up, so most of the text costs one bit test.
    auto at = [&](std::size_t p) {
        std::size_t hi = std::size_t{low<Lower>(u[p])} << 8;
        if (!has(hi | (p + 1 < n ? low<Lower>(u[p + 1]) : 0)) && !(min_key_ == 1 && has(hi)))
            return;
        if (!wb.is_boundary(p))
            return;
        std::size_t q = wb.next(p);
        std::size_t len = q - p;
        if (len < min_key_ || len > max_key_ || !has(prefix2<Lower>(s.substr(p, len))))
            return;
        if (const auto *candidates = lookup<Lower>(s.substr(p, len)))
            for (std::size_t i : *candidates) {
                std::size_t e = match_words<Lower>(s, p, phrases_[i].words);
                if (e != 0 && wb.is_boundary(e))
                    out.push_back({i, {t.start_cp(p), t.end_cp(e)}});
            }
    };
    std::size_t p = 0;
#if defined(__SSE2__)
    // When every key starts with an ASCII letter or digit, a key can only start where one of
    // the keys' first bytes (or, when every key has two, first two bytes), in either case,
    // follows anything but an ASCII letter or digit (between two of them there is no word
    // boundary): sixteen positions are sifted at a time, and only the few left are looked at
    // one by one.
    const std::size_t pairs = pairs_.size() / 2;
    if (first_alnum_ && (pairs ? pairs <= 24 : first_.size() <= 16) && n > 17) {
        const __m128i x20 = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a'), z = _mm_set1_epi8(25);
        const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
        auto alnum = [&](__m128i v) {
            __m128i l = _mm_sub_epi8(_mm_or_si128(v, x20), a);
            __m128i d = _mm_sub_epi8(v, zero);
            return _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(l, z), l),
                                _mm_cmpeq_epi8(_mm_min_epu8(d, nine), d));
        };
        // Bytes are compared with bit 0x20 set on both sides: a letter then matches in either
        // case, and any other byte matches itself and one more (a looser sieve, never a
        // tighter one), for one comparison each.
        const std::string &bytes = pairs ? pairs_ : first_;
        __m128i want[48];
        for (std::size_t k = 0; k < bytes.size(); ++k)
            want[k] = _mm_set1_epi8(static_cast<char>(bytes[k] | 0x20));
        at(0);
        for (p = 1; p + 17 <= n; p += 16) {
            __m128i prev = _mm_loadu_si128(reinterpret_cast<const __m128i *>(u + p - 1));
            __m128i lo =
                _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(u + p)), x20);
            __m128i hit = _mm_setzero_si128();
            if (pairs) {
                __m128i nlo = _mm_or_si128(
                    _mm_loadu_si128(reinterpret_cast<const __m128i *>(u + p + 1)), x20);
                for (std::size_t k = 0; k < bytes.size(); k += 2)
                    hit = _mm_or_si128(hit, _mm_and_si128(_mm_cmpeq_epi8(lo, want[k]),
                                                          _mm_cmpeq_epi8(nlo, want[k + 1])));
            } else {
                for (std::size_t k = 0; k < bytes.size(); ++k)
                    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(lo, want[k]));
            }
            auto mask =
                static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(alnum(prev), hit)));
            while (mask != 0) {
                at(p + static_cast<std::size_t>(__builtin_ctz(mask)));
                mask &= mask - 1;
            }
        }
    }
#endif
    for (; p < n; ++p)
        at(p);
}

std::vector<CpSpan> find_phrase(const FoldedText &t, const std::vector<std::string> &words,
                                bool whole_word, WordBoundaries &wb) {
    if (t.case_kept())
        throw Error(Exit::internal, "find_phrase", "a view that kept its case");
    std::vector<CpSpan> out;
    if (words.empty())
        return out;
    std::string_view s = t.view();
    wb.reset(s);
    for (auto p = s.find(words[0]); p != std::string_view::npos; p = s.find(words[0], p + 1)) {
        if (!wb.is_boundary(p))
            continue;
        std::size_t e = match_words(s, p, words);
        if (e == 0)
            continue;
        // Without --whole-word a match may end inside a word, but never inside a character
        // (between a letter and its accent).
        if (whole_word ? !wb.is_boundary(e)
                       : (e < s.size() && U8_IS_TRAIL(static_cast<unsigned char>(s[e]))))
            continue;
        if (!whole_word && e < s.size() && static_cast<unsigned char>(s[e]) >= 0x80) {
            auto k = static_cast<int32_t>(e);
            UChar32 c = 0;
            U8_NEXT_OR_FFFD(reinterpret_cast<const uint8_t *>(s.data()), k,
                            static_cast<int32_t>(s.size()), c);
            if (u_getCombiningClass(c) != 0)
                continue;
        }
        out.push_back({t.start_cp(p), t.end_cp(e)});
    }
    return out;
}

} // namespace qda::text
