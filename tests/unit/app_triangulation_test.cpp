#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "qda/codebook.hpp"
#include "qda/coding.hpp"
#include "qda/error.hpp"
#include "qda/triangulation.hpp"

namespace fs = std::filesystem;

namespace {

/// Two interviews and one observation; theme T (member x) is coded in the interviews only,
/// theme U (member y) in one interview and the observation, theme V (member z) nowhere.
qda::app::Context project() {
    auto dir = fs::temp_directory_path() / ("qda-app-tri-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    qda::app::Context ctx;
    ctx.coder = "tester";
    ctx.why = "test";
    ctx.project = qda::app::init(ctx, dir / "project.qda", "tester").path.string();
    const std::string a = "P: satu dua.\nAni: tiga empat lima.\n";
    const std::string b = "P: enam.\nBudi: tujuh delapan.\n";
    const std::string o = "Pasar pagi ramai. Penjual memakai fitur otomatis.\n";
    std::ofstream(dir / "a.txt") << a;
    std::ofstream(dir / "b.txt") << b;
    std::ofstream(dir / "o.txt") << o;
    for (auto [file, kind] :
         {std::pair{"a.txt", "interview"}, {"b.txt", "interview"}, {"o.txt", "observation"}}) {
        qda::app::ImportRequest req;
        req.paths = {(dir / file).string()};
        req.kind = kind;
        qda::app::import(ctx, req);
    }
    std::ofstream(dir / "cb.yaml") << R"(codes:
  - name: x
  - name: y
  - name: z
  - name: T
    cycle: 2
    members: [x]
  - name: U
    cycle: 2
    members: [y]
  - name: V
    cycle: 2
    members: [z]
)";
    qda::app::import_codebook(ctx, dir / "cb.yaml", false, false);
    std::ofstream tsv(dir / "codings.tsv");
    tsv << "source\tstart\tend\tcode\tcoder\n";
    auto row = [&](const char *src, const std::string &text, const std::string &what,
                   const char *code) {
        auto at = static_cast<long>(text.find(what));
        tsv << src << '\t' << at << '\t' << at + static_cast<long>(what.size()) << '\t' << code
            << "\ttester\n";
    };
    row("a", a, "tiga", "x");
    row("b", b, "tujuh", "x");
    row("a", a, "lima", "y");
    row("o", o, "fitur otomatis", "y");
    tsv.close();
    qda::app::import_codings(ctx, {dir / "codings.tsv", "", false, false});
    return ctx;
}

const qda::app::TriangulationRow &row_of(const qda::app::TriangulationResult &r,
                                         const std::string &theme) {
    auto it =
        std::find_if(r.rows.begin(), r.rows.end(), [&](const auto &x) { return x.theme == theme; });
    REQUIRE(it != r.rows.end());
    return *it;
}

} // namespace

TEST_CASE("triangulate: presence, group sizes, bands, silence and status across kind") {
    auto ctx = project();
    auto r = qda::app::triangulate(ctx, {});
    REQUIRE(r.groups == std::vector<std::string>{"interview", "observation"});
    CHECK(r.group_sources == std::vector<std::int64_t>{2, 1});
    CHECK(r.high == 0.5);
    CHECK(r.medium == 0.2);
    const auto &t = row_of(r, "T");
    CHECK(t.groups[0].present);
    CHECK(t.groups[0].sources == 2);
    CHECK(t.groups[0].group_sources == 2);
    CHECK(t.groups[0].band == "high");
    CHECK_FALSE(t.groups[1].present);
    CHECK(t.groups[1].group_sources == 1);
    CHECK(t.groups[1].band == "absent");
    REQUIRE(t.pairs.size() == 1);
    CHECK(t.pairs[0].silence == "b");
    CHECK(t.status == "silent-in-some");
    const auto &u = row_of(r, "U");
    CHECK(u.groups[0].sources == 1);
    CHECK(u.groups[0].band == "high"); // 1 of 2 = 0.5, equal to the threshold
    CHECK(u.pairs[0].silence.empty());
    CHECK(u.status == "unjudged");
    CHECK(row_of(r, "V").status == "absent");
    CHECK(row_of(r, "V").pairs[0].silence == "both");

    qda::app::TriangulationRequest strict;
    strict.bands = "medium=0.6,high=0.9";
    CHECK(row_of(qda::app::triangulate(ctx, strict), "U").groups[0].band == "low");
}

TEST_CASE("triangulation gaps: silent themes without a verdict, until one is recorded") {
    auto ctx = project();
    auto gaps = qda::app::triangulation_gaps(ctx);
    REQUIRE(gaps.size() == 1); // T is silent in the observation; V is absent everywhere
    CHECK(gaps[0].find("theme T is silent in observation") != std::string::npos);
    CHECK(gaps[0].find("across kind") != std::string::npos);

    auto v =
        qda::app::judge_triangulation(ctx, {}, "T", "observation:interview", "disagree", "agree");
    CHECK(v.verdict == "partial");
    CHECK(v.a == "interview");
    CHECK(v.b == "observation");
    CHECK(v.bands == "high=0.5,medium=0.2");
    CHECK(qda::app::triangulation_gaps(ctx).empty());
    auto r = qda::app::triangulate(ctx, {});
    CHECK(row_of(r, "T").pairs[0].verdict == "partial");
    CHECK(row_of(r, "T").status == "silent-in-some");

    // A pair with a group that does not exist is refused.
    qda::app::TriangulationRequest req;
    req.across = "coder";
    CHECK_THROWS_AS(qda::app::judge_triangulation(ctx, req, "U", "tester:other", "agree", "agree"),
                    qda::Error);

    auto no_why = ctx;
    no_why.why.clear();
    try {
        qda::app::judge_triangulation(no_why, {}, "U", "interview:observation", "agree", "agree");
        FAIL("judge without a reason");
    } catch (const qda::Error &e) {
        CHECK(e.code() == qda::Exit::usage);
    }
    CHECK(qda::app::triangulation_verdicts(ctx, "", "").size() == 1);
}
