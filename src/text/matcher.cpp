// Whole words and phrases in a folded text: PhraseSet (many at once, for autocoding) and
// find_phrase (one, for search). Both walk FoldedText::view() and judge word boundaries with
// WordBoundaries, so a match starts and ends where ICU puts a word break.
#include <algorithm>
#include <cstdint>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "qda/text.hpp"

namespace qda::text {
namespace {

std::uint64_t hash(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL; // FNV-1a
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ULL;
    return h;
}

/// The first two bytes of a non-empty key, as a number below 65536.
std::size_t prefix2(std::string_view k) {
    return static_cast<unsigned char>(k[0]) << 8 |
           (k.size() > 1 ? static_cast<unsigned char>(k[1]) : 0);
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
std::size_t match_words(std::string_view s, std::size_t p, const std::vector<std::string> &words) {
    for (std::size_t k = 0; k < words.size(); ++k) {
        const auto &w = words[k];
        if (s.size() - p < w.size() || s.compare(p, w.size(), w) != 0)
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
    for (std::size_t k = 0; k < keys_.size(); ++k) {
        const auto &key = keys_[k].first;
        std::size_t pre = prefix2(key);
        prefix_[pre / 64] |= std::uint64_t{1} << (pre % 64);
        min_key_ = std::min(min_key_, key.size());
        max_key_ = std::max(max_key_, key.size());
        std::size_t b = hash(key) & (cap - 1);
        while (buckets_[b] != 0)
            b = (b + 1) & (cap - 1);
        buckets_[b] = static_cast<std::uint32_t>(k + 1);
    }
}

const std::vector<std::size_t> *PhraseSet::lookup(std::string_view key) const {
    std::size_t mask = buckets_.size() - 1;
    for (std::size_t b = hash(key) & mask; buckets_[b] != 0; b = (b + 1) & mask) {
        const auto &k = keys_[buckets_[b] - 1];
        if (k.first == key)
            return &k.second;
    }
    return nullptr;
}

void PhraseSet::find(const FoldedText &t, WordBoundaries &wb, std::vector<PhraseHit> &out) const {
    if (keys_.empty())
        return;
    std::string_view s = t.view();
    wb.reset(s);
    const std::size_t n = s.size();
    // Only positions whose first two bytes begin some key are looked at; each is then checked
    // to be a word boundary and its word looked up, so most of the text costs one bit test.
    const auto *u = reinterpret_cast<const unsigned char *>(s.data());
    auto has = [this](std::size_t pre) { return (prefix_[pre / 64] >> (pre % 64) & 1) != 0; };
    for (std::size_t p = 0; p < n; ++p) {
        std::size_t hi = static_cast<std::size_t>(u[p]) << 8;
        if (!has(hi | (p + 1 < n ? u[p + 1] : 0)) && !(min_key_ == 1 && has(hi)))
            continue;
        if (!wb.is_boundary(p))
            continue;
        std::size_t q = wb.next(p);
        std::size_t len = q - p;
        if (len < min_key_ || len > max_key_ || !has(prefix2(s.substr(p, len))))
            continue;
        if (const auto *candidates = lookup(s.substr(p, len)))
            for (std::size_t i : *candidates) {
                std::size_t e = match_words(s, p, phrases_[i].words);
                if (e != 0 && wb.is_boundary(e))
                    out.push_back({i, {t.start_cp(p), t.end_cp(e)}});
            }
    }
}

std::vector<CpSpan> find_phrase(const FoldedText &t, const std::vector<std::string> &words,
                                bool whole_word, WordBoundaries &wb) {
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
