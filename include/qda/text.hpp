#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

/// Unicode services: decoding, normalisation, breaks and position conversion.
/// All position conversions of qda live here (docs/architecture.md, "Text positions").
namespace qda::text {

struct Decoded {
    std::string utf8; ///< BOM removed, CRLF and CR normalised to LF
    std::string
        encoding; ///< the charset used, as ICU names it ("UTF-8", "UTF-16LE", "windows-1252")
    int confidence = 100;   ///< 0..100
    std::string method;     ///< "bom", "utf-8", "declared", "detected", "user"
    bool unchanged = false; ///< utf8 holds exactly the bytes given (no BOM, CR or conversion)
};

/// Decode bytes by the rules of architecture.md: forced > BOM > declared > valid UTF-8 > ICU guess.
/// `where` names the input in errors. Throws Error(Exit::data) for bytes that cannot be text.
Decoded decode(std::string_view bytes, std::string_view where, std::string_view forced = {},
               std::string_view declared = {});

/// decode(bytes, where), except that when the text is to be the bytes themselves (valid UTF-8
/// without a BOM or a CR) it takes them, leaving `bytes` empty, rather than copying them.
Decoded decode_taking(std::string &bytes, std::string_view where);

/// Convert bytes in `charset` to UTF-8 (no newline normalisation). Throws on an unknown charset.
std::string to_utf8(std::string_view bytes, std::string_view charset, std::string_view where);

/// CRLF and lone CR become LF.
std::string normalize_newlines(std::string_view s);

/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s);

/// Byte offset of the first ill-formed sequence, or npos.
std::size_t first_invalid_utf8(std::string_view s);

/// Number of code points in UTF-8 text.
std::int64_t code_points(std::string_view utf8);

/// Maps UTF-8 byte offsets of one text to code point indexes and back, in O(log n).
class OffsetMap {
  public:
    explicit OffsetMap(std::string_view utf8);
    std::int64_t to_cp(std::size_t byte) const;
    /// Where a walk through the text stands: to_cp(byte) == cp.
    struct Cursor {
        std::size_t byte = 0;
        std::int64_t cp = 0;
    };
    /// to_cp(byte), counting on from `at` when byte lies a little after it (offsets met in
    /// order), and leaving `at` at byte.
    std::int64_t to_cp(std::size_t byte, Cursor &at) const;
    std::size_t to_byte(std::int64_t cp) const;
    std::int64_t size_cp() const { return total_cp_; }

  private:
    std::vector<std::size_t> block_bytes_; // byte offset of every 64th code point
    std::string_view s_;
    std::int64_t total_cp_ = 0;
    bool ascii_ = false; ///< every byte is a code point: both maps are the identity
};

/// Code point index -> UTF-16 code unit index (REFI-QDA readers that get NVivo positions).
std::int64_t cp_to_utf16(std::string_view utf8, std::int64_t cp);
std::int64_t utf16_to_cp(std::string_view utf8, std::int64_t u16);

struct Range {
    std::size_t begin; ///< byte offset
    std::size_t end;   ///< byte offset, exclusive
};

/// Sentence spans (byte offsets, trailing white space trimmed, empty ones dropped) of the
/// text between `begin` and `end`, by ICU sentence breaks for `locale` ("id", "en", ...).
/// A line break inside the span does not end a sentence (transcripts are hard-wrapped).
std::vector<Range> sentences(std::string_view utf8, std::size_t begin, std::size_t end,
                             std::string_view locale = "id");

/// Sentence splitting that keeps one ICU break iterator for many calls: creating one costs
/// far more than splitting a paragraph, and a corpus has millions of paragraphs. Not thread-safe;
/// use one per thread (or per document).
class SentenceBreaker {
  public:
    /// "en" uses ICU's abbreviation suppressions ("Dr.", "No."); "id"/"ms" a short Indonesian list.
    explicit SentenceBreaker(std::string_view locale = "id");
    ~SentenceBreaker();
    SentenceBreaker(SentenceBreaker &&) noexcept;
    SentenceBreaker &operator=(SentenceBreaker &&) noexcept;

    /// Append the sentences of `utf8[begin, end)` to `out`, as `sentences` describes them.
    void split(std::string_view utf8, std::size_t begin, std::size_t end, std::vector<Range> &out);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Paragraph spans (byte offsets): runs of non-blank lines separated by blank lines.
std::vector<Range> paragraphs(std::string_view utf8);

/// NFC normalisation.
std::string nfc(std::string_view utf8);

/// Unicode case folding (full), after NFC.
std::string fold_case(std::string_view utf8);

/// 1-based line number of each byte offset: build once, query many.
class LineIndex {
  public:
    explicit LineIndex(std::string_view utf8);
    std::int64_t line_of(std::size_t byte) const;
    /// line_of(byte) for offsets met mostly in order: `hint` (0 at first) is where the last
    /// answer was found, and a nearby answer is found by looking forward from it.
    std::int64_t line_of(std::size_t byte, std::size_t &hint) const;
    std::size_t line_start(std::int64_t line) const; ///< byte offset where 1-based `line` starts
    std::int64_t lines() const { return static_cast<std::int64_t>(starts_.size()); }

  private:
    std::vector<std::size_t> starts_;
};

} // namespace qda::text

namespace qda::text {

/// A span of code points of a stored text, end exclusive.
struct CpSpan {
    std::int64_t start = 0, end = 0;
};

/// Matching view of a text: each code point case folded (full folding) and canonically
/// decomposed, optionally without accents, with a map from folded bytes back to the original
/// code points, so that a match found in the view lands on the original characters
/// (architecture.md, "Text positions").
class FoldedText {
  public:
    explicit FoldedText(std::string_view utf8, bool strip_accents = false);
    /// For PhraseSet::find: folded as by the constructor except that ASCII letters keep their
    /// case (case_kept() is true). When no other character folds to something else, the view is
    /// `utf8` itself, not copied (it must outlive the result); otherwise a copy from the first
    /// such character on. The map back to code points is the constructor's either way.
    static FoldedText keeping_ascii_case(std::string_view utf8, bool strip_accents);
    /// The folded UTF-8 text to search in (with ASCII upper case left in when case_kept()).
    std::string_view view() const { return own_ ? std::string_view(folded_) : src_; }
    /// True when view() is the original text and ASCII letters still need folding by the reader.
    bool case_kept() const { return kept_; }
    /// Original code point whose folding holds folded byte `b` (a match start).
    std::int64_t start_cp(std::size_t b) const;
    /// Original code point index just after a match ending (exclusive) at folded byte `e`.
    std::int64_t end_cp(std::size_t e) const;
    /// Non-overlapping occurrences of `needle` (folded here the same way), in order; a match
    /// that would split a base letter from its combining accent is not one.
    std::vector<CpSpan> find(std::string_view needle) const;

  private:
    /// A non-ASCII code point: where its folding starts, its index, and how many bytes it folded
    /// to. Between two of them every code point is ASCII and folds to one byte, so the map is
    /// linear there and needs no entry (a mostly-ASCII transcript maps in a few entries).
    struct Wide {
        std::size_t f;
        std::int64_t k;
        std::size_t len;
    };
    FoldedText() = default;
    std::string folded_;
    std::string_view src_; ///< the original text, the view when !own_
    std::vector<Wide> wide_;
    std::int64_t cps_ = 0;
    bool strip_ = false;
    bool kept_ = false;
    bool own_ = true; ///< the view is folded_
};

/// `utf8` folded as FoldedText folds it (for needles, keys and comparisons).
std::string fold_for_match(std::string_view utf8, bool strip_accents = false);

} // namespace qda::text

// ---- whole words, phrases and regular expressions (search, autocoding) ---------------------

namespace qda::text {

/// ICU's word boundaries (UAX #29) of one UTF-8 text, decided without a break iterator where
/// the text around a position is ASCII (the same rules, compiled into a table) and by ICU
/// elsewhere: scanning a large corpus then costs a lookup per byte, not an iterator call.
/// Not thread-safe; use one per thread and reset it for each text.
class WordBoundaries {
  public:
    WordBoundaries();
    ~WordBoundaries();
    WordBoundaries(WordBoundaries &&) noexcept;
    WordBoundaries &operator=(WordBoundaries &&) noexcept;
    /// Work on `utf8` (which must outlive the calls that follow).
    void reset(std::string_view utf8);
    /// True when a word boundary falls before byte `b` (always at 0 and at the end).
    bool is_boundary(std::size_t b);
    /// The first boundary after byte `b` (the size of the text at the end).
    std::size_t next(std::size_t b);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// A phrase found by PhraseSet: which phrase, and where in the original text.
struct PhraseHit {
    std::size_t phrase = 0; ///< index into the phrases given to PhraseSet
    CpSpan span;
};

/// Many words and phrases searched at once, as whole words, in a FoldedText: one pass over the
/// text, one hash lookup per word. Words of a phrase match across any run of white space.
/// Immutable once built, so threads can share it.
class PhraseSet {
  public:
    /// How positions where a word may start are sifted before they are looked at: sixteen or
    /// thirty-two at a time by the first bytes' nibbles (SSSE3, AVX2), or one by one.
    enum class Sieve { bytewise, ssse3, avx2 };
    /// `phrases` are folded here as FoldedText folds with the same `strip_accents`.
    PhraseSet(const std::vector<std::string> &phrases, bool strip_accents);
    bool strip_accents() const { return strip_; }
    std::size_t size() const { return phrases_.size(); }
    /// Append every occurrence in `t` (built with the same strip_accents, case kept or not) to
    /// `out`, by start.
    void find(const FoldedText &t, WordBoundaries &wb, std::vector<PhraseHit> &out) const;
    /// The sieve find() uses: the fastest this processor has, unless set (tests compare them);
    /// false, and no change, when the processor lacks `s`.
    Sieve sieve() const { return sieve_; }
    bool use_sieve(Sieve s);

  private:
    struct Phrase {
        std::vector<std::string> words;
    };
    /// The first bytes of a key (up to eight, `len`), each with bit 0x20 set; `mask` keeps them.
    struct Print {
        std::uint64_t bytes = 0, mask = 0;
        std::size_t len = 0;
    };
    std::vector<Phrase> phrases_;
    std::vector<std::pair<std::string, std::vector<std::size_t>>>
        keys_;                            ///< first word piece -> phrases
    std::vector<std::uint32_t> buckets_;  ///< open addressing into keys_
    std::vector<Print> prints_;           ///< of every key, by first byte
    std::vector<std::uint32_t> first_at_; ///< prints_ of first byte b: [first_at_[b], [b + 1])
    std::size_t min_key_ = 0, max_key_ = 0;
    /// Nibble tables of the keys' first three bytes: bit k of lo_[i][x] (hi_[i][x]) is set
    /// when a key of group k has low (high) nibble x at byte i, or is shorter than i + 1.
    std::uint8_t lo_[3][16] = {}, hi_[3][16] = {};
    bool first_alnum_ = false; ///< every key starts with an ASCII letter or digit
    bool strip_ = false;
    Sieve sieve_ = Sieve::bytewise;
    template <bool Lower>
    void scan(const FoldedText &t, WordBoundaries &wb, std::vector<PhraseHit> &out) const;
    template <bool Lower> const std::vector<std::size_t> *lookup(std::string_view key) const;
    bool printed(const unsigned char *u, std::size_t p, std::size_t n) const;
};

/// Occurrences of a phrase (its phrase_words) in `t` that start on a word boundary and, when
/// `whole_word`, end on one too (`qda search`: "otomat" finds "otomatis" unless --whole-word).
std::vector<CpSpan> find_phrase(const FoldedText &t, const std::vector<std::string> &words,
                                bool whole_word, WordBoundaries &wb);

/// The words of a phrase, folded, split at white space (what PhraseSet and find_phrase match).
std::vector<std::string> phrase_words(std::string_view phrase, bool strip_accents);

/// Runs of letters, digits and marks in `utf8`: the terms a full-text index (SQLite FTS5
/// unicode61) sees, used to narrow a search before the exact match.
std::vector<std::string> index_terms(std::string_view utf8);

/// An ICU regular expression, compiled once and usable from many threads.
class Regex {
  public:
    /// Throws Error(Exit::data) with ICU's message and the offset of the problem.
    Regex(std::string_view pattern, bool ignore_case);
    ~Regex();
    Regex(Regex &&) noexcept;
    Regex &operator=(Regex &&) noexcept;
    /// Non-empty matches in `utf8`, as code point spans, in order.
    std::vector<CpSpan> find_all(std::string_view utf8) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace qda::text
