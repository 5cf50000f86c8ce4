#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "qda/audit.hpp"
#include "qda/coding.hpp"
#include "qda/error.hpp"
#include "qda/verification.hpp"

namespace fs = std::filesystem;

namespace {

struct Project {
    qda::app::Context ctx;
    std::string text; ///< the one source's bytes
};

/// One interview (UTF-8 with non-ASCII letters, so code points and bytes differ), two codings.
Project project() {
    auto dir = fs::temp_directory_path() / ("qda-app-claims-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    Project p;
    p.ctx.coder = "tester";
    p.ctx.why = "test";
    p.ctx.project = qda::app::init(p.ctx, dir / "project.qda", "tester").path.string();
    p.text = "Peneliti: Café atau warung?\n\nBu Rina: Warung kué, pakai fitur otomatis.\n\n"
             "Peneliti: Pakai AI?\n\nBu Rina: Nggak, AI itu untuk perusahaan besar.\n";
    std::ofstream(dir / "u01.txt") << p.text;
    qda::app::ImportRequest req;
    req.paths = {(dir / "u01.txt").string()};
    qda::app::import(p.ctx, req);
    for (auto [code, match] :
         {std::pair{"fitur", "fitur otomatis"}, {"jarak", "perusahaan besar"}}) {
        qda::app::CodeRequest c;
        c.source = "u01";
        c.codes = {code};
        c.where.kind = qda::app::Locator::match;
        c.where.text = match;
        c.create = true;
        qda::app::code(p.ctx, c);
    }
    return p;
}

} // namespace

TEST_CASE("claim: evidence traced to quote, line, case and the source's hash") {
    auto p = project();
    auto c = qda::app::add_claim(p.ctx, {"Fitur otomatis dipakai", "", {"coding:1", "2"}, ""});
    REQUIRE(c.evidence.size() == 2);
    CHECK(c.sources == 1);
    CHECK(c.missing == 0);
    const auto &e = c.evidence[0];
    CHECK(e.quote == "fitur otomatis");
    CHECK(e.line == 3);
    CHECK(e.source == "u01");
    CHECK(e.source_sha256 == qda::audit::sha256_hex(p.text));
    // Positions are code points: "é" twice before the quote.
    auto bytes = p.text.find("fitur otomatis");
    CHECK(e.start == static_cast<std::int64_t>(bytes) - 2);
    CHECK(e.end == e.start + 14);
    CHECK(c.evidence[1].quote == "perusahaan besar");
}

TEST_CASE("claim: evidence by query, and evidence whose coding is removed stays, flagged") {
    auto p = project();
    auto c = qda::app::add_claim(p.ctx, {"AI dianggap milik perusahaan besar", "", {}, "jarak"});
    REQUIRE(c.evidence.size() == 1);
    CHECK(c.evidence_query == "jarak");
    qda::app::UncodeRequest u;
    u.source = "u01";
    u.codes = {"jarak"};
    u.where.kind = qda::app::Locator::match;
    u.where.text = "perusahaan besar";
    qda::app::uncode(p.ctx, u);
    auto shown = qda::app::show_claim(p.ctx, c.id);
    CHECK(shown.missing == 1);
    REQUIRE(shown.evidence.size() == 1);
    CHECK_FALSE(shown.evidence[0].present);
    CHECK(shown.evidence[0].quote == "perusahaan besar");
}

TEST_CASE("claim: no evidence, a query that selects nothing, revising without a reason") {
    auto p = project();
    CHECK_THROWS_AS(qda::app::add_claim(p.ctx, {"Tanpa bukti", "", {}, ""}), qda::Error);
    CHECK_THROWS_AS(qda::app::add_claim(p.ctx, {"Kosong", "", {}, "fitur AND jarak"}), qda::Error);
    auto c = qda::app::add_claim(p.ctx, {"Draf", "", {"coding:1"}, ""});
    auto no_why = p.ctx;
    no_why.why.clear();
    qda::app::ClaimRevision r;
    r.text = "Versi dua";
    CHECK_THROWS_AS(qda::app::revise_claim(no_why, c.id, r), qda::Error);
    CHECK(qda::app::show_claim(p.ctx, c.id).text == "Draf");
    CHECK(qda::app::revise_claim(p.ctx, c.id, r).text == "Versi dua");
}
