// The YAML codebook: nested `children`, pattern codes listing `members` by name, every field
// optional but `name`. Errors name FILE:LINE:COLUMN from yaml-cpp's marks.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "qda/codebook_io.hpp"
#include "qda/error.hpp"
#include "qda/names.hpp"

namespace qda::interop {
namespace {

const std::vector<std::string> kTopKeys = {"codes"};
const std::vector<std::string> kCodeKeys = {"name",    "id",          "cycle",     "status",
                                            "colour",  "description", "inclusion", "exclusion",
                                            "example", "members",     "children"};

class Reader {
  public:
    explicit Reader(const std::string &file) : file_(file) {}

    [[noreturn]] void fail(const YAML::Mark &m, const std::string &what,
                           const std::string &hint = {}) const {
        throw Error(Exit::data, fmt::format("{}:{}:{}", file_, m.line + 1, m.column + 1), what,
                    hint);
    }

    /// Keys of a mapping, each checked against `allowed` and for repetition.
    void check_keys(const YAML::Node &map, const std::vector<std::string> &allowed,
                    const char *what) const {
        std::set<std::string> seen;
        for (const auto &kv : map) {
            auto key = kv.first.Scalar();
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                std::string hint =
                    fmt::format("the keys of {} are: {}", what, fmt::join(allowed, ", "));
                if (auto s = model::did_you_mean(key, allowed))
                    hint = fmt::format("did you mean \"{}\"?", *s);
                fail(kv.first.Mark(), fmt::format("unknown key \"{}\" in {}", key, what), hint);
            }
            if (!seen.insert(key).second)
                fail(kv.first.Mark(), fmt::format("key \"{}\" given twice", key));
        }
    }

    /// Where `key` is written: a null value has no useful mark of its own.
    static YAML::Mark key_mark(const YAML::Node &map, const char *key) {
        for (const auto &kv : map)
            if (kv.first.Scalar() == key)
                return kv.first.Mark();
        return map.Mark();
    }

    std::string text(const YAML::Node &n, const char *key) const {
        if (n.IsNull())
            return {};
        if (!n.IsScalar())
            fail(n.Mark(), fmt::format("{} must be text", key));
        auto s = n.Scalar();
        while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
            s.pop_back(); // block scalars end in \n
        return s;
    }

    void code(const YAML::Node &n, int parent, Codebook &cb) {
        if (!n.IsMap())
            fail(n.Mark(), "a code must be a mapping with at least `name:`");
        check_keys(n, kCodeKeys, "a code");
        CodebookEntry e;
        e.parent = parent;
        e.line = n.Mark().line + 1;
        if (!n["name"] || text(n["name"], "name").empty())
            fail(n.Mark(), "a code needs a name");
        e.name = text(n["name"], "name");
        if (auto it = names_.find(e.name); it != names_.end())
            fail(n["name"].Mark(), fmt::format("code \"{}\" is defined twice (first at line {})",
                                               e.name, it->second));
        names_[e.name] = e.line;
        if (n["id"]) {
            e.uid = text(n["id"], "id");
            if (auto it = uids_.find(e.uid); !e.uid.empty() && it != uids_.end())
                fail(n["id"].Mark(),
                     fmt::format("id \"{}\" is used twice (first at line {})", e.uid, it->second));
            uids_[e.uid] = e.line;
        }
        for (auto [key, field] : {std::pair{"description", &e.description},
                                  {"inclusion", &e.inclusion},
                                  {"exclusion", &e.exclusion},
                                  {"example", &e.example}})
            if (n[key])
                *field = text(n[key], key);
        if (n["colour"]) {
            if (n["colour"].IsNull())
                fail(key_mark(n, "colour"), "colour is empty",
                     "a # starts a YAML comment: quote it, colour: \"#e07a5f\"");
            e.colour = normalise_colour(text(n["colour"], "colour"), n["colour"].Mark());
        }
        if (n["status"]) {
            e.status = text(n["status"], "status");
            if (e.status != "active" && e.status != "retired")
                fail(n["status"].Mark(),
                     fmt::format("status \"{}\" is not active or retired", e.status));
        }
        if (n["members"]) {
            const auto &m = n["members"];
            if (!m.IsSequence() && !m.IsNull())
                fail(m.Mark(), "members must be a list of code names");
            for (const auto &x : m) {
                auto name = text(x, "a member");
                if (name == e.name)
                    fail(x.Mark(),
                         fmt::format("pattern code \"{}\" cannot be its own member", name));
                if (std::find(e.members.begin(), e.members.end(), name) != e.members.end())
                    fail(x.Mark(), fmt::format("member \"{}\" is listed twice", name));
                e.members.push_back(name);
                member_marks_.push_back({name, x.Mark()});
            }
        }
        if (n["cycle"]) {
            auto c = text(n["cycle"], "cycle");
            if (c != "1" && c != "2")
                fail(
                    n["cycle"].Mark(),
                    fmt::format("cycle \"{}\" is not 1 (first-cycle code) or 2 (pattern code)", c));
            e.cycle = c == "1" ? 1 : 2;
            if (e.cycle == 1 && !e.members.empty())
                fail(n["cycle"].Mark(), "a first-cycle code has no members",
                     "make it `cycle: 2` (a pattern code)");
        } else if (!e.members.empty()) {
            e.cycle = 2;
        }
        int self = static_cast<int>(cb.codes.size());
        cb.codes.push_back(std::move(e));
        if (const auto &ch = n["children"]) {
            if (!ch.IsSequence() && !ch.IsNull())
                fail(ch.Mark(), "children must be a list of codes");
            for (const auto &c : ch)
                code(c, self, cb);
        }
    }

    std::string normalise_colour(const std::string &c, const YAML::Mark &m) const {
        auto n = interop::normalise_colour(c);
        if (!n)
            fail(m, fmt::format("colour \"{}\" is not #rgb or #rrggbb", c));
        return *n;
    }

    void check_members(const Codebook &cb) const {
        std::vector<std::string> all;
        for (const auto &c : cb.codes)
            all.push_back(c.name);
        for (const auto &[name, mark] : member_marks_)
            if (!names_.count(name)) {
                std::string hint;
                if (auto s = model::did_you_mean(name, all))
                    hint = fmt::format("did you mean \"{}\"?", *s);
                fail(mark, fmt::format("member \"{}\" names no code of this codebook", name), hint);
            }
    }

  private:
    const std::string &file_;
    std::map<std::string, int> names_, uids_;
    std::vector<std::pair<std::string, YAML::Mark>> member_marks_;
};

void emit_text(YAML::Emitter &out, const char *key, const std::string &v) {
    if (v.empty())
        return;
    out << YAML::Key << key << YAML::Value;
    if (v.find('\n') != std::string::npos)
        out << YAML::Literal;
    out << v;
}

void emit_code(YAML::Emitter &out, const Codebook &cb, int i) {
    const auto &c = cb.codes[static_cast<std::size_t>(i)];
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << c.name;
    out << YAML::Key << "id" << YAML::Value << c.uid;
    if (c.cycle != 1)
        out << YAML::Key << "cycle" << YAML::Value << c.cycle;
    if (c.status != "active")
        out << YAML::Key << "status" << YAML::Value << c.status;
    if (!c.colour.empty())
        out << YAML::Key << "colour" << YAML::Value << YAML::DoubleQuoted << c.colour;
    emit_text(out, "description", c.description);
    emit_text(out, "inclusion", c.inclusion);
    emit_text(out, "exclusion", c.exclusion);
    emit_text(out, "example", c.example);
    if (!c.members.empty()) {
        out << YAML::Key << "members" << YAML::Value << YAML::BeginSeq;
        for (const auto &m : c.members)
            out << m;
        out << YAML::EndSeq;
    }
    bool any = false;
    for (int j = 0; j < static_cast<int>(cb.codes.size()); ++j) {
        if (cb.codes[static_cast<std::size_t>(j)].parent != i)
            continue;
        if (!any)
            out << YAML::Key << "children" << YAML::Value << YAML::BeginSeq;
        any = true;
        emit_code(out, cb, j);
    }
    if (any)
        out << YAML::EndSeq;
    out << YAML::EndMap;
}

} // namespace

Codebook parse_codebook_yaml(std::string_view text, const std::string &file) {
    Reader r(file);
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::ParserException &e) {
        r.fail(e.mark, e.msg);
    }
    if (!root.IsMap())
        r.fail(root.Mark(), "a codebook is a mapping with a `codes:` list");
    r.check_keys(root, kTopKeys, "the codebook");
    Codebook cb;
    const auto &codes = root["codes"];
    if (!codes || !(codes.IsSequence() || codes.IsNull()))
        r.fail(root.Mark(), "`codes:` must be a list of codes");
    for (const auto &c : codes)
        r.code(c, -1, cb);
    r.check_members(cb);
    return cb;
}

std::string codebook_yaml(const Codebook &cb) {
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::Comment(
        "qda codebook: edit, then `qda codebook import` applies the difference (ids keep renames)");
    out << YAML::BeginMap << YAML::Key << "codes" << YAML::Value << YAML::BeginSeq;
    for (int i = 0; i < static_cast<int>(cb.codes.size()); ++i)
        if (cb.codes[static_cast<std::size_t>(i)].parent == -1)
            emit_code(out, cb, i);
    out << YAML::EndSeq << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

std::optional<std::string> normalise_colour(std::string_view c) {
    bool hex = (c.size() == 4 || c.size() == 7) && c[0] == '#';
    for (std::size_t i = 1; hex && i < c.size(); ++i)
        hex = std::isxdigit(static_cast<unsigned char>(c[i])) != 0;
    if (!hex)
        return std::nullopt;
    std::string out = "#";
    for (std::size_t i = 1; i < c.size(); ++i) {
        char ch = static_cast<char>(std::tolower(static_cast<unsigned char>(c[i])));
        out += c.size() == 4 ? std::string(2, ch) : std::string(1, ch);
    }
    return out;
}

std::string code_path(const Codebook &cb, int i) {
    std::string p;
    for (int guard = 0; i >= 0 && guard < 1000; ++guard) {
        const auto &c = cb.codes[static_cast<std::size_t>(i)];
        p = p.empty() ? c.name : c.name + "/" + p;
        i = c.parent;
    }
    return p;
}

} // namespace qda::interop
