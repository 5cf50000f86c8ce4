// Speaker labels and timestamps at line starts (see turn_labels.hpp).
#include "ingest/turn_labels.hpp"

#include <cctype>

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "qda/error.hpp"

namespace qda::ingest {

namespace {

bool digit(char c) {
    return c >= '0' && c <= '9';
}
bool hspace(char c) {
    return c == ' ' || c == '\t';
}

std::size_t skip_hspace(std::string_view s, std::size_t i) {
    while (i < s.size() && hspace(s[i]))
        ++i;
    return i;
}

std::string_view trim(std::string_view s) {
    std::size_t b = skip_hspace(s, 0);
    std::size_t e = s.size();
    while (e > b && hspace(s[e - 1]))
        --e;
    return s.substr(b, e - b);
}

/// [-]d{1,3}(:d{1,3}){1,3}([.,]d{1,3})? at s[i]; returns the end or npos; `groups` counts fields.
std::size_t timestamp_core(std::string_view s, std::size_t i, int &groups) {
    if (i < s.size() && s[i] == '-')
        ++i;
    groups = 0;
    while (true) {
        std::size_t d = i;
        while (i < s.size() && digit(s[i]) && i - d < 3)
            ++i;
        if (i == d || (i < s.size() && digit(s[i])))
            return std::string_view::npos;
        ++groups;
        if (groups < 4 && i + 1 < s.size() && s[i] == ':' && digit(s[i + 1])) {
            ++i;
            continue;
        }
        break;
    }
    if (groups < 2)
        return std::string_view::npos;
    if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && digit(s[i + 1])) {
        std::size_t d = ++i;
        while (i < s.size() && digit(s[i]) && i - d < 3)
            ++i;
        if (i < s.size() && digit(s[i]))
            return std::string_view::npos;
    }
    return i;
}

bool ends_token(std::string_view s, std::size_t i) {
    return i >= s.size() || hspace(s[i]);
}

/// The first code point of `s` is a letter.
bool starts_with_letter(std::string_view s) {
    const auto *p = reinterpret_cast<const std::uint8_t *>(s.data());
    std::size_t i = 0;
    UChar32 c;
    U8_NEXT_OR_FFFD(p, i, s.size(), c);
    return u_isalpha(c);
}

bool upper_ascii(char c) {
    return c >= 'A' && c <= 'Z';
}

/// Splits "Name (role)" into name and role.
void split_role(std::string_view &name, std::string_view &role) {
    if (name.size() < 3 || name.back() != ')')
        return;
    std::size_t open = name.rfind('(');
    if (open == std::string_view::npos || open == 0)
        return;
    std::string_view r = trim(name.substr(open + 1, name.size() - open - 2));
    std::string_view n = trim(name.substr(0, open));
    if (r.empty() || r.size() > 60 || n.empty())
        return;
    role = r;
    name = n;
}

/// After the label: white space, then maybe a timestamp ("**Name:** \[16:13\] Yeah").
void finish_body(std::string_view line, std::size_t i, LabelLine &out) {
    i = skip_hspace(line, i);
    if (out.timestamp.empty()) {
        std::string_view ts;
        std::size_t len = 0;
        if (leading_timestamp(line.substr(i), ts, len, 3)) {
            out.timestamp = ts;
            i = skip_hspace(line, i + len);
        }
    }
    out.body = i;
    out.body_empty = i >= line.size();
}

/// A name inside explicit markup: up to 8 words and 60 characters, no control characters,
/// no colon (which would make "**A: B**" a sentence, not a name).
bool marked_up_name(std::string_view name) {
    if (name.empty() || name.size() > 240)
        return false;
    const auto *p = reinterpret_cast<const std::uint8_t *>(name.data());
    std::size_t i = 0;
    int chars = 0, words = 1;
    while (i < name.size()) {
        UChar32 c;
        U8_NEXT_OR_FFFD(p, i, name.size(), c);
        const bool control = c < 0x80 ? c < 0x20 || c == 0x7f : u_iscntrl(c);
        if (++chars > 60 || c == ':' || c == '*' || control)
            return false;
        if (c == ' ' && ++words > 8)
            return false;
    }
    return true;
}

bool bold_label(std::string_view line, std::size_t i, LabelLine &out) {
    if (line.compare(i, 2, "**") != 0)
        return false;
    std::size_t close = line.find("**", i + 2);
    if (close == std::string_view::npos || close - i > 80)
        return false;
    std::string_view inner = line.substr(i + 2, close - i - 2);
    std::size_t after = close + 2;
    if (!inner.empty() && inner.back() == ':') {
        inner.remove_suffix(1);
    } else if (after < line.size() && line[after] == ':') {
        ++after;
    } else {
        return false;
    }
    // The markup delimits the label, so no space is needed after it ("**Kevin Ball:**...so")
    // and the name may hold what credits hold ("Mireille B. Reece, Psy.D", "Paul Frazee✌").
    std::string_view name = trim(inner), role;
    split_role(name, role);
    if (!marked_up_name(name))
        return false;
    out.label = name;
    out.role = role;
    out.style = LabelStyle::bold;
    finish_body(line, after, out);
    return true;
}

bool bracket_label(std::string_view line, std::size_t i, LabelLine &out) {
    if (i >= line.size() || line[i] != '[')
        return false;
    std::size_t close = line.find(']', i + 1);
    if (close == std::string_view::npos || close - i > 60)
        return false;
    std::string_view inner = trim(line.substr(i + 1, close - i - 1));
    if (inner.find(':') != std::string_view::npos || inner.find('|') != std::string_view::npos)
        return false; // "[glossary:P11]", "[time:...]", timestamps
    std::size_t after = close + 1;
    if (after < line.size() && line[after] == ':')
        ++after;
    if (!ends_token(line, after))
        return false;
    std::string_view name = inner, role;
    split_role(name, role);
    if (!speaker_name(name))
        return false;
    out.label = name;
    out.role = role;
    out.style = LabelStyle::bracket;
    finish_body(line, after, out);
    return true;
}

bool plain_label(std::string_view line, std::size_t i, LabelLine &out) {
    std::string_view rest = line.substr(i, 80);
    std::size_t colon = rest.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return false;
    if (!ends_token(line, i + colon + 1))
        return false; // "http://", "10:30"
    std::string_view name = trim(rest.substr(0, colon)), role;
    split_role(name, role);
    if (!speaker_name(name))
        return false;
    out.label = name;
    out.role = role;
    out.style = LabelStyle::plain;
    finish_body(line, i + colon + 1, out);
    return true;
}

} // namespace

bool leading_timestamp(std::string_view s, std::string_view &ts, std::size_t &len,
                       int min_bare_groups) {
    struct Wrap {
        std::string_view open, close;
    };
    static constexpr Wrap wraps[] = {{"\\[", "\\]"}, {"[", "]"}, {"(", ")"}};
    int groups = 0;
    for (const Wrap &w : wraps) {
        if (!s.starts_with(w.open))
            continue;
        std::size_t b = w.open.size();
        std::size_t e = timestamp_core(s, b, groups);
        if (e == std::string_view::npos || s.compare(e, w.close.size(), w.close) != 0)
            return false;
        if (!ends_token(s, e + w.close.size()))
            return false;
        ts = s.substr(b, e - b);
        len = e + w.close.size();
        return true;
    }
    std::size_t e = timestamp_core(s, 0, groups);
    if (e == std::string_view::npos || groups < min_bare_groups || !ends_token(s, e))
        return false;
    ts = s.substr(0, e);
    len = e;
    return true;
}

bool timestamp_line(std::string_view line, std::string_view &ts) {
    std::string_view t = trim(line);
    std::size_t len = 0;
    return leading_timestamp(t, ts, len, 3) && len == t.size();
}

bool metadata_line(std::string_view line) {
    if (line.size() < 3 || line[0] != '_')
        return false;
    std::size_t i = 1;
    while (i < line.size() && i < 30 &&
           (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_'))
        ++i;
    if (i == 1)
        return false;
    i = skip_hspace(line, i);
    return i < line.size() && line[i] == ':';
}

bool speaker_name(std::string_view name) {
    if (name.empty() || name.size() > 160 || !starts_with_letter(name))
        return false;
    const auto *p = reinterpret_cast<const std::uint8_t *>(name.data());
    std::size_t i = 0, word_start = 0, seg_start = 0; // a segment ends at a space or a period
    int chars = 0, words = 1;
    while (i < name.size()) {
        std::size_t at = i;
        UChar32 c;
        U8_NEXT_OR_FFFD(p, i, name.size(), c);
        if (++chars > 40)
            return false;
        if (c == ' ') {
            if (at == word_start || ++words > 5)
                return false;
            word_start = seg_start = i;
        } else if (c == '.') {
            // "St. Martin", "Dr.", "J.R.": a period closes a short capitalised word or an initial.
            if (at == seg_start || at - seg_start > 4 || !upper_ascii(name[seg_start]))
                return false;
            seg_start = i;
        } else if (c == '-' || c == '\'' || c == 0x2019 || c == '_') {
            if (at == word_start)
                return false;
        } else if (!u_isalnum(c) && !(U_GET_GC_MASK(c) & U_GC_M_MASK)) {
            return false;
        }
    }
    return name.back() != ' ';
}

std::optional<LabelLine> parse_label_line(std::string_view line) {
    LabelLine out;
    std::size_t i = 0;
    std::string_view ts;
    std::size_t len = 0;
    if (leading_timestamp(line, ts, len, 2)) {
        i = skip_hspace(line, len);
        if (i >= line.size())
            return std::nullopt;
        out.timestamp = ts;
    }
    if (i < line.size() && hspace(line[i]))
        return std::nullopt; // indented: a continuation
    if (bold_label(line, i, out) || bracket_label(line, i, out) || plain_label(line, i, out))
        return out;
    return std::nullopt;
}

struct LabelPattern::Impl {
    std::unique_ptr<icu::RegexPattern> pattern;
    std::unique_ptr<icu::RegexMatcher> matcher;
    UText *ut = nullptr;
    int32_t label = 1, role = -1, time = -1;
    ~Impl() {
        if (ut)
            utext_close(ut);
    }
};

LabelPattern::LabelPattern(std::string_view pattern) : impl_(std::make_unique<Impl>()) {
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe{};
    impl_->pattern.reset(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                       pattern.data(), static_cast<int32_t>(pattern.size()))),
                                   0, pe, st));
    if (U_FAILURE(st)) {
        throw Error(Exit::usage, "--speaker-pattern",
                    std::string("invalid regular expression: ") + u_errorName(st) + " at offset " +
                        std::to_string(pe.offset),
                    "an ICU regular expression whose group 1 (or group \"label\") is the speaker");
    }
    auto group = [&](const char *name) {
        UErrorCode s2 = U_ZERO_ERROR;
        int32_t n = impl_->pattern->groupNumberFromName(name, -1, s2);
        return U_SUCCESS(s2) ? n : -1;
    };
    if (int32_t n = group("label"); n > 0)
        impl_->label = n;
    impl_->role = group("role");
    impl_->time = group("time");
    impl_->matcher.reset(impl_->pattern->matcher(st));
    if (U_FAILURE(st) || impl_->matcher->groupCount() < 1) {
        throw Error(Exit::usage, "--speaker-pattern",
                    "the pattern has no capturing group for the label",
                    "write the label part in parentheses, e.g. '^([A-Z][a-z]+):'");
    }
}

LabelPattern::~LabelPattern() = default;

std::optional<LabelLine> LabelPattern::match(std::string_view line) {
    Impl &m = *impl_;
    LabelLine out;
    std::size_t from = 0;
    std::string_view ts;
    std::size_t len = 0;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (attempt == 1) { // again after a leading timestamp
            if (!leading_timestamp(line, ts, len, 2))
                return std::nullopt;
            from = skip_hspace(line, len);
            out.timestamp = ts;
        }
        std::string_view s = line.substr(from);
        UErrorCode st = U_ZERO_ERROR;
        m.ut = utext_openUTF8(m.ut, s.data(), static_cast<int64_t>(s.size()), &st);
        m.matcher->reset(m.ut);
        if (!m.matcher->lookingAt(st) || U_FAILURE(st))
            continue;
        auto span = [&](int32_t g) -> std::string_view {
            if (g < 0)
                return {};
            UErrorCode s2 = U_ZERO_ERROR;
            int64_t b = m.matcher->start64(g, s2), e = m.matcher->end64(g, s2);
            if (U_FAILURE(s2) || b < 0)
                return {};
            return s.substr(static_cast<std::size_t>(b), static_cast<std::size_t>(e - b));
        };
        out.label = trim(span(m.label));
        if (out.label.empty())
            continue;
        out.role = trim(span(m.role));
        if (std::string_view t = span(m.time); !t.empty())
            out.timestamp = t;
        out.style = LabelStyle::pattern;
        finish_body(line, from + static_cast<std::size_t>(m.matcher->end64(st)), out);
        return out;
    }
    return std::nullopt;
}

} // namespace qda::ingest
