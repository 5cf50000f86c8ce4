"""qda network add/list/rm/show: links between codes with evidence, audited; DOT that Graphviz
reads, with Indonesian names (spaces, accents) and quotes."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Scenario, Skip, check, eq, main  # noqa: E402

TEXT = "Waktu habis untuk produksi, jadi tidak sempat belajar AI. Biaya pelatihan mahal.\n"
NAMES = ["kendala waktu", "belajar AI tertunda", 'biaya "mahal" — pelatihan', "sumber\\daya", "Ñusantara"]


def study():
    s = Scenario()
    s.write("catatan.txt", TEXT)
    s.ok("import", "catatan.txt", "--kind", "document")
    rows = [("kendala waktu", 0, 26), ("belajar AI tertunda", 33, 57), ('biaya "mahal" — pelatihan', 58, 80)]
    s.write("c.jsonl", "".join(
        '{"source": "catatan", "start": %d, "end": %d, "code": %s, "coder": "ani"}\n'
        % (a, b, __import__("json").dumps(c)) for c, a, b in rows))
    s.ok("codings", "import", "c.jsonl", "--create-codes")
    for n in NAMES[3:]:
        s.ok("codes", "add", n)
    s.ok("codes", "add", "tema kendala", "--pattern", "--member", "kendala waktu")
    ids = {c["code"]: c["id"] for c in s.ok("codings", "--format", "json").json()["codings"]}
    return s, ids


def links(s, *args):
    return s.ok("network", "list", *args, "--format", "json").json()["links"]


def test_add_list_rm_audited():
    s, ids = study()
    w, b = ids["kendala waktu"], ids["belajar AI tertunda"]
    r = s.ok("network", "add", "kendala waktu", "belajar AI tertunda", "--kind", "leads-to",
             "--evidence", f"coding:{w}", "--evidence", str(b), "--why", "Rina: tidak sempat karena produksi")
    check("link 1 added: kendala waktu -> belajar AI tertunda (leads-to), 2 evidence" in r.err, "note", r)
    s.ok("network", "add", NAMES[2], "belajar AI tertunda", "--kind", "leads-to", "--note", "dugaan")
    s.ok("network", "add", "tema kendala", NAMES[2], "--kind", "part-of")
    got = links(s)
    eq([(l["id"], l["from"], l["to"], l["kind"], l["evidence"], l["missing"]) for l in got],
       [(1, "kendala waktu", "belajar AI tertunda", "leads-to", sorted([w, b]), 0),
        (2, NAMES[2], "belajar AI tertunda", "leads-to", [], 0),
        (3, "tema kendala", NAMES[2], "part-of", [], 0)], "links as entered")
    eq(got[1]["note"], "dugaan", "note")
    eq(got[0]["created_by"], "tester", "who")
    eq([l["id"] for l in links(s, "--kind", "part-of")], [3], "--kind")
    eq([l["id"] for l in links(s, "--code", "belajar AI tertunda")], [1, 2], "--code")
    # The same link again cites more evidence; with nothing new it is refused.
    c = ids[NAMES[2]]
    r = s.ok("network", "add", "kendala waktu", "belajar AI tertunda", "--kind", "leads-to", "--evidence", f"coding:{c}")
    check("link 1: 1 more evidence" in r.err, "more evidence", r)
    eq(links(s)[0]["evidence"], sorted([w, b, c]), "evidence added")
    r = s.fails(65, "network", "add", "kendala waktu", "belajar AI tertunda", "--kind", "leads-to", "--evidence", str(w))
    check("already linked" in r.err, "nothing new", r)
    # Removing needs a reason; the evidence goes with the link.
    r = s.fails(2, "network", "rm", "2")
    check("--why" in r.err, "asks why", r)
    s.ok("network", "rm", "2", "--why", "tidak ada bukti")
    eq([l["id"] for l in links(s)], [1, 3], "removed")
    s.fails(66, "network", "rm", "2", "--why", "again")
    actions = [e["action"] for e in s.ok("audit", "log", "--action", "network.", "--format", "json").json()["events"]]
    eq(actions, ["network.add"] * 4 + ["network.remove"], "one event per change")
    ev = s.ok("audit", "log", "--action", "network.", "--format", "json").json()["events"][0]
    eq(ev["why"], "Rina: tidak sempat karena produksi", "--why kept")
    eq(s.run("audit", "verify").code, 0, "audit verify")


def test_evidence_outlives_its_coding_and_verify_sees_tampering():
    s, ids = study()
    w = ids["kendala waktu"]
    s.ok("network", "add", "kendala waktu", "Ñusantara", "--kind", "leads-to", "--evidence", f"coding:{w}")
    s.ok("uncode", "catatan", "kendala waktu", "--chars", "0-26", "--any-coder")
    l = links(s)[0]
    eq((l["evidence"], l["missing"]), ([w], 1), "evidence kept, shown missing")
    check("(gone)" in s.ok("network", "list").out, "table says gone")
    eq(s.run("audit", "verify").code, 0, "audit verify after uncode")
    import sqlite3
    db = sqlite3.connect(s.path("project.qda"))
    db.execute("UPDATE network_link SET kind = 'contradicts'")
    db.commit()
    db.close()
    r = s.run("audit", "verify")
    eq(r.code, 1, "an edit behind qda's back is found")
    check("network_link" in r.out + r.err, "names the table", r)


def test_refusals_change_nothing():
    s, ids = study()
    s.ok("network", "add", "kendala waktu", "Ñusantara", "--kind", "leads-to")
    before = s.state(), links(s)
    r = s.fails(66, "network", "add", "kendala waktuu", "Ñusantara", "--kind", "leads-to")
    check("did you mean" in r.err, "did-you-mean", r)
    s.fails(65, "network", "add", "Ñusantara", "Ñusantara", "--kind", "leads-to")
    r = s.fails(66, "network", "add", "kendala waktu", "sumber\\daya", "--kind", "leads-to", "--evidence", "coding:999")
    check("coding:999" in r.err, "names the coding", r)
    s.fails(2, "network", "add", "kendala waktu", "sumber\\daya", "--kind", "leads-to", "--evidence", "kode:1")
    r = s.fails(65, "network", "add", "kendala waktu", "sumber\\daya", "--kind", "leads-too")
    check('did you mean "leads-to"' in r.err and "--new-kind" in r.err, "typo of a kind in use", r)
    s.fails(2, "network", "add", "kendala waktu", "sumber\\daya", "--kind", "  ")
    s.fails(2, "network", "add", "kendala waktu", "sumber\\daya")
    s.fails(2, "network", "show", "--format", "svg")
    eq((s.state(), links(s)), before, "nothing changed")
    s.ok("network", "add", "kendala waktu", "sumber\\daya", "--kind", "leads-too", "--new-kind")
    eq(len(links(s)), 2, "--new-kind accepts it")


def dot_study():
    s, ids = study()
    s.ok("network", "add", "kendala waktu", "belajar AI tertunda", "--kind", "leads-to",
         "--evidence", str(ids["kendala waktu"]), "--evidence", str(ids["belajar AI tertunda"]))
    s.ok("network", "add", NAMES[2], "belajar AI tertunda", "--kind", 'memperparah "sangat"')
    s.ok("network", "add", "tema kendala", "sumber\\daya", "--kind", "part-of")
    s.ok("network", "add", "Ñusantara", "kendala waktu", "--kind", "contradicts")
    return s, ids


def test_show_dot_json_tsv():
    s, ids = dot_study()
    dot = s.ok("network", "show", "--format", "dot").out
    check(dot.startswith('digraph "qda network" {\n') and dot.endswith("}\n"), "a digraph", dot)
    labels = re.findall(r'^    "(n\d+)" \[label="((?:[^"\\]|\\.)*)"(?:, shape="box")?\];$', dot, re.M)
    unescape = lambda t: re.sub(r'\\(.)', r'\1', t)  # noqa: E731
    eq(sorted(unescape(l) for _, l in labels), sorted(NAMES + ["tema kendala"]), "every code a node, escaped")
    check('[label="tema kendala", shape="box"]' in dot, "a pattern code is a box", dot)
    check('[label="leads-to (2)"]' in dot, "edge label with evidence count", dot)
    check('[label="memperparah \\"sangat\\""]' in dot, "quotes escaped in kinds", dot)
    eq(len(re.findall(r'^    "n\d+" -> "n\d+"', dot, re.M)), 4, "four edges")
    only = s.ok("network", "show", "--format", "dot", "--kind", "part-of").out
    eq(len(re.findall(r" -> ", only)), 1, "--kind")
    j = s.ok("network", "show", "--format", "json").json()
    eq(j["schema"], "qda.network/1", "schema")
    eq({n["name"]: n["cycle"] for n in j["nodes"]}["tema kendala"], 2, "cycle")
    ev = j["links"][0]["evidence"]
    eq([e["quote"] for e in ev], [TEXT[0:26], TEXT[33:57]], "evidence quoted from the text")
    eq(ev[0]["source"], "catatan", "source")
    tsv = s.ok("network", "show", "--format", "tsv").tsv()
    eq([(r["from"], r["to"], r["kind"]) for r in tsv][0], ("kendala waktu", "belajar AI tertunda", "leads-to"), "tsv")


def test_dot_renders_with_graphviz():
    dot = shutil.which("dot")
    if not dot:
        raise Skip("Graphviz `dot` is not installed: the DOT output was not rendered (install graphviz to run this test)")
    s, _ = dot_study()
    out = s.ok("network", "show", "--format", "dot").out
    p = subprocess.run([dot, "-Tsvg"], input=out.encode(), capture_output=True)
    eq(p.returncode, 0, f"dot -Tsvg: {p.stderr.decode()}")
    svg = p.stdout.decode()
    for name in ("kendala waktu", "Ñusantara", "sumber\\daya", "biaya &quot;mahal&quot; — pelatihan"):
        check(name in svg, f"{name} drawn", svg[:2000])


main(globals())
