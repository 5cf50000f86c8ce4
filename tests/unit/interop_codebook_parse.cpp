#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "qda/codebook_io.hpp"
#include "qda/error.hpp"

using qda::interop::Codebook;
using qda::interop::parse_codebook_yaml;

namespace {

qda::Error yaml_error(const std::string &text) {
    try {
        parse_codebook_yaml(text, "cb.yaml");
    } catch (const qda::Error &e) {
        return e;
    }
    FAIL("no error for:\n" << text);
    return qda::Error(qda::Exit::ok, "", "");
}

const char *kBook = R"(codes:
  - name: kendala
    colour: "#ABC"
    children:
      - name: kendala-waktu
        id: c0001
        description: Tidak ada waktu
        inclusion: |
          Jam usaha.
          Jadwal bentrok.
      - name: kendala-biaya
  - name: T4
    members: [kendala-waktu, kendala-biaya]
)";

} // namespace

TEST_CASE("codebook yaml: nesting, fields, pattern codes") {
    auto cb = parse_codebook_yaml(kBook, "cb.yaml");
    REQUIRE(cb.codes.size() == 4);
    CHECK(cb.codes[0].name == "kendala");
    CHECK(cb.codes[0].colour == "#aabbcc");
    CHECK(cb.codes[0].parent == -1);
    CHECK(cb.codes[1].parent == 0);
    CHECK(cb.codes[1].uid == "c0001");
    CHECK(cb.codes[1].inclusion == "Jam usaha.\nJadwal bentrok.");
    CHECK(cb.codes[1].line == 5);
    CHECK(cb.codes[2].parent == 0);
    CHECK(cb.codes[3].cycle == 2);
    CHECK(cb.codes[3].members == std::vector<std::string>{"kendala-waktu", "kendala-biaya"});
    CHECK(qda::interop::code_path(cb, 1) == "kendala/kendala-waktu");
}

TEST_CASE("codebook yaml: errors name the line and suggest the key") {
    auto e = yaml_error("codes:\n  - name: a\n    descripton: x\n");
    CHECK(e.code() == qda::Exit::data);
    CHECK(e.where() == "cb.yaml:3:5");
    CHECK(e.hint().find("description") != std::string::npos);

    e = yaml_error("codes:\n  - name: a\n  - name: b\n    children:\n      - name: a\n");
    CHECK(e.where() == "cb.yaml:5:15");
    CHECK(std::string(e.what()).find("line 2") != std::string::npos);

    e = yaml_error("codes:\n  - name: T\n    members: [kendala-wakto]\n  - name: kendala-waktu\n");
    CHECK(e.where().rfind("cb.yaml:3:", 0) == 0);
    CHECK(e.hint().find("kendala-waktu") != std::string::npos);

    CHECK(yaml_error("codes:\n  - name: a\n    cycle: 3\n").where() == "cb.yaml:3:12");
    CHECK(yaml_error("codes:\n  - name: a\n    cycle: 1\n    members: [b]\n  - name: b\n").code() ==
          qda::Exit::data);
    CHECK(yaml_error("codes:\n  - name: a\n    colour: red\n").where() == "cb.yaml:3:13");
    auto c = yaml_error("codes:\n  - name: a\n    colour: #ff0000\n");
    CHECK(c.hint().find("quote") != std::string::npos);
    CHECK(yaml_error("codes:\n  - name: a\n    id: x\n  - name: b\n    id: x\n").where() ==
          "cb.yaml:5:9");
    CHECK(yaml_error("codes:\n  - name: a\n    members: [a]\n").code() == qda::Exit::data);
    CHECK(yaml_error("codes:\n  - name: a\n    status: merged\n").code() == qda::Exit::data);
    CHECK(yaml_error("code:\n  - name: a\n").hint().find("codes") != std::string::npos);
    CHECK(yaml_error("codes:\n  - description: no name\n").where() == "cb.yaml:2:5");
    CHECK(yaml_error("codes: [\n").where().rfind("cb.yaml:", 0) == 0);
}

TEST_CASE("codebook yaml: export reads back to the same bytes") {
    auto cb = parse_codebook_yaml(kBook, "cb.yaml");
    cb.codes[0].uid = "c1";
    cb.codes[2].uid = "c2";
    cb.codes[3].uid = "c3";
    cb.codes[2].example = "\"kutipan\" dengan: titik dua\n# bukan komentar";
    cb.codes[3].status = "retired";
    auto once = qda::interop::codebook_yaml(cb);
    auto again = parse_codebook_yaml(once, "export.yaml");
    REQUIRE(again.codes.size() == cb.codes.size());
    CHECK(again.codes[2].example == cb.codes[2].example);
    CHECK(again.codes[3].status == "retired");
    CHECK(qda::interop::codebook_yaml(again) == once);
}

TEST_CASE("codebook yaml: the example study's codebook parses") {
    std::ifstream in(std::string(QDA_SOURCE_DIR) + "/examples/umkm-medan/codebook.yaml");
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    auto cb = parse_codebook_yaml(ss.str(), "codebook.yaml");
    int patterns = 0;
    for (const auto &c : cb.codes) {
        patterns += c.cycle == 2;
        CHECK_MESSAGE(!c.description.empty(), c.name);
    }
    CHECK(patterns == 6);
    CHECK(cb.codes.size() > 25);
}

TEST_CASE("codebook exports: json, markdown, csv") {
    auto cb = parse_codebook_yaml(kBook, "cb.yaml");
    auto json = qda::interop::codebook_json(cb);
    CHECK(json.find("\"schema\": \"qda.codebook/1\"") != std::string::npos);
    CHECK(json.find("\"path\": \"kendala/kendala-biaya\"") != std::string::npos);
    auto md = qda::interop::codebook_markdown(cb);
    CHECK(md.find("## kendala\n") != std::string::npos);
    CHECK(md.find("### kendala-waktu\n") != std::string::npos);
    CHECK(md.find("**Members.** kendala-waktu, kendala-biaya") != std::string::npos);
    auto csv = qda::interop::codebook_csv(cb);
    CHECK(csv.rfind("path,uid,name,parent,cycle,", 0) == 0);
    CHECK(csv.find("\"Jam usaha.\nJadwal bentrok.\"") != std::string::npos);
}
