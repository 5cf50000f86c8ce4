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
    std::string utf8;     ///< BOM removed, CRLF and CR normalised to LF
    std::string encoding; ///< the charset used, as ICU names it ("UTF-8", "UTF-16LE", "windows-1252")
    int confidence = 100; ///< 0..100
    std::string method;   ///< "bom", "utf-8", "declared", "detected", "user"
};

/// Decode bytes by the rules of architecture.md: forced > BOM > declared > valid UTF-8 > ICU guess.
/// `where` names the input in errors. Throws Error(Exit::data) for bytes that cannot be text.
Decoded decode(std::string_view bytes, std::string_view where, std::string_view forced = {},
               std::string_view declared = {});

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
    std::size_t line_start(std::int64_t line) const; ///< byte offset where 1-based `line` starts
    std::int64_t lines() const { return static_cast<std::int64_t>(starts_.size()); }

  private:
    std::vector<std::size_t> starts_;
};

} // namespace qda::text
