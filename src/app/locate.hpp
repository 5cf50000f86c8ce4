#pragma once
// Turning a locator (--segment, --lines, --chars, --match, --turns-of) into code point spans
// of one source's stored text.
#include <string>
#include <vector>

#include "qda/coding.hpp"
#include "qda/text.hpp"
#include "store/db.hpp"

namespace qda::app {

/// The spans `where` names in the source (`text` is its stored text), in text order. Throws
/// Error(Exit::data) naming the source when the locator does not fit it (no such segment,
/// line or speaker; a range beyond the text; TEXT not found).
std::vector<text::CpSpan> locate(store::Db &db, std::int64_t source_id, const std::string &source,
                                 const std::string &text, const Locator &where);

/// Code point `cp` of `text` -> 1-based line, for many positions of one text.
class LineOf {
  public:
    explicit LineOf(const std::string &text) : map_(text), lines_(text) {}
    std::int64_t operator()(std::int64_t cp) const { return lines_.line_of(map_.to_byte(cp)); }
    const text::OffsetMap &map() const { return map_; }

  private:
    text::OffsetMap map_;
    text::LineIndex lines_;
};

} // namespace qda::app
