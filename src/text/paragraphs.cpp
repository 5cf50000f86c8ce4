// Paragraphs: runs of non-blank lines, the unit people see as a block of text.
#include "qda/text.hpp"

namespace qda::text {

namespace {
bool blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}
} // namespace

// Spans start at the first and end after the last non-blank character of the block.
std::vector<Range> paragraphs(std::string_view utf8) {
    std::vector<Range> out;
    std::size_t begin = std::string_view::npos; // start of the open paragraph
    std::size_t last = 0;                       // end of its last non-blank character
    std::size_t pos = 0;
    while (pos <= utf8.size()) {
        std::size_t eol = utf8.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = utf8.size();
        std::size_t s = pos;
        while (s < eol && blank(utf8[s]))
            ++s;
        if (s == eol) {
            if (begin != std::string_view::npos)
                out.push_back({begin, last});
            begin = std::string_view::npos;
        } else {
            std::size_t e = eol;
            while (e > s && blank(utf8[e - 1]))
                --e;
            if (begin == std::string_view::npos)
                begin = s;
            last = e;
        }
        pos = eol + 1;
    }
    if (begin != std::string_view::npos)
        out.push_back({begin, last});
    return out;
}

} // namespace qda::text
