#include "ingest/office_zip.hpp"

#include <memory>

#include "ingest/zip_api.hpp"
#include "qda/error.hpp"

namespace qda::ingest {
namespace {

// A part larger than this is not a document anyone typed; refusing it stops ZIP bombs.
constexpr zip_uint64_t max_member = 512ull << 20;

std::string zip_message(const ZipApi &z, zip_error_t *err) {
    std::string m = z.error_strerror(err);
    z.error_fini(err);
    return m;
}

} // namespace

OfficeZip::OfficeZip(std::string_view bytes, std::string_view where, std::string_view kind)
    : where_(where), kind_(kind) {
    if (bytes.substr(0, 2) != "PK")
        fail("not a ZIP archive (a " + kind_ + " file is a ZIP package of XML parts)");
    const ZipApi &z = zip_api(where);
    zip_ = &z;
    zip_error_t err;
    z.error_init(&err);
    zip_source_t *src = z.source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (src == nullptr)
        fail("cannot read the ZIP archive (libzip: " + zip_message(z, &err) + ")");
    archive_ = z.open_from_source(src, ZIP_RDONLY, &err);
    if (archive_ == nullptr) {
        z.source_free(src);
        fail("the ZIP archive is truncated or damaged (libzip: " + zip_message(z, &err) + ")");
    }
    z.error_fini(&err);
}

OfficeZip::~OfficeZip() {
    if (archive_ != nullptr)
        zip_->discard(archive_);
}

void OfficeZip::fail(const std::string &what) const {
    throw Error(Exit::data, where_, "not a readable " + kind_ + ": " + what);
}

std::optional<std::string> OfficeZip::read(const std::string &member) const {
    const ZipApi &z = *zip_;
    zip_stat_t st;
    z.stat_init(&st);
    if (z.stat(archive_, member.c_str(), 0, &st) != 0)
        return std::nullopt;
    if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > max_member)
        fail(member + " is larger than " + std::to_string(max_member >> 20) + " MB");
    std::unique_ptr<zip_file_t, int (*)(zip_file_t *)> f(z.fopen(archive_, member.c_str(), 0),
                                                         z.fclose);
    if (!f)
        fail(member + " cannot be opened (libzip: " + z.strerror(archive_) + ")");
    std::string out;
    char buf[65536];
    for (;;) {
        const zip_int64_t n = z.fread(f.get(), buf, sizeof buf);
        if (n < 0)
            fail(member + " is damaged (libzip: " + z.file_strerror(f.get()) + ")");
        if (n == 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > max_member)
            fail(member + " is larger than " + std::to_string(max_member >> 20) + " MB");
    }
    return out;
}

bool OfficeZip::load_xml(const std::string &member, pugi::xml_document &doc, bool required) const {
    auto data = read(member);
    if (!data) {
        if (required)
            fail("the ZIP archive has no " + member + " (every " + kind_ + " package has one)");
        return false;
    }
    // parse_ws_pcdata keeps text nodes that are only white space: `<w:t> </w:t>` is a space.
    const auto r =
        doc.load_buffer(data->data(), data->size(), pugi::parse_default | pugi::parse_ws_pcdata);
    if (!r)
        fail(member + " is not well-formed XML (" + r.description() + " at byte " +
             std::to_string(r.offset) + ")");
    return true;
}

std::optional<std::string> xml_prefix(const pugi::xml_node &root, std::string_view uri) {
    for (const auto &a : root.attributes()) {
        const std::string_view name = a.name();
        if (std::string_view(a.value()) != uri)
            continue;
        if (name == "xmlns")
            return std::string{};
        if (name.substr(0, 6) == "xmlns:")
            return std::string(name.substr(6)) + ":";
    }
    return std::nullopt;
}

std::string_view local_name(const pugi::xml_node &node) {
    const std::string_view n = node.name();
    const auto colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

} // namespace qda::ingest
