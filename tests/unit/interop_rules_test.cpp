// The autocoding rules file: what a valid file yields, and every error naming its line.
#include <doctest/doctest.h>

#include "qda/autocode.hpp"
#include "qda/error.hpp"

using namespace qda;

namespace {

/// The error for `yaml`: "where | what | hint".
std::string error_of(const std::string &yaml) {
    try {
        interop::parse_autocode_rules(yaml, "r.yaml");
    } catch (const Error &e) {
        CHECK(e.code() == Exit::data);
        return e.where() + " | " + e.what() + " | " + e.hint();
    }
    return "no error";
}

} // namespace

TEST_CASE("a full rule") {
    auto rs = interop::parse_autocode_rules(R"(description: contoh
rules:
  - code: ai-tanpa-sadar
    words: [fitur otomatis, Fitur Pintar]
    phrases: auto-reply
    accents: fold
    not_interviewer: true
    scope: sentence
  - code: baru
    create: true
    regex: ['\bAI itu\b', 'robot']
    ignore_case: true
    speaker: K
    participant: [Kiki]
    source: {kind: interview, case: [toko-a, toko-b], name: w1, attr: {sektor: kuliner}}
)",
                                            "r.yaml");
    REQUIRE(rs.rules.size() == 2);
    const auto &a = rs.rules[0];
    CHECK(a.line == 3);
    CHECK(a.code_line == 3);
    CHECK(a.phrases == std::vector<std::string>{"fitur otomatis", "Fitur Pintar", "auto-reply"});
    CHECK(a.fold_accents);
    CHECK(a.not_interviewer);
    CHECK(a.scope == "sentence");
    const auto &b = rs.rules[1];
    CHECK(b.line == 9);
    CHECK(b.create);
    CHECK(b.regexes.size() == 2);
    CHECK(b.ignore_case);
    CHECK(b.speakers == std::vector<std::string>{"K"});
    CHECK(b.participants == std::vector<std::string>{"Kiki"});
    CHECK(b.kinds == std::vector<std::string>{"interview"});
    CHECK(b.cases.size() == 2);
    CHECK(b.sources == std::vector<std::string>{"w1"});
    REQUIRE(b.attrs.size() == 1);
    CHECK(b.attrs[0].first == "sektor");
    CHECK(b.scope == "match");
    CHECK(rs.text.find("contoh") != std::string::npos);
}

TEST_CASE("every error names its line") {
    CHECK(error_of("rules:\n  - code: a\n    wrods: [x]\n") ==
          "r.yaml:3 | unknown key \"wrods\" in a rule | did you mean \"words\"?");
    CHECK(error_of("ruels:\n  - code: a\n").find("r.yaml:1 | unknown key \"ruels\"") == 0);
    CHECK(error_of("rules:\n  - code: a\n    words: x\n    regex: '(unclosed'\n")
              .find("r.yaml:4 | bad regular expression") == 0);
    CHECK(error_of("rules:\n  - code: a\n    words: x\n    scope: sentense\n") ==
          "r.yaml:4 | unknown scope \"sentense\" | did you mean \"sentence\"?");
    CHECK(error_of("rules:\n  - words: [x]\n").find("r.yaml:2 | rule 1 has no \"code\"") == 0);
    CHECK(error_of("rules:\n  - code: a\n").find("r.yaml:2 | rule 1 (a) finds nothing") == 0);
    CHECK(error_of("rules:\n  - code: a\n    words: x\n    not_interviewer: perhaps\n")
              .find("r.yaml:4 | \"not_interviewer\" must be true or false") == 0);
    CHECK(
        error_of("rules:\n  - code: a\n    words: {x: 1}\n").find("r.yaml:3 | \"words\" must be") ==
        0);
    CHECK(error_of("rules:\n  - code: a\n    words: x\n    accents: strip\n")
              .find("r.yaml:4 | \"accents\" is") == 0);
    CHECK(
        error_of("rules:\n  - code: a\n    words: x\n    source: {knid: interview}\n")
            .find("r.yaml:4 | unknown key \"knid\" in a source filter | did you mean \"kind\"?") ==
        0);
    CHECK(error_of("rules:\n  - code: a\n    words: ['']\n")
              .find("r.yaml:3 | \"words\" has an empty entry") == 0);
    CHECK(error_of("rules: [\n").find("r.yaml:") == 0);
    CHECK(error_of("rules: []\n") == "r.yaml | a rules file needs a non-empty \"rules\" list | ");
    CHECK(error_of("- code: a\n") == "r.yaml | a rules file is a mapping with a \"rules\" list | ");
}

TEST_CASE("a segment rule needs no words") {
    auto rs = interop::parse_autocode_rules(
        "rules:\n  - code: a\n    speaker: K\n    scope: turn\n", "r.yaml");
    REQUIRE(rs.rules.size() == 1);
    CHECK(rs.rules[0].phrases.empty());
}
