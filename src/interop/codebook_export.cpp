// Codebook exports for other programs (JSON, CSV) and for people (Markdown).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "qda/codebook_io.hpp"
#include "qda/csv.hpp"

namespace qda::interop {
namespace {

int depth(const Codebook &cb, int i) {
    int d = 0;
    for (i = cb.codes[static_cast<std::size_t>(i)].parent; i >= 0 && d < 1000;
         i = cb.codes[static_cast<std::size_t>(i)].parent)
        ++d;
    return d;
}

std::string parent_name(const Codebook &cb, const CodebookEntry &c) {
    return c.parent < 0 ? std::string() : cb.codes[static_cast<std::size_t>(c.parent)].name;
}

/// Markdown in document order: each code, then its children, depth-first.
void md_code(const Codebook &cb, int i, std::string &out) {
    const auto &c = cb.codes[static_cast<std::size_t>(i)];
    out += fmt::format("{} {}\n\n",
                       std::string(static_cast<std::size_t>(std::min(2 + depth(cb, i), 6)), '#'),
                       c.name);
    std::vector<std::string> tags;
    if (c.cycle == 2)
        tags.push_back("pattern code (cycle 2)");
    if (c.status != "active")
        tags.push_back(c.status);
    if (!c.colour.empty())
        tags.push_back("colour " + c.colour);
    if (c.parent >= 0)
        tags.push_back("under " + parent_name(cb, c));
    if (!tags.empty())
        out += fmt::format("*{}*\n\n", fmt::join(tags, " · "));
    auto para = [&](const char *label, const std::string &v) {
        if (!v.empty())
            out += fmt::format("**{}.** {}\n\n", label, v);
    };
    para("Definition", c.description);
    para("Use when", c.inclusion);
    para("Do not use when", c.exclusion);
    if (!c.example.empty()) {
        out += "**Example.**\n\n";
        std::size_t at = 0;
        while (at <= c.example.size()) {
            auto nl = c.example.find('\n', at);
            auto line = c.example.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
            out += line.empty() ? ">\n" : "> " + line + "\n";
            if (nl == std::string::npos)
                break;
            at = nl + 1;
        }
        out += "\n";
    }
    if (!c.members.empty())
        out += fmt::format("**Members.** {}\n\n", fmt::join(c.members, ", "));
    for (int j = 0; j < static_cast<int>(cb.codes.size()); ++j)
        if (cb.codes[static_cast<std::size_t>(j)].parent == i)
            md_code(cb, j, out);
}

} // namespace

std::string codebook_json(const Codebook &cb) {
    auto codes = nlohmann::json::array();
    for (int i = 0; i < static_cast<int>(cb.codes.size()); ++i) {
        const auto &c = cb.codes[static_cast<std::size_t>(i)];
        codes.push_back(
            {{"uid", c.uid},
             {"name", c.name},
             {"path", code_path(cb, i)},
             {"parent", c.parent < 0 ? nlohmann::json() : nlohmann::json(parent_name(cb, c))},
             {"cycle", c.cycle},
             {"status", c.status},
             {"colour", c.colour},
             {"description", c.description},
             {"inclusion", c.inclusion},
             {"exclusion", c.exclusion},
             {"example", c.example},
             {"members", c.members}});
    }
    nlohmann::json doc = {{"schema", "qda.codebook/1"}, {"codes", codes}};
    return doc.dump(2) + "\n";
}

std::string codebook_markdown(const Codebook &cb) {
    std::string out = "# Codebook\n\n";
    for (int i = 0; i < static_cast<int>(cb.codes.size()); ++i)
        if (cb.codes[static_cast<std::size_t>(i)].parent == -1)
            md_code(cb, i, out);
    return out;
}

std::string codebook_csv(const Codebook &cb) {
    std::string out = "path,uid,name,parent,cycle,status,colour,description,inclusion,exclusion,"
                      "example,members\n";
    for (int i = 0; i < static_cast<int>(cb.codes.size()); ++i) {
        const auto &c = cb.codes[static_cast<std::size_t>(i)];
        std::vector<std::string> f = {code_path(cb, i),
                                      c.uid,
                                      c.name,
                                      parent_name(cb, c),
                                      std::to_string(c.cycle),
                                      c.status,
                                      c.colour,
                                      c.description,
                                      c.inclusion,
                                      c.exclusion,
                                      c.example,
                                      fmt::format("{}", fmt::join(c.members, "; "))};
        for (std::size_t k = 0; k < f.size(); ++k)
            out += (k ? "," : "") + csv_field(f[k], ',');
        out += "\n";
    }
    return out;
}

} // namespace qda::interop
