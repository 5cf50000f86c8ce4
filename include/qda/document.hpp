#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace qda {

/// A unit a reader found in a text. Positions are Unicode code point indexes into
/// Document::text, zero-based, end exclusive (see docs/architecture.md, "Text positions").
struct Segment {
    std::string unit; ///< "turn", "paragraph", "sentence", "cue", "entry", "row"
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t line = 0; ///< 1-based line of `start`, for people
    std::string speaker;   ///< speaker label as written (without role), empty when none
    std::string timestamp; ///< as found: "00:01:02", "00:00:01.000-00:00:05.000", "2024-03-12"
};

/// A paragraph or sentence that import keeps apart from Document::segments
/// (ReadOptions::derived_apart): a small record where a Segment holds three strings, and the
/// corpus of the import benchmark has two million of them.
struct DerivedSegment {
    std::int64_t start = 0, end = 0, line = 0; ///< as in Segment
    std::uint32_t turn = 0; ///< 1 + index in Document::segments of the turn whose speaker it
                            ///< takes; 0 when it has none
    bool sentence = false;  ///< a sentence; otherwise a paragraph
};

/// A speaker label as it appears in one document, with the role written beside it, if any.
struct SpeakerLabel {
    std::string label;
    std::string role; ///< from `Name (role): text`
};

/// What a reader makes of the bytes of one file (or one row/column of a survey table).
struct Document {
    std::string name; ///< suggested source name; empty means "file name without extension"
    std::string
        format; ///< "text", "markdown", "webvtt", "srt", "html", "docx", "odt", "rtf", "pdf", "csv"
    std::string encoding; ///< charset the bytes were decoded from, e.g. "UTF-8", "windows-1252"
    int encoding_confidence = 100; ///< 0..100; 100 when a BOM, a declaration or the user decided
    std::string encoding_method;   ///< "bom", "utf-8", "declared", "detected", "user", "container"
    std::string suggested_kind;    ///< "interview", "observation", "document", "survey"
    std::string text;              ///< UTF-8, no BOM, LF line endings: what users quote
    bool text_is_bytes = false;    ///< text is exactly the bytes read (false: compare to know)
    std::int64_t chars = -1;       ///< code points in text, once counted (-1: not yet)
    std::vector<Segment> segments; ///< turns/cues/entries/rows plus paragraphs and sentences
    /// With ReadOptions::derived_apart: the paragraphs and sentences, which `segments` then
    /// lacks (it keeps the reader's segments, in the order they would have among all).
    std::vector<DerivedSegment> derived;
    std::vector<SpeakerLabel> speakers; ///< distinct, in order of appearance
    std::vector<std::pair<std::string, std::string>>
        attributes;                    ///< front matter, document properties, survey columns
    std::vector<std::string> warnings; ///< things the reader noticed but could work around
};

} // namespace qda
