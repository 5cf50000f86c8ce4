// DOCX (Office Open XML): the main document part's paragraphs in body order. Runs give
// text, tabs and breaks; table cells give one paragraph per cell paragraph; text boxes
// follow the paragraph that anchors them; deleted and moved-away revisions are left out
// and insertions kept, so the text is what Word shows with changes accepted. Field codes
// are dropped and field results kept. Footnotes, comments, headers and footers live in
// other parts and are not read.
#include <string>
#include <vector>

#include "ingest/extracted_text.hpp"
#include "ingest/office_zip.hpp"
#include "ingest/readers.hpp"

namespace qda::ingest {
namespace {

constexpr std::string_view wml = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view wml_strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr int max_depth = 256; // deeper nesting is not a document; stop rather than overflow

class Body {
  public:
    explicit Body(std::string w) : w_(std::move(w)) {}

    void block(const pugi::xml_node &n, int depth) {
        if (depth > max_depth)
            return;
        for (const auto &c : n.children()) {
            if (c.type() != pugi::node_element || skipped(c))
                continue;
            if (is(c, "p"))
                paragraph(c, depth + 1);
            else
                block(c, depth + 1);
        }
    }

    std::vector<std::string> paragraphs;

  private:
    void paragraph(const pugi::xml_node &p, int depth) {
        std::string text;
        std::vector<pugi::xml_node> boxes;
        runs(p, text, boxes, depth);
        paragraphs.push_back(trim_copy(text));
        for (const auto &b : boxes)
            block(b, depth + 1);
    }

    void runs(const pugi::xml_node &n, std::string &out, std::vector<pugi::xml_node> &boxes,
              int depth) {
        if (depth > max_depth)
            return;
        for (const auto &c : n.children()) {
            if (c.type() != pugi::node_element || skipped(c))
                continue;
            if (is(c, "t"))
                out += c.text().get();
            else if (is(c, "tab") || is(c, "ptab"))
                out += '\t';
            else if (is(c, "br") || is(c, "cr"))
                out += '\n';
            else if (is(c, "noBreakHyphen"))
                out += '-';
            else if (is(c, "txbxContent"))
                boxes.push_back(c);
            else
                runs(c, out, boxes, depth + 1);
        }
    }

    bool is(const pugi::xml_node &n, std::string_view local) const {
        const std::string_view name = n.name();
        return name.size() == w_.size() + local.size() && name.starts_with(w_) &&
               name.ends_with(local);
    }

    // Revisions that are not in the accepted text, properties, field codes, and the
    // compatibility copy (mc:Fallback) of content already read from mc:Choice.
    bool skipped(const pugi::xml_node &n) const {
        const std::string_view local = local_name(n);
        if (local == "Fallback")
            return true;
        if (!std::string_view(n.name()).starts_with(w_))
            return false;
        return local == "del" || local == "delText" || local == "moveFrom" ||
               local == "instrText" || local == "delInstrText" || local.ends_with("Pr") ||
               local.ends_with("PrEx") || local.ends_with("PrChange");
    }

    std::string w_;
};

// The main part named by the package relationships; Word always uses word/document.xml.
std::string main_part(const OfficeZip &zip) {
    pugi::xml_document rels;
    if (!zip.load_xml("_rels/.rels", rels, false))
        return "word/document.xml";
    for (const auto &r : rels.document_element().children()) {
        const std::string_view type = r.attribute("Type").value();
        std::string_view target = r.attribute("Target").value();
        if (!type.ends_with("/officeDocument") || target.empty())
            continue;
        if (target.front() == '/')
            target.remove_prefix(1);
        return std::string(target);
    }
    return "word/document.xml";
}

void core_properties(const OfficeZip &zip, Extracted &out) {
    pugi::xml_document core;
    if (!zip.load_xml("docProps/core.xml", core, false))
        return;
    const std::pair<std::string_view, const char *> wanted[] = {
        {"title", "title"}, {"creator", "author"}, {"created", "created"}};
    for (const auto &[local, attr] : wanted) {
        for (const auto &c : core.document_element().children()) {
            if (local_name(c) != local)
                continue;
            const std::string v = trim_copy(c.text().get());
            if (!v.empty())
                out.attributes.emplace_back(attr, v);
            break;
        }
    }
}

} // namespace

Extracted extract_docx(std::string_view bytes, std::string_view where, const ReadOptions &) {
    const OfficeZip zip(bytes, where, "DOCX");
    pugi::xml_document doc;
    const std::string part = main_part(zip);
    zip.load_xml(part, doc, true);
    const auto root = doc.document_element();
    const std::string w =
        xml_prefix(root, wml).value_or(xml_prefix(root, wml_strict).value_or("w:"));
    const auto body = root.child((w + "body").c_str());
    if (!body)
        zip.fail(part + " has no " + w + "body element");

    Body walker(w);
    walker.block(body, 0);
    Extracted out;
    out.text = join_paragraphs(walker.paragraphs);
    core_properties(zip, out);
    return out;
}

} // namespace qda::ingest
