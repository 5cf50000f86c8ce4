"""qda triangulate on the example study (examples/umkm-medan): presence, sources, bands and
silence against what the codings say (computed here from `qda codings`, not by the matrix
engine), verdicts recorded, superseded and kept in the audit trail, the quotes side by side,
every format, and the errors."""
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main  # noqa: E402

STUDY = os.path.join(SOURCE, "examples", "umkm-medan")
KINDS = ["interview", "observation", "document"]
_base = None


def build():
    s = Scenario()
    with open(os.path.join(STUDY, "manifest.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f][1:]
    for file, kind, case, *_ in rows:
        s.ok("import", os.path.join(STUDY, file), "--kind", kind, "--case", case)
    s.ok("participants", "interviewer", "Peneliti")
    s.ok("attr", "import", os.path.join(STUDY, "attributes.csv"), "--entity", "case", "--create")
    s.ok("attr", "import", os.path.join(STUDY, "attributes.csv"), "--entity", "participant",
         "--key-column", "participant")
    s.ok("codebook", "import", os.path.join(STUDY, "codebook.yaml"))
    s.ok("autocode", os.path.join(STUDY, "autocode.yaml"), "--why", "first pass")
    s.ok("code", "u04-dewi", "literasi-digital-rendah", "--match", "nggak pakai AI sama sekali")
    s.ok("code", "obs-2024-07-10-dewi", "ai-tanpa-sadar", "--match", "fitur otomatis", "--all")
    s.ok("code", "u02-hendra", "delegasi-keluarga-muda", "--match", "Fajar", "--all")
    return s


def fresh():
    """A copy of the built example project, for tests that record verdicts."""
    global _base
    if _base is None:
        _base = build()
    s = Scenario(init=False)
    src = sqlite3.connect(_base.path("project.qda"))
    dst = sqlite3.connect(s.path("project.qda"))
    src.backup(dst)
    src.close()
    dst.close()
    return s


def members_of(code):
    m = code["members"]
    if isinstance(m, str):
        return {x.strip() for x in m.split(";")}
    return {x["name"] if isinstance(x, dict) else x for x in m}


def verdicts_by_pair(row):
    return {frozenset((p["a"], p["b"])): p["verdict"] and p["verdict"]["verdict"] for p in row["pairs"]}


def tri(s, *args):
    return s.ok("triangulate", *args, "--format", "json").json()


def expected(s, high=0.5, medium=0.2):
    """Per theme and kind: (sources coding it, sources of the kind, band), from the codings."""
    kind_of = {x["name"]: x["kind"] for x in s.ok("sources", "--format", "json").json()["sources"]}
    size = {k: sum(1 for v in kind_of.values() if v == k) for k in KINDS}
    codes = s.ok("codes", "--format", "json").json()["codes"]
    themes = {c["name"]: members_of(c) for c in codes if c["cycle"] == 2}
    codings = s.ok("codings", "--format", "json").json()["codings"]
    out = {}
    for t, members in themes.items():
        for k in KINDS:
            srcs = {c["source"] for c in codings if c["code"] in members and kind_of[c["source"]] == k}
            n = len(srcs)
            band = ("absent" if n == 0 else "high" if n >= high * size[k] - 1e-9
                    else "medium" if n >= medium * size[k] - 1e-9 else "low")
            out[(t, k)] = (n, size[k], band)
    return out


def test_presence_sources_and_bands_follow_the_codings():
    s = fresh()
    r = tri(s, "--across", "kind")
    eq(r["across"], "kind", "across")
    eq(r["bands"]["text"], "high=0.5,medium=0.2", "default thresholds printed with the matrix")
    eq({g["group"]: g["sources"] for g in r["groups"]}, {"interview": 13, "observation": 4, "document": 3},
       "13 interviews, 4 observations, 3 documents")
    want = expected(s)
    eq(len(r["rows"]), 6, "the six themes of the paper")
    for row in r["rows"]:
        for g in row["groups"]:
            n, size, band = want[(row["theme"], g["group"])]
            eq((g["sources"], g["group_sources"], g["band"], g["present"]), (n, size, band, n > 0),
               f"{row['theme']} in {g['group']}")
        eq(row["present_in"], sum(1 for g in row["groups"] if g["present"]), "present_in")


def test_silence_per_pair_and_status_without_verdicts():
    s = fresh()
    r = tri(s, "--across", "kind")
    silent_somewhere = 0
    for row in r["rows"]:
        present = {g["group"]: g["present"] for g in row["groups"]}
        groups = [g["group"] for g in r["groups"]]
        eq([(p["a"], p["b"]) for p in row["pairs"]],
           [(groups[i], groups[j]) for i in range(3) for j in range(i + 1, 3)], "every pair in group order")
        for p in row["pairs"]:
            a, b = present[p["a"]], present[p["b"]]
            want = "none" if a and b else "both" if not a and not b else ("a" if not a else "b")
            eq(p["silence"], want, f"{row['theme']} {p['a']}~{p['b']}")
            eq(p["verdict"], None, "no verdict yet")
        n = sum(present.values())
        want = "absent" if n == 0 else "silent-in-some" if n < 3 else "unjudged"
        eq(row["status"], want, f"{row['theme']} status")
        check(row["status"] != "convergent", "never convergent by counting alone")
        silent_somewhere += n < 3
    check(silent_somewhere > 0, "the example holds a theme silent in some method")


def test_bands_follow_the_thresholds_given_in_any_order():
    s = fresh()
    r = tri(s, "--across", "kind", "--bands", "medium=0.3,high=0.9")
    eq(r["bands"], {"high": 0.9, "medium": 0.3, "text": "high=0.9,medium=0.3"}, "thresholds used")
    want = expected(s, 0.9, 0.3)
    for row in r["rows"]:
        for g in row["groups"]:
            eq(g["band"], want[(row["theme"], g["group"])][2], f"{row['theme']} in {g['group']}")
    table = s.ok("triangulate", "--bands", "medium=0.3,high=0.9").out
    check(re.search(r"^bands:\s+high=0.9,medium=0.3$", table, re.M), "the table prints the thresholds", table)
    tsv = s.ok("triangulate", "--format", "tsv").tsv()
    eq({x["bands"] for x in tsv}, {"high=0.5,medium=0.2"}, "TSV carries the thresholds on every row")
    before = s.state()
    for bad in ("high=0.5", "high=0.2,medium=0.5", "high=0.5,medium=x", "low=0.1,high=0.5,medium=0.2"):
        s.fails(2, "triangulate", "--bands", bad)
    eq(s.state(), before, "nothing changed")


def test_judge_records_supersedes_and_keeps_every_verdict():
    s = fresh()
    r = tri(s, "--across", "kind")
    full = [x["theme"] for x in r["rows"] if x["present_in"] == 3]
    check(full, "a theme present in all three methods", r)
    t = full[0]
    s.ok("triangulate", "judge", t, "--across", "kind", "--pair", "observation:interview",
         "--meaning", "agree", "--examples", "disagree", "--bands", "high=0.6,medium=0.25",
         "--why", "same meaning; the observed examples are of other practices")
    row = next(x for x in tri(s, "--themes", t)["rows"])
    p = next(p for p in row["pairs"] if {p["a"], p["b"]} == {"interview", "observation"})
    eq((p["a"], p["b"], p["verdict"]["verdict"]), ("interview", "observation", "partial"),
       "the pair named in either order; one judgement agrees: partial")
    eq(p["verdict"]["bands"], "high=0.6,medium=0.25", "thresholds recorded with the verdict")
    eq(p["verdict"]["judged_by"], "tester", "who")
    eq(row["status"], "partial", "status follows the verdict")
    s.ok("triangulate", "judge", t, "--pair", "interview:observation", "--meaning", "agree",
         "--examples", "agree", "--why", "re-read the field notes: the same practice")
    s.ok("triangulate", "judge", t, "--pair", "interview:document", "--meaning", "agree",
         "--examples", "agree", "--why", "the programme report says the same")
    row = tri(s, "--themes", t)["rows"][0]
    eq(verdicts_by_pair(row), {frozenset(("interview", "observation")): "agreement",
                               frozenset(("interview", "document")): "agreement",
                               frozenset(("observation", "document")): None}, "the later verdict supersedes")
    eq(row["status"], "unjudged", "one pair is still unjudged: not convergent")
    s.ok("triangulate", "judge", t, "--pair", "observation:document", "--meaning", "agree",
         "--examples", "agree", "--why", "the same in the report and the shops")
    eq(tri(s, "--themes", t)["rows"][0]["status"], "convergent", "every pair judged agreement")
    s.ok("triangulate", "judge", t, "--pair", "observation:document", "--meaning", "disagree",
         "--examples", "disagree", "--why", "the report praises what the shops do not do")
    eq(tri(s, "--themes", t)["rows"][0]["status"], "dissonant", "dissonance")
    vs = s.ok("triangulate", "verdicts", "--format", "json").json()["verdicts"]
    eq([({v["a"], v["b"]}, v["verdict"], v["current"], v["theme"]) for v in vs],
       [({"interview", "observation"}, "partial", False, t), ({"interview", "observation"}, "agreement", True, t),
        ({"interview", "document"}, "agreement", True, t), ({"observation", "document"}, "agreement", False, t),
        ({"observation", "document"}, "dissonance", True, t)], "both stay; the latest is current")
    log = s.ok("audit", "log", "--format", "json").json()["events"]
    judged = [e for e in log if e["action"] == "triangulate.judge"]
    eq(len(judged), 5, "one audit event per verdict")
    eq(judged[0]["why"], "same meaning; the observed examples are of other practices", "the reason")
    s.ok("audit", "verify")


def test_groups_leave_out_member_checks_unless_named():
    s = fresh()
    s.write("balasan.txt", "Kak Dewi: Itu fitur otomatis, bukan AI.\n\nPeneliti: Baik.\n")
    s.ok("import", "balasan.txt", "--kind", "member-check")
    eq([g["group"] for g in tri(s)["groups"]], ["document", "interview", "observation"], "methods only by default")
    eq([g["group"] for g in tri(s, "--groups", "interview,member-check")["groups"]], ["interview", "member-check"], "--groups names them")
    r = s.fails(66, "triangulate", "--groups", "interviews")
    check("interview" in r.err, "did you mean", r)
    s.fails(66, "triangulate", "judge", "T1-literasi-digital-ai-rendah", "--pair", "interview:member-check",
            "--meaning", "agree", "--examples", "agree", "--why", "x")


def test_judge_refuses_bad_input_and_changes_nothing():
    s = fresh()
    theme = tri(s)["rows"][0]["theme"]
    before = s.state()
    args = ["triangulate", "judge", theme, "--pair", "interview:observation", "--meaning", "agree",
            "--examples", "agree"]
    r = s.fails(2, *args)
    check("--why" in r.err, "asks for a reason", r)
    s.fails(2, *args[:-1], "maybe", "--why", "x")
    r = s.fails(66, "triangulate", "judge", theme, "--pair", "interview:observasi", "--meaning",
                "agree", "--examples", "agree", "--why", "x")
    check('did you mean "observation"' in r.err, "did-you-mean for a group", r)
    s.fails(2, "triangulate", "judge", theme, "--pair", "interview:interview", "--meaning", "agree",
            "--examples", "agree", "--why", "x")
    r = s.fails(66, "triangulate", "judge", "T1-literasi-digital-ai-renda", "--pair",
                "interview:observation", "--meaning", "agree", "--examples", "agree", "--why", "x")
    check("did you mean" in r.err, "did-you-mean for a theme", r)
    s.fails(66, "triangulate", "judge", "ai-tanpa-sadar", "--pair", "interview:observation",
            "--meaning", "agree", "--examples", "agree", "--why", "x")  # a code, not a theme
    r = s.fails(2, "triangulate", "--across", "kinds")
    check('did you mean "kind"' in r.err, "did-you-mean for the dimension", r)
    eq(s.state(), before, "nothing changed")
    eq(s.ok("triangulate", "verdicts", "--format", "json").json()["verdicts"], [], "no verdict")


def test_evidence_side_by_side_from_each_group():
    s = fresh()
    r = tri(s)
    row = next(x for x in r["rows"] if x["present_in"] == 2)
    t = row["theme"]
    ev = s.ok("triangulate", "evidence", t, "--quotes", "2", "--format", "json").json()
    eq(ev["theme"], t, "theme")
    eq([g["group"] for g in ev["groups"]], [g["group"] for g in r["groups"]], "every group, in order")
    kind_of = {x["name"]: x["kind"] for x in s.ok("sources", "--format", "json").json()["sources"]}
    codings = {c["id"]: c for c in s.ok("codings", "--format", "json").json()["codings"]}
    members = members_of(s.ok("codes", "show", t, "--format", "json").json())
    for g in row["groups"]:
        qs = [q for q in ev["quotes"] if q["group"] == g["group"]]
        check(len(qs) == min(2, g["codings"]), f"at most 2 quotes from {g['group']}: {len(qs)}")
        for q in qs:
            c = codings[q["coding"]]
            check(c["code"] in members and kind_of[c["source"]] == g["group"],
                  f"quote {q['coding']} is a coding of {t} in a {g['group']}")
            line = next(l for l in s.ok("sources", "text", c["source"], "--lines", f"{c['line']}-{c['line']}",
                                        "--format", "json").json()["lines"])
            check(" ".join(q["text"].split()) in q["context"], f"the context holds the quote: {q}")
            if "\n" not in c["text"]:
                check(q["context"].strip(".") in " ".join(line["text"].split()),
                      f"the context is from line {c['line']}: {q}")
    silent = next(g["group"] for g in row["groups"] if not g["present"])
    present = next(g["group"] for g in row["groups"] if g["present"])
    side = s.ok("triangulate", "evidence", t, "--pair", f"{present}:{silent}", "--format", "md").out
    head = [l for l in side.splitlines() if l.startswith("| #")][0]
    check(present in head and silent in head and head.index(present) < head.index(silent),
          "two columns, in the order asked", side)
    check("(silent: no coding)" in side, "the silent side says so", side)
    ctx = s.ok("triangulate", "evidence", t, "--pair", f"{present}:{silent}", "--context").out
    check(" in: " in ctx, "--context shows the line of each quote", ctx)
    s.fails(2, "triangulate", "evidence", t, "--quotes", "0")


def test_across_roles_and_coders():
    s = fresh()
    r = tri(s, "--across", "attr:role", "--no-interviewer")
    groups = [g["group"] for g in r["groups"]]
    check({"pemilik", "fasilitator", "komunitas"} <= set(groups), f"the three roles: {groups}")
    m = s.ok("matrix", "--rows", "theme", "--cols", "attr:role", "--cell", "sources", "--no-interviewer",
             "--format", "json").json()
    cells = {(m["rows"][c["row"]]["label"], m["columns"][c["col"]]["label"]): c["sources"] for c in m["cells"]}
    for row in r["rows"]:
        for g in row["groups"]:
            eq(g["sources"], cells.get((row["theme"], g["group"]), 0), f"{row['theme']} {g['group']}")
    c = tri(s, "--across", "coder")
    eq([g["group"] for g in c["groups"]], ["tester"], "one coder")
    eq({x["status"] for x in c["rows"]} - {"absent"}, {"unjudged"}, "one group: nothing to compare")


def test_every_format():
    s = fresh()
    for f in ("table", "tsv", "csv", "json", "md", "html"):
        out = s.ok("triangulate", "--format", f).out
        check("T1-literasi-digital-ai-rendah" in out, f"{f} shows the themes", out)
    html = s.ok("triangulate", "--format", "html").out
    check("<table>" in html and "high=0.5,medium=0.2" in html, "HTML with thresholds", html)
    md = s.ok("triangulate", "--across", "kind", "--format", "md").out
    check("interview~observation" in md and "**bands**" in md, "pair columns and bands in md", md)
    s.fails(2, "triangulate", "--format", "latex")
    lvl1 = tri(s, "--level", "1", "--themes", "literasi-digital-rendah,ai-tanpa-sadar")
    eq([x["theme"] for x in lvl1["rows"]], ["literasi-digital-rendah", "ai-tanpa-sadar"], "--level 1 --themes")


main(globals())
