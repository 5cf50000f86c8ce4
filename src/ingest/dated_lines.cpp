// Dates at the start of a line of field notes (see dated_lines.hpp).
#include "ingest/dated_lines.hpp"

#include <cctype>

#include <fmt/format.h>

namespace qda::ingest {

namespace {

struct Name {
    std::string_view text;
    int month;
};

// Indonesian and English month names and their usual abbreviations, lower case.
constexpr Name months[] = {
    {"januari", 1},  {"january", 1},   {"jan", 1},       {"februari", 2},  {"pebruari", 2},
    {"february", 2}, {"feb", 2},       {"maret", 3},     {"march", 3},     {"mar", 3},
    {"april", 4},    {"apr", 4},       {"mei", 5},       {"may", 5},       {"juni", 6},
    {"june", 6},     {"jun", 6},       {"juli", 7},      {"july", 7},      {"jul", 7},
    {"agustus", 8},  {"august", 8},    {"agu", 8},       {"agt", 8},       {"ags", 8},
    {"aug", 8},      {"september", 9}, {"sept", 9},      {"sep", 9},       {"oktober", 10},
    {"october", 10}, {"okt", 10},      {"oct", 10},      {"november", 11}, {"nopember", 11},
    {"nov", 11},     {"desember", 12}, {"december", 12}, {"des", 12},      {"dec", 12},
};

constexpr std::string_view weekdays[] = {
    "senin", "selasa", "rabu",    "kamis",     "jumat",    "jum'at", "sabtu",    "minggu",
    "ahad",  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon",   "tue",    "wed",     "thu",       "fri",      "sat",    "sun"};

bool digit(char c) {
    return c >= '0' && c <= '9';
}
bool alpha(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '\'';
}

std::size_t skip(std::string_view s, std::size_t i, std::string_view chars) {
    while (i < s.size() && chars.find(s[i]) != std::string_view::npos)
        ++i;
    return i;
}

/// Up to `max` digits at s[i]; -1 when there are fewer than `min`.
int number(std::string_view s, std::size_t &i, int min, int max) {
    int v = 0, n = 0;
    while (i < s.size() && digit(s[i]) && n < max)
        v = v * 10 + (s[i++] - '0'), ++n;
    if (n < min || (i < s.size() && digit(s[i])))
        return -1;
    return v;
}

/// A word of letters at s[i], lower-cased.
std::string word(std::string_view s, std::size_t &i) {
    std::string w;
    while (i < s.size() && alpha(s[i]))
        w += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i++])));
    return w;
}

int month_of(std::string_view w) {
    for (const Name &m : months)
        if (w == m.text)
            return m.month;
    return 0;
}

bool valid(int y, int m, int d) {
    return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

bool boundary(std::string_view s, std::size_t i) {
    if (i >= s.size())
        return true;
    if (s[i] == 'T' && i + 1 < s.size() && digit(s[i + 1]))
        return true; // 2024-03-12T10:00
    return !std::isalnum(static_cast<unsigned char>(s[i]));
}

/// "10:00", "09.30", "pukul 9.30", "at 10:00" after the date; appends "THH:MM".
void time_after(std::string_view s, std::size_t i, std::string &iso) {
    i = skip(s, i, " \t,-T");
    std::size_t w = i;
    std::string lead = word(s, w);
    if (lead == "pukul" || lead == "jam" || lead == "at" || lead == "pkl")
        i = skip(s, w, " \t.");
    int h = number(s, i, 1, 2);
    if (h < 0 || h > 23 || i + 2 >= s.size() || (s[i] != ':' && s[i] != '.'))
        return;
    ++i;
    int m = number(s, i, 2, 2);
    if (m < 0 || m > 59 || !boundary(s, i))
        return;
    iso += fmt::format("T{:02}:{:02}", h, m);
}

} // namespace

std::optional<std::string> leading_date(std::string_view line) {
    std::size_t i = skip(line, 0, " \t#*_>[");
    if (i >= line.size())
        return std::nullopt;
    // optional weekday: "Selasa, 12 Maret 2024"
    if (alpha(line[i])) {
        std::size_t j = i;
        std::string w = word(line, j);
        for (std::string_view wd : weekdays) {
            if (w == wd) {
                i = skip(line, j, " \t,.");
                break;
            }
        }
    }
    int y = 0, m = 0, d = 0;
    std::size_t j = i;
    if (i < line.size() && digit(line[i])) {
        int a = number(line, j, 1, 4);
        if (a < 0 || j >= line.size())
            return std::nullopt;
        char sep = line[j];
        if ((sep == '-' || sep == '/' || sep == '.') && j - i == 4) { // 2024-03-12
            y = a;
            ++j;
            m = number(line, j, 1, 2);
            if (j >= line.size() || line[j] != sep)
                return std::nullopt;
            ++j;
            d = number(line, j, 1, 2);
        } else if (sep == '-' || sep == '/' ||
                   sep == '.') { // 12/03/2024 (day first unless impossible)
            ++j;
            int b = number(line, j, 1, 2);
            if (j >= line.size() || line[j] != sep)
                return std::nullopt;
            ++j;
            y = number(line, j, 4, 4);
            d = a, m = b;
            if (m > 12 && d <= 12)
                std::swap(d, m);
        } else if (sep == ' ' && j - i <= 2) { // 12 Maret 2024
            d = a;
            j = skip(line, j, " ");
            m = month_of(word(line, j));
            j = skip(line, j, ". ");
            y = number(line, j, 4, 4);
        } else {
            return std::nullopt;
        }
    } else { // March 12, 2024
        m = month_of(word(line, j));
        if (!m)
            return std::nullopt;
        j = skip(line, j, ". ");
        d = number(line, j, 1, 2);
        j = skip(line, j, ", ");
        y = number(line, j, 4, 4);
    }
    if (!valid(y, m, d) || !boundary(line, j))
        return std::nullopt;
    std::string iso = fmt::format("{:04}-{:02}-{:02}", y, m, d);
    time_after(line, j, iso);
    return iso;
}

} // namespace qda::ingest
