#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "qda/codebook.hpp"
#include "qda/error.hpp"
#include "store/db.hpp"

namespace fs = std::filesystem;

namespace {

/// A fresh project holding a small codebook with a theme of themes.
fs::path project_with_codebook() {
    auto dir = fs::temp_directory_path() / ("qda-app-codebook-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    qda::app::Context ctx;
    ctx.coder = "tester";
    auto project = qda::app::init(ctx, dir / "project.qda", "tester").path;
    std::ofstream(dir / "cb.yaml") << R"(codes:
  - name: kendala
    children:
      - name: waktu
      - name: biaya
        children:
          - name: kuota
  - name: T4
    members: [waktu, biaya]
  - name: T-all
    members: [T4, T-all-b]
  - name: T-all-b
    members: [T-all]
)";
    ctx.project = project.string();
    ctx.why = "test";
    qda::app::import_codebook(ctx, dir / "cb.yaml", false, false);
    return project;
}

std::vector<std::int64_t> ids(qda::store::Db &db, std::vector<std::string> names) {
    std::vector<std::int64_t> v;
    for (const auto &n : names)
        v.push_back(qda::app::require_code(db, n));
    std::sort(v.begin(), v.end());
    return v;
}

} // namespace

TEST_CASE("codebook lookups: a pattern code means its members; a parent is not its children") {
    auto project = project_with_codebook();
    qda::store::Db db(project, false);
    using qda::app::expand_code;
    using qda::app::require_code;

    CHECK(expand_code(db, require_code(db, "waktu")) == ids(db, {"waktu"}));
    CHECK(expand_code(db, require_code(db, "T4")) == ids(db, {"T4", "waktu", "biaya"}));
    // members that are pattern codes are followed, and a member cycle ends
    CHECK(expand_code(db, require_code(db, "T-all")) ==
          ids(db, {"T-all", "T-all-b", "T4", "waktu", "biaya"}));
    CHECK(expand_code(db, require_code(db, "kendala")) == ids(db, {"kendala"}));
    CHECK(expand_code(db, require_code(db, "kendala"), true) ==
          ids(db, {"kendala", "waktu", "biaya", "kuota"}));
    // with children, a theme's member brings its own children
    CHECK(expand_code(db, require_code(db, "T4"), true) ==
          ids(db, {"T4", "waktu", "biaya", "kuota"}));

    CHECK_FALSE(qda::app::find_code(db, "nope"));
    try {
        require_code(db, "waktuu");
        FAIL("unknown code accepted");
    } catch (const qda::Error &e) {
        CHECK(e.code() == qda::Exit::no_input);
        CHECK(e.hint() == "did you mean \"waktu\"?");
    }
    fs::remove_all(project.parent_path());
}
