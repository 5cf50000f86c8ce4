#include "ingest/extracted_text.hpp"

namespace qda::ingest {
namespace {

constexpr std::string_view nbsp = "\xC2\xA0";

bool ends_blank(std::string_view s) {
    return !s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r');
}

std::string_view rstrip(std::string_view s) {
    for (;;) {
        if (ends_blank(s))
            s.remove_suffix(1);
        else if (s.ends_with(nbsp))
            s.remove_suffix(nbsp.size());
        else
            return s;
    }
}

std::string_view lstrip(std::string_view s) {
    for (;;) {
        if (!s.empty() &&
            (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
            s.remove_prefix(1);
        else if (s.starts_with(nbsp))
            s.remove_prefix(nbsp.size());
        else
            return s;
    }
}

// One paragraph: lines right-trimmed, blank-line runs collapsed, no blank edges.
std::string tidy(std::string_view p) {
    std::string out;
    bool blank_pending = false;
    for (std::size_t pos = 0; pos <= p.size();) {
        std::size_t nl = p.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = p.size();
        const std::string_view line = rstrip(p.substr(pos, nl - pos));
        pos = nl + 1;
        if (line.empty()) {
            blank_pending = !out.empty();
            continue;
        }
        if (!out.empty())
            out += blank_pending ? "\n\n" : "\n";
        out += line;
        blank_pending = false;
    }
    return out;
}

} // namespace

std::string join_paragraphs(const std::vector<std::string> &paragraphs) {
    std::string out;
    for (const auto &p : paragraphs) {
        const std::string t = tidy(p);
        if (t.empty())
            continue;
        if (!out.empty())
            out += "\n\n";
        out += t;
    }
    return out;
}

std::string trim_copy(std::string_view s) {
    return std::string(rstrip(lstrip(s)));
}

} // namespace qda::ingest
