// The autocoding rules file (schemas/autocode-rules.schema.json): a `rules:` list, each rule a
// code and what to find. Every error names FILE:LINE from yaml-cpp's marks; misspelt keys get a
// did-you-mean; regular expressions are compiled here so a bad one is caught before any work.
#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "qda/autocode.hpp"
#include "qda/error.hpp"
#include "qda/names.hpp"
#include "qda/text.hpp"

namespace qda::interop {
namespace {

const std::vector<std::string> kTopKeys = {"rules", "description"};
const std::vector<std::string> kRuleKeys = {
    "code",    "create",      "words",           "phrases", "accents", "regex", "ignore_case",
    "speaker", "participant", "not_interviewer", "source",  "scope",   "note"};
const std::vector<std::string> kSourceKeys = {"kind", "case", "name", "attr"};
const std::vector<std::string> kScopes = {"match", "sentence", "turn", "paragraph"};

/// did_you_mean, plus swapped letters ("wrods", "knid"), the commonest slip in a key.
std::optional<std::string> suggest(const std::string &key, const std::vector<std::string> &known) {
    if (auto s = model::did_you_mean(key, known))
        return s;
    std::string sorted = key;
    std::sort(sorted.begin(), sorted.end());
    for (auto k : known) {
        std::string orig = k;
        std::sort(k.begin(), k.end());
        if (k == sorted)
            return orig;
    }
    return std::nullopt;
}

class Reader {
  public:
    explicit Reader(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void fail(const YAML::Node &n, const std::string &what,
                           const std::string &hint = {}) const {
        throw Error(Exit::data, fmt::format("{}:{}", path_, n.Mark().line + 1), what, hint);
    }

    void check_keys(const YAML::Node &map, const std::vector<std::string> &known,
                    const char *where) const {
        for (const auto &kv : map) {
            auto key = kv.first.as<std::string>();
            if (std::find(known.begin(), known.end(), key) != known.end())
                continue;
            std::string hint = fmt::format("{} keys: {}", where, fmt::join(known, ", "));
            if (auto s = suggest(key, known))
                hint = fmt::format("did you mean \"{}\"?", *s);
            fail(kv.first, fmt::format("unknown key \"{}\" in {}", key, where), hint);
        }
    }

    std::string scalar(const YAML::Node &n, const char *key) const {
        if (!n.IsScalar())
            fail(n, fmt::format("\"{}\" must be a single value", key));
        return n.as<std::string>();
    }

    bool boolean(const YAML::Node &n, const char *key) const {
        bool v = false;
        if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v))
            fail(n, fmt::format("\"{}\" must be true or false", key));
        return v;
    }

    /// A string or a list of strings.
    std::vector<std::string> strings(const YAML::Node &n, const char *key) const {
        std::vector<std::string> v;
        if (n.IsScalar()) {
            v.push_back(n.as<std::string>());
        } else if (n.IsSequence()) {
            for (const auto &x : n)
                v.push_back(scalar(x, key));
        } else {
            fail(n, fmt::format("\"{}\" must be a string or a list of strings", key));
        }
        for (const auto &s : v)
            if (s.find_first_not_of(" \t\n") == std::string::npos)
                fail(n, fmt::format("\"{}\" has an empty entry", key));
        return v;
    }

    void source_filter(const YAML::Node &n, AutocodeRule &r) const {
        if (!n.IsMap())
            fail(n, "\"source\" must be a mapping (kind, case, name, attr)");
        check_keys(n, kSourceKeys, "a source filter");
        if (n["kind"])
            r.kinds = strings(n["kind"], "kind");
        if (n["case"])
            r.cases = strings(n["case"], "case");
        if (n["name"])
            r.sources = strings(n["name"], "name");
        if (auto a = n["attr"]) {
            if (!a.IsMap())
                fail(a, "\"attr\" must be a mapping KEY: VALUE");
            for (const auto &kv : a)
                r.attrs.emplace_back(kv.first.as<std::string>(), scalar(kv.second, "attr"));
        }
    }

    AutocodeRule rule(const YAML::Node &n, std::size_t index) const {
        if (!n.IsMap())
            fail(n, fmt::format("rule {} must be a mapping with a \"code\"", index + 1));
        check_keys(n, kRuleKeys, "a rule");
        AutocodeRule r;
        r.line = n.Mark().line + 1;
        auto code = n["code"];
        if (!code)
            fail(n, fmt::format("rule {} has no \"code\"", index + 1));
        r.code = scalar(code, "code");
        r.code_line = code.Mark().line + 1;
        if (n["create"])
            r.create = boolean(n["create"], "create");
        if (n["words"])
            r.phrases = strings(n["words"], "words");
        if (n["phrases"])
            for (auto &p : strings(n["phrases"], "phrases"))
                r.phrases.push_back(p);
        if (auto a = n["accents"]) {
            auto v = scalar(a, "accents");
            if (v != "fold" && v != "keep")
                fail(a, fmt::format("\"accents\" is \"fold\" or \"keep\", not \"{}\"", v));
            r.fold_accents = v == "fold";
        }
        if (n["ignore_case"])
            r.ignore_case = boolean(n["ignore_case"], "ignore_case");
        if (auto re = n["regex"]) {
            r.regexes = strings(re, "regex");
            r.regex_line = re.Mark().line + 1;
            for (const auto &p : r.regexes) {
                try {
                    text::Regex check(p, r.ignore_case);
                } catch (const Error &e) {
                    fail(re, e.what());
                }
            }
        }
        if (n["speaker"])
            r.speakers = strings(n["speaker"], "speaker");
        if (n["participant"])
            r.participants = strings(n["participant"], "participant");
        if (n["not_interviewer"])
            r.not_interviewer = boolean(n["not_interviewer"], "not_interviewer");
        if (n["source"])
            source_filter(n["source"], r);
        if (auto s = n["scope"]) {
            r.scope = scalar(s, "scope");
            if (std::find(kScopes.begin(), kScopes.end(), r.scope) == kScopes.end()) {
                auto best = suggest(r.scope, kScopes);
                fail(s, fmt::format("unknown scope \"{}\"", r.scope),
                     best ? fmt::format("did you mean \"{}\"?", *best)
                          : "scope is match, sentence, turn or paragraph");
            }
        }
        if (n["note"])
            scalar(n["note"], "note");
        if (r.phrases.empty() && r.regexes.empty() && r.scope == "match")
            fail(n, fmt::format("rule {} ({}) finds nothing", index + 1, r.code),
                 "give words, phrases or regex, or a scope of sentence, turn or paragraph to code "
                 "whole segments");
        return r;
    }

  private:
    std::string path_;
};

} // namespace

AutocodeRules parse_autocode_rules(const std::string &text, const std::string &path) {
    AutocodeRules out{path, text, {}};
    Reader rd(path);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception &e) {
        throw Error(Exit::data, fmt::format("{}:{}:{}", path, e.mark.line + 1, e.mark.column + 1),
                    e.msg);
    }
    if (!root.IsMap())
        throw Error(Exit::data, path, "a rules file is a mapping with a \"rules\" list");
    rd.check_keys(root, kTopKeys, "the rules file");
    auto rules = root["rules"];
    if (!rules || !rules.IsSequence() || rules.size() == 0)
        throw Error(Exit::data, path, "a rules file needs a non-empty \"rules\" list");
    for (std::size_t i = 0; i < rules.size(); ++i)
        out.rules.push_back(rd.rule(rules[i], i));
    return out;
}

} // namespace qda::interop
