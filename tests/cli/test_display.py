"""qda display: save, show, list and cell on the small project of matrix_fixture.py; cells
written by a researcher with author, time and evidence; audit events; stale displays; errors
change nothing."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import check, eq, main  # noqa: E402
from matrix_fixture import build  # noqa: E402


def events(s, prefix):
    return [e for e in s.ok("audit", "log", "--format", "json").json()["events"]
            if e["action"].startswith(prefix)]


def test_save_show_and_list():
    s = build()
    s.ok("display", "save", "fw", "--why", "framework matrix", "--",
         "--rows", "case", "--cols", "theme", "--totals")
    shown = s.ok("display", "show", "fw", "--format", "json").json()
    eq(shown["display"], "fw", "the display's name")
    eq(shown["stale"], False, "fresh")
    eq(shown["fingerprint"], shown["saved_fingerprint"], "same data, same fingerprint")
    direct = s.ok("matrix", "--rows", "case", "--cols", "theme", "--totals", "--format", "tsv").out
    eq(s.ok("display", "show", "fw", "--format", "tsv").out, direct, "the saved options rebuild it")
    lst = s.ok("display", "list", "--format", "json").json()["displays"]
    eq([(d["name"], d["options"], d["stale"], d["cells"]) for d in lst],
       [("fw", "--rows case --cols theme --totals", False, 0)], "list")
    ev = events(s, "display.save")
    eq(len(ev), 1, "one audit event")
    eq(ev[0]["why"], "framework matrix", "--why kept")
    s.ok("audit", "verify")


def test_cells_with_summary_rating_and_evidence():
    s = build()
    s.ok("display", "save", "meta", "--", "--rows", "case", "--cols", "theme",
         "--cell", "summary+rating", "--order-rows", "rating:T-kendala")
    ids = [c["id"] for c in s.ok("codings", "--source", "b1", "--format", "json").json()["codings"]]
    s.ok("display", "cell", "meta", "C2", "T-kendala", "--summary", "biaya iklan mahal",
         "--rating", "high", "--evidence", str(ids[0]), "--coder", "rina", "--why", "cross-case")
    s.ok("display", "cell", "meta", "C1", "T-kendala", "--rating", "low")
    s.ok("display", "cell", "meta", "C3", "T-kendala", "--rating", "medium")
    r = s.ok("display", "show", "meta", "--format", "json").json()
    eq([x["label"] for x in r["rows"]], ["C2", "C3", "C1"], "ordered by rating, high first")
    eq(r["group"], "rating: T-kendala", "the rating column")
    eq(r["stale"], False, "ratings reorder the rows but change no data")
    cell = [c for c in r["cells"] if r["rows"][c["row"]]["label"] == "C2"
            and r["columns"][c["col"]]["label"] == "T-kendala"][0]
    eq((cell["summary"], cell["rating"], cell["evidence"]), ("biaya iklan mahal", "high", [ids[0]]),
       "what the researcher wrote")
    eq(cell["value"], "biaya iklan mahal high", "summary and rating in the cell")
    # A second write keeps what it does not change.
    s.ok("display", "cell", "meta", "C2", "T-kendala", "--rating", "medium")
    r = s.ok("display", "show", "meta", "--format", "json").json()
    cell = [c for c in r["cells"] if c["summary"]][0]
    eq((cell["summary"], cell["rating"]), ("biaya iklan mahal", "medium"), "summary kept")
    ev = events(s, "display.cell")
    eq(len(ev), 4, "one event per write")
    eq(ev[0]["actor"], "rina", "--coder is the author")
    eq(ev[0]["why"], "cross-case", "--why")
    md = s.ok("display", "show", "meta", "--format", "md").out
    check("biaya iklan mahal" in md, "summaries in the wide formats", md)
    s.ok("audit", "verify")


def test_audit_verify_finds_a_cell_edited_behind_qdas_back():
    import sqlite3
    s = build()
    s.ok("display", "save", "fw", "--", "--rows", "case", "--cols", "theme", "--cell", "summary")
    s.ok("display", "cell", "fw", "C1", "T-kendala", "--summary", "waktu sempit")
    s.ok("audit", "verify")
    db = sqlite3.connect(s.path("project.qda"))
    db.execute("UPDATE display_cell SET summary = 'waktu luang'")
    db.commit()
    db.close()
    r = s.run("audit", "verify")
    eq(r.code, 1, "the edit is found")
    check("display_cell" in r.out + r.err, "and named", r)


def test_a_cell_in_an_empty_row_and_by_key():
    s = build()
    s.ok("display", "save", "cl", "--", "--rows", "case", "--cols", "code", "--cell",
         "count+summary", "--drop-empty")
    s.ok("display", "cell", "cl", "C3", "kendala-waktu", "--summary", "tidak disebut")
    r = s.ok("display", "show", "cl", "--format", "json").json()
    check("C3" in [x["label"] for x in r["rows"]], "a row with a note is not empty")


def test_stale_after_the_data_changes_and_refresh():
    s = build()
    s.ok("display", "save", "fw", "--", "--rows", "case", "--cols", "code")
    s.ok("code", "c1", "kendala-waktu", "--match", "Jahit")
    r = s.run("display", "show", "fw", "--format", "json")
    eq(r.code, 0, "a stale display still shows")
    eq(r.json()["stale"], True, "stale")
    check("stale" in r.err, "a warning on stderr", r)
    eq(s.ok("display", "list", "--format", "json").json()["displays"][0]["stale"], True, "list says so")
    s.fails(65, "display", "save", "fw", "--", "--rows", "case", "--cols", "code")
    s.ok("display", "save", "fw", "--replace", "--", "--rows", "case", "--cols", "code")
    eq(s.ok("display", "show", "fw", "--format", "json").json()["stale"], False, "refreshed")


def test_rm_needs_a_reason_and_takes_the_cells_with_it():
    s = build()
    s.ok("display", "save", "meta", "--", "--rows", "case", "--cols", "theme", "--cell", "summary+count")
    s.ok("display", "cell", "meta", "C2", "T-kendala", "--summary", "biaya iklan mahal")
    s.ok("display", "save", "lain", "--", "--rows", "case", "--cols", "code")
    before = s.state()
    s.fails(2, "display", "rm", "meta")
    r = s.fails(66, "display", "rm", "metaa", "--why", "x")
    check("meta" in r.err, "did you mean", r)
    eq(s.state(), before, "nothing changed")
    r = s.ok("display", "rm", "meta", "--why", "replaced by a role-ordered matrix")
    check("display meta removed (1 cell(s))" in r.err, "says what went", r)
    eq([d["name"] for d in s.ok("display", "list", "--format", "json").json()["displays"]], ["lain"], "gone")
    ev = events(s, "display.rm")
    eq(len(ev), 1, "one audit event")
    eq(ev[0]["why"], "replaced by a role-ordered matrix", "with its reason")
    eq(s.run("audit", "verify").code, 0, "audit verify")


def test_errors_change_nothing():
    s = build()
    s.ok("display", "save", "fw", "--", "--rows", "case", "--cols", "theme")
    before = s.state()
    r = s.fails(66, "display", "show", "fx")
    check("did you mean \"fw\"" in r.err, "display did-you-mean", r)
    r = s.fails(66, "display", "cell", "fw", "C9", "T-kendala", "--summary", "x")
    check("did you mean" in r.err, "row did-you-mean", r)
    s.fails(66, "display", "cell", "fw", "C1", "T-kendal", "--summary", "x")
    s.fails(66, "display", "cell", "fw", "C1", "T-kendala", "--summary", "x", "--evidence", "999")
    s.fails(2, "display", "cell", "fw", "C1", "T-kendala")
    s.fails(2, "display", "save", "bad", "--", "--rows", "nope")
    s.fails(2, "display", "save", "bad", "--", "--bogus")
    eq(s.state(), before, "nothing changed")


main(globals())
