#include "qda/names.hpp"

#include <algorithm>
#include <cstdint>

namespace qda::model {
namespace {

std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        char32_t cp = n == 1 ? c : c & (0x7f >> n);
        for (int k = 1; k < n && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
        out.push_back(cp);
        i += static_cast<std::size_t>(n);
    }
    return out;
}

char32_t lower(char32_t c) {
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    auto x = code_points(a), y = code_points(b);
    std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            std::size_t sub = prev[j - 1] + (lower(x[i - 1]) == lower(y[j - 1]) ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[y.size()];
}

std::optional<std::string> did_you_mean(std::string_view wanted,
                                        const std::vector<std::string> &candidates) {
    std::size_t limit = std::max<std::size_t>(1, code_points(wanted).size() / 3);
    std::optional<std::string> best;
    std::size_t best_d = limit + 1;
    for (const auto &c : candidates) {
        auto d = edit_distance(wanted, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

} // namespace qda::model
