#pragma once
// ZIP + XML access shared by the DOCX and ODT readers (both are ZIP packages of XML parts).
#include <optional>
#include <string>
#include <string_view>

#include <pugixml.hpp>

struct zip;

namespace qda::ingest {

struct ZipApi;

/// A ZIP package read from memory, so that DOCX and ODT report damage the same way.
class OfficeZip {
  public:
    /// `kind` ("DOCX", "ODT") names the format in messages. Throws Error(Exit::data, where)
    /// when the bytes are not a readable ZIP archive.
    OfficeZip(std::string_view bytes, std::string_view where, std::string_view kind);
    ~OfficeZip();
    OfficeZip(const OfficeZip &) = delete;
    OfficeZip &operator=(const OfficeZip &) = delete;

    /// The member's bytes, or nullopt when absent; throws Error(Exit::data) when it is damaged.
    std::optional<std::string> read(const std::string &member) const;

    /// Parse a member as XML; throws Error(Exit::data) when it is absent and `required`, or
    /// not well-formed. Returns false when it is absent and not required.
    bool load_xml(const std::string &member, pugi::xml_document &doc, bool required) const;

    /// "not a readable DOCX: " + what, so every message names the format the same way.
    [[noreturn]] void fail(const std::string &what) const;

  private:
    const ZipApi *zip_ = nullptr;
    zip *archive_ = nullptr;
    std::string where_;
    std::string kind_;
};

/// The prefix with its colon ("w:", or "" for a default namespace) that the root element binds
/// to namespace `uri`: producers may choose any prefix. nullopt when it is not declared there.
std::optional<std::string> xml_prefix(const pugi::xml_node &root, std::string_view uri);

/// The local part of an element name ("w:p" -> "p").
std::string_view local_name(const pugi::xml_node &node);

} // namespace qda::ingest
