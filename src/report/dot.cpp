#include "qda/dot.hpp"

namespace qda::report {

std::string dot_quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            break;
        default:
            out += c;
        }
    }
    return out + "\"";
}

std::string render_dot(const DotGraph &g) {
    std::string out = "digraph " + dot_quote(g.name) + " {\n";
    out += "    charset=\"UTF-8\";\n    rankdir=LR;\n";
    out += "    node [fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n";
    for (const auto &n : g.nodes) {
        out += "    " + dot_quote(n.id) + " [label=" + dot_quote(n.label);
        if (!n.shape.empty())
            out += ", shape=" + dot_quote(n.shape);
        out += "];\n";
    }
    for (const auto &e : g.edges) {
        out += "    " + dot_quote(e.from) + " -> " + dot_quote(e.to);
        if (!e.label.empty())
            out += " [label=" + dot_quote(e.label) + "]";
        out += ";\n";
    }
    return out + "}\n";
}

} // namespace qda::report
