#include <doctest/doctest.h>

#include "qda/dot.hpp"

using qda::report::dot_quote;
using qda::report::DotGraph;
using qda::report::render_dot;

TEST_CASE("DOT strings escape quotes, backslashes and line breaks, and keep UTF-8") {
    CHECK(dot_quote("kendala waktu") == "\"kendala waktu\"");
    CHECK(dot_quote("say \"AI\"") == "\"say \\\"AI\\\"\"");
    CHECK(dot_quote("a\\b") == "\"a\\\\b\"");
    CHECK(dot_quote("a\\") == "\"a\\\\\""); // a trailing backslash cannot eat the closing quote
    CHECK(dot_quote("baris\r\ndua") == "\"baris\\ndua\"");
    CHECK(dot_quote("kopi Ñusantara — é") == "\"kopi Ñusantara — é\"");
    CHECK(dot_quote("") == "\"\"");
}

TEST_CASE("a digraph lists its nodes, then its edges, in the order given") {
    DotGraph g{"qda network",
               {{"c1", "kendala waktu", ""}, {"c2", "tema \"AI\"", "box"}},
               {{"c1", "c2", "leads-to (2)"}}};
    CHECK(render_dot(g) == "digraph \"qda network\" {\n"
                           "    charset=\"UTF-8\";\n"
                           "    rankdir=LR;\n"
                           "    node [fontname=\"Helvetica\"];\n"
                           "    edge [fontname=\"Helvetica\", fontsize=10];\n"
                           "    \"c1\" [label=\"kendala waktu\"];\n"
                           "    \"c2\" [label=\"tema \\\"AI\\\"\", shape=\"box\"];\n"
                           "    \"c1\" -> \"c2\" [label=\"leads-to (2)\"];\n"
                           "}\n");
}
