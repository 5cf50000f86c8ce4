// RTF as text. \par, \sect, \page, \cell and \row end a paragraph; \line is a line break and
// \tab a tab. \'hh bytes (and raw 8-bit bytes) are decoded with the code page of the current
// font's \fcharset, else the document's \ansicpg (\mac, \pc, \pca otherwise), through
// text::to_utf8. \uN takes the \ucN fallback characters after it out. Destinations that are
// not body text are skipped: \* ones, font/colour/style/list tables, pictures, objects'
// data, headers, footers, footnotes, comments, bookmarks, index and TOC entries, list
// numbers and field instructions (\fldrslt, what the field shows, is kept); hidden (\v) and
// deleted (\deleted) text is left out. From \info, \title, \author and \creatim become
// attributes. Debian has no RTF parsing library (unrtf is a program, not a library).
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ingest/extracted_text.hpp"
#include "ingest/html_entities.hpp"
#include "ingest/readers.hpp"
#include "qda/ascii.hpp"
#include "qda/error.hpp"
#include "qda/text.hpp"

namespace qda::ingest {
namespace {

enum class Sink { body, title, author, none };

bool skipped_destination(std::string_view w) {
    static constexpr std::string_view names[] = {
        "aftncn",    "aftnsep",   "aftnsepc",   "annotation",
        "atnauthor", "atndate",   "atnid",      "atnref",
        "bkmkend",   "bkmkstart", "colortbl",   "datafield",
        "datastore", "docvar",    "fchars",     "filetbl",
        "fldinst",   "footer",    "footerf",    "footerl",
        "footerr",   "footnote",  "ftncn",      "ftnsep",
        "ftnsepc",   "generator", "header",     "headerf",
        "headerl",   "headerr",   "lchars",     "listoverridetable",
        "listtable", "listtext",  "nonshppict", "objclass",
        "objdata",   "pgdsctbl",  "pict",       "pntext",
        "pntxta",    "pntxtb",    "private",    "protusertbl",
        "revtbl",    "rsidtbl",   "rxe",        "stylesheet",
        "tc",        "tcn",       "template",   "themedata",
        "txe",       "userprops", "xe",         "xmlnstbl"};
    for (auto n : names)
        if (n == w)
            return true;
    return false;
}

// Characters that RTF writes as control words.
char32_t symbol(std::string_view w) {
    static const std::map<std::string_view, char32_t> table = {
        {"emdash", 0x2014},    {"endash", 0x2013},    {"lquote", 0x2018}, {"rquote", 0x2019},
        {"ldblquote", 0x201C}, {"rdblquote", 0x201D}, {"bullet", 0x2022}, {"emspace", 0x2003},
        {"enspace", 0x2002},   {"qmspace", 0x2005},   {"zwj", 0x200D},    {"zwnj", 0x200C},
        {"tab", '\t'},         {"line", '\n'}};
    const auto it = table.find(w);
    return it == table.end() ? 0 : it->second;
}

// \fcharset -> Windows code page; 0 means "the document's code page".
int charset_code_page(int charset) {
    static const std::map<int, int> table = {
        {77, 10000}, {128, 932},  {129, 949},  {130, 1361}, {134, 936},  {136, 950},
        {161, 1253}, {162, 1254}, {163, 1258}, {177, 1255}, {178, 1256}, {186, 1257},
        {204, 1251}, {222, 874},  {238, 1250}, {254, 437},  {255, 850}};
    const auto it = table.find(charset);
    return it == table.end() ? 0 : it->second;
}

std::string code_page_name(int cp) {
    switch (cp) {
    case 10000:
        return "macintosh";
    case 437:
        return "ibm-437";
    case 850:
        return "ibm-850";
    case 65001:
        return "UTF-8";
    default:
        return "windows-" + std::to_string(cp);
    }
}

std::string two_digits(int v) {
    return (v < 10 ? "0" : "") + std::to_string(v);
}

struct State {
    Sink sink = Sink::body;
    int uc = 1;    // fallback characters after \uN
    int font = -1; // \fN in effect, -1 for \deff
    bool fonttbl = false;
    bool info = false;
    bool creatim = false;
    bool hidden = false;
    bool deleted = false;
};

class Parser {
  public:
    Parser(std::string_view s, std::string_view where) : s_(s), where_(where) {}

    void run() {
        while (i_ < s_.size() && !done_) {
            const char c = s_[i_];
            if (c == '{') {
                ++i_;
                open_group();
            } else if (c == '}') {
                ++i_;
                close_group();
            } else if (c == '\\') {
                ++i_;
                control();
            } else if (c == '\r' || c == '\n') {
                ++i_;
            } else {
                ++i_;
                group_start_ = false;
                if (!take_skip())
                    byte(static_cast<unsigned char>(c));
            }
        }
        flush();
        paragraphs.push_back(std::move(cur_));
        if (!done_)
            warnings.push_back("the RTF ends before its groups are closed (truncated?)");
    }

    std::string encoding() const { return code_page_name(ansi_cp_); }
    std::string created() const {
        if (yr_ <= 0)
            return {};
        return std::to_string(yr_) + "-" + two_digits(mo_) + "-" + two_digits(dy_) + "T" +
               two_digits(hr_) + ":" + two_digits(min_);
    }

    std::vector<std::string> paragraphs;
    std::string title;
    std::string author;
    std::vector<std::string> warnings;

  private:
    void open_group() {
        flush();
        stack_.push_back(st_);
        group_start_ = true;
        star_ = false;
        skip_ = 0;
    }

    void close_group() {
        flush();
        skip_ = 0;
        group_start_ = false;
        if (stack_.empty()) {
            done_ = true;
            return;
        }
        st_ = stack_.back();
        stack_.pop_back();
        if (stack_.empty())
            done_ = true;
    }

    // Skip to the end of the current group (a destination we do not read) and close it.
    void skip_group() {
        int depth = 1;
        while (i_ < s_.size()) {
            const char c = s_[i_++];
            if (c == '{') {
                ++depth;
            } else if (c == '}') {
                if (--depth == 0)
                    break;
            } else if (c == '\\' && i_ < s_.size()) {
                if (!ascii_letter(s_[i_])) {
                    ++i_;
                    continue;
                }
                std::string word;
                bool has_param = false;
                const std::int64_t param = read_word(word, has_param);
                if (word == "bin" && param > 0)
                    skip_bytes(param);
            }
        }
        close_group();
    }

    // Reads a control word's letters, parameter and delimiting space from i_ (at a letter).
    std::int64_t read_word(std::string &word, bool &has_param) {
        const std::size_t b = i_;
        while (i_ < s_.size() && ascii_letter(s_[i_]) && i_ - b < 32)
            ++i_;
        word.assign(s_.substr(b, i_ - b));
        bool negative = false;
        if (i_ < s_.size() && s_[i_] == '-') {
            negative = true;
            ++i_;
        }
        std::int64_t v = 0;
        const std::size_t digits = i_;
        while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9' && i_ - digits < 10)
            v = v * 10 + (s_[i_++] - '0');
        has_param = i_ > digits;
        if (!has_param && negative)
            --i_;
        if (i_ < s_.size() && s_[i_] == ' ')
            ++i_;
        return negative ? -v : v;
    }

    void skip_bytes(std::int64_t n) {
        i_ += static_cast<std::size_t>(std::min<std::int64_t>(n, std::int64_t(s_.size() - i_)));
    }

    bool take_skip() {
        if (skip_ <= 0)
            return false;
        --skip_;
        return true;
    }

    void control() {
        if (i_ >= s_.size())
            return;
        const char c = s_[i_];
        if (ascii_letter(c)) {
            std::string w;
            bool has_param = false;
            const std::int64_t param = read_word(w, has_param);
            word(w, has_param, param);
            return;
        }
        ++i_;
        if (c == '*') {
            star_ = true;
            return;
        }
        group_start_ = false;
        if (c == '\'') {
            const int hi = i_ < s_.size() ? hex_digit(s_[i_]) : -1;
            const int lo = i_ + 1 < s_.size() ? hex_digit(s_[i_ + 1]) : -1;
            if (hi < 0 || lo < 0)
                return;
            i_ += 2;
            if (!take_skip())
                byte(static_cast<unsigned char>(hi * 16 + lo));
            return;
        }
        if (take_skip())
            return;
        if (c == '\\' || c == '{' || c == '}')
            byte(static_cast<unsigned char>(c));
        if (c == '~')
            code_point(0xA0);
        if (c == '_')
            code_point('-');
        if (c == '\n' || c == '\r')
            paragraph_break();
    }

    void word(const std::string &w, bool has_param, std::int64_t param) {
        const bool destination = group_start_;
        const bool star = star_;
        group_start_ = star_ = false;
        if (w == "bin") {
            skip_bytes(has_param ? param : 0);
            return;
        }
        if (take_skip())
            return;
        flush();
        if (destination && this->destination(w, star))
            return;
        const int p = static_cast<int>(std::clamp<std::int64_t>(param, -70000, 70000));
        if (const char32_t ch = symbol(w))
            return code_point(ch);
        if (w == "par" || w == "sect" || w == "page" || w == "cell" || w == "row" ||
            w == "nestcell" || w == "nestrow")
            return paragraph_break();
        if (w == "u")
            return unicode(p < 0 ? p + 65536 : p);
        if (w == "uc")
            st_.uc = std::clamp(p, 0, 10);
        if (w == "ansicpg" && p > 0)
            ansi_cp_ = p;
        if (w == "ansi")
            ansi_cp_ = 1252;
        if (w == "mac")
            ansi_cp_ = 10000;
        if (w == "pc")
            ansi_cp_ = 437;
        if (w == "pca")
            ansi_cp_ = 850;
        if (w == "deff")
            deff_ = p;
        if (w == "f")
            (st_.fonttbl ? font_def_ : st_.font) = p;
        if (w == "fcharset" && st_.fonttbl)
            font_cp_[font_def_] = charset_code_page(p);
        if (w == "cpg" && st_.fonttbl && p > 0)
            font_cp_[font_def_] = p;
        if (w == "v")
            st_.hidden = !has_param || p != 0;
        if (w == "deleted")
            st_.deleted = !has_param || p != 0;
        if (w == "plain")
            st_.hidden = st_.deleted = false;
        if (st_.creatim)
            date_part(w, p);
    }

    // A control word first in its group; true when the group is consumed or redirected.
    bool destination(const std::string &w, bool star) {
        if (st_.info) {
            if (w == "title")
                st_.sink = Sink::title;
            else if (w == "author")
                st_.sink = Sink::author;
            else if (w == "creatim")
                st_.creatim = true;
            else
                skip_group();
            return true;
        }
        if (star || skipped_destination(w)) {
            skip_group();
            return true;
        }
        if (w == "fonttbl") {
            st_.fonttbl = true;
            st_.sink = Sink::none;
            return true;
        }
        if (w == "info") {
            st_.info = true;
            st_.sink = Sink::none;
            return true;
        }
        return false;
    }

    void date_part(const std::string &w, int p) {
        if (w == "yr")
            yr_ = p;
        if (w == "mo")
            mo_ = p;
        if (w == "dy")
            dy_ = p;
        if (w == "hr")
            hr_ = p;
        if (w == "min")
            min_ = p;
    }

    void unicode(int v) {
        skip_ = st_.uc;
        const auto u = static_cast<char32_t>(v);
        if (u >= 0xD800 && u <= 0xDBFF) {
            high_ = u;
            return;
        }
        if (u >= 0xDC00 && u <= 0xDFFF) {
            code_point(high_ != 0 ? 0x10000 + ((high_ - 0xD800) << 10) + (u - 0xDC00) : 0xFFFD);
            high_ = 0;
            return;
        }
        code_point(u);
    }

    bool visible() const { return st_.sink != Sink::none && !st_.hidden && !st_.deleted; }

    int code_page() const {
        const auto it = font_cp_.find(st_.font >= 0 ? st_.font : deff_);
        return it != font_cp_.end() && it->second > 0 ? it->second : ansi_cp_;
    }

    void byte(unsigned char b) {
        if (!visible() || b == 0)
            return;
        const int cp = code_page();
        if (!pending_.empty() && (pending_cp_ != cp || pending_sink_ != st_.sink))
            flush();
        pending_ += static_cast<char>(b);
        pending_cp_ = cp;
        pending_sink_ = st_.sink;
    }

    void code_point(char32_t cp) {
        flush();
        if (!visible() || cp == 0)
            return;
        std::string u;
        append_utf8(u, cp);
        sink(st_.sink) += u;
    }

    void flush() {
        if (pending_.empty())
            return;
        const bool ascii = std::all_of(pending_.begin(), pending_.end(),
                                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        sink(pending_sink_) += ascii ? pending_ : convert(pending_, pending_cp_);
        pending_.clear();
    }

    std::string convert(const std::string &bytes, int cp) {
        try {
            return text::to_utf8(bytes, code_page_name(cp), where_);
        } catch (const Error &) {
            if (cp == 1252)
                throw;
            warnings.push_back("code page " + std::to_string(cp) +
                               " cannot be decoded; its bytes were read as windows-1252");
            return text::to_utf8(bytes, "windows-1252", where_);
        }
    }

    std::string &sink(Sink s) {
        if (s == Sink::title)
            return title;
        if (s == Sink::author)
            return author;
        return cur_;
    }

    void paragraph_break() {
        flush();
        if (st_.sink != Sink::body || !visible())
            return;
        paragraphs.push_back(std::move(cur_));
        cur_.clear();
    }

    std::string_view s_;
    std::string_view where_;
    std::size_t i_ = 0;
    bool done_ = false;
    State st_;
    std::vector<State> stack_;
    bool group_start_ = false;
    bool star_ = false;
    int skip_ = 0;      // fallback characters still to drop after \uN
    char32_t high_ = 0; // pending high surrogate from \uN
    int ansi_cp_ = 1252;
    int deff_ = 0;
    int font_def_ = 0; // font being defined in \fonttbl
    std::map<int, int> font_cp_;
    std::string pending_; // bytes awaiting conversion, all in one code page and sink
    int pending_cp_ = 1252;
    Sink pending_sink_ = Sink::body;
    std::string cur_;
    int yr_ = 0, mo_ = 0, dy_ = 0, hr_ = 0, min_ = 0;
};

} // namespace

Extracted extract_rtf(std::string_view bytes, std::string_view where, const ReadOptions &) {
    std::string_view s = bytes;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    if (!s.starts_with("{\\rtf"))
        throw Error(Exit::data, std::string(where),
                    "not an RTF file: it does not begin with {\\rtf");
    Parser p(s, where);
    p.run();
    Extracted out;
    out.text = join_paragraphs(p.paragraphs);
    out.encoding = p.encoding();
    out.method = "declared";
    out.warnings = std::move(p.warnings);
    if (auto t = trim_copy(p.title); !t.empty())
        out.attributes.emplace_back("title", t);
    if (auto a = trim_copy(p.author); !a.empty())
        out.attributes.emplace_back("author", a);
    if (auto c = p.created(); !c.empty())
        out.attributes.emplace_back("created", c);
    return out;
}

} // namespace qda::ingest
