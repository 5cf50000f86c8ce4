#pragma once
// What the matrix engine (src/app/matrix*.cpp) reads: codings counted by SQLite per source, code
// and coder, and one source's codings in text order. Neither loads an object per coding.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace qda::store {

/// A page cache of 256 KiB while it lives, then the one before. A display reads the codings
/// and the sources once each: the 2 MB SQLite keeps by default would hold pages it does not
/// read again (on a project of millions of codings, a tenth of the command's peak memory).
class ScanCache : public PragmaScope {
  public:
    explicit ScanCache(Db &db) : PragmaScope(db, "cache_size", "-256") {}
};

/// Number of codings per (source, code) or, with `by_coder`, per (source, code, coder), in
/// source id order, aggregated by SQLite over the covering unique index of coding without a
/// temporary B-tree. `coder` is empty without `by_coder`; it is valid during the call only.
void coding_groups(Db &db, bool by_coder,
                   const std::function<void(std::int64_t source, std::int64_t code,
                                            std::string_view coder, std::int64_t n)> &each);

/// One source's codings ordered by start (then end, code, coder).
void source_codings(
    Db &db, std::int64_t source,
    const std::function<void(std::int64_t id, std::int64_t code, std::string_view coder,
                             std::int64_t start, std::int64_t end)> &each);

/// Every source's id, name, kind and case name, by name, without reading past the text of a
/// source row (list_sources reads columns stored after the text: slow with thousands of sources).
struct SourceBrief {
    std::int64_t id = 0;
    std::string name, kind, case_name;
};
std::vector<SourceBrief> source_briefs(Db &db);

/// Every coder who has coded anything, sorted.
std::vector<std::string> coders(Db &db);

} // namespace qda::store
