"""qda cooccur: overlap groups and segment counts on hand-computed projects, filters, level 2,
every output format with the frequency flag, and errors."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Scenario, check, eq, main  # noqa: E402

DOC = "kata " * 100  # 500 code points, no turns: positions are easy to count by hand

# Codings of the document, by hand (code, start, end):
#   a [0,10) - b [5,15) - a [12,20)  one group of a and b (chained)
#   b [30,40) - a [35,45)            a second group
#   c [100,140) over b [110,112)     one group of b and c
#   e [200,212) over six d codings   one group of d and e; d is 6 x as frequent as e: flagged
SPANS = [("a", 0, 10), ("b", 5, 15), ("a", 12, 20), ("b", 30, 40), ("a", 35, 45),
         ("c", 100, 140), ("b", 110, 112), ("e", 200, 212)] + [("d", 200 + 2 * i, 201 + 2 * i) for i in range(6)]

TRANSCRIPT = """Peneliti: Apa kendala utama usaha Ibu sekarang?
Rina: Waktu saya habis untuk produksi. Jadi tidak sempat belajar AI.
Peneliti: Bagaimana dengan biaya pelatihan digital?
Rina: Biaya mahal sekali. Anak saya yang bantu pakai ChatGPT.
"""


def codings_tsv(rows):
    return "source\tstart\tend\tcode\tcoder\n" + "".join(f"{s}\t{a}\t{b}\t{c}\t{who}\n" for s, c, a, b, who in rows)


def study():
    s = Scenario()
    s.write("dok.txt", DOC)
    s.write("obs.txt", "Catatan lapangan: pemilik belajar sendiri dari video.\n")
    s.write("wawancara.md", TRANSCRIPT)
    s.ok("import", "dok.txt", "--kind", "document", "--case", "C1")
    s.ok("import", "obs.txt", "--kind", "observation", "--case", "C2")
    s.ok("import", "wawancara.md", "--kind", "interview", "--case", "C1")
    s.ok("participants", "interviewer", "Peneliti")
    rows = [("dok", c, a, b, "ani") for c, a, b in SPANS]
    rows += [("obs", "a", 0, 5, "budi"), ("obs", "b", 2, 8, "budi")]
    s.write("codings.tsv", codings_tsv(rows))
    s.ok("codings", "import", "codings.tsv", "--create-codes")
    return s


def pairs(s, *args):
    """{(code, with): row} from the JSON pairs."""
    j = s.ok("cooccur", *args, "--format", "json").json()
    eq(j["schema"], "qda.cooccur/1", "schema")
    return {(p["code"], p["with"]): p for p in j["pairs"]}, j


def test_overlap_groups_by_hand():
    s = study()
    p, j = pairs(s, "--codes", "a", "--codes", "b", "--codes", "c", "--codes", "d", "--codes", "e", "--kind", "document")
    eq(j["codes"], [{"code": k, "total": n} for k, n in zip("abcde", (3, 3, 1, 6, 1))], "codes in the order named")
    eq((j["unit"], j["level"], j["sources"]), ("overlap", 1, 1), "unit, level, sources")
    eq({k: p[(k, k)]["count"] for k in "abcde"}, {"a": 3, "b": 3, "c": 1, "d": 6, "e": 1}, "diagonal = codings")
    eq(p[("a", "b")]["count"], 2, "a-b: two groups (one chained through a second a)")
    eq(p[("b", "a")]["count"], 2, "symmetric")
    eq(p[("b", "c")]["count"], 1, "b-c")
    eq(p[("a", "c")]["count"], 0, "a and c never overlap")
    eq(p[("d", "e")]["count"], 1, "six d codings inside one e coding: one group")
    check(abs(p[("a", "b")]["c"] - 2 / 4) < 1e-9, "c = 2 / (3 + 3 - 2)", p[("a", "b")])
    check(abs(p[("d", "e")]["c"] - 1 / 6) < 1e-9, "c = 1 / (6 + 1 - 1)", p[("d", "e")])
    eq(p[("d", "e")]["flagged"], True, "6 > 5 x 1: flagged")
    eq(p[("e", "d")]["flagged"], True, "flagged both ways")
    eq(p[("b", "c")]["flagged"], False, "3 vs 1: not flagged")
    eq(p[("a", "a")]["c"], 1.0, "a code with itself")
    eq(len(j["pairs"]), 25, "every ordered pair")


def test_filters_kind_case_coder():
    s = study()
    every, _ = pairs(s, "--codes", "a", "--codes", "b")
    eq((every[("a", "a")]["count"], every[("a", "b")]["count"]), (4, 3), "all sources")
    eq(pairs(s, "--codes", "a", "--codes", "b", "--case", "C2")[0][("a", "b")]["count"], 1, "--case")
    eq(pairs(s, "--codes", "a", "--codes", "b", "--kind", "observation")[0][("a", "b")]["count"], 1, "--kind")
    eq(pairs(s, "--codes", "a", "--codes", "b", "--coder", "ani")[0][("a", "b")]["count"], 2, "--coder")
    s.ok("attr", "set", "--case", "C2", "sektor=kuliner")
    eq(pairs(s, "--codes", "a", "--codes", "b", "--attr", "sektor=kuliner")[0][("a", "a")]["count"], 1, "--attr")
    s.fails(66, "cooccur", "--case", "C3")


def test_level_two_rolls_members_up():
    s = study()
    s.ok("codes", "add", "T1", "--pattern", "--member", "a", "--member", "b")
    s.ok("codes", "add", "T2", "--pattern", "--member", "b", "--member", "c")
    p, j = pairs(s, "--level", "2", "--kind", "document")
    eq([c["code"] for c in j["codes"]], ["T1", "T2"], "every pattern code by default")
    eq((p[("T1", "T1")]["count"], p[("T2", "T2")]["count"]), (6, 4), "a theme's codings are its members'")
    # T2's b [5,15) joins a [0,10), a [12,20) and T1's b [5,15); b [30,40) joins a [35,45);
    # c [100,140) and b [110,112) join T1's b [110,112): three groups.
    eq(p[("T1", "T2")]["count"], 3, "T1-T2 groups")
    check(abs(p[("T1", "T2")]["c"] - 3 / 7) < 1e-9, "c = 3 / (6 + 4 - 3)", p[("T1", "T2")])
    level1, j1 = pairs(s)
    names = [c["code"] for c in j1["codes"]]
    check("T1" not in names and {"a", "b", "c", "d", "e"} <= set(names), "level 1: first-cycle codes", names)
    r = s.fails(2, "cooccur", "--codes", "T1")
    check("--level 2" in r.err, "a pattern code at level 1 says which level", r)
    r = s.fails(2, "cooccur", "--level", "2", "--codes", "a")
    check("--level 1" in r.err, "a first-cycle code at level 2", r)


def turns(s):
    return s.ok("segments", "wawancara", "--unit", "turn", "--text", "--format", "json").json()["segments"]


def test_segment_units_and_speakers():
    s = study()
    t = turns(s)
    eq(len(t), 4, "four turns")
    text = s.ok("sources", "text", "wawancara").out

    def span(turn, words):
        i = text.index(words, t[turn]["start"])
        return i, i + len(words)

    rows = []
    for code, turn, words in (("p", 0, "Apa"), ("q", 0, "usaha"),            # interviewer: same turn, no overlap
                              ("p", 1, "Waktu saya"), ("q", 1, "belajar AI"),  # Rina: two sentences of one turn
                              ("p", 3, "Biaya mahal"), ("q", 3, "mahal sekali"),  # overlapping in one sentence
                              ("r", 3, "ChatGPT")):
        a, b = span(turn, words)
        rows.append(("wawancara", code, a, b, "ani"))
    s.write("more.tsv", codings_tsv(rows))
    s.ok("codings", "import", "more.tsv", "--create-codes")
    codes = ["--codes", "p", "--codes", "q", "--codes", "r", "--kind", "interview"]
    over, _ = pairs(s, *codes)
    eq((over[("p", "p")]["count"], over[("p", "q")]["count"], over[("q", "r")]["count"]), (3, 1, 0), "overlap")
    turn, _ = pairs(s, *codes, "--unit", "segment:turn")
    eq((turn[("p", "p")]["count"], turn[("p", "q")]["count"], turn[("q", "r")]["count"], turn[("p", "r")]["count"]),
       (3, 3, 1, 1), "turns coded with both")
    sent, _ = pairs(s, *codes, "--unit", "segment:sentence")
    eq((sent[("p", "p")]["count"], sent[("p", "q")]["count"], sent[("q", "r")]["count"]), (3, 2, 0),
       "sentences: turn 1 is one sentence; turn 2's two sentences part p and q")
    para, j = pairs(s, *codes, "--unit", "segment:paragraph")
    eq(j["unit"], "segment:paragraph", "unit named")
    no_int, _ = pairs(s, *codes, "--unit", "segment:turn", "--no-interviewer")
    eq((no_int[("p", "p")]["count"], no_int[("p", "q")]["count"]), (2, 2), "--no-interviewer drops turn 1")
    rina, _ = pairs(s, *codes, "--unit", "segment:turn", "--speaker", "Rina")
    eq(rina, no_int, "--speaker Rina")
    # A document has no turns: counted by paragraph, and said so.
    r = s.ok("cooccur", "--codes", "a", "--codes", "b", "--unit", "segment:turn", "--kind", "document", "--format", "json")
    eq(r.json()["fallback_sources"], 1, "fallback counted")
    check("counted by paragraph" in r.err, "fallback noted on stderr", r)
    eq(r.json()["pairs"][1]["count"], 1, "the whole document is one paragraph: a and b meet once")


def test_every_format_shows_the_flag():
    s = study()
    base = ["cooccur", "--codes", "d", "--codes", "e", "--codes", "a", "--kind", "document"]
    table = s.ok(*base).out
    check("1*" in table and "6" in table, "table: count with marker", table)
    check("* one code of the pair is more than 5 times" in table, "table: legend", table)
    c = s.ok(*base, "--measure", "c").out
    check("0.17*" in c and "1.00" in c, "table: c with marker", c)
    md = s.ok(*base, "--format", "md").out
    check("| 1* |" in md.replace("  ", " ") or "1*" in md, "md marker", md)
    html = s.ok(*base, "--format", "html", "--measure", "c").out
    check("0.17*" in html and "<table" in html, "html", html)
    latex = s.ok(*base, "--format", "latex").out
    check("1*" in latex and "tabular" in latex, "latex", latex)
    tsv = s.ok(*base, "--format", "tsv").tsv()
    de = [r for r in tsv if r["code"] == "d" and r["with"] == "e"][0]
    eq((de["count"], de["flagged"], de["n_code"], de["n_with"]), ("1", "true", "6", "1"), "tsv row")
    csv_out = s.ok(*base, "--format", "csv").out
    check(csv_out.startswith("code,with,n_code,n_with,count,c,flagged\n") and "d,e,6,1,1,0.166667,true" in csv_out,
          "csv row", csv_out)
    aa = [r for r in tsv if r["code"] == "a" and r["with"] == "d"][0]
    eq((aa["count"], aa["flagged"]), ("0", "false"), "no overlap, 3 vs 6: not flagged")
    jl = s.ok(*base, "--format", "jsonl").out.strip().split("\n")
    eq(len(jl), 9, "jsonl: one line per pair")


def test_empty_project_and_errors():
    s = Scenario()
    r = s.ok("cooccur", "--format", "json").json()
    eq((r["codes"], r["pairs"]), ([], []), "no codes: empty")
    s2 = study()
    before = s2.state()
    r = s2.fails(66, "cooccur", "--codes", "kode-x")
    r = s2.fails(66, "cooccur", "--codes", "aa")
    s2.fails(2, "cooccur", "--unit", "segment:line")
    s2.fails(2, "cooccur", "--measure", "phi")
    s2.fails(2, "cooccur", "--level", "3")
    s2.fails(2, "cooccur", "--format", "dot")
    eq(s2.state(), before, "nothing changed")
    eq(s2.run("audit", "verify").code, 0, "audit verify")


def groups_by_definition(spans, a, b):
    """Overlap groups of codes a and b, straight from the definition: a union-find over the
    codings of a and b joined by every a-b pair that shares a character."""
    idx = [i for i, (c, _, _) in enumerate(spans) if c in (a, b)]
    parent = {i: i for i in idx}

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i
    for i in idx:
        for j in idx:
            ci, si, ei = spans[i]
            cj, sj, ej = spans[j]
            if ci == a and cj == b and si < ej and sj < ei:
                parent[root(i)] = root(j)
    members = {}
    for i in idx:
        members.setdefault(root(i), set()).add(spans[i][0])
    return sum(1 for m in members.values() if m == {a, b})


def test_overlap_matches_the_definition_on_random_codings():
    import random
    rng = random.Random(7)
    s = Scenario()
    s.write("dok.txt", DOC)
    s.ok("import", "dok.txt", "--kind", "document")
    spans = set()
    while len(spans) < 120:
        start = rng.randrange(0, 480)
        spans.add((rng.choice("wxyz"), start, start + rng.randint(1, 20)))
    spans = sorted(spans)
    s.write("rand.tsv", codings_tsv([("dok", c, a, b, "ani") for c, a, b in spans]))
    s.ok("codings", "import", "rand.tsv", "--create-codes")
    p, _ = pairs(s, "--codes", "w", "--codes", "x", "--codes", "y", "--codes", "z")
    for a in "wxyz":
        eq(p[(a, a)]["count"], sum(1 for c, _, _ in spans if c == a), f"n_{a}")
        for b in "wxyz":
            if a != b:
                eq(p[(a, b)]["count"], groups_by_definition(spans, a, b), f"groups {a}-{b}")


main(globals())
