// ODT (OpenDocument text): content.xml's paragraphs and headings in document order, with
// lists and table cells giving one paragraph each. White space in character data collapses
// as ODF 1.2 section 6.1.2 says; text:s, text:tab and text:line-break give the literal
// spaces, tabs and line breaks. The tracked-changes region holds deleted text and is left
// out (insertions are already in the body), as are annotations. Footnotes, endnotes and
// frames (text boxes) follow the paragraph that anchors them.
#include <algorithm>
#include <string>
#include <vector>

#include "ingest/extracted_text.hpp"
#include "ingest/office_zip.hpp"
#include "ingest/readers.hpp"

namespace qda::ingest {
namespace {

constexpr std::string_view text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr int max_depth = 256;

bool collapsible(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

class Content {
  public:
    Content(std::string t, std::string office) : t_(std::move(t)), office_(std::move(office)) {}

    void block(const pugi::xml_node &n, int depth) {
        if (depth > max_depth)
            return;
        for (const auto &c : n.children()) {
            if (c.type() != pugi::node_element || skipped(c))
                continue;
            if (is(c, t_, "p") || is(c, t_, "h"))
                paragraph(c, depth + 1);
            else
                block(c, depth + 1);
        }
    }

    std::vector<std::string> paragraphs;

  private:
    struct Line {
        std::string text;
        bool after_space = true; // drops white space at the start of the paragraph
    };

    void paragraph(const pugi::xml_node &p, int depth) {
        Line line;
        std::vector<pugi::xml_node> later;
        spans(p, line, later, depth);
        paragraphs.push_back(trim_copy(line.text));
        for (const auto &n : later)
            block(n, depth + 1);
    }

    void spans(const pugi::xml_node &n, Line &line, std::vector<pugi::xml_node> &later, int depth) {
        if (depth > max_depth)
            return;
        for (const auto &c : n.children()) {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                characters(c.value(), line);
                continue;
            }
            if (c.type() != pugi::node_element || skipped(c))
                continue;
            if (is(c, t_, "s")) {
                const int count = c.attribute((t_ + "c").c_str()).as_int(1);
                line.text.append(static_cast<std::size_t>(std::clamp(count, 1, 1000)), ' ');
                line.after_space = true;
            } else if (is(c, t_, "tab")) {
                line.text += '\t';
                line.after_space = true;
            } else if (is(c, t_, "line-break")) {
                line.text += '\n';
                line.after_space = true;
            } else if (is(c, t_, "note")) {
                if (auto body = c.child((t_ + "note-body").c_str()))
                    later.push_back(body);
            } else if (local_name(c) == "frame") {
                later.push_back(c);
            } else {
                spans(c, line, later, depth + 1);
            }
        }
    }

    static void characters(std::string_view s, Line &line) {
        for (char ch : s) {
            if (collapsible(ch)) {
                if (!line.after_space)
                    line.text += ' ';
                line.after_space = true;
            } else {
                line.text += ch;
                line.after_space = false;
            }
        }
    }

    static bool is(const pugi::xml_node &n, const std::string &prefix, std::string_view local) {
        const std::string_view name = n.name();
        return name.size() == prefix.size() + local.size() && name.starts_with(prefix) &&
               name.ends_with(local);
    }

    // Deleted text of tracked changes, comments, the citation mark of a note (its body is
    // read after the paragraph), generated list numbers, and index templates.
    bool skipped(const pugi::xml_node &n) const {
        return is(n, t_, "tracked-changes") || is(n, office_, "annotation") ||
               is(n, office_, "annotation-end") || is(n, t_, "note-citation") ||
               is(n, t_, "number") || is(n, t_, "sequence-decls") || is(n, t_, "variable-decls") ||
               is(n, t_, "user-field-decls") || local_name(n).ends_with("-source");
    }

    std::string t_;
    std::string office_;
};

void meta_properties(const OfficeZip &zip, Extracted &out) {
    pugi::xml_document meta;
    if (!zip.load_xml("meta.xml", meta, false))
        return;
    std::string title, initial_creator, creator, created;
    for (const auto &m : meta.document_element().children()) {
        if (local_name(m) != "meta")
            continue;
        for (const auto &c : m.children()) {
            const std::string_view local = local_name(c);
            const std::string v = trim_copy(c.text().get());
            if (local == "title" && title.empty())
                title = v;
            if (local == "initial-creator" && initial_creator.empty())
                initial_creator = v;
            if (local == "creator" && creator.empty())
                creator = v;
            if (local == "creation-date" && created.empty())
                created = v;
        }
    }
    // meta:initial-creator wrote the document; dc:creator only saved it last.
    const std::string &author = initial_creator.empty() ? creator : initial_creator;
    if (!title.empty())
        out.attributes.emplace_back("title", title);
    if (!author.empty())
        out.attributes.emplace_back("author", author);
    if (!created.empty())
        out.attributes.emplace_back("created", created);
}

} // namespace

Extracted extract_odt(std::string_view bytes, std::string_view where, const ReadOptions &) {
    const OfficeZip zip(bytes, where, "ODT");
    Extracted out;
    if (auto mime = zip.read("mimetype");
        mime && !mime->starts_with("application/vnd.oasis.opendocument.text"))
        out.warnings.push_back("the package says it is " + *mime +
                               ", not an OpenDocument text; only its text paragraphs are read");
    pugi::xml_document doc;
    zip.load_xml("content.xml", doc, true);
    const auto root = doc.document_element();
    const std::string office = xml_prefix(root, office_ns).value_or("office:");
    const std::string t = xml_prefix(root, text_ns).value_or("text:");
    const auto body = root.child((office + "body").c_str());
    if (!body)
        zip.fail("content.xml has no " + office + "body element");

    Content content(t, office);
    content.block(body, 0);
    out.text = join_paragraphs(content.paragraphs);
    meta_properties(zip, out);
    return out;
}

} // namespace qda::ingest
