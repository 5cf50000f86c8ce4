#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qda::model {

/// Levenshtein distance over code points, for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate within a distance that grows with the length of `wanted`, if any.
std::optional<std::string> did_you_mean(std::string_view wanted,
                                        const std::vector<std::string> &candidates);

} // namespace qda::model
