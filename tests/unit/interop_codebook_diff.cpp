#include <doctest/doctest.h>

#include "qda/codebook_io.hpp"
#include "qda/error.hpp"

using namespace qda::interop;

namespace {

Codebook book(const char *yaml) {
    return parse_codebook_yaml(yaml, "cb.yaml");
}

std::vector<std::string> actions(const ImportPlan &p) {
    std::vector<std::string> v;
    for (const auto &a : p.actions)
        v.push_back(a.action + " " + a.code + (a.detail.empty() ? "" : ": " + a.detail));
    return v;
}

const char *kCurrent = R"(codes:
  - name: kendala
    id: u1
    children:
      - name: waktu
        id: u2
      - name: biaya
        id: u3
  - name: kesiapan
    id: u4
  - name: T
    id: u5
    members: [waktu]
)";

} // namespace

TEST_CASE("codebook diff: rename by id, move, update, members, add") {
    auto cur = book(kCurrent);
    std::vector<CodeUse> use(cur.codes.size());
    auto in = book(R"(codes:
  - name: kendala
    id: u1
    children:
      - name: kendala-waktu
        id: u2
        description: Tidak ada waktu
  - name: kesiapan
    id: u4
    children:
      - name: biaya
        id: u3
      - name: baru
  - name: T
    id: u5
    members: [kendala-waktu, biaya]
)");
    auto p = plan_import(cur, use, in, false, "cb.yaml");
    CHECK(p.match == std::vector<int>{0, 1, 3, 2, -1, 4});
    CHECK(actions(p) == std::vector<std::string>{
                            "rename kendala-waktu: was waktu", "update kendala-waktu: description",
                            "move biaya: kendala -> kesiapan", "add kesiapan/baru",
                            "members T: kendala-waktu, biaya"});
    CHECK(p.retire.empty());
    CHECK(p.remove.empty());
}

TEST_CASE("codebook diff: the same codebook is no change; names match when ids are absent") {
    auto cur = book(kCurrent);
    std::vector<CodeUse> use(cur.codes.size());
    CHECK(plan_import(cur, use, cur, false, "cb.yaml").actions.empty());
    auto noids =
        book("codes:\n  - name: kendala\n    children:\n      - name: waktu\n      - name: biaya\n"
             "  - name: kesiapan\n  - name: T\n    members: [waktu]\n");
    auto p = plan_import(cur, use, noids, false, "cb.yaml");
    CHECK(p.actions.empty());
    CHECK(p.match == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("codebook diff: dropped codes") {
    auto cur = book(kCurrent);
    auto in = book("codes:\n  - name: kesiapan\n    id: u4\n");
    std::vector<CodeUse> use(cur.codes.size());
    use[1].coded = true; // waktu has codings

    auto err = [&] {
        try {
            plan_import(cur, use, in, false, "cb.yaml");
        } catch (const qda::Error &e) {
            return e;
        }
        FAIL("dropping a coded code without --retire-missing must fail");
        return qda::Error(qda::Exit::ok, "", "");
    }();
    CHECK(err.code() == qda::Exit::data);
    CHECK(err.context == std::vector<std::string>{"kendala/waktu"});
    CHECK(err.hint().find("--retire-missing") != std::string::npos);

    // waktu is retired, so its parent stays (retired too); biaya and T were never used: deleted.
    auto p = plan_import(cur, use, in, true, "cb.yaml");
    CHECK(p.retire == std::vector<int>{0, 1});
    CHECK(p.remove == std::vector<int>{2, 4});
    CHECK(actions(p) ==
          std::vector<std::string>{"retire kendala: not in the file; still referenced",
                                   "retire kendala/waktu: not in the file; has codings",
                                   "delete kendala/biaya: not in the file; never used",
                                   "delete T: not in the file; never used"});

    use[1].coded = false;
    use[3].referenced = true; // kesiapan has a memo, but the file keeps it
    p = plan_import(cur, use, in, false, "cb.yaml");
    CHECK(p.retire.empty());
    CHECK(p.remove == std::vector<int>{1, 2, 0, 4}); // children before their parent
}

TEST_CASE("codebook diff: a dropped code in use keeps its name") {
    auto cur = book(kCurrent);
    std::vector<CodeUse> use(cur.codes.size());
    use[3].coded = true;
    auto in = book(R"(codes:
  - name: kendala
    id: u1
    children:
      - name: waktu
        id: u2
      - name: biaya
        id: u3
  - name: T
    id: u5
    members: [waktu]
  - name: kesiapan
    id: other
)");
    // matched by name despite the foreign id: the project's code stays the same code
    auto p = plan_import(cur, use, in, false, "cb.yaml");
    CHECK(p.match.back() == 3);
    CHECK(p.actions.empty());
}
