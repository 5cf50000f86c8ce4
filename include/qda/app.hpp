#pragma once
// Use cases of qda, one per verb. Each opens the project, runs inside one transaction where it
// writes, records its audit event, and returns data; none prints.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qda/audit.hpp"
#include "qda/ingest.hpp"
#include "qda/records.hpp"

namespace qda::app {

/// Called during long work: done so far, total, the item being worked on.
using Progress = std::function<void(std::size_t, std::size_t, const std::string &)>;

/// What every use case needs to know about the invocation; passed explicitly, never global.
struct Context {
    std::string project;      ///< --project; empty = QDA_PROJECT, then walk up from the cwd
    std::string coder;        ///< --coder; empty = QDA_CODER, project default, OS user
    std::string why;          ///< --why, stored with the audit event
    std::string command_line; ///< as typed, for the audit event
    Progress progress;        ///< may be empty
};

/// The project file the command works on: --project, then $QDA_PROJECT, then the first
/// project.qda found walking up from the current directory.
std::filesystem::path locate_project(const Context &ctx);

/// Who is acting: --coder, $QDA_CODER, the project's default coder, the OS user.
std::string actor(const Context &ctx, const std::string &project_default);

// ---- init ------------------------------------------------------------------------------

struct InitResult {
    std::filesystem::path path;
    int schema_version = 0;
};
/// Create a project at `path` (a file, or a directory that gets project.qda).
InitResult init(const Context &ctx, const std::filesystem::path &path,
                const std::string &default_coder);

// ---- import ----------------------------------------------------------------------------

struct ImportRequest {
    std::vector<std::string> paths;            ///< files, directories, or "-" for stdin
    std::vector<std::string> include, exclude; ///< globs on the path relative to a directory
    std::string name, kind, case_name, supersedes, interviewer;
    std::string name_from =
        "stem"; ///< "stem", "filename" or "path" (relative to the directory given)
    /// Case of a source with no --case and no front-matter case: "" (none), "name" (the
    /// source's own name) or "dir" (the name of the directory that holds the file).
    std::string case_from;
    std::vector<std::pair<std::string, std::string>> attrs; ///< KEY=VALUE from --attr
    ingest::ReadOptions read;
    std::string stdin_bytes; ///< the bytes for "-", read by the caller
};

struct ImportItem {
    std::string path, name, status, reason, kind, format, encoding;
    std::int64_t turns = 0, speakers = 0, segments = 0, chars = 0;
    std::vector<std::string> warnings;
};

struct ImportResult {
    std::vector<ImportItem> items;
    std::size_t imported = 0, skipped = 0;
};

ImportResult import(const Context &ctx, const ImportRequest &req);

// ---- sources, segments -----------------------------------------------------------------

std::vector<SourceInfo> list_sources(const Context &ctx);

struct SourceDetail {
    SourceInfo info;
    std::vector<AttrValue> attributes;
    std::vector<std::pair<std::string, std::int64_t>> units; ///< segment unit -> count
    std::vector<SpeakerInfo> speakers;
};
SourceDetail show_source(const Context &ctx, const std::string &name);

struct TextLine {
    std::int64_t number;
    std::string text;
};
/// Lines `from`..`to` (1-based, inclusive; 0 = to the end) of a source's stored text.
std::vector<TextLine> source_text(const Context &ctx, const std::string &name, std::int64_t from,
                                  std::int64_t to);

/// Segments of one unit; "line" is computed from the text, the others are stored at import.
std::vector<SegmentInfo> segments(const Context &ctx, const std::string &name,
                                  const std::string &unit, bool with_text,
                                  std::vector<std::string> *texts);

// ---- cases -----------------------------------------------------------------------------

std::vector<CaseInfo> list_cases(const Context &ctx);
void create_case(const Context &ctx, const std::string &name, const std::string &description);
/// Link sources to a case (created if `create`), or unlink them when `case_name` is empty.
void link_case(const Context &ctx, const std::string &case_name,
               const std::vector<std::string> &sources, bool create);

// ---- attributes ------------------------------------------------------------------------

struct AttrTarget {
    std::string entity; ///< "source", "case", "participant"
    std::string name;   ///< empty = every entity of that kind (list only)
};
/// Set KEY=VALUE pairs; `type` forces a type for new keys, otherwise it is inferred.
void set_attributes(const Context &ctx, const AttrTarget &t,
                    const std::vector<std::pair<std::string, std::string>> &kv,
                    const std::string &type);
void unset_attributes(const Context &ctx, const AttrTarget &t,
                      const std::vector<std::string> &keys);
std::vector<AttrValue> list_attributes(const Context &ctx, const AttrTarget &t);

struct AttrImportResult {
    std::size_t rows = 0, values = 0, created = 0;
};
/// A CSV/TSV table: one row per entity, named in `key_column` (default: the first column).
AttrImportResult import_attributes(const Context &ctx, const std::filesystem::path &file,
                                   const std::string &entity, const std::string &key_column,
                                   bool create_missing);

/// The type a value would get when nothing else says: integer, float, date, boolean or text.
std::string infer_type(const std::string &value);
/// Canonical form of `value` as `type`, or nullopt when it is not of that type.
std::optional<std::string> check_type(const std::string &value, const std::string &type);

// ---- participants ----------------------------------------------------------------------

std::vector<ParticipantInfo> list_participants(const Context &ctx);
/// Merge every named participant (names or aliases) into `into` (an existing participant or a
/// new name that takes over the first one). Returns the attribute values dropped because the
/// remaining participant had its own value for the key ("name: key=value").
std::vector<std::string> merge_participants(const Context &ctx,
                                            const std::vector<std::string> &names,
                                            const std::string &into);
void set_interviewer(const Context &ctx, const std::string &name, bool on);
void add_alias(const Context &ctx, const std::string &name, const std::string &alias);
void rename_participant(const Context &ctx, const std::string &name, const std::string &new_name);

// ---- audit -----------------------------------------------------------------------------

std::vector<audit::Event> audit_log(const Context &ctx, const std::string &since,
                                    const std::string &action);

struct VerifyResult {
    std::size_t events = 0, rows = 0;
    std::vector<std::string> problems; ///< empty = the trail accounts for everything
};
VerifyResult audit_verify(const Context &ctx);

} // namespace qda::app
