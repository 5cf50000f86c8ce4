"""qda matrix: counts against hand-computed answers for every dimension, cell kind, filter and
order on a small project (matrix_fixture.py); every format; the errors; and the six
Miles-Huberman displays on the example study."""
import csv
import io
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main  # noqa: E402
from matrix_fixture import (CASE, CODINGS, FIRST_CYCLE, KIND, PARENT, THEMES, build, by_case,  # noqa: E402
                            by_code, by_theme, cells_of, expect)

_s = None


def project():
    global _s
    if _s is None:
        _s = build()
    return _s


def mx(*args):
    return project().ok("matrix", *args, "--format", "json").json()


def test_case_by_code_counts_every_coding_once():
    r = mx("--rows", "case", "--cols", "code")
    eq(r["path"], "aggregate", "counted by SQLite")
    eq(cells_of(r), expect(by_case, by_code), "case x code")
    eq([c["label"] for c in r["columns"]], FIRST_CYCLE, "first-cycle codes in tree order")
    eq([x["label"] for x in r["rows"]], ["C1", "C2", "C3"], "C3 has no codings and is kept")
    eq(r["total_count"], len(CODINGS), "grand total")
    dropped = mx("--rows", "case", "--cols", "code", "--drop-empty")
    eq([x["label"] for x in dropped["rows"]], ["C1", "C2"], "--drop-empty leaves C3 out")
    check("kendala" in [c["label"] for c in dropped["columns"]], "parent coded directly stays")


def test_sources_and_participants_cells():
    r = mx("--rows", "case", "--cols", "code", "--cell", "sources")
    eq(cells_of(r, "sources"), expect(by_case, by_code, "sources"), "distinct sources")
    eq(r["path"], "aggregate", "sources need no single codings")
    p = mx("--rows", "case", "--cols", "code", "--cell", "participants")
    eq(p["path"], "segments", "participants need the turns")
    eq(cells_of(p, "participants"), expect(by_case, by_code, "participants"), "distinct participants")
    eq(cells_of(p, "participants")[("C1", "kendala-waktu")], 2, "Bu Ani and the interviewer")


def test_tsv_cells_are_the_json_values():
    # JSON always counts each cell's distinct sources; the other formats only when a cell shows
    # them. Every combination must print what the JSON output says.
    for cell in ("count", "sources", "count+sources", "presence+sources", "percent:row"):
        j = mx("--rows", "case", "--cols", "code", "--cell", cell)
        want = {}
        for c in j["cells"]:
            want[(j["rows"][c["row"]]["label"], j["columns"][c["col"]]["label"])] = c["value"]
        out = project().ok("matrix", "--rows", "case", "--cols", "code", "--cell", cell, "--format", "tsv").out
        rows = list(csv.reader(io.StringIO(out), delimiter="\t"))
        got = {(r[0], col): v for r in rows[1:] for col, v in zip(rows[0][1:], r[1:])}
        # JSON lists the cells with codings; TSV prints every cell, the others as zeros.
        eq({k: v for k, v in got.items() if k in want}, want, f"--cell {cell}: TSV against JSON")
        zeros = {k: v for k, v in got.items() if k not in want}
        check(zeros and all(set(v) <= set("0. ") for v in zeros.values()), f"--cell {cell}: empty cells", zeros)
        if cell == "sources":  # and against the hand count, so both cannot be wrong together
            eq({k: int(v) for k, v in got.items() if v != "0"}, expect(by_case, by_code, "sources"),
               "TSV sources")


def test_themes_count_their_members_and_level_2_is_the_same():
    r = mx("--rows", "case", "--cols", "theme")
    want = expect(by_case, by_theme)
    eq(cells_of(r), want, "case x theme")
    eq(want[("C1", "T-kendala")], 3, "hand count")
    eq(cells_of(mx("--rows", "case", "--cols", "code", "--level", "2")), want, "--level 2")


def test_children_of_one_code():
    r = mx("--rows", "case", "--cols", "code:kendala")
    eq([c["label"] for c in r["columns"]], ["kendala-waktu", "kendala-biaya"], "children")
    want = {k: v for k, v in expect(by_case, by_code).items() if PARENT.get(k[1]) == "kendala"}
    eq(cells_of(r), want, "the parent's own coding is not a child's")


def test_codes_of_several_pattern_codes_grouped_under_them():
    r = mx("--rows", "participant", "--cols", "code:T-kendala,T-belajar", "--no-interviewer")
    want_cols = [f"{t}/{m}" for t in ("T-kendala", "T-belajar") for m in THEMES[t]]
    eq([c["label"] for c in r["columns"]], want_cols, "members under their pattern code")
    got = cells_of(r)
    for (p, col), n in got.items():
        code = col.split("/")[1]
        eq(n, len([c for c in CODINGS if c[4] == p and c[2] == code]), f"{p} x {col}")
    check(got, "some cells")


def test_totals_count_a_coding_once_across_overlapping_columns():
    # ai-tanpa-sadar is in T-belajar only; a coding in two themes would still count once.
    out = project().ok("matrix", "--rows", "case", "--cols", "theme", "--totals", "--format", "tsv").out
    rows = list(csv.reader(io.StringIO(out), delimiter="\t"))
    eq(rows[0], ["case", "T-kendala", "T-belajar", "total"], "header")
    total = {r[0]: r for r in rows[1:]}
    in_theme = [c for c in CODINGS if by_theme(c)]
    eq(int(total["total"][-1]), len(in_theme), "grand total of codings in any theme")
    eq(int(total["C1"][-1]), len([c for c in in_theme if CASE[c[0]] == "C1"]), "row total")


def test_percent_of_row_column_and_all():
    r = mx("--rows", "case", "--cols", "theme", "--cell", "percent")
    cells = {(r["rows"][c["row"]]["label"], r["columns"][c["col"]]["label"]): c["value"]
             for c in r["cells"]}
    c1 = [c for c in CODINGS if CASE[c[0]] == "C1" and by_theme(c)]
    k = len([c for c in c1 if "T-kendala" in by_theme(c)])
    eq(cells[("C1", "T-kendala")], f"{100 * k / len(c1):.1f}", "percent of the row")
    r = mx("--rows", "case", "--cols", "theme", "--cell", "percent:col")
    cells = {(r["rows"][c["row"]]["label"], r["columns"][c["col"]]["label"]): c["value"]
             for c in r["cells"]}
    col = [c for c in CODINGS if "T-kendala" in by_theme(c)]
    eq(cells[("C1", "T-kendala")], f"{100 * k / len(col):.1f}", "percent of the column")


def test_filters():
    interview = mx("--rows", "case", "--cols", "code", "--where", "kind=interview")
    eq(cells_of(interview), expect(by_case, by_code, where=lambda c: KIND[c[0]] == "interview"), "kind")
    rina = mx("--rows", "case", "--cols", "code", "--where", "coder=rina")
    eq(cells_of(rina), {("C2", "kendala-biaya"): 1}, "coder")
    fashion = mx("--rows", "case", "--cols", "code", "--where", "attr:sector=fashion")
    eq([x["label"] for x in fashion["rows"]], ["C2"], "attribute of the case")
    noint = mx("--rows", "case", "--cols", "code", "--no-interviewer")
    eq(cells_of(noint), expect(by_case, by_code, where=lambda c: c[4] != "Peneliti"),
       "interviewer turns left out; text outside turns stays")
    ani = mx("--rows", "case", "--cols", "code", "--where", "speaker=Bu Ani")
    eq(cells_of(ani), expect(by_case, by_code, where=lambda c: c[4] == "Bu Ani"), "speaker")
    july = mx("--rows", "case", "--cols", "code", "--where", "from=2024-07-01")
    eq(cells_of(july), {("C2", "belajar-youtube"): 1}, "from: the dated entry of o1")
    june = mx("--rows", "case", "--cols", "code", "--where", "from=2024-06-01", "--where", "to=2024-06-30")
    eq(cells_of(june), expect(by_case, by_code, where=lambda c: (c[5] or "").startswith("2024-06")),
       "from and to")
    both = mx("--rows", "case", "--cols", "code", "--where", "case=C1", "--where", "case=C3")
    eq([x["label"] for x in both["rows"]], ["C1", "C3"], "a repeated key means any of its values")


def test_order_by_attribute_total_name_and_direction():
    def order(*a):
        r = mx("--rows", "case", "--cols", "code", *a)
        return [x["label"] for x in r["rows"]], [x["group"] for x in r["rows"]], r["group"]
    eq(order("--order-rows", "attr:years"), (["C3", "C1", "C2"], ["2", "9", "14"], "years"),
       "numbers as numbers")
    eq(order("--order-rows", "attr:years:desc")[0], ["C2", "C1", "C3"], "descending")
    totals = {k: len([c for c in CODINGS if CASE[c[0]] == k]) for k in ("C1", "C2", "C3")}
    eq(order("--order-rows", "total")[0], sorted(totals, key=lambda k: -totals[k]), "by total")
    cols = mx("--rows", "case", "--cols", "code", "--order-cols", "name")["columns"]
    eq([c["label"] for c in cols], sorted(FIRST_CYCLE), "columns by name")


def test_participants_speakers_coders_kinds_and_attributes_as_dimensions():
    r = mx("--rows", "participant", "--cols", "theme", "--no-interviewer",
           "--order-rows", "attr:role")
    eq([x["label"] for x in r["rows"]], ["Bu Cici", "Bu Ani", "Pak Budi"], "role-ordered")
    eq([x["group"] for x in r["rows"]], ["karyawan", "pemilik", "pemilik"], "the role column")
    eq(cells_of(r), expect(lambda c: [c[4]] if c[4] else [], by_theme,
                           where=lambda c: c[4] != "Peneliti"), "participant x theme")
    sp = mx("--rows", "speaker", "--cols", "code")
    eq(cells_of(sp), expect(lambda c: [c[4]] if c[4] else [], by_code), "speaker labels")
    cd = mx("--rows", "coder", "--cols", "case")
    eq(cells_of(cd), expect(lambda c: [c[3]], by_case), "coder")
    kd = mx("--rows", "kind", "--cols", "case")
    eq(cells_of(kd), expect(lambda c: [KIND[c[0]]], by_case), "kind")
    at = mx("--rows", "attr:sector", "--cols", "theme")
    sector = {"C1": "kuliner", "C2": "fashion", "C3": "kuliner"}
    eq(cells_of(at), expect(lambda c: [sector[CASE[c[0]]]], by_theme), "case attribute")
    pa = mx("--rows", "attr:role", "--cols", "theme")
    role = {"Bu Ani": "pemilik", "Pak Budi": "pemilik"}
    eq(cells_of(pa), expect(lambda c: [role.get(c[4], "(none)")] if c[4] else [], by_theme),
       "participant attribute; the interviewer has none")


def test_periods_from_entries_and_source_dates():
    r = mx("--rows", "code", "--cols", "period:month")
    eq([c["label"] for c in r["columns"]], ["2024-06", "2024-07", "(undated)"], "months")
    eq(cells_of(r), expect(by_code, lambda c: [c[5][:7] if c[5] else "(undated)"]), "code x month")
    days = mx("--rows", "code", "--cols", "period:day")
    eq(len(days["columns"]), 33 + 1, "every day from 8 June to 10 July, and (undated)")
    weeks = mx("--rows", "case", "--cols", "period:week", "--drop-empty-cols")
    eq([c["label"] for c in weeks["columns"]], ["2024-W23", "2024-W25", "2024-W28", "(undated)"],
       "ISO weeks")


def test_quotes_are_the_first_codings_shortened():
    r = mx("--rows", "case", "--cols", "code", "--cell", "quotes:1", "--quote-chars", "12")
    cell = [c for c in r["cells"] if r["rows"][c["row"]]["label"] == "C1"
            and r["columns"][c["col"]]["label"] == "kendala-waktu"][0]
    eq(len(cell["quotes"]), 1, "one quote")
    eq(cell["quotes"][0]["source"], "a1", "the first source by name")
    eq(cell["quotes"][0]["text"], "Apa kabar\u2026", "the earliest coding, cut at a word")
    eq(cell["value"], "\"Apa kabar\u2026\" (a1)", "shown with its source")
    both = mx("--rows", "case", "--cols", "code:kendala", "--cell", "presence+quotes:2")
    cell = [c for c in both["cells"] if c["count"] == 3][0]
    check(cell["value"].startswith("x \"Apa kabar usaha Ibu\" (a1); \"waktunya tidak ada\" (a1)"),
          f"presence and two quotes: {cell['value']}")


def test_every_format():
    s = project()
    for fmt in ("table", "tsv", "csv", "md", "html", "latex"):
        out = s.ok("matrix", "--rows", "case", "--cols", "theme", "--totals", "--format", fmt).out
        check("C1" in out and "T-kendala" in out, f"{fmt}: rows and columns", out)
    tsv = s.ok("matrix", "--format", "tsv").out.splitlines()
    eq(tsv[0].split("\t"), ["case"] + FIRST_CYCLE, "defaults: case x code")
    csv_rows = list(csv.reader(io.StringIO(s.ok("matrix", "--format", "csv").out)))
    c1 = dict(zip(csv_rows[0], csv_rows[1]))
    eq(int(c1["kendala-waktu"]), expect(by_case, by_code)[("C1", "kendala-waktu")], "csv value")
    check("\\begin{tabular}" in s.ok("matrix", "--format", "latex").out, "latex table")
    check("<table>" in s.ok("matrix", "--format", "html").out, "html table")
    s.fails(2, "matrix", "--format", "jsonl")


def test_errors_name_what_is_wrong():
    s = project()
    r = s.fails(2, "matrix", "--rows", "cases")
    check("did you mean \"case\"" in r.err, "dimension did-you-mean", r)
    r = s.fails(2, "matrix", "--cell", "coun")
    check("did you mean \"count\"" in r.err, "cell did-you-mean", r)
    r = s.fails(66, "matrix", "--cols", "code:kendal")
    check("did you mean \"kendala\"" in r.err, "code did-you-mean", r)
    r = s.fails(66, "matrix", "--rows", "attr:sektor")
    check("did you mean \"sector\"" in r.err, "attribute did-you-mean", r)
    s.fails(2, "matrix", "--cell", "summary")
    s.fails(2, "matrix", "--where", "kinds=interview")
    s.fails(2, "matrix", "--where", "from=June")
    s.fails(2, "matrix", "--order-rows", "attr:years", "--rows", "code")
    s.fails(2, "matrix", "--level", "3")
    s.fails(66, "matrix", "--where", "case=C9")
    s.fails(2, "matrix", "--cell", "quotes:0")


# ---- the Miles-Huberman displays on the example study (as in qda-matrix(1)) --------------------

STUDY = os.path.join(SOURCE, "examples", "umkm-medan")
_study = None


def study():
    global _study
    if _study is not None:
        return _study
    s = Scenario()
    with open(os.path.join(STUDY, "manifest.tsv"), encoding="utf-8") as f:
        for m in csv.DictReader(f, delimiter="\t"):
            s.ok("import", os.path.join(STUDY, m["file"]), "--kind", m["kind"], "--case", m["case"])
    s.ok("participants", "interviewer", "Peneliti")
    s.ok("attr", "import", os.path.join(STUDY, "attributes.csv"), "--entity", "case", "--key-column",
         "case", "--create")
    s.ok("attr", "import", os.path.join(STUDY, "attributes.csv"), "--entity", "participant",
         "--key-column", "participant")
    s.ok("codebook", "import", os.path.join(STUDY, "codebook.yaml"))
    s.ok("autocode", os.path.join(STUDY, "autocode.yaml"))
    _study = s
    return s


def all_formats(*args):
    s = study()
    for fmt in ("table", "tsv", "csv", "md", "html", "latex"):
        out = s.ok("matrix", *args, "--format", fmt).out
        check(out.strip(), f"{fmt} output of {args}")
    return s.ok("matrix", *args, "--format", "json").json()


def test_framework_matrix_code_by_case():
    r = all_formats("--rows", "case", "--cols", "theme", "--cell", "count", "--totals")
    eq(len(r["rows"]), 13, "every case of the study")
    eq(len(r["columns"]), 6, "the six themes")
    check(r["total_count"] > 0, "autocoding found codings")


def test_conceptually_clustered_matrix():
    r = all_formats("--rows", "participant", "--cols", "code:T2-strategi-internal",
                    "--cell", "quotes:1", "--no-interviewer", "--drop-empty-rows")
    eq([c["label"] for c in r["columns"]],
       ["delegasi-keluarga-muda", "belajar-youtube", "mahasiswa-magang", "coba-coba"],
       "the members of the pattern code")
    check("Peneliti" not in [x["label"] for x in r["rows"]], "no interviewer row")


def test_role_ordered_matrix():
    r = all_formats("--rows", "participant", "--cols", "theme", "--no-interviewer",
                    "--order-rows", "attr:role")
    eq(r["group"], "role", "grouped by role")
    groups = [x["group"] for x in r["rows"]]
    eq(groups, sorted(groups, key=lambda g: (g == "", g)), "rows in role order")


def test_case_ordered_meta_matrix():
    r = all_formats("--rows", "case", "--cols", "code:kendala", "--order-rows",
                    "attr:years_in_business:desc", "--cell", "count")
    years = [int(x["group"]) for x in r["rows"] if x["group"]]
    eq(years, sorted(years, reverse=True), "cases from the oldest business down")


def test_time_ordered_matrix():
    r = all_formats("--rows", "code", "--cols", "period:month", "--drop-empty-rows")
    labels = [c["label"] for c in r["columns"]]
    check("2024-06" in labels and "2024-07" in labels, f"months of the fieldwork: {labels}")


def test_checklist_matrix():
    r = all_formats("--rows", "code:kendala", "--cols", "case", "--cell", "presence+quotes:1")
    eq([x["label"] for x in r["rows"]],
       ["kendala-waktu", "kendala-tenaga-terampil", "kendala-perangkat-internet", "kendala-biaya"],
       "components of one domain")
    marked = [c for c in r["cells"] if c["value"].startswith("x ")]
    check(marked and all(len(c["quotes"]) == 1 for c in marked), "a mark and a supporting quote")


main(globals())
