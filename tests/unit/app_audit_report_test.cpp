#include <doctest/doctest.h>

#include "qda/audit_report.hpp"

using qda::app::audit_category_of;

TEST_CASE("audit events fall in the six categories of the audit trail by their action") {
    CHECK(audit_category_of("init", "project created (schema 10)") == "raw-data");
    CHECK(audit_category_of("import", "imported 2 source(s), skipped 0") == "raw-data");
    CHECK(audit_category_of("attr.set", "") == "raw-data");
    CHECK(audit_category_of("participant.merge", "") == "raw-data");
    CHECK(audit_category_of("coding.add", "") == "reduction");
    CHECK(audit_category_of("codings.import", "") == "reduction");
    CHECK(audit_category_of("autocode", "") == "reduction");
    CHECK(audit_category_of("autocode.undo", "") == "reduction");
    CHECK(audit_category_of("agreement.reconcile", "") == "reduction");
    CHECK(audit_category_of("code.merge", "") == "reconstruction");
    CHECK(audit_category_of("codebook.import", "") == "reconstruction");
    CHECK(audit_category_of("display.save", "") == "reconstruction");
    CHECK(audit_category_of("claim.add", "") == "reconstruction");
    CHECK(audit_category_of("network.add", "") == "reconstruction");
    CHECK(audit_category_of("membercheck.verdict", "") == "process");
    CHECK(audit_category_of("agreement.assign", "") == "process");
    CHECK(audit_category_of("triangulate.judge", "") == "process");
    CHECK(audit_category_of("instrument.link", "") == "instruments");
    CHECK(audit_category_of("something.new", "") == "process");
}

TEST_CASE("memo events go by the memo's type") {
    CHECK(audit_category_of("memo.add", "reflexive memo 3 on project") == "intentions");
    CHECK(audit_category_of("memo.add", "method memo 4 on project") == "process");
    CHECK(audit_category_of("memo.add", "analytic memo 5 on code:x") == "reduction");
    // a code named "reflexive" does not make a memo reflexive: only the summary's first word
    CHECK(audit_category_of("memo.add", "analytic memo 6 on code:reflexive") == "reduction");
    // codes whose name starts like an action family are not confused with it
    CHECK(audit_category_of("codebook.import", "") != audit_category_of("coding.add", ""));
}
