#pragma once
// Graphviz DOT for networks (`qda network show --format dot`): a directed graph whose node and
// edge texts may hold any UTF-8 (Indonesian names with spaces, accents, quotes).
#include <string>
#include <string_view>
#include <vector>

namespace qda::report {

struct DotNode {
    std::string id, label;
    std::string shape; ///< empty = Graphviz's default (ellipse)
};

struct DotEdge {
    std::string from, to, label; ///< from/to: node ids
};

struct DotGraph {
    std::string name;
    std::vector<DotNode> nodes;
    std::vector<DotEdge> edges;
};

/// A DOT double-quoted string for any text: `"` and `\` escaped, line breaks as \n, so names
/// are never read as DOT syntax or as label escapes.
std::string dot_quote(std::string_view text);

/// The graph as a `digraph` with UTF-8 declared; nodes and edges in the order given.
std::string render_dot(const DotGraph &g);

} // namespace qda::report
