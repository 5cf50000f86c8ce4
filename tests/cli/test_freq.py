"""qda freq: codings, sources and participants per code, rolled up over the tree and pattern
codes, against hand counts from matrix_fixture.py; --by; filters; formats."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import check, eq, main  # noqa: E402
from matrix_fixture import CASE, CODINGS, PARENT, THEMES, build  # noqa: E402

_s = None


def project():
    global _s
    if _s is None:
        _s = build()
    return _s


def counted(code, c):
    """Whether coding c counts for `code` rolled up: itself, a child, or a member of a theme."""
    own = c[2]
    return own == code or PARENT.get(own) == code or own in THEMES.get(code, [])


def test_tree_with_rolled_up_counts():
    rows = project().ok("freq", "--format", "json").json()["codes"]
    eq([r["code"] for r in rows], ["kendala", "kendala-waktu", "kendala-biaya", "belajar",
                                   "belajar-youtube", "delegasi", "ai-tanpa-sadar", "T-kendala",
                                   "T-belajar"], "tree order")
    for r in rows:
        mine = [c for c in CODINGS if counted(r["code"], c)]
        eq(r["codings"], len(mine), f"{r['code']}: rolled-up codings")
        eq(r["sources"], len({c[0] for c in mine}), f"{r['code']}: sources")
        eq(r["participants"], len({c[4] for c in mine if c[4]}), f"{r['code']}: participants")
        eq(r["own"], len([c for c in CODINGS if c[2] == r["code"]]), f"{r['code']}: own")
    kendala = rows[0]
    eq((kendala["codings"], kendala["own"], kendala["depth"]), (6, 1, 0), "hand count of kendala")
    eq(rows[1]["path"], "kendala/kendala-waktu", "path")


def test_by_case_and_filters():
    r = project().ok("freq", "--by", "case", "--format", "json").json()
    got = {(b["code"], b["by"]): b["codings"] for b in r["by"]}
    for (code, case), n in got.items():
        eq(n, len([c for c in CODINGS if counted(code, c) and CASE[c[0]] == case]), f"{code} x {case}")
    eq(got[("T-belajar", "C2")], 3, "hand count")
    tsv = project().ok("freq", "--by", "case", "--format", "tsv").out.splitlines()
    eq(tsv[0].split("\t"), ["code", "C1", "C2", "C3", "total"], "wide with --by")
    noint = project().ok("freq", "--no-interviewer", "--format", "json").json()["codes"]
    eq(noint[1]["codings"], len([c for c in CODINGS if counted("kendala-waktu", c) and c[4] != "Peneliti"]),
       "interviewer left out")
    table = project().ok("freq").out
    check("\n  kendala-waktu" in table, "children indented in the table", table)
    for fmt in ("csv", "md", "html", "latex"):
        check("kendala" in project().ok("freq", "--format", fmt).out, fmt)
    project().fails(2, "freq", "--by", "theme")
    project().fails(2, "freq", "--by", "cas")


main(globals())
