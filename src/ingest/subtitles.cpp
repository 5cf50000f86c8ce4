// WebVTT and SubRip: timed cues become a readable transcript, one paragraph per turn
// ("Name: cue text cue text"), with "turn" and "cue" segments carrying the times.
#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>
#include <unicode/utf8.h>

#include "ingest/readers.hpp"
#include "ingest/turn_labels.hpp"
#include "qda/error.hpp"
#include "qda/names.hpp"
#include "qda/text.hpp"

namespace qda::ingest {

namespace {

struct Cue {
    std::int64_t start_ms = 0, end_ms = 0;
    std::string text;
    std::string voice; // empty: continues the current speaker
};

struct Block {
    std::vector<std::string_view> lines;
    std::int64_t first_line = 0; // 1-based
};

std::string_view trim(std::string_view s) {
    return model::trim_blanks(s);
}

/// Blocks of non-blank lines; cue payloads cannot contain blank lines in either format.
std::vector<Block> blocks(std::string_view text) {
    std::vector<Block> out;
    Block cur;
    std::int64_t n = 0;
    for (std::size_t pos = 0; pos <= text.size();) {
        std::size_t eol = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, eol - pos);
        ++n;
        if (trim(line).empty()) {
            if (!cur.lines.empty())
                out.push_back(std::move(cur));
            cur = Block{};
        } else {
            if (cur.lines.empty())
                cur.first_line = n;
            cur.lines.push_back(line);
        }
        pos = eol + 1;
    }
    if (!cur.lines.empty())
        out.push_back(std::move(cur));
    return out;
}

bool digit(char c) {
    return c >= '0' && c <= '9';
}

/// Digits at s[i]: their value, or -1 when the count is outside [min, max].
std::int64_t digits(std::string_view s, std::size_t &i, std::size_t min, std::size_t max) {
    std::size_t b = i;
    std::int64_t v = 0;
    while (i < s.size() && digit(s[i]) && i - b < max)
        v = v * 10 + (s[i++] - '0');
    return (i - b < min || (i < s.size() && digit(s[i]))) ? -1 : v;
}

/// "[hh:]mm:ss.ttt" (WebVTT) or "hh:mm:ss,mmm" (SRT, where a period is also accepted).
std::int64_t parse_time(std::string_view s, std::size_t &i, bool srt) {
    std::int64_t a = digits(s, i, srt ? 1 : 2, 9);
    if (a < 0 || i >= s.size() || s[i] != ':')
        return -1;
    ++i;
    std::int64_t b = digits(s, i, 2, 2);
    if (b < 0 || b > 59)
        return -1;
    std::int64_t h = 0, m = a, sec = 0;
    if (i < s.size() && s[i] == ':') {
        ++i;
        h = a, m = b;
        sec = digits(s, i, 2, 2);
        if (sec < 0 || sec > 59 || m > 59)
            return -1;
    } else {
        if (srt)
            return -1;
        sec = b;
        if (m > 59)
            return -1;
    }
    if (i >= s.size() || !(s[i] == '.' || (srt && s[i] == ',')))
        return -1;
    ++i;
    std::int64_t ms = digits(s, i, srt ? 1 : 3, 3);
    if (ms < 0)
        return -1;
    return ((h * 60 + m) * 60 + sec) * 1000 + ms;
}

std::string format_time(std::int64_t ms) {
    return fmt::format("{:02}:{:02}:{:02}.{:03}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
                       ms % 1000);
}

/// "start --> end [settings]"; throws "bad cue timing" naming the line.
void parse_timing(std::string_view line, bool srt, std::string_view where, std::int64_t lineno,
                  Cue &cue) {
    std::string_view s = trim(line);
    std::size_t i = 0;
    cue.start_ms = parse_time(s, i, srt);
    std::size_t arrow = s.find("-->", i);
    bool ok = cue.start_ms >= 0 && arrow != std::string_view::npos &&
              trim(s.substr(i, arrow - i)).empty();
    if (ok) {
        i = arrow + 3;
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
            ++i;
        cue.end_ms = parse_time(s, i, srt);
        ok = cue.end_ms >= cue.start_ms && (i == s.size() || s[i] == ' ' || s[i] == '\t');
    }
    if (!ok) {
        throw Error(Exit::data, fmt::format("{}:{}", where, lineno),
                    fmt::format("bad cue timing '{}'", std::string(s.substr(0, 80))),
                    srt ? "expected hh:mm:ss,mmm --> hh:mm:ss,mmm"
                        : "expected [hh:]mm:ss.mmm --> [hh:]mm:ss.mmm");
    }
}

void append_cp(std::string &out, UChar32 c) {
    char buf[4];
    std::size_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    out.append(buf, n);
}

/// WebVTT character references: the named ones the format defines, and numeric ones.
std::size_t entity(std::string_view s, std::size_t i, std::string &out) {
    static const std::pair<std::string_view, UChar32> named[] = {
        {"&amp;", '&'},    {"&lt;", '<'},     {"&gt;", '>'},   {"&nbsp;", 0xA0},
        {"&lrm;", 0x200E}, {"&rlm;", 0x200F}, {"&quot;", '"'}, {"&apos;", '\''}};
    for (const auto &[name, cp] : named) {
        if (s.compare(i, name.size(), name) == 0) {
            append_cp(out, cp);
            return i + name.size();
        }
    }
    if (s.compare(i, 2, "&#") == 0) {
        bool hex = i + 2 < s.size() && (s[i + 2] == 'x' || s[i + 2] == 'X');
        std::size_t j = i + (hex ? 3 : 2);
        UChar32 cp = 0;
        std::size_t b = j;
        while (j < s.size() && j - b < 7 && std::isxdigit(static_cast<unsigned char>(s[j])) &&
               (hex || digit(s[j])))
            cp = cp * (hex ? 16 : 10) + (digit(s[j]) ? s[j] - '0' : (s[j] | 0x20) - 'a' + 10), ++j;
        if (j > b && j < s.size() && s[j] == ';' && cp > 0 && cp <= 0x10FFFF &&
            !U_IS_SURROGATE(cp)) {
            append_cp(out, cp);
            return j + 1;
        }
    }
    out += '&';
    return i + 1;
}

/// Cue payload lines -> one line of text: tags (and SRT's {\an8}) removed, lines joined by a
/// space; the first WebVTT voice tag names the speaker.
std::string payload(const std::vector<std::string_view> &lines, std::size_t from, bool vtt,
                    std::string &voice) {
    std::string out;
    for (std::size_t k = from; k < lines.size(); ++k) {
        std::string_view l = trim(lines[k]);
        if (l.empty())
            continue;
        if (!out.empty() && out.back() != ' ')
            out += ' ';
        for (std::size_t i = 0; i < l.size();) {
            if (l[i] == '<') {
                std::size_t close = l.find('>', i);
                if (close == std::string_view::npos)
                    close = l.size() - 1;
                std::string_view tag = l.substr(i + 1, close - i - 1);
                if (vtt && voice.empty() && tag.size() > 2 && tag[0] == 'v' &&
                    (tag[1] == ' ' || tag[1] == '.')) {
                    std::size_t sp = tag.find(' ');
                    if (sp != std::string_view::npos)
                        voice = std::string(trim(tag.substr(sp + 1)));
                }
                i = close + 1;
            } else if (!vtt && l[i] == '{' && i + 1 < l.size() && l[i + 1] == '\\') {
                std::size_t close = l.find('}', i);
                i = close == std::string_view::npos ? l.size() : close + 1;
            } else if (vtt && l[i] == '&') {
                i = entity(l, i, out);
            } else {
                out += l[i++];
            }
        }
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

/// Consecutive cues of one speaker form a turn: a paragraph "Name: text text". Cues whose
/// text is empty once tags are gone leave no trace; cues without any speaker stand alone.
Document build(std::vector<Cue> cues, const char *format, const text::Decoded &dec) {
    Document d;
    d.format = format;
    d.encoding = dec.encoding;
    d.encoding_confidence = dec.confidence;
    d.encoding_method = dec.method;
    std::string current;
    std::size_t turn = 0; // index + 1 of the open turn segment
    std::int64_t turn_start_ms = 0;
    for (Cue &c : cues) {
        if (c.text.empty())
            continue;
        std::string speaker = c.voice.empty() ? current : c.voice;
        bool same = turn && !speaker.empty() && speaker == current;
        if (same) {
            d.text += ' ';
        } else {
            if (!d.text.empty())
                d.text += "\n\n";
            turn = 0;
            if (!speaker.empty()) {
                d.text += speaker + ": ";
                bool known = false;
                for (const auto &s : d.speakers)
                    known = known || s.label == speaker;
                if (!known)
                    d.speakers.push_back({speaker, ""});
                d.segments.push_back(
                    {"turn", static_cast<std::int64_t>(d.text.size()), 0, 0, speaker, ""});
                turn = d.segments.size();
                turn_start_ms = c.start_ms;
            }
        }
        current = speaker;
        auto b = static_cast<std::int64_t>(d.text.size());
        d.text += c.text;
        auto e = static_cast<std::int64_t>(d.text.size());
        d.segments.push_back(
            {"cue", b, e, 0, speaker, format_time(c.start_ms) + "-" + format_time(c.end_ms)});
        if (turn) {
            d.segments[turn - 1].end = e;
            d.segments[turn - 1].timestamp =
                format_time(turn_start_ms) + "-" + format_time(c.end_ms);
        }
    }
    d.suggested_kind = d.speakers.size() >= 2 ? "interview" : "document";
    return d;
}

bool keyword_block(std::string_view first, std::string_view word) {
    return first.starts_with(word) &&
           (first.size() == word.size() || first[word.size()] == ' ' || first[word.size()] == '\t');
}

} // namespace

Document read_webvtt(std::string_view bytes, std::string_view where, const ReadOptions &opts) {
    text::Decoded dec = text::decode(bytes, where, opts.encoding);
    std::vector<Block> bs = blocks(dec.utf8);
    if (bs.empty() || !keyword_block(bs[0].lines[0], "WEBVTT") || bs[0].first_line != 1)
        throw Error(Exit::data, fmt::format("{}:1", where),
                    "not WebVTT: the first line must be WEBVTT");
    std::vector<std::pair<std::string, std::string>> header;
    for (std::size_t k = 1; k < bs[0].lines.size(); ++k) { // "Kind: captions", "Language: en"
        std::string_view l = bs[0].lines[k];
        std::size_t colon = l.find(':');
        if (colon != std::string_view::npos && l.find("-->") == std::string_view::npos)
            header.emplace_back(std::string(trim(l.substr(0, colon))),
                                std::string(trim(l.substr(colon + 1))));
    }
    std::vector<Cue> cues;
    for (std::size_t k = 1; k < bs.size(); ++k) {
        const Block &b = bs[k];
        if (keyword_block(b.lines[0], "NOTE") || keyword_block(b.lines[0], "STYLE") ||
            keyword_block(b.lines[0], "REGION"))
            continue;
        std::size_t t = b.lines[0].find("-->") != std::string_view::npos ? 0 : 1;
        Cue c;
        parse_timing(t < b.lines.size() ? b.lines[t] : b.lines[0], false, where,
                     b.first_line + static_cast<std::int64_t>(t < b.lines.size() ? t : 0), c);
        c.text = payload(b.lines, t + 1, true, c.voice);
        cues.push_back(std::move(c));
    }
    Document d = build(std::move(cues), "webvtt", dec);
    d.attributes = std::move(header);
    return d;
}

// A "Name:" at the start of a cue names the speaker when that name recurs (as in
// detect_turns, one "Note:" does not make a speaker); a cue without one continues the last.
Document read_srt(std::string_view bytes, std::string_view where, const ReadOptions &opts) {
    text::Decoded dec = text::decode(bytes, where, opts.encoding);
    std::vector<Cue> cues;
    for (const Block &b : blocks(dec.utf8)) {
        std::size_t t = 0;
        if (b.lines[0].find("-->") == std::string_view::npos) {
            std::string_view id = trim(b.lines[0]);
            bool number = !id.empty() && std::all_of(id.begin(), id.end(), digit);
            t = number ? 1 : 0;
        }
        Cue c;
        parse_timing(t < b.lines.size() ? b.lines[t] : b.lines[0], true, where,
                     b.first_line + static_cast<std::int64_t>(t < b.lines.size() ? t : 0), c);
        std::string unused;
        c.text = payload(b.lines, t + 1, false, unused);
        cues.push_back(std::move(c));
    }
    std::unordered_map<std::string, int> count;
    std::vector<std::optional<LabelLine>> labels;
    for (const Cue &c : cues) {
        auto l = parse_label_line(c.text);
        if (l && (l->style != LabelStyle::plain || !l->timestamp.empty() || l->body_empty))
            l.reset();
        if (l)
            ++count[std::string(l->label)];
        labels.push_back(l);
    }
    for (std::size_t k = 0; k < cues.size(); ++k) {
        const auto &l = labels[k];
        if (!l || count[std::string(l->label)] < 2)
            continue;
        std::string label(l->label);
        cues[k].text.erase(0, l->body);
        cues[k].voice = std::move(label);
    }
    return build(std::move(cues), "srt", dec);
}

} // namespace qda::ingest
