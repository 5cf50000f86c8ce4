#pragma once
// Co-occurrence counting for `qda cooccur`: pure, one source at a time, so a project of any
// size streams through it.
//
// What is counted (man qda-cooccur(1)):
//   overlap  n_A = codings of A. n_AB = overlap groups: the codings of A and of B in one source,
//            joined when a coding of A and a coding of B share at least one character; every
//            joined group that holds codings of both codes counts once. One long coding of A
//            overlapping three codings of B is one group, so n_AB <= min(n_A, n_B) and
//            c = n_AB / (n_A + n_B - n_AB) stays between 0 and 1.
//   segment  n_A = segments (turns, sentences, paragraphs) that a coding of A touches (shares a
//            character with); n_AB = segments touched by codings of both.
#include <cstdint>
#include <optional>
#include <vector>

namespace qda::model {

/// One coding as the counting sees it: the column (selected code) it counts for and its span.
/// A coding that counts for several columns (a code in two themes) comes once per column.
struct CoSpan {
    std::int64_t start = 0, end = 0;
    std::int32_t code = 0; ///< column index
};

/// One counting unit of a source (a segment), start order, not overlapping the next.
struct CoUnit {
    std::int64_t start = 0, end = 0;
};

/// A symmetric codes x codes count matrix; the diagonal holds each code's own total.
class CoCounts {
  public:
    explicit CoCounts(std::size_t codes = 0) : n_(codes), m_(codes * codes, 0) {}
    std::size_t size() const { return n_; }
    std::int64_t at(std::size_t i, std::size_t j) const { return m_[i * n_ + j]; }

    /// Count one source by overlap groups; `spans` are sorted here (a sweep in start order).
    void add_overlaps(std::vector<CoSpan> spans);
    /// Count one source by segments; `units` in start order and disjoint.
    void add_segments(std::vector<CoSpan> spans, const std::vector<CoUnit> &units);

  private:
    void bump(std::size_t i, std::size_t j, std::int64_t by);
    std::size_t n_;
    std::vector<std::int64_t> m_;
};

/// c = n12 / (n1 + n2 - n12); nullopt when neither code occurs (0 / 0).
std::optional<double> c_coefficient(std::int64_t n1, std::int64_t n2, std::int64_t n12);

/// True when both codes occur and one is more than five times as frequent as the other: c then
/// understates how often the rarer code goes with the other, so the cell is marked.
bool frequency_flag(std::int64_t n1, std::int64_t n2);

} // namespace qda::model
