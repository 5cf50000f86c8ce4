// CSV/TSV surveys. Columns are free text or short:
//  - free text: its non-empty values average more than 40 characters, or more than half of
//    them hold three words or more and at most one in five repeats another (so Likert
//    answers such as "Neither agree nor disagree" stay short); the naming column never is.
//    When no column qualifies, the longest on average is taken, with a warning.
//  - short: everything else.
// survey_by "row" (the default): one Document per row, named by the naming column
// (survey_name_column, else the first). Its text holds each non-empty free-text answer as a
// paragraph whose first line is the column header followed by ':' (unless the header already
// ends in ':' or '?') and whose next lines are the answer:
//     Why did you join?
//     Because my sister ...
//
//     What would you change:
//     ...
// The short columns become attributes (empty values left out). A row without any free-text
// answer has nothing to code and is left out, with a warning.
// survey_by "column": one Document per free-text column, named by its header, with the
// attribute "column"; each non-empty answer is a paragraph whose first line is the
// respondent's name with ':' and whose next lines are the answer.
// In both layouts every answer (without its label line) is a Segment of unit "row" whose
// speaker is the respondent's name, so that answers resolve to participants like interview
// turns do and d.speakers lists the respondents. Empty names become "row N" (N counts data
// rows from 1); repeated names get " (2)", " (3)"... with a warning.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ingest/readers.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda::ingest {
namespace {

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\n");
    if (b == std::string_view::npos)
        return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t\n") - b + 1));
}

int words(std::string_view s) {
    int n = 0;
    bool in_word = false;
    for (char c : s) {
        const bool sp = c == ' ' || c == '\t' || c == '\n';
        if (!sp && !in_word)
            ++n;
        in_word = !sp;
    }
    return n;
}

struct Column {
    double average = 0; // code points per non-empty value
    bool free_text = false;
};

std::vector<Column> classify(const interop::Table &t, std::size_t name_col) {
    std::vector<Column> cols(t.header.size());
    for (std::size_t c = 0; c < cols.size(); ++c) {
        std::int64_t total = 0, filled = 0, wordy = 0;
        std::set<std::string> distinct;
        for (const auto &row : t.rows) {
            const std::string v = trim(row[c]);
            if (v.empty())
                continue;
            ++filled;
            total += text::code_points(v);
            if (words(v) >= 3)
                ++wordy;
            distinct.insert(v);
        }
        if (filled == 0 || c == name_col)
            continue;
        cols[c].average = double(total) / double(filled);
        const bool varied = double(distinct.size()) >= 0.8 * double(filled);
        cols[c].free_text = cols[c].average > 40 || (2 * wordy > filled && varied);
    }
    return cols;
}

std::size_t name_column(const interop::Table &t, const ReadOptions &opts, std::string_view where) {
    if (opts.survey_name_column.empty())
        return 0;
    for (std::size_t c = 0; c < t.header.size(); ++c)
        if (trim(t.header[c]) == opts.survey_name_column)
            return c;
    std::string list;
    for (const auto &h : t.header)
        list += (list.empty() ? "" : ", ") + trim(h);
    throw Error(Exit::data, std::string(where),
                "no column is named \"" + opts.survey_name_column + "\"",
                "the columns are: " + list);
}

// Unique, non-empty names in row order.
std::vector<std::string> unique_names(std::vector<std::string> names, const std::string &empty,
                                      std::vector<std::string> &warnings) {
    std::map<std::string, int> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty())
            names[i] = empty + " " + std::to_string(i + 1);
        const int n = ++seen[names[i]];
        if (n > 1) {
            warnings.push_back("\"" + names[i] + "\" names more than one " +
                               (empty == "row" ? "row" : "column") + "; the repeats are \"" +
                               names[i] + " (2)\" and so on");
            names[i] += " (" + std::to_string(n) + ")";
        }
    }
    return names;
}

std::string label_line(const std::string &label) {
    if (!label.empty() && (label.back() == ':' || label.back() == '?'))
        return label;
    return label + ":";
}

class Builder {
  public:
    Builder(const text::Decoded &dec, char delimiter) {
        d_.format = delimiter == '\t' ? "tsv" : "csv";
        d_.encoding = dec.encoding;
        d_.encoding_confidence = dec.confidence;
        d_.encoding_method = dec.method;
        d_.suggested_kind = "survey";
    }

    void answer(const std::string &label, const std::string &value, const std::string &who) {
        if (!d_.text.empty())
            d_.text += "\n\n";
        d_.text += label_line(label) + "\n";
        Segment s;
        s.unit = "row";
        s.start = static_cast<std::int64_t>(d_.text.size());
        d_.text += value;
        s.end = static_cast<std::int64_t>(d_.text.size());
        s.speaker = who;
        d_.segments.push_back(std::move(s));
        if (std::none_of(d_.speakers.begin(), d_.speakers.end(),
                         [&](const SpeakerLabel &l) { return l.label == who; }))
            d_.speakers.push_back({who, {}});
    }

    Document finish(std::string name, const ReadOptions &opts) {
        d_.name = std::move(name);
        finalize(d_, opts);
        return std::move(d_);
    }

    Document &doc() { return d_; }

  private:
    Document d_;
};

} // namespace

std::vector<Document> read_table(std::string_view bytes, std::string_view where,
                                 const ReadOptions &opts, char delimiter) {
    const auto dec = text::decode(bytes, where, opts.encoding);
    const auto table = interop::parse(dec.utf8, delimiter, where);
    const std::size_t name_col = name_column(table, opts, where);
    auto cols = classify(table, name_col);
    std::vector<std::string> warnings;
    if (std::none_of(cols.begin(), cols.end(), [](const Column &c) { return c.free_text; })) {
        const auto longest =
            std::max_element(cols.begin(), cols.end(), [](const Column &a, const Column &b) {
                return a.average < b.average;
            });
        if (longest == cols.end() || longest->average == 0)
            throw Error(Exit::data, std::string(where), "the table has no answers to import",
                        "every column besides the naming one is empty");
        longest->free_text = true;
        warnings.push_back("no column looks like free text; \"" +
                           trim(table.header[std::size_t(longest - cols.begin())]) +
                           "\" (the longest answers) is imported as text");
    }

    std::vector<std::string> headers, row_names;
    for (const auto &h : table.header)
        headers.push_back(trim(h));
    for (const auto &row : table.rows)
        row_names.push_back(trim(row[name_col]));
    row_names = unique_names(std::move(row_names), "row", warnings);

    std::vector<Document> docs;
    if (opts.survey_by == "column") {
        const auto names = unique_names(headers, "column", warnings);
        for (std::size_t c = 0; c < cols.size(); ++c) {
            if (!cols[c].free_text)
                continue;
            Builder b(dec, delimiter);
            b.doc().attributes.emplace_back("column", headers[c]);
            for (std::size_t r = 0; r < table.rows.size(); ++r)
                if (auto v = trim(table.rows[r][c]); !v.empty())
                    b.answer(row_names[r], v, row_names[r]);
            docs.push_back(b.finish(names[c], opts));
        }
    } else if (opts.survey_by == "row" || opts.survey_by.empty()) {
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            Builder b(dec, delimiter);
            for (std::size_t c = 0; c < cols.size(); ++c) {
                const std::string v = trim(table.rows[r][c]);
                if (c == name_col || v.empty())
                    continue;
                if (cols[c].free_text)
                    b.answer(headers[c], v, row_names[r]);
                else
                    b.doc().attributes.emplace_back(headers[c], v);
            }
            if (b.doc().text.empty()) {
                warnings.push_back("line " + std::to_string(table.row_lines[r]) + " (\"" +
                                   row_names[r] + "\") has no free-text answer: left out");
                continue;
            }
            docs.push_back(b.finish(row_names[r], opts));
        }
    } else {
        throw Error(Exit::usage, std::string(where),
                    "unknown survey layout \"" + opts.survey_by + "\"",
                    "use \"row\" or \"column\"");
    }
    if (!docs.empty())
        docs.front().warnings.insert(docs.front().warnings.begin(), warnings.begin(),
                                     warnings.end());
    return docs;
}

} // namespace qda::ingest
