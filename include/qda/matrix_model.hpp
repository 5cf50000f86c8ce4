#pragma once
// The pure parts of the matrix engine (qda matrix, qda display, qda freq): counting codings into
// cells with distinct sources and participants, roll-up of a code tree, ordering of rows and
// columns, percents, time periods and the shortening of quotes. No I/O; unit-tested alone.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace qda::model {

/// Counts of codings per cell of a rows x cols grid, with the number of distinct sources and
/// participants behind each cell and each total. Totals count a coding once even when it falls
/// into several columns (two themes sharing a member), so they are not sums of the cells.
class MatrixCounts {
  public:
    /// Without `track_sources` only the totals count distinct sources; a cell's sources read 0,
    /// and a matrix of thousands of cases x hundreds of codes keeps one array of cells, not two.
    MatrixCounts(std::size_t rows, std::size_t cols, bool track_participants,
                 bool track_sources = true);

    /// `n` codings of one source (and one participant, -1 = none) that fall into every pair of
    /// `rows` x `cols`. All calls for one source must come together (sources counted by change).
    void add(const std::vector<std::int32_t> &rows, const std::vector<std::int32_t> &cols,
             std::int64_t n, std::int32_t source, std::int32_t participant);

    std::size_t rows() const { return rows_; }
    std::size_t cols() const { return cols_; }
    std::int64_t count(std::size_t r, std::size_t c) const { return count_[r * cols_ + c]; }
    std::int64_t sources(std::size_t r, std::size_t c) const {
        return sources_.empty() ? 0 : sources_[r * cols_ + c];
    }
    std::int64_t participants(std::size_t r, std::size_t c) const;

    /// Totals of a row, a column, or everything.
    struct Total {
        std::int64_t count = 0, sources = 0, participants = 0;
    };
    Total row_total(std::size_t r) const;
    Total col_total(std::size_t c) const;
    Total grand_total() const;

    /// Hand the cells (row-major; sources and participants only when tracked) to the caller
    /// without a copy:
    /// a matrix of thousands of cases and hundreds of codes is millions of numbers. Afterwards
    /// only the totals may be read.
    void release(std::vector<std::uint32_t> &count, std::vector<std::uint32_t> &sources,
                 std::vector<std::uint32_t> &participants);

  private:
    /// Whether `source` is new to `slot` (cells first, then totals); sets fresh_participant_.
    bool seen(std::size_t slot, std::int32_t source, std::int32_t participant);
    void add_total(std::size_t t, std::int64_t n, std::int32_t source, std::int32_t participant);
    Total total(std::size_t t) const;
    std::size_t rows_, cols_;
    bool track_;
    bool fresh_participant_ = false;
    // Cells hold 32-bit counters (a matrix of 2,000 cases x 200 codes is 400,000 cells); the
    // totals (rows, then columns, then the grand total) 64-bit ones.
    std::vector<std::uint32_t> count_, sources_, participants_;
    std::vector<std::int64_t> total_count_, total_sources_, total_participants_;
    // The slots (cells, then totals) the current source has reached: a bit each, and a list to
    // clear them by when the next source comes.
    std::int32_t source_ = -1;
    std::vector<std::uint64_t> seen_;
    std::vector<std::size_t> touched_;
    std::unordered_set<std::uint64_t> pairs_; ///< (slot, participant) already counted
};

/// For each code i of a tree (`parent`: index or nullopt) with pattern codes (`members`), the
/// codes whose rolled-up count includes i's own codings, ascending. A code counts its own
/// codings, everything its children count and everything its members count; so i is counted by
/// itself, its ancestors, the pattern codes it is a member of, and their ancestors in turn.
std::vector<std::vector<std::size_t>>
rollup_targets(const std::vector<std::optional<std::size_t>> &parent,
               const std::vector<std::vector<std::size_t>> &members);

/// Percent of `whole`, rounded to one decimal; 0 when `whole` is 0.
double percent(std::int64_t part, std::int64_t whole);

/// Compare two values as people expect: ratings (high/medium/low, tinggi/sedang/rendah) by rank,
/// numbers as numbers, else text; an empty value sorts last. Negative, zero or positive.
int compare_values(std::string_view a, std::string_view b);

/// One row or column to order.
struct OrderItem {
    std::string label;  ///< shown name
    std::int64_t total; ///< codings in the row or column
    std::string value;  ///< attribute or rating the order is by (empty = missing, sorts last)
};
enum class OrderBy { natural, name, total, value, value_desc };
/// Positions of `items` in display order; stable, so equal keys keep their natural order.
/// `total` is highest first; `value` ascending (ratings: high first), `value_desc` descending.
std::vector<std::size_t> order(const std::vector<OrderItem> &items, OrderBy by);

/// The period an ISO date ("2024-07-10", "2024-07-10T09:30") falls in: day "2024-07-10",
/// week "2024-W28" (ISO 8601 week), month "2024-07" or year "2024"; nullopt for anything else.
std::optional<std::string> period_of(std::string_view iso_date, std::string_view grain);
/// Every period from `first` to `last` inclusive (both as period_of gives them), so that empty
/// periods show; nullopt when there would be more than `limit`.
std::optional<std::vector<std::string>> period_range(const std::string &first,
                                                     const std::string &last,
                                                     std::string_view grain, std::size_t limit);

/// A quote made short enough for a cell: runs of white space become one space, and text longer
/// than `max_chars` code points is cut at a word boundary (or mid-word when a word is too long)
/// and ends in "...".
std::string shorten_quote(std::string_view text, std::size_t max_chars);

} // namespace qda::model
