#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/// Plain records that libqda hands to its callers (the CLI, tests, other programs).
namespace qda {

struct SourceInfo {
    std::int64_t id = 0;
    std::string name, kind, format, encoding, encoding_method, sha256, path;
    int encoding_confidence = 0;
    std::int64_t size = 0, chars = 0;
    std::string case_name; ///< empty when not linked to a case
    std::string imported_at, imported_by;
    std::int64_t turns = 0, speakers = 0, segments = 0;
    std::string supersedes;
};

/// A speaker label of one source, the role written beside it, and who it resolves to.
struct SpeakerInfo {
    std::string label, role, participant;
    std::int64_t turns = 0;
};

struct SegmentInfo {
    std::int64_t id = 0, ordinal = 0, start = 0, end = 0, line = 0;
    std::string unit, speaker, participant, timestamp;
    bool interviewer = false;
};

struct ParticipantInfo {
    std::int64_t id = 0;
    std::string name;
    bool interviewer = false;
    std::vector<std::string> aliases;
    std::int64_t sources = 0, turns = 0;
};

struct CaseInfo {
    std::int64_t id = 0;
    std::string name, description;
    std::int64_t sources = 0;
};

/// A typed attribute value of a source, case or participant.
struct AttrValue {
    std::string entity; ///< "source", "case", "participant"
    std::string entity_name;
    std::string key, type, value;
};

} // namespace qda
