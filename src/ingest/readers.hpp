#pragma once
// Internal contract between the format readers of src/ingest and the dispatcher (ingest.cpp).
// While a reader works, Segment::start/end are UTF-8 BYTE offsets into Document::text;
// finalize() converts them to code points and adds paragraph and sentence segments.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qda/document.hpp"
#include "qda/ingest.hpp"

namespace qda::ingest {

/// Plain text pulled out of a container or markup format, before turn detection.
struct Extracted {
    std::string text; ///< UTF-8, LF; paragraphs separated by one blank line
    std::string encoding = "UTF-8";
    int confidence = 100;
    std::string method = "container";
    std::vector<std::pair<std::string, std::string>> attributes; ///< title, author, dates...
    std::vector<std::string> warnings;
};

Extracted extract_html(std::string_view bytes, std::string_view where, const ReadOptions &opts);
Extracted extract_docx(std::string_view bytes, std::string_view where, const ReadOptions &opts);
Extracted extract_odt(std::string_view bytes, std::string_view where, const ReadOptions &opts);
Extracted extract_rtf(std::string_view bytes, std::string_view where, const ReadOptions &opts);
Extracted extract_pdf(std::string_view bytes, std::string_view where, const ReadOptions &opts);

/// CSV/TSV survey: one Document per row (or per column), other columns as attributes.
/// Documents come back finalized.
std::vector<Document> read_table(std::string_view bytes, std::string_view where,
                                 const ReadOptions &opts, char delimiter);

/// WebVTT and SRT: consecutive cues of one speaker become one "turn" (byte offsets), each cue
/// also a "cue" segment with its times.
Document read_webvtt(std::string_view bytes, std::string_view where, const ReadOptions &opts);
Document read_srt(std::string_view bytes, std::string_view where, const ReadOptions &opts);

/// Front matter (YAML `---` or TOML `+++`) at the top of `d.text`: removed from the text and
/// added to d.attributes.
void take_front_matter(Document &d, std::string_view where);

/// Find speaker turns or dated observation entries in d.text and add them as segments
/// (byte offsets); fills d.speakers and d.suggested_kind.
void detect_turns(Document &d, const ReadOptions &opts, std::string_view where);

/// Byte offsets -> code points; add paragraph and sentence segments; compute lines; sort.
void finalize(Document &d, const ReadOptions &opts);

} // namespace qda::ingest
