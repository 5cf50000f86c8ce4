// Whole words and phrases in a folded text: PhraseSet (many at once, for autocoding) and
// find_phrase (one, for search). Both walk FoldedText::view() and judge word boundaries with
// WordBoundaries, so a match starts and ends where ICU puts a word break.
#include <algorithm>
#include <array>
#include <cstdint>

#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#define QDA_X86 1
#include <immintrin.h>
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

constexpr std::uint64_t kSet20 = 0x2020202020202020ULL;

#ifdef QDA_X86
// Nibble sieves: the keys are put in eight groups; for each of their first three bytes, a
// table of the low nibble and one of the high nibble say which groups have a key with that
// nibble there. Sixteen (thirty-two) positions are looked up at once with pshufb, and a
// position stays only when some group passes at all three bytes and the byte before it is not
// an ASCII letter or digit. Both sides have bit 0x20 set, so letters pass in either case.
// Positions are written relative to `from`; blocks start at from, from + W, ... below `to`, and
// read from block - 1 to block + W + 1.

/// Appends to out[k...] the positions of the set bits of `bits`, plus `base`; the new count.
std::size_t put_positions(std::uint32_t *out, std::size_t k, std::size_t base, std::uint32_t bits) {
    for (; bits != 0; bits &= bits - 1)
        out[k++] =
            static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(__builtin_ctz(bits));
    return k;
}

__attribute__((target("ssse3"))) std::size_t
sieve_ssse3(const unsigned char *u, std::size_t from, std::size_t to, const std::uint8_t (*lo)[16],
            const std::uint8_t (*hi)[16], std::uint32_t *out) {
    __m128i tl[3], th[3];
    for (int i = 0; i < 3; ++i) {
        tl[i] = _mm_loadu_si128(reinterpret_cast<const __m128i *>(lo[i]));
        th[i] = _mm_loadu_si128(reinterpret_cast<const __m128i *>(hi[i]));
    }
    const __m128i x20 = _mm_set1_epi8(0x20), nib = _mm_set1_epi8(0x0f), zero = _mm_setzero_si128();
    const __m128i a = _mm_set1_epi8('a'), z = _mm_set1_epi8(25), d0 = _mm_set1_epi8('0'),
                  d9 = _mm_set1_epi8(9);
    std::size_t k = 0;
    for (std::size_t p = from; p < to; p += 16) {
        __m128i m = _mm_set1_epi8(-1);
        for (int i = 0; i < 3; ++i) {
            __m128i c =
                _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(u + p + i)), x20);
            m = _mm_and_si128(
                m,
                _mm_and_si128(_mm_shuffle_epi8(tl[i], _mm_and_si128(c, nib)),
                              _mm_shuffle_epi8(th[i], _mm_and_si128(_mm_srli_epi16(c, 4), nib))));
        }
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(u + p - 1));
        __m128i l = _mm_sub_epi8(_mm_or_si128(v, x20), a), dd = _mm_sub_epi8(v, d0);
        __m128i alnum = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(l, z), l),
                                     _mm_cmpeq_epi8(_mm_min_epu8(dd, d9), dd));
        k = put_positions(out, k, p - from,
                          ~static_cast<std::uint32_t>(
                              _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(m, zero), alnum))) &
                              0xffff);
    }
    return k;
}

__attribute__((target("avx2"))) std::size_t sieve_avx2(const unsigned char *u, std::size_t from,
                                                       std::size_t to, const std::uint8_t (*lo)[16],
                                                       const std::uint8_t (*hi)[16],
                                                       std::uint32_t *out) {
    __m256i tl[3], th[3];
    for (int i = 0; i < 3; ++i) {
        tl[i] =
            _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i *>(lo[i])));
        th[i] =
            _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i *>(hi[i])));
    }
    const __m256i x20 = _mm256_set1_epi8(0x20), nib = _mm256_set1_epi8(0x0f),
                  zero = _mm256_setzero_si256();
    const __m256i a = _mm256_set1_epi8('a'), z = _mm256_set1_epi8(25), d0 = _mm256_set1_epi8('0'),
                  d9 = _mm256_set1_epi8(9);
    std::size_t k = 0;
    for (std::size_t p = from; p < to; p += 32) {
        __m256i m = _mm256_set1_epi8(-1);
        for (int i = 0; i < 3; ++i) {
            __m256i c = _mm256_or_si256(
                _mm256_loadu_si256(reinterpret_cast<const __m256i *>(u + p + i)), x20);
            m = _mm256_and_si256(
                m, _mm256_and_si256(
                       _mm256_shuffle_epi8(tl[i], _mm256_and_si256(c, nib)),
                       _mm256_shuffle_epi8(th[i], _mm256_and_si256(_mm256_srli_epi16(c, 4), nib))));
        }
        __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(u + p - 1));
        __m256i l = _mm256_sub_epi8(_mm256_or_si256(v, x20), a), dd = _mm256_sub_epi8(v, d0);
        __m256i alnum = _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(l, z), l),
                                        _mm256_cmpeq_epi8(_mm256_min_epu8(dd, d9), dd));
        k = put_positions(out, k, p - from,
                          ~static_cast<std::uint32_t>(_mm256_movemask_epi8(
                              _mm256_or_si256(_mm256_cmpeq_epi8(m, zero), alnum))));
    }
    return k;
}
#endif

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
    first_alnum_ = true;
    // Keys in the order of their first bytes (with bit 0x20 set): their prints by first byte,
    // and eight groups of neighbours, which share most nibbles, for the sieves.
    std::vector<std::pair<std::string, std::size_t>> sorted;
    for (std::size_t k = 0; k < keys_.size(); ++k) {
        std::string b = keys_[k].first;
        for (auto &c : b)
            c = static_cast<char>(c | 0x20);
        sorted.emplace_back(b, k);
    }
    std::sort(sorted.begin(), sorted.end());
    first_at_.assign(257, 0);
    for (std::size_t r = 0; r < sorted.size(); ++r) {
        const std::string &b = sorted[r].first;
        const auto &key = keys_[sorted[r].second].first;
        Print pr;
        pr.len = std::min<std::size_t>(8, b.size());
        std::memcpy(&pr.bytes, b.data(), pr.len);
        pr.mask = pr.len == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * pr.len)) - 1;
        prints_.push_back(pr);
        ++first_at_[static_cast<unsigned char>(b[0]) + 1];
        auto group = static_cast<std::uint8_t>(1u << (r * 8 / sorted.size()));
        for (std::size_t i = 0; i < 3; ++i)
            for (unsigned x = 0; x < 16; ++x) {
                // Past its end a key passes whatever follows: the boundary check judges it.
                auto c = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
                if (i >= b.size() || (c & 15) == x)
                    lo_[i][x] |= group;
                if (i >= b.size() || (c >> 4) == x)
                    hi_[i][x] |= group;
            }
        auto c = static_cast<unsigned char>(key[0]);
        first_alnum_ = first_alnum_ && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
        min_key_ = std::min(min_key_, key.size());
        max_key_ = std::max(max_key_, key.size());
        std::size_t h = hash<false>(key) & (cap - 1);
        while (buckets_[h] != 0)
            h = (h + 1) & (cap - 1);
        buckets_[h] = static_cast<std::uint32_t>(sorted[r].second + 1);
    }
    for (std::size_t c = 0; c < 256; ++c)
        first_at_[c + 1] += first_at_[c];
    for (auto s : {Sieve::avx2, Sieve::ssse3})
        if (use_sieve(s))
            break;
}

bool PhraseSet::use_sieve(Sieve s) {
    bool ok = s == Sieve::bytewise;
#ifdef QDA_X86
    __builtin_cpu_init();
    ok = ok || (s == Sieve::avx2 && __builtin_cpu_supports("avx2")) ||
         (s == Sieve::ssse3 && __builtin_cpu_supports("ssse3"));
#endif
    if (ok)
        sieve_ = s;
    return ok;
}

bool PhraseSet::printed(const unsigned char *u, std::size_t p, std::size_t n) const {
    std::uint64_t v = 0;
    std::memcpy(&v, u + p, std::min<std::size_t>(8, n - p));
    v |= kSet20;
    unsigned b = u[p] | 0x20u;
    for (std::uint32_t i = first_at_[b]; i < first_at_[b + 1]; ++i)
        if ((v & prints_[i].mask) == prints_[i].bytes && prints_[i].len <= n - p)
            return true;
    return false;
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
    // A position is looked at only when the first bytes of some key are there (printed: a
    // few compares); it is then checked to be a word boundary and its word looked up.
    auto at = [&](std::size_t p) {
        if (!printed(u, p, n) || !wb.is_boundary(p))
            return;
        std::size_t q = wb.next(p);
        std::size_t len = q - p;
        if (len < min_key_ || len > max_key_)
            return;
        if (const auto *candidates = lookup<Lower>(s.substr(p, len)))
            for (std::size_t i : *candidates) {
                std::size_t e = match_words<Lower>(s, p, phrases_[i].words);
                if (e != 0 && wb.is_boundary(e))
                    out.push_back({i, {t.start_cp(p), t.end_cp(e)}});
            }
    };
    std::size_t p = 0;
#ifdef QDA_X86
    // When every key starts with an ASCII letter or digit, a key can only start after a byte
    // that is not one (between two of them there is no word boundary): the sieve passes over
    // the text a block at a time and leaves the few positions to look at.
    const std::size_t w = sieve_ == Sieve::avx2 ? 32 : 16;
    if (sieve_ != Sieve::bytewise && first_alnum_ && n >= w + 3) {
        at(0);
        const std::size_t end = n - w - 1; // blocks start below it: they read up to start + w + 1
        constexpr std::size_t chunk = 1024;
        std::uint32_t hits[chunk];
        for (p = 1; p < end;) {
            std::size_t to = std::min(end, p + chunk);
            std::size_t k = sieve_ == Sieve::avx2 ? sieve_avx2(u, p, to, lo_, hi_, hits)
                                                  : sieve_ssse3(u, p, to, lo_, hi_, hits);
            for (std::size_t i = 0; i < k; ++i)
                at(p + hits[i]);
            p += (to - p + w - 1) / w * w;
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
