// Plain-text and Markdown transcripts: front matter, speaker turns, dated observation entries.
#include <algorithm>
#include <memory>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "ingest/dated_lines.hpp"
#include "ingest/readers.hpp"
#include "ingest/turn_labels.hpp"
#include "qda/error.hpp"

namespace qda::ingest {

namespace {

struct LineSpan {
    std::size_t begin, end; // end excludes the newline
};

std::vector<LineSpan> split_lines(std::string_view text) {
    std::vector<LineSpan> lines;
    lines.reserve(text.size() / 40 + 1);
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        lines.push_back({pos, eol});
        pos = eol + 1;
    }
    return lines;
}

bool hspace(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

/// End of `line` without trailing blanks.
std::size_t content_end(std::string_view text, LineSpan l) {
    std::size_t e = l.end;
    while (e > l.begin && hspace(text[e - 1]))
        --e;
    return e;
}

bool delimiter(std::string_view line, std::string_view mark) {
    while (!line.empty() && hspace(line.back()))
        line.remove_suffix(1);
    return line == mark;
}

void flatten_yaml(const YAML::Node &node, const std::string &key, Document &d) {
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        d.attributes.emplace_back(key, node.Scalar());
        break;
    case YAML::NodeType::Sequence: {
        std::string joined;
        for (const auto &item : node) {
            if (!item.IsScalar())
                continue;
            if (!joined.empty())
                joined += "; ";
            joined += item.Scalar();
        }
        d.attributes.emplace_back(key, joined);
        break;
    }
    case YAML::NodeType::Map:
        for (const auto &kv : node)
            flatten_yaml(kv.second, key.empty() ? kv.first.Scalar() : key + "." + kv.first.Scalar(),
                         d);
        break;
    default:
        d.attributes.emplace_back(key, "");
    }
}

/// Does the first non-blank line read "key: ..."? Then a YAML error is the user's mistake,
/// not a Markdown horizontal rule that happens to open the file.
bool looks_like_yaml(std::string_view block) {
    std::size_t b = block.find_first_not_of(" \t\n");
    if (b == std::string_view::npos)
        return false;
    std::string_view first = block.substr(b, block.find('\n', b) - b);
    std::size_t colon = first.find(':');
    return colon != std::string_view::npos && colon > 0 &&
           first.substr(0, colon).find_first_of(" \t\"'") == std::string_view::npos;
}

void yaml_front_matter(Document &d, std::string_view block, std::string_view where) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(block));
    } catch (const YAML::Exception &e) {
        if (!looks_like_yaml(block))
            throw;
        // +2: the block starts on line 2, after the opening "---"; yaml-cpp counts from 0.
        throw Error(Exit::data, fmt::format("{}:{}:{}", where, e.mark.line + 2, e.mark.column + 1),
                    "front matter: " + e.msg);
    }
    if (!root.IsMap())
        throw YAML::Exception(YAML::Mark::null_mark(), "not a map");
    flatten_yaml(root, "", d);
}

/// TOML's `key = value` subset that front matter uses: quoted or bare values, arrays of
/// strings, [table] headers. Debian 12 packages toml11 and tomlplusplus, but a dependency for
/// a dozen lines of key = value is not worth it; real TOML documents belong in a TOML library.
std::string toml_string(std::string_view v, std::string_view where, int line) {
    if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'')
        return std::string(v.substr(1, v.size() - 2));
    if (v.size() < 2 || v.front() != '"' || v.back() != '"')
        return std::string(v); // number, date, bool
    std::string out;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
        if (v[i] != '\\') {
            out += v[i];
            continue;
        }
        if (i + 2 >= v.size())
            throw Error(Exit::data, fmt::format("{}:{}", where, line), "front matter: bad escape");
        switch (v[++i]) {
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        case '"':
            out += '"';
            break;
        case '\\':
            out += '\\';
            break;
        default:
            out += '\\', out += v[i];
        }
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (hspace(s.front()) || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (hspace(s.back()) || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

void toml_front_matter(Document &d, std::string_view block, std::string_view where) {
    std::string table;
    int line = 1;
    for (std::size_t pos = 0; pos <= block.size(); ++line) {
        std::size_t eol = std::min(block.find('\n', pos), block.size());
        std::string_view l = trim(block.substr(pos, eol - pos));
        pos = eol + 1;
        if (l.empty() || l.front() == '#')
            continue;
        if (l.front() == '[' && l.back() == ']') {
            table = std::string(trim(l.substr(1, l.size() - 2)));
            continue;
        }
        std::size_t eq = l.find('=');
        if (eq == std::string_view::npos || eq == 0)
            throw Error(Exit::data, fmt::format("{}:{}", where, line + 1),
                        "front matter: expected key = value");
        std::string key(trim(l.substr(0, eq)));
        if (key.size() >= 2 && key.front() == '"' && key.back() == '"')
            key = key.substr(1, key.size() - 2);
        std::string_view v = trim(l.substr(eq + 1));
        if (!table.empty())
            key = table + "." + key;
        if (v.size() >= 2 && v.front() == '[' && v.back() == ']') {
            std::string joined;
            std::string_view items = v.substr(1, v.size() - 2);
            for (std::size_t b = 0; b <= items.size();) {
                std::size_t c = std::min(items.find(',', b), items.size());
                std::string_view item = trim(items.substr(b, c - b));
                b = c + 1;
                if (item.empty())
                    continue;
                if (!joined.empty())
                    joined += "; ";
                joined += toml_string(item, where, line + 1);
            }
            d.attributes.emplace_back(key, joined);
        } else {
            d.attributes.emplace_back(key, toml_string(v, where, line + 1));
        }
    }
}

enum class Kind { blank, timestamp, meta, label, text };

struct Classified {
    Kind kind = Kind::text;
    LabelLine label;       // when kind == label
    std::string_view time; // when kind == timestamp
};

bool strong(LabelStyle s) {
    return s == LabelStyle::bold || s == LabelStyle::bracket || s == LabelStyle::pattern;
}

/// Which label lines start turns. A label must occur twice (one "Catatan: ..." line does not
/// make a transcript); only the document's dominant label style counts; a label seen once is
/// a turn when it is written unambiguously (bold, bracketed, after a timestamp, or matched by
/// the user's pattern).
std::vector<bool> accepted_labels(const std::vector<Classified> &cls, bool user_pattern) {
    // Each label line keeps a pointer to its label's count (the map's nodes do not move), so
    // that a label is hashed once.
    std::unordered_map<std::string_view, int> counts;
    std::vector<const int *> count(cls.size(), nullptr);
    for (std::size_t i = 0; i < cls.size(); ++i)
        if (cls[i].kind == Kind::label) {
            int &n = counts[cls[i].label.label];
            ++n;
            count[i] = &n;
        }
    int by_style[4] = {0, 0, 0, 0};
    for (std::size_t i = 0; i < cls.size(); ++i)
        if (cls[i].kind == Kind::label && *count[i] >= 2)
            ++by_style[static_cast<int>(cls[i].label.style)];
    int dominant = static_cast<int>(std::max_element(by_style, by_style + 4) - by_style);
    std::vector<bool> ok(cls.size(), false);
    if (!user_pattern && by_style[dominant] == 0)
        return ok;
    for (std::size_t i = 0; i < cls.size(); ++i) {
        const auto &c = cls[i];
        if (c.kind != Kind::label)
            continue;
        if (user_pattern) {
            ok[i] = true;
            continue;
        }
        if (static_cast<int>(c.label.style) != dominant)
            continue;
        ok[i] = *count[i] >= 2 || strong(c.label.style) || !c.label.timestamp.empty();
    }
    return ok;
}

void add_speaker(Document &d, std::string_view label, std::string_view role) {
    for (auto &s : d.speakers) {
        if (s.label == label) {
            if (s.role.empty())
                s.role = role;
            return;
        }
    }
    d.speakers.push_back({std::string(label), std::string(role)});
}

/// Dated entries of observation notes: from one dated line to the next.
bool detect_entries(Document &d, const std::vector<LineSpan> &lines) {
    std::string_view text = d.text;
    bool any = false;
    std::size_t open = 0; // index + 1 of the entry being extended
    for (const LineSpan &l : lines) {
        std::string_view line = text.substr(l.begin, l.end - l.begin);
        std::size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string_view::npos)
            continue;
        const std::size_t e = content_end(text, l);
        if (auto iso = (first < 4 || line[first] == '#') ? leading_date(line) : std::nullopt) {
            d.segments.push_back({"entry", static_cast<std::int64_t>(l.begin + first),
                                  static_cast<std::int64_t>(e), 0, "", *iso});
            open = d.segments.size();
            any = true;
        } else if (open) {
            d.segments[open - 1].end = static_cast<std::int64_t>(e);
        }
    }
    return any;
}

} // namespace

void take_front_matter(Document &d, std::string_view where) {
    std::string_view text = d.text;
    std::string_view mark;
    if (text.starts_with("---"))
        mark = "---";
    else if (text.starts_with("+++"))
        mark = "+++";
    else
        return;
    std::size_t first_eol = text.find('\n');
    if (first_eol == std::string_view::npos || !delimiter(text.substr(0, first_eol), mark))
        return;
    std::size_t pos = first_eol + 1, close = std::string_view::npos, after = 0;
    while (pos <= text.size()) {
        std::size_t eol = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, eol - pos);
        if (delimiter(line, mark) || (mark == "---" && delimiter(line, "..."))) {
            close = pos;
            after = std::min(eol + 1, text.size());
            break;
        }
        pos = eol + 1;
    }
    if (close == std::string_view::npos)
        return;
    std::string_view block = text.substr(first_eol + 1, close - first_eol - 1);
    std::vector<std::pair<std::string, std::string>> before = d.attributes;
    try {
        if (mark == "---")
            yaml_front_matter(d, block, where);
        else
            toml_front_matter(d, block, where);
    } catch (const YAML::Exception &) {
        d.attributes = std::move(before); // a horizontal rule, not front matter
        return;
    }
    while (after < text.size() && text[after] == '\n')
        ++after;
    d.text.erase(0, after);
}

// The span of a turn covers the words spoken: the speaker label and a timestamp written in
// front of it (or on the line above, as in Apollo transcripts) stay in the text but outside
// the span, so coding a whole turn never codes the label. A turn runs over following lines
// and paragraphs that carry no label of their own, up to the last of them before the next
// turn's timestamp or label.
void detect_turns(Document &d, const ReadOptions &opts, std::string_view where) {
    (void)where;
    std::string_view text = d.text;
    const std::vector<LineSpan> lines = split_lines(text);
    std::unique_ptr<LabelPattern> user;
    if (!opts.speaker_pattern.empty())
        user = std::make_unique<LabelPattern>(opts.speaker_pattern);

    std::vector<Classified> cls(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = text.substr(lines[i].begin, lines[i].end - lines[i].begin);
        Classified &c = cls[i];
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            c.kind = Kind::blank;
        } else if (timestamp_line(line, c.time)) {
            c.kind = Kind::timestamp;
        } else if (metadata_line(line)) {
            c.kind = Kind::meta;
        } else if (auto l = user ? user->match(line) : parse_label_line(line)) {
            // A plain "Agenda:" heading with nothing after it is not someone speaking.
            if (user || l->style != LabelStyle::plain || !l->body_empty) {
                c.kind = Kind::label;
                c.label = *l;
            }
        }
    }
    const std::vector<bool> ok = accepted_labels(cls, user != nullptr);

    std::size_t turns_before = d.segments.size();
    std::size_t labels = 0;
    for (std::size_t i = 0; i < lines.size(); ++i)
        labels += cls[i].kind == Kind::label && ok[i];
    d.segments.reserve(turns_before + labels);
    std::size_t turn = 0; // index + 1 of the open turn
    std::string_view pending_time;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Classified &c = cls[i];
        const LineSpan &l = lines[i];
        switch (c.kind) {
        case Kind::blank:
        case Kind::meta:
            break;
        case Kind::timestamp:
            pending_time = c.time;
            break;
        case Kind::label:
            if (ok[i]) {
                const std::size_t body = l.begin + c.label.body;
                const std::size_t end = std::max(body, content_end(text, l));
                std::string_view time =
                    c.label.timestamp.empty() ? pending_time : c.label.timestamp;
                Segment &g = d.segments.emplace_back();
                g.unit = "turn";
                g.start = static_cast<std::int64_t>(body);
                g.end = static_cast<std::int64_t>(end);
                g.speaker = c.label.label;
                g.timestamp = time;
                turn = d.segments.size();
                add_speaker(d, c.label.label, c.label.role);
                pending_time = {};
                break;
            }
            [[fallthrough]];
        case Kind::text:
            pending_time = {};
            if (turn)
                d.segments[turn - 1].end = static_cast<std::int64_t>(content_end(text, l));
            break;
        }
    }

    if (d.segments.size() > turns_before) {
        d.suggested_kind = d.speakers.size() >= 2 ? "interview" : "document";
    } else if (detect_entries(d, lines)) {
        d.suggested_kind = "observation";
    } else if (d.suggested_kind.empty()) {
        d.suggested_kind = "document";
    }
}

} // namespace qda::ingest
