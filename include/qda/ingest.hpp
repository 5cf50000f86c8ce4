#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "qda/document.hpp"

/// Readers: bytes in, Documents out. One file per format under src/ingest/.
namespace qda::ingest {

struct ReadOptions {
    std::string as_format; ///< force a reader ("text", "markdown", "webvtt", "srt", "html", "docx",
                           ///< "odt", "rtf", "pdf", "csv", "tsv")
    std::string encoding;  ///< force a charset
    std::string speaker_pattern;    ///< ICU regex with a capture group named or numbered 1 for the
                                    ///< label, matched at a line start
    std::string survey_by = "row";  ///< "row": one document per row; "column": one per column
    std::string survey_name_column; ///< column that names each row's document (default: the first)
    std::string locale = "id";      ///< for sentence breaks
    /// Paragraphs and sentences go to Document::derived rather than among the segments (what
    /// import stores is the same either way; it only saves building millions of Segments).
    bool derived_apart = false;
};

/// Name of the format the bytes hold, by content first and the file name second.
std::string detect_format(std::string_view bytes, std::string_view filename);

/// Read one file. `filename` is used for detection and in error messages.
/// Every returned Document has its text, structural segments (turns, cues, entries, rows),
/// paragraph and sentence segments, all in code point positions.
/// Throws Error(Exit::data, "file[:line]", what) for malformed input.
std::vector<Document> read(std::string_view bytes, std::string_view filename,
                           const ReadOptions &opts = {});

/// read(bytes, filename, opts), except that when a document's text is to be the bytes
/// unchanged (text or Markdown, UTF-8 without BOM, CR or front matter) it takes them, leaving
/// `bytes` empty, rather than copying them; that document then has text_is_bytes set.
std::vector<Document> read_taking(std::string &bytes, std::string_view filename,
                                  const ReadOptions &opts = {});

/// Formats `read` accepts, for --help and error hints.
std::vector<std::string> formats();

} // namespace qda::ingest
