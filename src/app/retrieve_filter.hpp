#pragma once
// The filters of `qda retrieve` that do not depend on the query: which sources to search, and
// which turns a result may start in.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "qda/records.hpp"
#include "qda/retrieve.hpp"
#include "store/db.hpp"

namespace qda::app {

/// Sources that pass --kind, --case and --attr (a source's own value, else its case's).
std::vector<SourceInfo> retrieve_sources(store::Db &db, const RetrieveRequest &req);

/// Decides whether the turn a result starts in passes --speaker, --participant-attr and
/// --no-interviewer; built once per command.
class SpeakerFilter {
  public:
    SpeakerFilter(store::Db &db, const RetrieveRequest &req);
    /// True when no speaker filter was given: every result passes, turns or not.
    bool inactive() const { return !active_; }
    /// `turn` is the turn the result starts in, or nullptr when it starts outside every turn.
    bool pass(const SegmentInfo *turn) const;

  private:
    bool active_ = false, no_interviewer_ = false;
    std::set<std::string> participants_; ///< --speaker, resolved to participant names
    std::map<std::string, std::set<std::string>> wanted_; ///< --participant-attr: key -> values
    std::map<std::string, std::map<std::string, std::string>>
        attrs_; ///< participant -> key -> value
};

/// KEY=VALUE pairs grouped by key: the same key repeated means "any of these values".
std::map<std::string, std::set<std::string>>
group_pairs(const std::vector<std::pair<std::string, std::string>> &kv);

/// The turn a position falls in, or nullptr: a result's speaker is the one of the turn it
/// starts in (turns sorted by start).
const SegmentInfo *turn_at(const std::vector<SegmentInfo> &turns, std::int64_t pos);

} // namespace qda::app
