#pragma once
// Repositories over the project tables. Each returns plain records (include/qda/records.hpp)
// and reports what it changed into a ChangeSet so that the audit event can account for it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qda/document.hpp"
#include "qda/records.hpp"
#include "store/db.hpp"
#include "store/trail.hpp"

namespace qda::store {

// ---- sources ---------------------------------------------------------------------------

struct NewSource {
    std::string name, kind, path, sha256, imported_at, imported_by;
    std::string_view original; ///< the bytes as read
    std::string text_sha256;   ///< of doc->text; computed here when empty
    std::int64_t chars = -1;   ///< code points of doc->text; computed here when negative
    /// Whether `original` equals doc->text (then it is not stored twice), when the caller
    /// already knows; compared here otherwise.
    std::optional<bool> original_is_text;
    std::optional<std::int64_t> case_id;
    const Document *doc = nullptr;
};

std::optional<std::int64_t> source_id(Db &db, std::string_view name);
std::optional<std::string> source_by_sha(Db &db, std::string_view sha256);
std::vector<std::string> source_names(Db &db);

/// Insert a source with its speakers (resolved to participants) and segments.
std::int64_t insert_source(Db &db, const NewSource &s, ChangeSet &changes);

std::vector<SourceInfo> list_sources(Db &db);
SourceInfo get_source(Db &db, std::int64_t id);
std::string source_text(Db &db, std::int64_t id);
/// Speaker labels of a source with their role and the participant each resolves to.
std::vector<SpeakerInfo> source_speakers(Db &db, std::int64_t id);
void set_supersedes(Db &db, std::int64_t source, std::int64_t older, ChangeSet &changes);
void set_source_case(Db &db, std::int64_t source, std::optional<std::int64_t> case_id,
                     ChangeSet &changes);

/// Segments of one unit ("turn", "paragraph", "sentence", "cue", "entry", "row"), in order.
std::vector<SegmentInfo> segments(Db &db, std::int64_t source, std::string_view unit);
/// Distinct units stored for a source, with counts.
std::vector<std::pair<std::string, std::int64_t>> segment_units(Db &db, std::int64_t source);

// ---- participants ----------------------------------------------------------------------

/// Find the participant a label stands for, or create one named by the label.
std::int64_t resolve_participant(Db &db, std::string_view label, ChangeSet &changes);
std::optional<std::int64_t> participant_id(Db &db, std::string_view name_or_alias);
std::vector<ParticipantInfo> list_participants(Db &db);
std::vector<std::string> participant_names(Db &db);
/// Move every alias, speaker and attribute of `from` to `into`, then delete `from`. Returns the
/// attribute values dropped because `into` has its own value for the key ("key=value").
std::vector<std::string> merge_participant(Db &db, std::int64_t from, std::int64_t into,
                                           ChangeSet &changes);
void add_alias(Db &db, std::int64_t participant, std::string_view alias, ChangeSet &changes);
void set_interviewer(Db &db, std::int64_t participant, bool on, ChangeSet &changes);
void rename_participant(Db &db, std::int64_t participant, std::string_view name,
                        ChangeSet &changes);

// ---- cases -----------------------------------------------------------------------------

std::optional<std::int64_t> case_id(Db &db, std::string_view name);
std::int64_t create_case(Db &db, std::string_view name, std::string_view description,
                         ChangeSet &changes);
std::vector<CaseInfo> list_cases(Db &db);
std::vector<std::string> case_names(Db &db);

// ---- attributes ------------------------------------------------------------------------

/// The declared type of a key for an entity kind, if the key exists.
std::optional<std::string> attribute_type(Db &db, std::string_view entity, std::string_view key);
/// Set (insert or replace) a value that the caller has already checked against `type`.
void set_attribute(Db &db, std::string_view entity, std::int64_t entity_id, std::string_view key,
                   std::string_view type, std::string_view value, ChangeSet &changes);
/// Returns false when there was nothing to unset.
bool unset_attribute(Db &db, std::string_view entity, std::int64_t entity_id, std::string_view key,
                     ChangeSet &changes);
/// All values, or those of one entity kind / one entity (entity_id < 0 = all).
std::vector<AttrValue> list_attributes(Db &db, std::string_view entity, std::int64_t entity_id);

} // namespace qda::store
