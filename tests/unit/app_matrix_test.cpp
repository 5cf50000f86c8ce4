#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "qda/codebook.hpp"
#include "qda/coding.hpp"
#include "qda/error.hpp"
#include "qda/matrix.hpp"

namespace fs = std::filesystem;
using qda::app::MatrixRequest;
using qda::app::MatrixResult;

namespace {

/// Two interviews in two cases, a third case without codings, a codebook with a parent, a theme
/// whose member is in another branch, and seven codings placed by hand.
qda::app::Context project() {
    static qda::app::Context ctx;
    if (!ctx.project.empty())
        return ctx;
    auto dir = fs::temp_directory_path() / ("qda-app-matrix-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    ctx.coder = "tester";
    ctx.why = "test";
    ctx.project = qda::app::init(ctx, dir / "project.qda", "tester").path.string();
    const std::string a = "P: satu dua tiga empat lima.\nAni: enam tujuh delapan sembilan.\n"
                          "P: sepuluh sebelas.\nAni: dua belas tiga belas.\n";
    const std::string b = "P: satu dua tiga.\nBudi: empat lima enam.\nP: tujuh.\nBudi: delapan.\n";
    const std::string c = "P: halo.\nCici: halo juga.\nP: ya.\nCici: ya.\n";
    std::ofstream(dir / "a.txt") << a;
    std::ofstream(dir / "b.txt") << b;
    std::ofstream(dir / "c.txt") << c;
    for (auto [file, cs] : {std::pair{"a.txt", "K1"}, {"b.txt", "K2"}, {"c.txt", "K3"}}) {
        qda::app::ImportRequest req;
        req.paths = {(dir / file).string()};
        req.kind = "interview";
        req.case_name = cs;
        qda::app::import(ctx, req);
    }
    qda::app::set_interviewer(ctx, "P", true);
    qda::app::set_attributes(ctx, {"case", "K1"}, {{"size", "10"}}, "");
    qda::app::set_attributes(ctx, {"case", "K2"}, {{"size", "3"}}, "");
    qda::app::set_attributes(ctx, {"case", "K3"}, {{"size", "7"}}, "");
    std::ofstream(dir / "cb.yaml") << R"(codes:
  - name: p
    children:
      - name: x
      - name: y
  - name: z
  - name: T
    cycle: 2
    members: [y, z]
)";
    qda::app::import_codebook(ctx, dir / "cb.yaml", false, false);
    auto at = [](const std::string &text, const std::string &what) {
        return static_cast<long>(text.find(what));
    };
    std::ofstream tsv(dir / "codings.tsv");
    tsv << "source\tstart\tend\tcode\tcoder\n";
    auto row = [&](const char *src, const std::string &text, const std::string &what,
                   const char *code, const char *coder) {
        tsv << src << '\t' << at(text, what) << '\t'
            << at(text, what) + static_cast<long>(what.size()) << '\t' << code << '\t' << coder
            << '\n';
    };
    row("a", a, "enam tujuh", "x", "tester"); // Ani
    row("a", a, "dua belas", "y", "tester");  // Ani
    row("a", a, "satu dua", "y", "tester");   // P, the interviewer
    row("a", a, "sepuluh", "p", "tester");    // P, on the parent itself
    row("b", b, "empat lima", "z", "tester"); // Budi
    row("b", b, "empat lima", "z", "other");  // Budi, second coder
    row("b", b, "delapan", "y", "tester");    // Budi
    tsv.close();
    qda::app::import_codings(ctx, {dir / "codings.tsv", "", false, false});
    return ctx;
}

std::map<std::pair<std::string, std::string>, std::int64_t> cells(const MatrixResult &r) {
    std::map<std::pair<std::string, std::string>, std::int64_t> m;
    for (std::size_t i = 0; i < r.rows.size(); ++i)
        for (std::size_t j = 0; j < r.cols.size(); ++j)
            if (r.count[r.cell(i, j)])
                m[{r.rows[i].label, r.cols[j].label}] = r.count[r.cell(i, j)];
    return m;
}

std::vector<std::string> labels(const std::vector<qda::app::MatrixMember> &ms) {
    std::vector<std::string> v;
    for (const auto &m : ms)
        v.push_back(m.label);
    return v;
}

using Cells = std::map<std::pair<std::string, std::string>, std::int64_t>;

} // namespace

TEST_CASE("matrix: case x code, with the empty case kept and dropped") {
    auto ctx = project();
    MatrixRequest req;
    auto r = qda::app::matrix(ctx, req);
    CHECK(r.path == "aggregate");
    CHECK(labels(r.rows) == std::vector<std::string>{"K1", "K2", "K3"});
    CHECK(labels(r.cols) == std::vector<std::string>{"p", "x", "y", "z"});
    CHECK(cells(r) == Cells{{{"K1", "p"}, 1},
                            {{"K1", "x"}, 1},
                            {{"K1", "y"}, 2},
                            {{"K2", "y"}, 1},
                            {{"K2", "z"}, 2}});
    CHECK(r.total.count == 7);
    CHECK(r.rows[2].count == 0);
    req.drop_empty_rows = true;
    CHECK(labels(qda::app::matrix(ctx, req).rows) == std::vector<std::string>{"K1", "K2"});
}

TEST_CASE("matrix: roll-up of children and of a theme's members") {
    auto ctx = project();
    MatrixRequest req;
    req.cols = "code:p";
    auto r = qda::app::matrix(ctx, req);
    CHECK(labels(r.cols) == std::vector<std::string>{"x", "y"}); // not p's own coding
    CHECK(cells(r) == Cells{{{"K1", "x"}, 1}, {{"K1", "y"}, 2}, {{"K2", "y"}, 1}});
    req.cols = "theme";
    r = qda::app::matrix(ctx, req);
    CHECK(cells(r) == Cells{{{"K1", "T"}, 2}, {{"K2", "T"}, 3}});
    CHECK(r.cols[0].sources == 2);
}

TEST_CASE("matrix: filters on coder, interviewer and speaker") {
    auto ctx = project();
    MatrixRequest req;
    req.where = {{"coder", "other"}};
    CHECK(cells(qda::app::matrix(ctx, req)) == Cells{{{"K2", "z"}, 1}});
    req.where = {};
    req.no_interviewer = true;
    auto r = qda::app::matrix(ctx, req);
    CHECK(r.path == "segments");
    CHECK(cells(r) ==
          Cells{{{"K1", "x"}, 1}, {{"K1", "y"}, 1}, {{"K2", "y"}, 1}, {{"K2", "z"}, 2}});
    req.no_interviewer = false;
    req.where = {{"speaker", "Budi"}};
    CHECK(cells(qda::app::matrix(ctx, req)) == Cells{{{"K2", "y"}, 1}, {{"K2", "z"}, 2}});
    req.where = {{"speaker", "Budy"}};
    CHECK_THROWS_AS(qda::app::matrix(ctx, req), qda::Error);
}

TEST_CASE("matrix: participants per cell and participant rows") {
    auto ctx = project();
    MatrixRequest req;
    req.cell = "participants";
    auto r = qda::app::matrix(ctx, req);
    CHECK(r.participants[r.cell(0, 2)] == 2); // y in K1: Ani and P
    CHECK(r.participants[r.cell(1, 3)] == 1); // z in K2: Budi, twice
    req.rows = "participant";
    req.cell = "count";
    req.no_interviewer = true;
    r = qda::app::matrix(ctx, req);
    CHECK(labels(r.rows) == std::vector<std::string>{"Ani", "Budi", "Cici"});
    CHECK(cells(r) ==
          Cells{{{"Ani", "x"}, 1}, {{"Ani", "y"}, 1}, {{"Budi", "y"}, 1}, {{"Budi", "z"}, 2}});
}

TEST_CASE("matrix: ordering by attribute, total and direction") {
    auto ctx = project();
    MatrixRequest req;
    req.order_rows = "attr:size";
    auto r = qda::app::matrix(ctx, req);
    CHECK(labels(r.rows) == std::vector<std::string>{"K2", "K3", "K1"}); // 3, 7, 10
    CHECK(r.group_title == "size");
    CHECK(r.rows[0].group == "3");
    req.order_rows = "attr:size:desc";
    CHECK(labels(qda::app::matrix(ctx, req).rows) == std::vector<std::string>{"K1", "K3", "K2"});
    req.order_rows = "total";
    req.order_cols = "total";
    r = qda::app::matrix(ctx, req);
    CHECK(labels(r.rows) == std::vector<std::string>{"K1", "K2", "K3"});
    CHECK(labels(r.cols) == std::vector<std::string>{"y", "z", "p", "x"}); // 3, 2, 1, 1
    req.order_rows = "rating";
    CHECK_THROWS_AS(qda::app::matrix(ctx, req), qda::Error); // ratings live in saved displays
}

TEST_CASE("freq: rolled up over the tree and the theme, each coding once") {
    auto ctx = project();
    auto f = qda::app::freq(ctx, "", {}, false);
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> got;
    for (const auto &c : f.codes)
        got[c.code] = {c.codings, c.own};
    CHECK(got["p"] == std::pair<std::int64_t, std::int64_t>{5, 1}); // itself, x (1), y (3)
    CHECK(got["T"] == std::pair<std::int64_t, std::int64_t>{5, 0}); // y (3), z (2)
    CHECK(got["z"] == std::pair<std::int64_t, std::int64_t>{2, 2});
    auto by = qda::app::freq(ctx, "case", {}, true);
    CHECK(by.by == std::vector<std::string>{"K1", "K2", "K3"});
    CHECK(by.count[0 * 3 + 0] == 2); // p in K1 without the interviewer: x, y
}
