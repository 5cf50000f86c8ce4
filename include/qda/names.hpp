#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qda::model {

/// `s` without the spaces and tabs at either end.
inline std::string_view trim_blanks(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

/// Levenshtein distance over code points, for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate within a distance that grows with the length of `wanted`, if any.
std::optional<std::string> did_you_mean(std::string_view wanted,
                                        const std::vector<std::string> &candidates);

} // namespace qda::model
