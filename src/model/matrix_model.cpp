#include "qda/matrix_model.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda::model {

// ---- counting -------------------------------------------------------------------------------

MatrixCounts::MatrixCounts(std::size_t rows, std::size_t cols, bool track_participants,
                           bool track_sources)
    : rows_(rows), cols_(cols), track_(track_participants) {
    const auto cells = rows * cols, totals = rows + cols + 1;
    count_.assign(cells, 0);
    if (track_sources)
        sources_.assign(cells, 0);
    total_count_.assign(totals, 0);
    total_sources_.assign(totals, 0);
    seen_.assign((cells + totals + 63) / 64, 0);
    if (track_) {
        participants_.assign(cells, 0);
        total_participants_.assign(totals, 0);
    }
}

namespace {

/// Adds to a cell's 32-bit counter; a cell of more than 4,294,967,295 codings is refused.
void bump(std::uint32_t &cell, std::int64_t n) {
    auto v = static_cast<std::uint64_t>(cell) + static_cast<std::uint64_t>(n);
    if (v > UINT32_MAX)
        throw Error(Exit::data, "matrix", "a cell holds more than 4,294,967,295 codings",
                    "split the matrix with --where");
    cell = static_cast<std::uint32_t>(v);
}

} // namespace

bool MatrixCounts::seen(std::size_t slot, std::int32_t source, std::int32_t participant) {
    if (source != source_) {
        // A new source: forget the slots the last one reached.
        for (auto t : touched_)
            seen_[t / 64] &= ~(std::uint64_t{1} << (t % 64));
        touched_.clear();
        source_ = source;
    }
    auto &word = seen_[slot / 64];
    const auto bit = std::uint64_t{1} << (slot % 64);
    bool fresh_source = (word & bit) == 0;
    if (fresh_source) {
        word |= bit;
        touched_.push_back(slot);
    }
    fresh_participant_ = track_ && participant >= 0 &&
                         pairs_
                             .insert((static_cast<std::uint64_t>(slot) << 32) |
                                     static_cast<std::uint32_t>(participant))
                             .second;
    return fresh_source;
}

void MatrixCounts::add_total(std::size_t t, std::int64_t n, std::int32_t source,
                             std::int32_t participant) {
    total_count_[t] += n;
    if (seen(rows_ * cols_ + t, source, participant))
        ++total_sources_[t];
    if (fresh_participant_)
        ++total_participants_[t];
}

void MatrixCounts::add(const std::vector<std::int32_t> &rows, const std::vector<std::int32_t> &cols,
                       std::int64_t n, std::int32_t source, std::int32_t participant) {
    if (rows.empty() || cols.empty() || n <= 0)
        return; // outside the matrix: counted nowhere, not even in the totals
    for (auto r : rows) {
        for (auto c : cols) {
            auto slot = static_cast<std::size_t>(r) * cols_ + static_cast<std::size_t>(c);
            bump(count_[slot], n);
            if (seen(slot, source, participant) && !sources_.empty())
                bump(sources_[slot], 1);
            if (fresh_participant_)
                bump(participants_[slot], 1);
        }
        add_total(static_cast<std::size_t>(r), n, source, participant);
    }
    for (auto c : cols)
        add_total(rows_ + static_cast<std::size_t>(c), n, source, participant);
    add_total(rows_ + cols_, n, source, participant);
}

std::int64_t MatrixCounts::participants(std::size_t r, std::size_t c) const {
    return track_ ? participants_[r * cols_ + c] : 0;
}

MatrixCounts::Total MatrixCounts::total(std::size_t t) const {
    return {total_count_[t], total_sources_[t], track_ ? total_participants_[t] : 0};
}

MatrixCounts::Total MatrixCounts::row_total(std::size_t r) const {
    return total(r);
}

MatrixCounts::Total MatrixCounts::col_total(std::size_t c) const {
    return total(rows_ + c);
}

MatrixCounts::Total MatrixCounts::grand_total() const {
    return total(rows_ + cols_);
}

void MatrixCounts::release(std::vector<std::uint32_t> &count, std::vector<std::uint32_t> &sources,
                           std::vector<std::uint32_t> &participants) {
    count = std::move(count_);
    sources = std::move(sources_);
    if (track_)
        participants = std::move(participants_);
    count_.clear();
    sources_.clear();
    participants_.clear();
    pairs_.clear();
}

// ---- roll-up --------------------------------------------------------------------------------

std::vector<std::vector<std::size_t>>
rollup_targets(const std::vector<std::optional<std::size_t>> &parent,
               const std::vector<std::vector<std::size_t>> &members) {
    const auto n = parent.size();
    std::vector<std::vector<std::size_t>> children(n);
    for (std::size_t i = 0; i < n; ++i)
        if (parent[i] && *parent[i] < n)
            children[*parent[i]].push_back(i);
    std::vector<std::vector<std::size_t>> targets(n);
    std::vector<char> in;
    std::function<void(std::size_t)> walk = [&](std::size_t x) {
        if (in[x])
            return; // seen: cycles through members end here
        in[x] = 1;
        for (auto k : children[x])
            walk(k);
        if (x < members.size())
            for (auto m : members[x])
                if (m < n)
                    walk(m);
    };
    for (std::size_t x = 0; x < n; ++x) {
        in.assign(n, 0);
        walk(x);
        for (std::size_t i = 0; i < n; ++i)
            if (in[i])
                targets[i].push_back(x); // x counts i's codings; x ascends, so each list is sorted
    }
    return targets;
}

// ---- numbers and order ----------------------------------------------------------------------

double percent(std::int64_t part, std::int64_t whole) {
    if (whole == 0)
        return 0;
    return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

namespace {

std::string ascii_lower(std::string_view s) {
    std::string o(s);
    for (auto &c : o)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return o;
}

/// Rank of a rating word, or -1.
int rating_rank(std::string_view v) {
    auto s = ascii_lower(v);
    for (auto w : {"none", "tidak ada", "absent"})
        if (s == w)
            return 0;
    for (auto w : {"low", "rendah", "weak", "lemah"})
        if (s == w)
            return 1;
    for (auto w : {"medium", "sedang", "moderate", "mixed"})
        if (s == w)
            return 2;
    for (auto w : {"high", "tinggi", "strong", "kuat"})
        if (s == w)
            return 3;
    return -1;
}

std::optional<double> number(std::string_view s) {
    double v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

} // namespace

int compare_values(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty())
        return a.empty() == b.empty() ? 0 : (a.empty() ? 1 : -1);
    auto ra = rating_rank(a), rb = rating_rank(b);
    if (ra >= 0 && rb >= 0)
        return ra < rb ? -1 : ra > rb;
    auto na = number(a), nb = number(b);
    if (na && nb)
        return *na < *nb ? -1 : *na > *nb;
    if (na || nb)
        return na ? -1 : 1; // numbers before words
    auto c = a.compare(b);
    return c < 0 ? -1 : c > 0;
}

std::vector<std::size_t> order(const std::vector<OrderItem> &items, OrderBy by) {
    std::vector<std::size_t> idx(items.size());
    for (std::size_t i = 0; i < idx.size(); ++i)
        idx[i] = i;
    auto less = [&](std::size_t x, std::size_t y) {
        const auto &a = items[x], &b = items[y];
        switch (by) {
        case OrderBy::natural:
            return false;
        case OrderBy::name:
            return a.label < b.label;
        case OrderBy::total:
            return a.total > b.total;
        case OrderBy::value:
        case OrderBy::value_desc: {
            if (a.value.empty() || b.value.empty())
                return !a.value.empty() && b.value.empty(); // missing values last either way
            auto c = compare_values(a.value, b.value);
            return by == OrderBy::value ? c < 0 : c > 0;
        }
        }
        return false;
    };
    std::stable_sort(idx.begin(), idx.end(), less);
    return idx;
}

// ---- periods --------------------------------------------------------------------------------

namespace {

using namespace std::chrono;

std::optional<year_month_day> parse_date(std::string_view s) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-')
        return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    auto ok = [&](std::size_t from, std::size_t len, auto &v) {
        auto r = std::from_chars(s.data() + from, s.data() + from + len, v);
        return r.ec == std::errc() && r.ptr == s.data() + from + len;
    };
    if (!ok(0, 4, y) || !ok(5, 2, m) || !ok(8, 2, d))
        return std::nullopt;
    if (s.size() > 10 && s[10] != 'T' && s[10] != ' ')
        return std::nullopt;
    year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok())
        return std::nullopt;
    return ymd;
}

std::string iso_week(year_month_day ymd) {
    sys_days d{ymd};
    auto wd = weekday{d}.iso_encoding(); // Monday 1 .. Sunday 7
    sys_days thursday = d + days{4 - static_cast<int>(wd)};
    year_month_day t{thursday};
    sys_days jan1{t.year() / January / 1};
    auto week = (thursday - jan1).count() / 7 + 1;
    return fmt::format("{:04d}-W{:02d}", static_cast<int>(t.year()), week);
}

std::string day_text(year_month_day d) {
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

/// The first day of a period as period_of writes it.
std::optional<year_month_day> period_start(const std::string &p, std::string_view grain) {
    if (grain == "day")
        return parse_date(p);
    if (grain == "month")
        return parse_date(p + "-01");
    if (grain == "year")
        return parse_date(p + "-01-01");
    if (grain == "week" && p.size() == 8 && p[5] == 'W') {
        auto y = parse_date(p.substr(0, 4) + "-01-04");
        int w = 0;
        std::from_chars(p.data() + 6, p.data() + 8, w);
        if (!y || w < 1)
            return std::nullopt;
        sys_days jan4{*y};
        auto monday = jan4 - days{weekday{jan4}.iso_encoding() - 1};
        return year_month_day{monday + days{7 * (w - 1)}};
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> period_of(std::string_view iso_date, std::string_view grain) {
    auto d = parse_date(iso_date);
    if (!d)
        return std::nullopt;
    if (grain == "day")
        return day_text(*d);
    if (grain == "week")
        return iso_week(*d);
    if (grain == "month")
        return fmt::format("{:04d}-{:02d}", static_cast<int>(d->year()),
                           static_cast<unsigned>(d->month()));
    if (grain == "year")
        return fmt::format("{:04d}", static_cast<int>(d->year()));
    return std::nullopt;
}

std::optional<std::vector<std::string>> period_range(const std::string &first,
                                                     const std::string &last,
                                                     std::string_view grain, std::size_t limit) {
    auto d = period_start(first, grain);
    auto end = period_start(last, grain);
    if (!d || !end || sys_days{*end} < sys_days{*d})
        return std::nullopt;
    std::vector<std::string> out;
    while (sys_days{*d} <= sys_days{*end}) {
        if (out.size() >= limit)
            return std::nullopt;
        out.push_back(*period_of(day_text(*d), grain));
        if (grain == "day")
            d = year_month_day{sys_days{*d} + days{1}};
        else if (grain == "week")
            d = year_month_day{sys_days{*d} + days{7}};
        else if (grain == "month")
            d = *d + months{1};
        else
            d = *d + years{1};
    }
    return out;
}

// ---- quotes ---------------------------------------------------------------------------------

std::string shorten_quote(std::string_view text, std::size_t max_chars) {
    std::string s;
    s.reserve(text.size());
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !s.empty())
            s += ' ';
        space = false;
        s += c;
    }
    // Byte offset of each code point boundary up to max_chars.
    std::size_t cps = 0, cut = s.size();
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
            continue;
        if (cps == (max_chars > 0 ? max_chars - 1 : 0))
            cut = i;
        ++cps;
    }
    if (cps <= max_chars || max_chars == 0)
        return s;
    std::string_view keep(s.data(), cut);
    if (s[cut] != ' ') {
        auto sp = keep.rfind(' ');
        if (sp != std::string_view::npos && sp >= keep.size() / 2)
            keep = keep.substr(0, sp);
    }
    while (!keep.empty() &&
           (keep.back() == ' ' || keep.back() == ',' || keep.back() == ';' || keep.back() == ':'))
        keep.remove_suffix(1);
    return std::string(keep) + "\u2026";
}

} // namespace qda::model
