"""qda audit report: the six categories of the audit trail, then the auditor's checks; and
qda instrument link/list, the instruments of the sixth category."""
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main  # noqa: E402

DEWI = os.path.join(SOURCE, "examples", "umkm-medan", "interviews", "u04-dewi.md")
RINA = os.path.join(SOURCE, "examples", "umkm-medan", "interviews", "u01-rina.md")
GUIDE = "# Panduan wawancara <v1>\n\n1. Ceritakan usaha Anda.\n2. Alat digital apa yang dipakai?\n"
CATEGORIES = ["raw-data", "reduction", "reconstruction", "process", "intentions", "instruments"]


def report(s, *args):
    return s.ok("audit", "report", "--format", "json", *args).json()


def section(j, key):
    return next(x for x in j["sections"] if x["key"] == key)


def table(j, key, name):
    return next(t for t in section(j, key)["tables"] if t["name"] == name)["rows"]


def checks(j):
    return {r["check"]: r["status"] for r in table(j, "checks", "summary")}


def findings(j, check_key):
    return [r["finding"] for r in table(j, "checks", "findings") if r["check"] == check_key]


def coding_id(s, text):
    return next(c["id"] for c in s.ok("codings", "--format", "json").json()["codings"] if c["text"] == text)


def study():
    """A project with something in every category and something for every check to find."""
    s = Scenario()
    s.write("panduan.md", GUIDE)
    s.ok("import", "panduan.md", "--kind", "instrument")
    s.ok("import", DEWI, RINA, "--kind", "interview")
    s.ok("instrument", "link", "panduan", "u04-dewi", "--why", "Dewi was interviewed with guide v1")
    # an observation in which the theme below is silent
    s.write("obs-toko.md", "Rabu, 10 Juli 2024, 09.30 WIB\nKak Dewi membuka Seller Centre dan memeriksa pesanan.\n")
    s.ok("import", "obs-toko.md", "--kind", "observation", "--case", "U04")
    s.ok("instrument", "link", "panduan", "obs-toko", "--why", "the observation followed the same guide")
    s.ok("memo", "add", "--on", "project", "--type", "reflexive", "--title", "<b>Harapan</b>",
         "Saya menduga pemilik UMKM memakai AI tanpa menyebutnya.")
    s.ok("code", "u04-dewi", "fitur-otomatis", "--match", "balasan otomatis", "--create")
    s.ok("code", "u04-dewi", "fitur-otomatis", "--match", "template jawaban")
    s.ok("code", "u04-dewi", "tidak-pakai-ai", "--match", "nggak pakai AI sama sekali", "--create")
    s.ok("code", "u04-dewi", "biaya", "--match", "otomatis", "--nth", "1", "--create")
    s.ok("memo", "add", "--on", "project", "--type", "method", "--title", "Satuan analisis",
         "Giliran bicara adalah satuan analisis.")
    s.ok("memo", "add", "--on", "code:fitur-otomatis", "--type", "analytic", "Disebut fitur, bukan AI.")
    s.ok("codes", "add", "T-ai-tersembunyi", "--pattern", "--member", "tidak-pakai-ai", "--member",
         "fitur-otomatis")
    # a claim whose evidence is then uncoded
    gone = coding_id(s, "template jawaban")
    s.ok("claim", "add", "Template dipakai setiap hari", "--evidence", f"coding:{gone}")
    s.ok("claim", "add", "Pemilik memakai AI tanpa menyebutnya", "--theme", "T-ai-tersembunyi",
         "--evidence", f"coding:{coding_id(s, 'balasan otomatis')}")
    s.ok("uncode", "u04-dewi", "fitur-otomatis", "--match", "template jawaban", "--why", "not a template")
    # a retired code that keeps its codings
    s.ok("codes", "retire", "biaya", "--why", "cost is out of scope")
    # a display made stale by a coding added after it was saved
    s.ok("display", "save", "fw", "--", "--rows", "case", "--cols", "code")
    s.ok("code", "u04-dewi", "fitur-otomatis", "--match", "template jawaban")
    # member checks: one with no response, one with a disputed verdict
    s.ok("membercheck", "send", "--participant", "Kak Dewi", "--artifact", "source:u04-dewi", "--channel",
         "WhatsApp", "--date", "2024-08-15")
    s.ok("membercheck", "none", "--participant", "Kak Dewi", "--date", "2024-09-01")
    s.ok("membercheck", "send", "--participant", "Kak Dewi", "--artifact", "display:fw", "--channel", "email",
         "--date", "2024-09-02")
    s.write("balasan.txt", "Kak Dewi: Saya tidak setuju, itu bukan AI.\n")
    s.ok("membercheck", "respond", "--participant", "Kak Dewi", "--file", "balasan.txt", "--date", "2024-09-05")
    s.ok("membercheck", "verdict", "--participant", "Kak Dewi", "--claim", "2", "--verdict", "disputed",
         "--action", "kept, with her reading noted", "--why", "the participant reads it differently")
    return s


def test_categories_counts_timeline_and_decisions():
    s = study()
    j = report(s)
    eq(j["schema"], "qda.audit-report/1", "schema")
    eq([x["key"] for x in j["sections"]], CATEGORIES + ["checks"], "the six categories, then the checks")
    events = s.ok("audit", "log", "--format", "json").json()["events"]
    eq(j["events"], len(events), "events")
    eq(sum(section(j, k)["fields"]["audit events"] for k in CATEGORIES), len(events),
       "every event falls in exactly one category")
    raw = section(j, "raw-data")
    eq(raw["fields"]["sources"], len(s.ok("sources", "--format", "json").json()["sources"]), "sources")
    eq(raw["fields"]["sources of kind instrument"], 1, "instrument counted")
    eq(raw["fields"]["sources of kind member-check"], 1, "the response is raw data too")
    sha = {r["name"]: r["sha256"] for r in table(j, "raw-data", "sources")}
    with open(DEWI, "rb") as f:
        import hashlib
        eq(sha["u04-dewi"], hashlib.sha256(f.read()).hexdigest(), "raw data with its hash")
    red = section(j, "reduction")
    eq(red["fields"]["codings"], len(s.ok("codings", "--format", "json").json()["codings"]), "codings")
    eq([(r["type"], r["text"]) for r in table(j, "reduction", "memos")],
       [("analytic", "Disebut fitur, bukan AI.")], "analytic memo in reduction")
    eq([r["title"] for r in table(j, "process", "method memos")], ["Satuan analisis"], "method memo in process notes")
    refl = table(j, "intentions", "reflexive memos")
    eq([(r["title"], r["before_coding"]) for r in refl], [("<b>Harapan</b>", True)],
       "reflexive memo in intentions, written before coding")
    eq(section(j, "reconstruction")["fields"]["codes retired"], 1, "retired code counted")
    cb = {r["code"]: r for r in table(j, "reconstruction", "codebook")}
    eq((cb["T-ai-tersembunyi"]["cycle"], cb["T-ai-tersembunyi"]["members"]), (2, "fitur-otomatis, tidak-pakai-ai"),
       "a theme with its member codes")
    eq((cb["biaya"]["status"], cb["biaya"]["codings"]), ("retired", 1), "a retired code keeps its coding")
    claims = {r["id"]: r for r in table(j, "reconstruction", "claims")}
    eq((claims[1]["evidence"], claims[1]["missing"]), (1, 1), "claim 1's evidence is gone")
    eq([(r["name"], r["stale"]) for r in table(j, "reconstruction", "displays")], [("fw", True)], "stale display")
    mc = table(j, "process", "member checks")
    eq([r["status"] for r in mc], ["no-response", "responded"], "member checks")
    # decisions: the events that gave a reason, each in its category
    why = {k: [r["why"] for r in table(j, k, "decisions")] for k in CATEGORIES}
    eq(why["instruments"], ["Dewi was interviewed with guide v1", "the observation followed the same guide"],
       "instrument decisions")
    check("cost is out of scope" in why["reconstruction"], "retire decision in reconstruction", why)
    check("not a template" in why["reduction"], "uncode decision in reduction", why)
    check("the participant reads it differently" in why["process"], "member-check decision", why)
    for k in CATEGORIES:
        tl = table(j, k, "timeline")
        eq(sum(r["events"] for r in tl), section(j, k)["fields"]["audit events"], f"{k} timeline adds up")
    # the instruments category lists the instrument with its sources
    eq([(r["name"], r["sources"]) for r in table(j, "instruments", "instruments")], [("panduan", "obs-toko, u04-dewi")],
       "instrument and its source")
    eq([r["name"] for r in table(j, "instruments", "sources without an instrument")], ["u01-rina"],
       "an interview with no instrument")


def test_checks_name_each_problem():
    s = study()
    j = report(s)
    st = checks(j)
    eq(st["audit-verify"], "pass", "verify passes before tampering")
    eq(st["triangulation-verdicts"], "fail", "a theme silent in some group, with no verdict")
    tri = findings(j, "triangulation-verdicts")
    check(tri and all("T-ai-tersembunyi" in x for x in tri), "names the silent theme", tri)
    f = findings(j, "claims-without-evidence")
    eq(len(f), 1, "one claim lost its evidence")
    check("claim 1" in f[0] and "Template dipakai" in f[0] and "removed" in f[0], "claim finding", f)
    eq(findings(j, "codings-of-inactive-codes"), ['code "biaya" (retired): 1 coding(s)'], "retired code")
    eq(len(findings(j, "stale-displays")), 1, "one stale display")
    check('display "fw"' in findings(j, "stale-displays")[0], "stale display named", j)
    mc = findings(j, "member-checks")
    check(any("member check 1" in x and "no response" in x for x in mc), "no response", mc)
    check(any("disputed claim 2" in x and "kept, with her reading noted" in x for x in mc), "disputed", mc)
    # tamper: a code marked merged behind qda's back (it keeps its codings) -> two findings
    db = sqlite3.connect(s.path("project.qda"))
    db.execute("UPDATE code SET status = 'merged', merged_into = (SELECT id FROM code WHERE name = "
               "'tidak-pakai-ai') WHERE name = 'fitur-otomatis'")
    db.commit()
    db.close()
    j = report(s)
    eq(checks(j)["audit-verify"], "fail", "verify fails after tampering")
    check(any("changed behind qda's back" in x for x in findings(j, "audit-verify")), "verify finding", j)
    check(any('"fitur-otomatis" (merged into "tidak-pakai-ai")' in x
              for x in findings(j, "codings-of-inactive-codes")), "merged code with codings", j)


def test_clean_project_passes():
    s = Scenario()
    s.ok("import", DEWI)
    s.ok("code", "u04-dewi", "fitur-otomatis", "--match", "balasan otomatis", "--create")
    s.ok("claim", "add", "Fitur otomatis dipakai", "--evidence-query", "fitur-otomatis")
    j = report(s)
    eq(checks(j), {"claims-without-evidence": "pass", "codings-of-inactive-codes": "pass",
                   "stale-displays": "pass", "member-checks": "pass", "triangulation-verdicts": "pass",
                   "audit-verify": "pass"}, "every check passes on a clean project")
    eq(findings(j, "audit-verify"), [], "no findings")
    eq(report(s), j, "the same project gives the same report")


def test_markdown_and_html():
    s = study()
    md = s.ok("audit", "report", "--format", "md").out
    for h in ["## Raw data", "## Data reduction and analysis products", "## Reconstruction and synthesis products",
              "## Process notes", "## Intentions and dispositions", "## Instrument development", "## Checks"]:
        check(h + "\n" in md, f"markdown heading {h}", md[:2000])
    check("### decisions" in md and "| claims-without-evidence |" in md, "tables in markdown", md[-3000:])
    eq(s.ok("audit", "report").out, md, "the default format is Markdown")
    r = s.ok("audit", "report", "--format", "html", "--out", "audit.html")
    eq(r.out, "", "--out leaves stdout empty")
    with open(s.path("audit.html"), encoding="utf-8") as f:
        html = f.read()
    check(html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>"), "one complete page", html[:200])
    check("&lt;b&gt;Harapan&lt;/b&gt;" in html and "<b>Harapan" not in html, "memo title escaped", html)
    check("<script" not in html and "src=" not in html and "href=" not in html, "self-contained", html)
    for key in CATEGORIES:
        check(f'<section id="{key}">' in html, f"html section {key}", html[:500])


def test_errors():
    s = study()
    before = s.state()
    s.fails(2, "audit", "report", "--format", "tsv")
    s.fails(73, "audit", "report", "--out", s.path("no", "such", "dir", "r.md"))
    s.fails(65, "instrument", "link", "u04-dewi", "u01-rina")
    r = s.fails(66, "instrument", "link", "panduan", "u01-rinaa")
    check("u01-rina" in r.err, "did you mean", r)
    s.fails(65, "instrument", "link", "panduan", "u04-dewi")
    eq(s.state(), before, "failed commands change nothing")


def test_instrument_link_list_unlink():
    s = Scenario()
    s.write("protokol.md", "# Protokol observasi\n\nCatat alat yang dipakai.\n")
    s.ok("import", "protokol.md", "--kind", "instrument")
    s.ok("import", DEWI, RINA)
    r = s.ok("instrument", "link", "protokol", "u04-dewi", "u01-rina")
    check("2 source(s) linked to protokol" in r.err, "note", r)
    rows = s.ok("instrument", "list", "--format", "json").json()["instruments"]
    eq([(x["instrument"], x["source"]) for x in rows], [("protokol", "u01-rina"), ("protokol", "u04-dewi")], "list")
    s.ok("instrument", "unlink", "protokol", "u01-rina")
    rows = s.ok("instrument", "list", "--format", "json").json()["instruments"]
    eq([x["source"] for x in rows], ["u04-dewi"], "unlinked")
    s.ok("instrument", "unlink", "protokol", "u04-dewi")
    rows = s.ok("instrument", "list", "--format", "json").json()["instruments"]
    eq([x["source"] for x in rows], [None], "an instrument with no source")
    s.write("protokol-v2.md", "# Protokol observasi v2\n\nCatat alat dan siapa yang memakainya.\n")
    s.ok("import", "protokol-v2.md", "--kind", "instrument", "--supersedes", "protokol")
    s.ok("instrument", "link", "protokol-v2", "u04-dewi")
    inst = {r["name"]: r for r in table(report(s), "instruments", "instruments")}
    eq((inst["protokol-v2"]["supersedes"], inst["protokol-v2"]["sources"], inst["protokol"]["sources"]),
       ("protokol", "u04-dewi", ""), "versioned instruments")
    actions = [e["action"] for e in s.ok("audit", "log", "--format", "json").json()["events"]]
    eq(actions[-5:], ["instrument.link", "instrument.unlink", "instrument.unlink", "import", "instrument.link"],
       "audit events")
    eq(s.run("audit", "verify").code, 0, "the links are tracked by the trail")
    db = sqlite3.connect(s.path("project.qda"))
    db.execute("INSERT INTO instrument_link(instrument_id, source_id, linked_at, linked_by) VALUES(1, 2, 'x', 'y')")
    db.commit()
    db.close()
    r = s.run("audit", "verify")
    check(r.code == 1 and "instrument_link row" in r.out, "a link added behind qda's back is found", r)


main(globals())
