// HTML as text, by a small tolerant tag scanner (real pages are not XML). Block elements
// (p, div, li, h1-h6, tr, blockquote, pre, ...) become paragraphs separated by one blank
// line. <br> is a line break inside the paragraph and two or more in a row a paragraph
// break, so `Name: text<br>` lines keep their line starts for turn detection. White space
// collapses as browsers do, except inside <pre>; U+00A0 from &nbsp; is kept as a character.
// Table cells of one row are joined by a tab. <head>, <script>, <style>, <template>,
// <noscript> and comments are dropped; <title> and <meta name="author"> become attributes.
// The declared charset (<meta charset>, http-equiv Content-Type, XML declaration) is passed to
// text::decode; ISO-8859-1 and US-ASCII labels mean Windows-1252, as the WHATWG Encoding
// standard says browsers read them.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "ingest/extracted_text.hpp"
#include "ingest/html_entities.hpp"
#include "ingest/readers.hpp"
#include "qda/ascii.hpp"
#include "qda/text.hpp"

namespace qda::ingest {
namespace {

constexpr std::size_t charset_scan_limit = 64 * 1024;

struct Tag {
    std::string name; // lower case
    bool closing = false;
    std::vector<std::pair<std::string, std::string>> attrs; // names lower case, values raw
    std::size_t end = 0;                                    // just after '>'

    std::string attr(std::string_view key) const {
        for (const auto &[k, v] : attrs)
            if (k == key)
                return v;
        return {};
    }
};

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) { return lower(c); });
    return out;
}

bool space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool istarts_with(std::string_view s, std::size_t at, std::string_view prefix) {
    if (s.size() - std::min(at, s.size()) < prefix.size())
        return false;
    for (std::size_t k = 0; k < prefix.size(); ++k)
        if (lower(s[at + k]) != prefix[k])
            return false;
    return true;
}

// The tag at s[lt] == '<', or nullopt when '<' does not start a tag (then it is text).
// A tag that runs to the end of the input ends there.
std::optional<Tag> parse_tag(std::string_view s, std::size_t lt) {
    Tag t;
    std::size_t i = lt + 1;
    if (i < s.size() && s[i] == '/') {
        t.closing = true;
        ++i;
    }
    if (i >= s.size() || !ascii_letter(s[i]))
        return std::nullopt;
    const std::size_t name_start = i;
    while (i < s.size() && !space(s[i]) && s[i] != '/' && s[i] != '>')
        ++i;
    t.name = lower(s.substr(name_start, i - name_start));
    for (;;) {
        while (i < s.size() && (space(s[i]) || s[i] == '/'))
            ++i;
        if (i >= s.size())
            break;
        if (s[i] == '>') {
            ++i;
            break;
        }
        const std::size_t a = i++;
        while (i < s.size() && !space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/')
            ++i;
        std::string key = lower(s.substr(a, i - a));
        while (i < s.size() && space(s[i]))
            ++i;
        std::string value;
        if (i < s.size() && s[i] == '=') {
            ++i;
            while (i < s.size() && space(s[i]))
                ++i;
            if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
                const auto close = s.find(s[i], i + 1);
                const std::size_t stop = close == std::string_view::npos ? s.size() : close;
                value = s.substr(i + 1, stop - i - 1);
                i = std::min(stop + 1, s.size());
            } else {
                const std::size_t v = i;
                while (i < s.size() && !space(s[i]) && s[i] != '>')
                    ++i;
                value = s.substr(v, i - v);
            }
        }
        t.attrs.emplace_back(std::move(key), std::move(value));
    }
    t.end = i;
    return t;
}

// Where the element `name` opened before `from` closes ("</name" in any case), or npos.
std::size_t find_close(std::string_view s, std::size_t from, std::string_view name) {
    for (auto at = s.find("</", from); at != std::string_view::npos; at = s.find("</", at + 2)) {
        const std::size_t after = at + 2 + name.size();
        if (istarts_with(s, at + 2, name) &&
            (after >= s.size() || space(s[after]) || s[after] == '>' || s[after] == '/'))
            return at;
    }
    return std::string_view::npos;
}

std::string charset_label(std::string_view raw) {
    std::string v = lower(trim_copy(raw));
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\''))
        v = v.substr(1, v.size() - 2);
    static constexpr std::string_view latin1[] = {
        "iso-8859-1", "iso8859-1",  "iso_8859-1",  "latin1",        "l1",
        "us-ascii",   "ascii",      "cp1252",      "x-cp1252",      "cp819",
        "ibm819",     "iso-ir-100", "csisolatin1", "x-user-defined"};
    if (std::find(std::begin(latin1), std::end(latin1), v) != std::end(latin1))
        return "windows-1252";
    if (v.starts_with("utf-16"))
        return "UTF-8"; // an ASCII-readable page is not UTF-16
    return v;
}

// The charset the page declares in its first bytes, or empty.
std::string declared_charset(std::string_view bytes) {
    const std::string_view head = bytes.substr(0, charset_scan_limit);
    if (head.starts_with("<?xml")) {
        const auto end = head.find("?>");
        if (auto t = parse_tag(head.substr(0, end), 1); t && !t->attr("encoding").empty())
            return charset_label(t->attr("encoding"));
    }
    for (auto at = head.find('<'); at != std::string_view::npos; at = head.find('<', at + 1)) {
        if (!istarts_with(head, at + 1, "meta"))
            continue;
        const auto t = parse_tag(head, at);
        if (!t || t->name != "meta")
            continue;
        if (const auto cs = t->attr("charset"); !cs.empty())
            return charset_label(cs);
        if (lower(t->attr("http-equiv")) != "content-type")
            continue;
        const std::string content = lower(t->attr("content"));
        const auto k = content.find("charset=");
        if (k == std::string::npos)
            continue;
        const std::string rest = content.substr(k + 8);
        return charset_label(rest.substr(0, rest.find(';')));
    }
    return {};
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool block(std::string_view n) {
    return one_of(n,
                  {"address",  "article",    "aside",  "blockquote", "body",    "caption", "center",
                   "dd",       "details",    "dialog", "dir",        "div",     "dl",      "dt",
                   "fieldset", "figcaption", "figure", "footer",     "form",    "h1",      "h2",
                   "h3",       "h4",         "h5",     "h6",         "header",  "hgroup",  "hr",
                   "html",     "legend",     "li",     "listing",    "main",    "menu",    "nav",
                   "ol",       "optgroup",   "option", "p",          "section", "summary", "table",
                   "tbody",    "tfoot",      "thead",  "tr",         "ul",      "xmp"});
}

bool head_element(std::string_view n) {
    return one_of(n, {"head", "title", "meta", "link", "base", "style", "script", "noscript",
                      "template", "html"});
}

class Scanner {
  public:
    void run(std::string_view s) {
        std::size_t i = 0;
        while (i < s.size()) {
            const auto lt = s.find('<', i);
            text(s.substr(i, lt == std::string_view::npos ? lt : lt - i));
            if (lt == std::string_view::npos)
                break;
            i = markup(s, lt);
        }
        paragraphs.push_back(std::move(cur_));
    }

    std::vector<std::string> paragraphs;
    std::string title;
    std::string author;

  private:
    // Handle the markup at s[lt] == '<'; returns where scanning goes on.
    std::size_t markup(std::string_view s, std::size_t lt) {
        if (s.substr(lt, 4) == "<!--") {
            const auto end = s.find("-->", lt + 4);
            return end == std::string_view::npos ? s.size() : end + 3;
        }
        if (s.substr(lt, 9) == "<![CDATA[") {
            const auto end = s.find("]]>", lt + 9);
            text(s.substr(lt + 9, end == std::string_view::npos ? end : end - lt - 9));
            return end == std::string_view::npos ? s.size() : end + 3;
        }
        if (s.substr(lt, 2) == "<!" || s.substr(lt, 2) == "<?") {
            const auto end = s.find('>', lt);
            return end == std::string_view::npos ? s.size() : end + 1;
        }
        const auto tag = parse_tag(s, lt);
        if (!tag) {
            text(s.substr(lt, 1));
            return lt + 1;
        }
        return element(*tag, s);
    }

    std::size_t element(const Tag &t, std::string_view s) {
        const std::string &n = t.name;
        std::size_t next = t.end;
        if (!head_element(n) || n == "body")
            in_head_ = false;
        if (t.closing) {
            if (n == "head")
                in_head_ = false;
            if (n == "pre" && pre_depth_ > 0)
                --pre_depth_;
            if (block(n) || n == "pre")
                paragraph_break();
            return next;
        }
        if (one_of(n, {"script", "style", "template", "noscript", "title", "textarea"})) {
            const auto close = find_close(s, next, n);
            const std::string_view inner = s.substr(
                next, close == std::string_view::npos ? std::string_view::npos : close - next);
            if (n == "title" && title.empty())
                title = collapse(decode_entities(inner));
            if (n == "textarea")
                text(inner);
            if (close == std::string_view::npos)
                return s.size();
            const auto gt = s.find('>', close);
            return gt == std::string_view::npos ? s.size() : gt + 1;
        }
        if (n == "head")
            in_head_ = true;
        if (n == "meta" && lower(t.attr("name")) == "author" && author.empty())
            author = collapse(decode_entities(t.attr("content")));
        if (n == "br")
            line_break();
        if (n == "pre") {
            paragraph_break();
            ++pre_depth_;
            if (next < s.size() && s[next] == '\n')
                ++next; // HTML ignores that first newline
        }
        if (block(n))
            paragraph_break();
        if (n == "tr")
            cells_ = 0;
        if ((n == "td" || n == "th") && cells_++ > 0) {
            space_ = false;
            cur_ += '\t';
        }
        return next;
    }

    void text(std::string_view raw) {
        if (raw.empty() || in_head_)
            return;
        const std::string decoded = decode_entities(raw);
        if (pre_depth_ > 0) {
            cur_ += text::normalize_newlines(decoded);
            space_ = false;
            return;
        }
        for (char c : decoded) {
            if (space(c)) {
                space_ = !cur_.empty() && cur_.back() != '\n' && cur_.back() != '\t';
                continue;
            }
            if (space_)
                cur_ += ' ';
            space_ = false;
            cur_ += c;
        }
    }

    void line_break() {
        space_ = false;
        if (!cur_.empty() && cur_.back() == '\n')
            paragraph_break();
        else
            cur_ += '\n';
    }

    void paragraph_break() {
        space_ = false;
        cells_ = 0;
        if (!cur_.empty())
            paragraphs.push_back(std::move(cur_));
        cur_.clear();
    }

    static std::string collapse(std::string_view s) {
        std::string out;
        bool pending = false;
        for (char c : s) {
            if (space(c)) {
                pending = !out.empty();
                continue;
            }
            if (pending)
                out += ' ';
            pending = false;
            out += c;
        }
        return out;
    }

    std::string cur_;
    bool space_ = false; // white space seen since the last character
    bool in_head_ = false;
    int pre_depth_ = 0;
    int cells_ = 0; // cells opened in the current table row
};

} // namespace

Extracted extract_html(std::string_view bytes, std::string_view where, const ReadOptions &opts) {
    const auto decoded = text::decode(bytes, where, opts.encoding, declared_charset(bytes));
    Scanner scanner;
    scanner.run(decoded.utf8);
    Extracted out;
    out.text = join_paragraphs(scanner.paragraphs);
    out.encoding = decoded.encoding;
    out.confidence = decoded.confidence;
    out.method = decoded.method;
    if (!scanner.title.empty())
        out.attributes.emplace_back("title", scanner.title);
    if (!scanner.author.empty())
        out.attributes.emplace_back("author", scanner.author);
    return out;
}

} // namespace qda::ingest
