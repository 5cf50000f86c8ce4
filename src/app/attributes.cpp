#include <cctype>
#include <charconv>
#include <chrono>
#include <fstream>
#include <iterator>
#include <regex>

#include <fmt/format.h>

#include "app/attr_values.hpp"
#include "app/session.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/text.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

std::string lower(std::string s) {
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::int64_t entity_id(store::Db &db, const std::string &entity, const std::string &name) {
    if (entity == "source")
        return require_source(db, name);
    if (entity == "case")
        return require_case(db, name);
    if (entity == "participant")
        return require_participant(db, name);
    throw Error(Exit::usage, entity, "attributes belong to a source, a case or a participant");
}

} // namespace

std::optional<std::string> check_type(const std::string &value, const std::string &type) {
    if (type == "text")
        return value;
    if (type == "integer") {
        std::int64_t v = 0;
        auto *b = value.data(), *e = value.data() + value.size();
        if (!value.empty() && *b == '+')
            ++b;
        auto r = std::from_chars(b, e, v);
        if (r.ec != std::errc() || r.ptr != e || b == e)
            return std::nullopt;
        return std::to_string(v);
    }
    if (type == "float") {
        std::string s = value;
        std::replace(s.begin(), s.end(), ',', '.');
        double v = 0;
        auto r = std::from_chars(s.data(), s.data() + s.size(), v);
        if (r.ec != std::errc() || r.ptr != s.data() + s.size() || s.empty())
            return std::nullopt;
        return fmt::format("{}", v);
    }
    if (type == "date") {
        static const std::regex iso(R"((\d{4})-(\d{2})-(\d{2}))");
        std::smatch m;
        if (!std::regex_match(value, m, iso))
            return std::nullopt;
        std::chrono::year_month_day ymd{std::chrono::year{std::stoi(m[1])},
                                        std::chrono::month{static_cast<unsigned>(std::stoi(m[2]))},
                                        std::chrono::day{static_cast<unsigned>(std::stoi(m[3]))}};
        if (!ymd.ok())
            return std::nullopt; // 2024-02-31 is not a date
        return value;
    }
    if (type == "boolean") {
        auto v = lower(value);
        if (v == "true" || v == "yes" || v == "ya" || v == "1")
            return "true";
        if (v == "false" || v == "no" || v == "tidak" || v == "0")
            return "false";
        return std::nullopt;
    }
    throw Error(Exit::usage, "--type", fmt::format("unknown attribute type \"{}\"", type),
                "use text, integer, float, date or boolean");
}

std::string infer_type(const std::string &value) {
    if (value.empty())
        return "text";
    // Leading zeros or a plus mark a code or a phone number ("007", "0812...", "+62..."),
    // not a quantity.
    if (value[0] == '+')
        return "text";
    auto digits = value.find_first_not_of("-");
    if (digits != std::string::npos && value.size() > digits + 1 && value[digits] == '0' &&
        std::isdigit(static_cast<unsigned char>(value[digits + 1])))
        return "text";
    if (check_type(value, "integer") &&
        value.find_first_not_of("+-0123456789") == std::string::npos)
        return "integer";
    if (value.find_first_of("0123456789") != std::string::npos &&
        value.find_first_not_of("+-0123456789.eE") == std::string::npos &&
        check_type(value, "float"))
        return "float";
    if (check_type(value, "date"))
        return "date";
    auto v = lower(value);
    if (v == "true" || v == "false" || v == "yes" || v == "no" || v == "ya" || v == "tidak")
        return "boolean";
    return "text";
}

void set_typed_attribute(store::Db &db, const std::string &entity, std::int64_t id,
                         const std::string &key, const std::string &value,
                         const std::string &forced_type, store::ChangeSet &changes,
                         const std::string &where) {
    if (key.empty())
        throw Error(Exit::usage, where, "an attribute needs a name: KEY=VALUE");
    auto declared = store::attribute_type(db, entity, key);
    std::string type =
        declared ? *declared : (forced_type.empty() ? infer_type(value) : forced_type);
    if (declared && !forced_type.empty() && forced_type != *declared)
        throw Error(Exit::data, where,
                    fmt::format("attribute \"{}\" of {}s is already of type {}, not {}", key,
                                entity, *declared, forced_type));
    auto canon = check_type(value, type);
    if (!canon) {
        // A key first seen as integer that later gets "3.5" or "n/a" is a mistake to name, not
        // guess around.
        throw Error(
            Exit::data, where,
            fmt::format("\"{}\" is not a valid {} for attribute \"{}\" of {}s", value, type, key,
                        entity),
            declared
                ? "the attribute's type was fixed by its first value; use `qda attr set --type` "
                  "on a new key, or correct the value"
                : "");
    }
    store::set_attribute(db, entity, id, key, type, *canon, changes);
}

void set_attributes(const Context &ctx, const AttrTarget &t,
                    const std::vector<std::pair<std::string, std::string>> &kv,
                    const std::string &type) {
    if (!type.empty())
        check_type("", type);
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    auto id = entity_id(s.db(), t.entity, t.name);
    std::vector<std::string> keys;
    for (const auto &[k, v] : kv) {
        set_typed_attribute(s.db(), t.entity, id, k, v, type, changes, k);
        keys.push_back(fmt::format("{}={}", k, v));
    }
    s.finish(tx, "attr.set", fmt::format("{} {}: {}", t.entity, t.name, fmt::join(keys, ", ")),
             changes);
}

void unset_attributes(const Context &ctx, const AttrTarget &t,
                      const std::vector<std::string> &keys) {
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    auto id = entity_id(s.db(), t.entity, t.name);
    for (const auto &k : keys)
        if (!store::unset_attribute(s.db(), t.entity, id, k, changes))
            throw Error(Exit::no_input, k,
                        fmt::format("{} {} has no attribute of this name", t.entity, t.name));
    s.finish(tx, "attr.unset", fmt::format("{} {}: {}", t.entity, t.name, fmt::join(keys, ", ")),
             changes);
}

std::vector<AttrValue> list_attributes(const Context &ctx, const AttrTarget &t) {
    Session s(ctx);
    std::int64_t id = t.name.empty() ? -1 : entity_id(s.db(), t.entity, t.name);
    return store::list_attributes(s.db(), t.entity, id);
}

AttrImportResult import_attributes(const Context &ctx, const std::filesystem::path &file,
                                   const std::string &entity, const std::string &key_column,
                                   bool create_missing) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(Exit::no_input, file.string(), "cannot open file for reading");
    std::string bytes{std::istreambuf_iterator<char>(in), {}};
    auto decoded = text::decode(bytes, file.string());
    auto ext = lower(file.extension().string());
    char delim = (ext == ".tsv" || ext == ".tab") ? '\t' : ',';
    auto table = interop::parse(decoded.utf8, delim, file.string());
    if (table.header.empty())
        throw Error(Exit::data, file.string(), "the table has no header row");
    std::size_t key = 0;
    if (!key_column.empty()) {
        auto it = std::find(table.header.begin(), table.header.end(), key_column);
        if (it == table.header.end())
            throw Error(Exit::data, file.string() + ":1",
                        fmt::format("no column named \"{}\"", key_column));
        key = static_cast<std::size_t>(it - table.header.begin());
    }
    // One type per column: the narrowest that fits every non-empty value.
    std::vector<std::string> types(table.header.size(), "");
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        if (c == key)
            continue;
        for (const auto &row : table.rows) {
            if (c >= row.size() || row[c].empty())
                continue;
            auto t = infer_type(row[c]);
            if (types[c].empty())
                types[c] = t;
            else if (types[c] != t)
                types[c] = (types[c] == "integer" && t == "float") ||
                                   (types[c] == "float" && t == "integer")
                               ? "float"
                               : "text";
        }
    }
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    AttrImportResult r;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const auto &row = table.rows[i];
        auto where = fmt::format("{}:{}", file.string(), table.row_lines[i]);
        if (key >= row.size() || row[key].empty())
            throw Error(Exit::data, where,
                        fmt::format("the key column \"{}\" is empty", table.header[key]));
        std::int64_t id = 0;
        if (entity == "case" && create_missing && !store::case_id(s.db(), row[key])) {
            id = store::create_case(s.db(), row[key], "", changes);
            ++r.created;
        } else {
            try {
                id = entity_id(s.db(), entity, row[key]);
            } catch (Error &e) {
                std::string hint = e.hint();
                if (entity == "case")
                    hint += (hint.empty() ? "" : "; or ") +
                            std::string("add --create to create missing cases");
                throw Error(e.code(), where, fmt::format("no {} named \"{}\"", entity, row[key]),
                            hint);
            }
        }
        for (std::size_t c = 0; c < table.header.size() && c < row.size(); ++c) {
            if (c == key || row[c].empty())
                continue;
            // A key that already exists keeps its type; the column's guess only types new keys.
            bool known = store::attribute_type(s.db(), entity, table.header[c]).has_value();
            set_typed_attribute(s.db(), entity, id, table.header[c], row[c], known ? "" : types[c],
                                changes, where);
            ++r.values;
        }
        ++r.rows;
    }
    s.finish(tx, "attr.import",
             fmt::format("{} values for {} {}(s) from {}", r.values, r.rows, entity,
                         file.filename().string()),
             changes);
    return r;
}

} // namespace qda::app
