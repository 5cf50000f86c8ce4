#pragma once
// Recognising one line of a transcript: a speaker label ("Name:", "**Name:**", "[id1]",
// "Name (role):"), a timestamp in front of it, or a line that is only a timestamp.
// Plain code over bytes: it runs on every line of every imported file.
#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

namespace qda::ingest {

/// How a label was written; a document's turns use one style, which keeps a stray
/// "Note: ..." line out of a transcript whose speakers are written "**Name:**".
enum class LabelStyle { bold, bracket, plain, pattern };

/// A line that starts a turn. Views point into the line; offsets are relative to it.
struct LabelLine {
    std::string_view label;
    std::string_view role;
    std::string_view timestamp; ///< without brackets or escapes, empty when none
    std::size_t body = 0;       ///< where the spoken words begin
    LabelStyle style = LabelStyle::plain;
    bool body_empty = false;
};

/// A timestamp at the start of `s` ("[00:01:02]", "\[04:01.06\]", "(00:01:02)", "00:01:02",
/// "[-00:00:00:10]"). `min_bare_groups` is how many colon-separated groups an unbracketed time
/// needs. On success `ts` is the time as written without brackets, `len` the bytes consumed.
bool leading_timestamp(std::string_view s, std::string_view &ts, std::size_t &len,
                       int min_bare_groups);

/// True when the line holds a timestamp and nothing else (Apollo's "[00:00:01:03]" above "CC:").
bool timestamp_line(std::string_view line, std::string_view &ts);

/// Apollo-style "_page : 8" lines: data about the transcript, never a speaker.
bool metadata_line(std::string_view line);

/// Whether `name` can be a speaker: 1-5 words, at most 40 characters, starting with a letter,
/// no sentence punctuation (a period only after a short capitalised word: "St.", "Dr.").
bool speaker_name(std::string_view name);

/// The built-in label forms, after an optional timestamp.
std::optional<LabelLine> parse_label_line(std::string_view line);

/// A user's ICU regular expression (ReadOptions::speaker_pattern) matched at line starts:
/// group "label" or 1 is the label, optional groups "role" and "time".
class LabelPattern {
  public:
    /// Throws Error(Exit::usage, "--speaker-pattern", ICU's message) when it does not compile.
    explicit LabelPattern(std::string_view pattern);
    ~LabelPattern();
    LabelPattern(const LabelPattern &) = delete;
    LabelPattern &operator=(const LabelPattern &) = delete;

    /// The label at the start of `line` (after an optional timestamp), if the pattern matches.
    std::optional<LabelLine> match(std::string_view line);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace qda::ingest
