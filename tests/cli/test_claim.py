"""qda claim add/list/show/revise/withdraw: findings tied to codings, traced to quotes and
sources with their hashes."""
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main  # noqa: E402

DEWI = os.path.join(SOURCE, "examples", "umkm-medan", "interviews", "u04-dewi.md")


def study():
    s = Scenario()
    s.ok("import", DEWI)
    s.ok("code", "u04-dewi", "tidak-pakai-ai", "--match", "nggak pakai AI sama sekali", "--create")
    s.ok("code", "u04-dewi", "fitur-otomatis", "--match", "balasan otomatis", "--create")
    s.ok("code", "u04-dewi", "fitur-otomatis", "--match", "template jawaban")
    s.ok("codes", "add", "T-ai-tersembunyi", "--pattern", "--member", "tidak-pakai-ai", "--member", "fitur-otomatis")
    return s


def codings(s):
    return {c["text"]: c["id"] for c in s.ok("codings", "--format", "json").json()["codings"]}


def test_add_and_show_trace_claim_to_quotes_and_sources():
    s = study()
    ids = codings(s)
    r = s.ok("claim", "add", "Pemilik memakai fitur AI tanpa menyebutnya AI", "--theme", "T-ai-tersembunyi",
             "--evidence", f"coding:{ids['nggak pakai AI sama sekali']}", "--evidence", str(ids["balasan otomatis"]))
    check("claim 1 added: 2 piece(s) of evidence from 1 source(s)" in r.err, "summary", r)
    j = s.ok("claim", "show", "1", "--format", "json").json()
    eq((j["schema"], j["theme"], j["status"], j["sources"], j["missing"]), ("qda.claim/1", "T-ai-tersembunyi", "active", 1, 0), "claim")
    with open(DEWI, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    eq([(e["quote"], e["source"], e["case"], e["source_sha256"], e["present"]) for e in j["evidence"]],
       [("nggak pakai AI sama sekali", "u04-dewi", "U04", sha, True),
        ("balasan otomatis", "u04-dewi", "U04", sha, True)], "quotes, sources and their hashes, in text order")
    check(all(e["line"] > 10 for e in j["evidence"]), "lines", j)
    out = s.ok("claim", "show", "1").out
    check("nggak pakai AI sama sekali" in out and sha in out, "the chain for people", out)
    eq(s.run("audit", "verify").code, 0, "audit verify")


def test_evidence_query_and_list():
    s = study()
    s.ok("claim", "add", "Fitur otomatis dipakai setiap hari", "--evidence-query", "fitur-otomatis")
    j = s.ok("claim", "show", "1", "--format", "json").json()
    eq(sorted(e["quote"] for e in j["evidence"]), ["balasan otomatis", "template jawaban"], "the query's codings")
    eq(j["evidence_query"], "fitur-otomatis", "query kept")
    s.ok("claim", "add", "Dewi menolak label AI", "--evidence-query", "tidak-pakai-ai", "--theme", "tidak-pakai-ai")
    rows = s.ok("claim", "list", "--format", "tsv").tsv()
    eq([(r["id"], r["evidence_sources"], r["missing_evidence"]) for r in rows], [("1", "1", "0"), ("2", "1", "0")], "list")
    eq([r["id"] for r in s.ok("claim", "list", "--theme", "tidak-pakai-ai", "--format", "tsv").tsv()], ["2"], "--theme")
    s.fails(65, "claim", "add", "Tidak ada", "--evidence-query", "fitur-otomatis AND tidak-pakai-ai")


def test_bad_claims_change_nothing():
    s = study()
    before = s.state()
    s.fails(2, "claim", "add", "Tanpa bukti")
    s.fails(2, "claim", "add", "Bukti salah tulis", "--evidence", "kode:3")
    s.fails(66, "claim", "add", "Bukti hilang", "--evidence", "coding:999")
    r = s.fails(66, "claim", "add", "Tema salah", "--theme", "T-ai-tersembunyii", "--evidence", "coding:1")
    check("T-ai-tersembunyi" in r.err, "did you mean", r)
    eq(s.state(), before, "nothing changed")


def test_revise_withdraw_need_why_and_keep_history():
    s = study()
    ids = codings(s)
    s.ok("claim", "add", "Draf", "--evidence", f"coding:{ids['balasan otomatis']}")
    s.fails(2, "claim", "revise", "1", "Versi dua")
    s.ok("claim", "revise", "1", "Versi dua", "--add-evidence", f"coding:{ids['template jawaban']}",
         "--why", "kutipan kedua memperkuat")
    j = s.ok("claim", "show", "1", "--format", "json").json()
    eq((j["text"], len(j["evidence"])), ("Versi dua", 2), "revised")
    s.ok("claim", "revise", "1", "--drop-evidence", f"coding:{ids['balasan otomatis']}", "--why", "kurang tepat")
    eq([e["quote"] for e in s.ok("claim", "show", "1", "--format", "json").json()["evidence"]], ["template jawaban"], "dropped")
    s.fails(65, "claim", "revise", "1", "--drop-evidence", f"coding:{ids['template jawaban']}", "--why", "kosong")
    # Evidence whose coding is removed later is flagged, not lost.
    s.ok("uncode", "u04-dewi", "fitur-otomatis", "--match", "template jawaban")
    j = s.ok("claim", "show", "1", "--format", "json").json()
    eq((j["missing"], j["evidence"][0]["present"], j["evidence"][0]["quote"]), (1, False, "template jawaban"), "flagged")
    s.fails(2, "claim", "withdraw", "1")
    s.ok("claim", "withdraw", "1", "--why", "tidak didukung data lagi")
    eq(s.ok("claim", "show", "1", "--format", "json").json()["status"], "withdrawn", "withdrawn")
    s.fails(65, "claim", "revise", "1", "Lagi", "--why", "x")
    log = s.ok("audit", "log", "--action", "claim.", "--format", "json").json()["events"]
    eq([e["action"] for e in log], ["claim.add", "claim.revise", "claim.revise", "claim.withdraw"], "every step in the trail")
    eq(log[1]["why"], "kutipan kedua memperkuat", "reason kept")
    eq(s.run("audit", "verify").code, 0, "audit verify")


main(globals())
