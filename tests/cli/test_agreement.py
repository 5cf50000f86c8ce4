"""qda agreement: coefficients on reliability data files and on a project's coders (character,
segment and unitized units), disagreements, reconcile and assignments."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main  # noqa: E402

DEWI = os.path.join(SOURCE, "examples", "umkm-medan", "interviews", "u04-dewi.md")

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers x 12
# units, empty cells missing. Published: nominal .743, ordinal .815, interval .849, ratio .797.
K2011 = ("unit,A,B,C,D\n1,1,1,,1\n2,2,2,3,2\n3,3,3,3,3\n4,3,3,3,3\n5,2,2,2,2\n6,1,2,3,4\n"
         "7,4,4,4,4\n8,1,1,2,1\n9,2,2,2,2\n10,,5,5,5\n11,,,1,1\n12,,3,,\n")


def row(r, code="(all)", source="(all)"):
    rows = [x for x in r.json()["agreement"] if x["code"] == code and x["source"] == source]
    check(len(rows) == 1, f"one row for {code}/{source}", r)
    return rows[0]


def test_data_file_matches_krippendorff_2011_at_every_level():
    s = Scenario(init=False)
    s.write("k.csv", K2011)
    for level, want in (("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)):
        r = s.ok("agreement", "--data", "k.csv", "--level", level, "--format", "json")
        got = r.json()["agreement"][0]
        eq(round(got["alpha"], 3), want, f"{level} alpha")
        eq(got["units"], 11, "unit 12 has one value: not pairable")
        eq(r.json()["level"], level, "level reported")
    # Coders as rows, "." as missing: the same numbers.
    cols = [l.split(",") for l in K2011.strip().split("\n")]
    rows = ["\t".join([cols[0][c]] + [(cols[u][c] or ".") for u in range(1, len(cols))]) for c in range(1, 5)]
    s.write("k.tsv", "coder\t" + "\t".join(str(u) for u in range(1, 13)) + "\n" + "\n".join(rows) + "\n")
    r = s.ok("agreement", "--data", "k.tsv", "--transpose", "--missing", ".", "--format", "json")
    eq(round(r.json()["agreement"][0]["alpha"], 3), 0.743, "transposed TSV")


def test_data_file_cohen_kappa_textbook_example():
    # 50 proposals, two readers: 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no: kappa 0.40.
    lines = ["A,B"] + ["yes,yes"] * 20 + ["yes,no"] * 5 + ["no,yes"] * 10 + ["no,no"] * 15
    s = Scenario(init=False)
    s.write("p.csv", "\n".join(lines) + "\n")
    got = s.ok("agreement", "--data", "p.csv", "--format", "json").json()["agreement"][0]
    eq(round(got["cohen_kappa"], 6), 0.4, "Cohen's kappa")
    eq(round(got["percent"], 6), 0.7, "percent agreement")
    eq(got["units"], 50, "units")


def test_data_file_bootstrap_is_seeded_and_errors_name_the_line():
    s = Scenario(init=False)
    s.write("k.csv", K2011)
    a = s.ok("agreement", "--data", "k.csv", "--bootstrap", "300", "--seed", "7", "--format", "json").json()
    b = s.ok("agreement", "--data", "k.csv", "--bootstrap", "300", "--seed", "7", "--format", "json").json()
    eq(a, b, "same seed, same output")
    lo, hi = a["agreement"][0]["alpha_low"], a["agreement"][0]["alpha_high"]
    check(lo <= 0.743 <= hi and lo < hi, f"interval [{lo}, {hi}] holds alpha")
    s.write("bad.csv", "A,B\n1,2\n3,x\n")
    r = s.fails(65, "agreement", "--data", "bad.csv", "--level", "interval")
    check("bad.csv:3" in r.err and '"x" is not a number' in r.err, "names the file and line", r)
    s.fails(66, "agreement", "--data", "nothing.csv")
    s.fails(2, "agreement", "--data", "k.csv", "--level", "cardinal")
    s.fails(2, "agreement", "--data", "k.csv", "--coders", "A,B")


def char_project():
    """A 20-character source; coder ani codes [2,10), coder budi [4,12)."""
    s = Scenario()
    s.write("t.txt", "abcdefghijklmnopqrst")
    s.ok("import", "t.txt", "--kind", "document")
    eq(s.ok("sources", "show", "t", "--format", "json").json()["chars"], 20, "20 code points")
    s.ok("--coder", "ani", "code", "t", "tema", "--chars", "2-10", "--create")
    s.ok("--coder", "budi", "code", "t", "tema", "--chars", "4-12")
    return s


def test_character_units_known_answer():
    # 6 characters both, 2 ani only, 2 budi only, 10 neither: p_o = 0.8, kappa = 0.28/0.48,
    # alpha = 1 - 39*8/(1600 - 256 - 576) = 0.59375.
    s = char_project()
    r = s.ok("agreement", "--coders", "ani,budi", "--format", "json")
    eq(r.json()["unit"], "character", "unit named")
    got = row(r, "tema")
    eq(got["units"], 20, "each character is a unit")
    eq(round(got["percent"], 6), 0.8, "percent")
    eq(round(got["cohen_kappa"], 6), round(0.28 / 0.48, 6), "Cohen's kappa")
    eq(round(got["alpha"], 6), 0.59375, "alpha")
    eq(got["undefined"], "", "all defined")
    swapped = row(s.ok("agreement", "--coders", "budi,ani", "--format", "json"), "tema")
    eq(round(swapped["alpha"], 9), round(got["alpha"], 9), "swapping coders changes nothing")
    # A third coder who was not assigned the source is missing, not "not coded".
    s.ok("--coder", "citra", "code", "t", "tema", "--chars", "0-1")
    s.ok("--coder", "citra", "uncode", "t", "tema", "--chars", "0-1")
    s.ok("import", DEWI)
    s.ok("agreement", "assign", "citra", "u04-dewi", "--why", "citra coded only Dewi")
    three = row(s.ok("agreement", "--coders", "ani,budi,citra", "--sources", "t", "--format", "json"), "tema")
    eq(round(three["alpha"], 6), 0.59375, "an unassigned coder leaves alpha unchanged")
    check("citra was not assigned 1 of the 1 source(s)" in s.ok("agreement", "--coders", "ani,budi,citra",
          "--sources", "t", "--format", "json").json()["notes"], "note says so")
    eq(s.ok("agreement", "assignments", "--format", "json").json()["assignments"][0]["source"], "u04-dewi",
       "assignments")
    eq(s.run("audit", "verify").code, 0, "audit verify after an assignment")
    s.ok("agreement", "assign", "citra", "u04-dewi", "--remove", "--why", "undo")
    eq(s.ok("agreement", "assignments", "--format", "json").json()["assignments"], [], "withdrawn")
    eq([e["action"] for e in s.ok("audit", "log", "--action", "agreement.", "--format", "json").json()["events"]],
       ["agreement.assign", "agreement.unassign"], "one event each")


def test_pattern_codes_stand_for_their_members():
    # Level 2: a pattern code counts a coding of any member; ani and budi used different members
    # of the same theme on the same characters, so they agree fully on the theme.
    s = Scenario()
    s.write("t.txt", "abcdefghijklmnopqrst")
    s.ok("import", "t.txt")
    s.ok("--coder", "ani", "code", "t", "m1", "--chars", "2-10", "--create")
    s.ok("--coder", "budi", "code", "t", "m2", "--chars", "2-10", "--create")
    s.ok("codes", "add", "tema", "--pattern", "--member", "m1", "--member", "m2")
    level1 = s.ok("agreement", "--coders", "ani,budi", "--level", "1", "--format", "json").json()
    eq(sorted(x["code"] for x in level1["agreement"]), ["(all)", "m1", "m2"], "first-cycle codes")
    level2 = s.ok("agreement", "--coders", "ani,budi", "--level", "2", "--format", "json")
    eq(row(level2, "tema")["alpha"], 1.0, "the theme is agreed")
    eq(row(s.ok("agreement", "--coders", "ani,budi", "--codes", "tema", "--format", "json"), "tema")["percent"],
       1.0, "--codes with a pattern code")


def test_project_bootstrap_and_grouping():
    s = char_project()
    s.write("u.txt", "0123456789")
    s.ok("import", "u.txt")
    s.ok("--coder", "ani", "code", "u", "tema", "--chars", "0-5")
    s.ok("--coder", "budi", "code", "u", "tema", "--chars", "0-5")
    args = ("agreement", "--coders", "ani,budi", "--bootstrap", "200", "--seed", "3", "--format", "json")
    a, b = s.ok(*args).json(), s.ok(*args).json()
    eq(a, b, "seeded: same interval")
    got = row(s.ok(*args), "tema")
    check(got["alpha_low"] <= got["alpha"] <= got["alpha_high"], "interval holds alpha", got)
    by_source = s.ok("agreement", "--coders", "ani,budi", "--by", "source", "--format", "json")
    eq(row(by_source, "(all)", "u")["alpha"], 1.0, "u: full agreement")
    eq(round(row(by_source, "(all)", "t")["alpha"], 6), 0.59375, "t as before")
    eq(row(by_source)["units"], 30, "overall pools both sources")
    none = s.ok("agreement", "--coders", "ani,budi", "--by", "none", "--format", "json").json()["agreement"]
    eq([(x["code"], x["source"]) for x in none], [("(all)", "(all)")], "--by none: overall only")
    s.fails(2, "agreement", "--coders", "ani,budi", "--by", "case")


def test_undefined_is_said_not_printed():
    s = Scenario()
    s.write("t.txt", "abcdefghij")
    s.ok("import", "t.txt")
    s.ok("--coder", "ani", "code", "t", "semua", "--chars", "0-10", "--create")
    s.ok("--coder", "budi", "code", "t", "semua", "--chars", "0-10")
    got = row(s.ok("agreement", "--coders", "ani,budi", "--format", "json"), "semua")
    eq(got["alpha"], None, "alpha undefined")
    eq(got["percent"], 1.0, "percent is defined")
    check("alpha: no variation" in got["undefined"], "says why", got)


def test_segment_units_and_categorical():
    s = Scenario()
    s.ok("import", DEWI, "--kind", "interview")
    s.ok("--coder", "ani", "code", "u04-dewi", "a", "--segment", "3", "--create")
    s.ok("--coder", "ani", "code", "u04-dewi", "b", "--segment", "5", "--create")
    s.ok("--coder", "budi", "code", "u04-dewi", "a", "--segment", "3")
    s.ok("--coder", "budi", "code", "u04-dewi", "a", "--segment", "5")
    turns = len(s.ok("segments", "u04-dewi", "--format", "json").json()["segments"])
    r = s.ok("agreement", "--coders", "ani,budi", "--unit", "turn", "--format", "json")
    a, b = row(r, "a"), row(r, "b")
    eq(a["units"], turns, "one unit per turn")
    eq(round(a["percent"], 6), round((turns - 1) / turns, 6), "a: one turn differs")
    # a: turn 3 both, turn 5 budi only. b: turn 5 ani only.
    n = turns
    p_e = (1 / n) * (2 / n) + ((n - 1) / n) * ((n - 2) / n)
    eq(round(a["cohen_kappa"], 6), round(((n - 1) / n - p_e) / (1 - p_e), 6), "Cohen's kappa on turns")
    # b: ani's one turn against none of budi's: o_01 = o_10 = 1 and alpha = 1 - (2n-1)*2/(2(2n-1)) = 0.
    eq(round(b["alpha"], 9), 0.0, "b never agreed")
    cat = s.ok("agreement", "--coders", "ani,budi", "--unit", "turn", "--categorical", "a,b", "--format", "json")
    eq(row(cat, "a|b")["units"], turns, "categorical: one value per turn")
    eq(row(cat, "a|b")["percent"] * turns, turns - 1, "categorical: turn 5 differs (b vs a)")
    d = s.ok("agreement", "disagreements", "--coders", "ani,budi", "--unit", "turn", "--categorical", "a,b",
             "--format", "json").json()["disagreements"]
    eq([(x["segment"], x["values"]) for x in d], [(5, "ani=b; budi=a")], "categorical disagreement")
    s.fails(2, "agreement", "--coders", "ani,budi", "--categorical", "a,b")


def test_disagreements_and_reconcile():
    s = char_project()
    d = s.ok("agreement", "disagreements", "--coders", "ani,budi", "--format", "json").json()["disagreements"]
    eq([(x["start"], x["end"], x["text"], x["applied_by"], x["not_applied_by"]) for x in d],
       [(2, 4, "cd", "ani", "budi"), (10, 12, "kl", "budi", "ani")], "who applied what, with the text")
    before = s.state()
    r = s.fails(2, "agreement", "reconcile", "--coders", "ani,budi")
    check("--why" in r.err, "a reason is required", r)
    s.fails(2, "agreement", "reconcile", "--coders", "ani,budi", "--into", "ani", "--why", "x")
    eq(s.state(), before, "refusals change nothing")
    r = s.ok("agreement", "reconcile", "--coders", "ani,budi", "--why", "discussed on 3 July")
    check("1 coding(s) written under consensus" in r.err, "reports", r)
    got = s.ok("codings", "--coder", "consensus", "--format", "json").json()["codings"]
    eq([(c["start"], c["end"], c["code"]) for c in got], [(4, 10, "tema")], "agreed characters only")
    s.ok("agreement", "reconcile", "--coders", "ani,budi", "--take", "union", "--into", "union-set", "--why", "all")
    got = s.ok("codings", "--coder", "union-set", "--format", "json").json()["codings"]
    eq([(c["start"], c["end"]) for c in got], [(2, 12)], "union")
    ev = s.ok("audit", "log", "--action", "agreement.", "--format", "json").json()["events"]
    eq([e["action"] for e in ev], ["agreement.reconcile", "agreement.reconcile"], "one event each")
    eq(ev[0]["why"], "discussed on 3 July", "reason kept")
    eq(s.run("audit", "verify").code, 0, "audit verify")
    # Consensus against a coder: 6 of 8 coded characters agree.
    got = row(s.ok("agreement", "--coders", "ani,consensus", "--format", "json"), "tema")
    eq(round(got["percent"], 6), 0.9, "consensus vs ani")


def test_unitized_perfect_and_partial():
    s = char_project()
    got = row(s.ok("agreement", "--coders", "ani,budi", "--unit", "unitized", "--format", "json"), "tema")
    check(got["alpha"] is not None and 0 < got["alpha"] < 1, "partial overlap gives 0 < u-alpha < 1", got)
    eq(got["percent"], None, "no percent for unitized data")
    s.ok("--coder", "citra", "code", "t", "tema", "--chars", "2-10")
    got = row(s.ok("agreement", "--coders", "ani,citra", "--unit", "unitized", "--format", "json"), "tema")
    eq(got["alpha"], 1.0, "identical units give 1")


def test_usage_errors_name_the_problem():
    s = char_project()
    r = s.fails(66, "agreement", "--coders", "ani,bdi")
    check('did you mean "budi"' in r.err, "did you mean", r)
    s.fails(2, "agreement", "--coders", "ani")
    r = s.fails(2, "agreement", "--coders", "ani,budi", "--unit", "sentense")
    check('did you mean "sentence"' in r.err, "did you mean a unit", r)
    s.fails(2, "agreement", "--coders", "ani,budi", "--level", "3")
    s.fails(66, "agreement", "--coders", "ani,budi", "--codes", "tma")
    for fmt in ("table", "tsv", "csv", "md"):
        out = s.ok("agreement", "--coders", "ani,budi", "--format", fmt).out
        check("0.59375" in out, f"{fmt} shows alpha", out)


if __name__ == "__main__":
    main(globals())
