"""qda autocode: dry run, run, no duplicates, undo, runs, and errors naming the rules file line."""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Scenario, check, eq, main  # noqa: E402

W1 = """Peneliti: Kakak pakai fitur otomatis? Belajar dari YouTube?

Kiki: Iya, Fitur  Otomatis dari Shopee. Saya belajar dari YOUTUBE. Dulu anak magang bantu.

Peneliti: Magang dari mana?

Kiki: Magang dari kampus. Magangnya tiga bulan. Auto-reply juga pakai.
"""
W2 = """Peneliti: Ada kendala?

Budi: Nggak sempat, Kak. Tutorial di youtube-nya panjang kali.
"""
DOC = "Laporan: peserta belajar dari YouTube dan tutorial.\n"

RULES = """# rules for the test
rules:
  - code: ai-tanpa-sadar
    words: [fitur otomatis, auto-reply]
    not_interviewer: true
  - code: belajar-youtube
    words: [youtube, tutorial]
    not_interviewer: true
    source: {kind: interview}
  - code: mahasiswa-magang
    words: magang
    not_interviewer: true
    scope: sentence
  - code: kendala-waktu
    create: true
    regex: 'nggak\\s+sempat'
    ignore_case: true
"""


def study():
    s = Scenario()
    s.write("w1.txt", W1)
    s.write("w2.txt", W2)
    s.write("doc.txt", DOC)
    s.ok("import", "w1.txt", "w2.txt", "--kind", "interview")
    s.ok("import", "doc.txt", "--kind", "document")
    s.ok("participants", "interviewer", "Peneliti")
    for c in ["ai-tanpa-sadar", "belajar-youtube", "mahasiswa-magang"]:
        s.ok("codes", "add", c)
    s.write("rules.yaml", RULES)
    return s


def codings(s):
    return s.ok("codings", "--format", "json").json()["codings"]


def snapshot(s):
    return s.state() + (s.run("codings", "--format", "tsv").out, s.run("codes", "list", "--format", "tsv").out)


def test_dry_run_changes_nothing_and_reports_counts_and_quotes():
    s = study()
    before = snapshot(s)
    j = s.ok("autocode", "rules.yaml", "--dry-run", "--format", "json").json()
    eq(j["schema"], "qda.autocode/1", "schema")
    eq(j["dry_run"], True, "dry run")
    eq(j["run"], None, "no run id")
    rules = {r["code"]: r for r in j["rules"]}
    eq(rules["ai-tanpa-sadar"]["matches"], 2, "Fitur  Otomatis and Auto-reply (interviewer left out)")
    eq(rules["belajar-youtube"]["matches"], 3, "YOUTUBE, Tutorial, youtube (not in the document)")
    eq(rules["mahasiswa-magang"]["matches"], 2, "magang twice in Kiki's turns; Magangnya is another word")
    eq(rules["kendala-waktu"]["matches"], 1, "regex")
    eq(j["created_codes"], "kendala-waktu", "would create")
    quotes = [q["text"] for q in j["samples"] if q["code"] == "ai-tanpa-sadar"]
    eq(quotes, ["Fitur  Otomatis", "Auto-reply"], "sample quotes are the original text")
    sentence = [q["text"] for q in j["samples"] if q["code"] == "mahasiswa-magang"]
    eq(sentence[0], "Dulu anak magang bantu.", "scope: sentence")
    eq(snapshot(s), before, "nothing changed")
    check("would be added" in s.ok("autocode", "rules.yaml", "--dry-run").err, "dry run says so")


def test_run_codes_words_then_never_duplicates():
    s = study()
    text = s.ok("sources", "text", "w1").out
    j = s.ok("autocode", "rules.yaml", "--format", "json").json()
    run = j["run"]
    check(isinstance(run, int) and run > 0, "a run id")
    eq(j["added"], 8, "codings added")
    rows = codings(s)
    eq(len(rows), 8, "all stored")
    for r in rows:
        if r["source"] == "w1" and r["code"] == "ai-tanpa-sadar":
            check(text[r["start"]:r["end"]].lower().split() in (["fitur", "otomatis"], ["auto-reply"]), "lands on the words")
    log = s.ok("audit", "log", "--format", "json").json()["events"]
    last = log[-1]
    eq(last["action"], "autocode", "one autocode event")
    check(f"run {run}" in last["summary"], "the run id is in the summary")
    check("kendala-waktu" in s.ok("codes", "list", "--format", "tsv").out, "code created")
    again = s.ok("autocode", "rules.yaml", "--format", "json").json()
    eq((again["added"], again["existing"]), (0, 8), "a second run adds nothing")
    eq(len(codings(s)), 8, "no duplicates")
    eq(s.run("audit", "verify").code, 0, "audit verify passes")
    # Autocoding writes without SQLite's reference checks: every coding must still refer to a
    # source, a code and a run that exist.
    with sqlite3.connect(s.path("project.qda")) as db:
        eq(db.execute("PRAGMA foreign_key_check").fetchall(), [], "codings refer to what exists")
        eq(db.execute("SELECT count(*) FROM coding c JOIN autocode_run r ON r.id = c.run_id "
                      "JOIN code k ON k.id = c.code_id JOIN source o ON o.id = c.source_id").fetchone()[0],
           8, "each coding has its run, code and source")


def test_undo_removes_exactly_the_runs_codings():
    s = study()
    s.ok("code", "w2", "belajar-youtube", "--match", "Tutorial")  # by hand, before the run
    hand = codings(s)
    run = s.ok("autocode", "rules.yaml", "--format", "json").json()
    eq((run["added"], run["existing"]), (7, 1), "the hand coding counts as existing")
    runs = s.ok("autocode", "runs", "--format", "json").json()
    eq(runs["schema"], "qda.autocode-runs/1", "schema")
    eq([(r["id"], r["codings"], r["remaining"], r["undone_at"]) for r in runs["runs"]], [(run["run"], 7, 7, "")], "runs")
    eq(len(runs["runs"][0]["rules_sha256"]), 64, "rules hash")
    r = s.ok("autocode", "undo", str(run["run"]), "--why", "too broad")
    check("7 codings removed" in r.err, "says what it removed", r)
    eq(codings(s), hand, "only the hand coding remains")
    last = s.ok("audit", "log", "--format", "json").json()["events"][-1]
    eq((last["action"], last["why"]), ("autocode.undo", "too broad"), "one undo event with the reason")
    check(s.ok("autocode", "runs", "--format", "json").json()["runs"][0]["undone_at"] != "", "marked undone")
    before = snapshot(s)
    s.fails(65, "autocode", "undo", str(run["run"]))
    s.fails(66, "autocode", "undo", "99")
    eq(snapshot(s), before, "failed undos change nothing")
    eq(s.run("audit", "verify").code, 0, "audit verify passes")


def test_a_runs_codings_are_found_by_the_ids_it_wrote():
    # No index on coding.run_id: a run's codings are its rows among the ids it wrote
    # (autocode_run_ids), also when a later coding takes an id the run freed.
    s = study()
    run = s.ok("autocode", "rules.yaml", "--format", "json").json()["run"]
    db = sqlite3.connect(s.path("project.qda"))
    ids = [r[0] for r in db.execute("SELECT id FROM coding WHERE run_id = ? ORDER BY id", (run,))]
    eq(db.execute("SELECT first_id, last_id FROM autocode_run_ids WHERE run_id = ?", (run,)).fetchall(),
       [(ids[0], ids[-1])], "the run's first and last coding ids")
    eq(db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'coding_run'").fetchone()[0], 0, "no index on run_id")
    db.close()
    top = [c for c in codings(s) if c["id"] == ids[-1]][0]
    s.ok("uncode", top["source"], top["code"], "--chars", f"{top['start']}-{top['end']}")
    s.ok("code", "w2", "belajar-youtube", "--match", "Tutorial", "--coder", "hand")  # takes the freed id
    db = sqlite3.connect(s.path("project.qda"))
    eq(db.execute("SELECT run_id FROM coding WHERE id = ?", (ids[-1],)).fetchall(), [(None,)], "the freed id reused")
    db.close()
    listed = s.ok("codings", "--run", str(run), "--format", "json").json()["codings"]
    eq(sorted(c["id"] for c in listed), ids[:-1], "codings --run: the run's rows only")
    runs = s.ok("autocode", "runs", "--format", "json").json()["runs"]
    eq((runs[0]["codings"], runs[0]["remaining"]), (len(ids), len(ids) - 1), "runs counts what remains")
    s.ok("autocode", "undo", str(run))
    eq([(c["code"], c["source"], c["coder"]) for c in codings(s)], [("belajar-youtube", "w2", "hand")],
       "undo leaves the hand coding")
    eq(s.run("audit", "verify").code, 0, "audit verify passes")


def test_projects_of_schema_13_get_their_runs_ids():
    s = study()
    run = s.ok("autocode", "rules.yaml", "--format", "json").json()["run"]
    db = sqlite3.connect(s.path("project.qda"))
    db.execute("DROP TABLE autocode_run_ids")  # as schema 13 had it
    db.execute("CREATE INDEX coding_run ON coding(run_id) WHERE run_id IS NOT NULL")
    db.execute("CREATE INDEX coding_source ON coding(source_id, start)")  # until schema 16
    # Before schema 15, each coding's digest had a row of its own in audit_change.
    for seq, tbl, first, digests in db.execute(
            "SELECT seq, tbl, first_id, digests FROM audit_change_run").fetchall():
        for k in range(len(digests) // 32):
            db.execute("INSERT INTO audit_change(seq, tbl, row_id, op, digest) VALUES(?,?,?,'insert',?)",
                       (seq, tbl, first + k, digests[32 * k:32 * k + 32]))
    db.execute("DROP TABLE audit_change_run")
    db.execute("PRAGMA user_version = 13")
    db.commit()
    db.close()
    runs = s.ok("autocode", "runs", "--format", "json").json()["runs"]
    eq([(r["id"], r["codings"], r["remaining"]) for r in runs], [(run, 8, 8)], "counted after the migration")
    db = sqlite3.connect(s.path("project.qda"))
    eq(db.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('coding_run', 'coding_source')").fetchone()[0],
       0, "indexes dropped")
    eq(db.execute("SELECT last_id - first_id + 1 FROM autocode_run_ids").fetchall(), [(8,)], "ids recorded")
    eq(db.execute("SELECT count(*) FROM audit_change WHERE tbl = 'coding'").fetchone()[0], 8,
       "the run's digests stay where schema 13 kept them")
    db.close()
    s.ok("autocode", "undo", str(run))
    eq(codings(s), [], "undo finds them")
    eq(s.run("audit", "verify").code, 0, "audit verify passes")


def test_run_digests_are_packed_and_still_checked():
    # A run's codings come with consecutive ids, so their digests share rows of audit_change_run;
    # a coding changed behind qda's back, or a packed digest rewritten to cover it, is found.
    s = study()
    s.ok("autocode", "rules.yaml")
    db = sqlite3.connect(s.path("project.qda"))
    eq(db.execute("SELECT count(*), sum(length(digests)) / 32 FROM audit_change_run").fetchone(), (1, 8),
       "8 digests in one row")
    eq(db.execute("SELECT count(*) FROM audit_change WHERE tbl = 'coding'").fetchone()[0], 0, "none one by one")
    first = db.execute("SELECT min(id) FROM coding").fetchone()[0]
    db.close()
    s.ok("audit", "verify")
    db = sqlite3.connect(s.path("project.qda"))
    db.execute("UPDATE coding SET end = end + 1 WHERE id = ?", (first + 3,))
    db.commit()
    db.close()
    r = s.run("audit", "verify")
    eq(r.code, 1, "exit 1")
    check(f"coding row {first + 3}: changed behind qda's back" in r.out, "the edited coding", r)
    db = sqlite3.connect(s.path("project.qda"))
    rowid, digests = db.execute("SELECT id, digests FROM audit_change_run").fetchone()
    db.execute("UPDATE audit_change_run SET digests = ? WHERE id = ?",
               (digests[:96] + bytes(32) + digests[128:], rowid))
    db.commit()
    db.close()
    r = s.run("audit", "verify")
    eq(r.code, 1, "exit 1")
    check("bulk row digests (audit_change, audit_change_run) were changed" in r.out, "the packed digest", r)


def test_errors_name_the_line_and_change_nothing():
    s = study()
    before = snapshot(s)
    s.write("bad1.yaml", "rules:\n  - code: ai-tanpa-sadar\n    words: x\n  - code: belajar-yutube\n    words: y\n")
    r = s.fails(65, "autocode", "bad1.yaml")
    check("bad1.yaml:4: unknown code \"belajar-yutube\"" in r.err, "unknown code with its line", r)
    check("did you mean \"belajar-youtube\"" in r.err, "did you mean", r)
    s.write("bad2.yaml", "rules:\n  - code: ai-tanpa-sadar\n    word: x\n")
    r = s.fails(65, "autocode", "bad2.yaml")
    check("bad2.yaml:3: unknown key \"word\"" in r.err and "did you mean \"words\"" in r.err, "misspelt key", r)
    s.write("bad3.yaml", "rules:\n  - code: ai-tanpa-sadar\n    regex: 'fitur ('\n")
    r = s.fails(65, "autocode", "bad3.yaml")
    check("bad3.yaml:3: bad regular expression" in r.err and "U_REGEX" in r.err, "ICU's message", r)
    s.fails(66, "autocode", "missing.yaml")
    s.fails(2, "autocode")
    eq(snapshot(s), before, "nothing changed")


def test_turn_scope_and_speaker_filter_without_words():
    s = study()
    s.write("turns.yaml", "rules:\n  - code: kiki\n    create: true\n    speaker: Kiki\n    scope: turn\n")
    j = s.ok("autocode", "turns.yaml", "--format", "json").json()
    eq(j["rules"][0]["matches"], 2, "Kiki's two turns")
    text = s.ok("sources", "text", "w1").out
    got = [text[r["start"]:r["end"]] for r in codings(s)]
    eq(got, ["Iya, Fitur  Otomatis dari Shopee. Saya belajar dari YOUTUBE. Dulu anak magang bantu.",
             "Magang dari kampus. Magangnya tiga bulan. Auto-reply juga pakai."], "whole turns of Kiki only")

def test_source_and_participant_filters():
    s = study()
    s.ok("attr", "set", "--source", "w2", "sektor=kuliner")
    s.ok("cases", "link", "toko-budi", "w2", "--create")
    s.write("f.yaml", """rules:
  - code: belajar-youtube
    words: youtube
    source: {attr: {sektor: kuliner}}
  - code: belajar-youtube
    words: youtube
    source: {case: toko-budi, kind: [interview]}
  - code: belajar-youtube
    words: youtube
    participant: Kiki
  - code: belajar-youtube
    words: youtube
    source: {name: doc}
""")
    j = s.ok("autocode", "f.yaml", "--dry-run", "--format", "json").json()
    eq([(r["matches"], r["sources"]) for r in j["rules"]], [(1, 1), (1, 1), (1, 1), (1, 1)], "one match per filter")
    eq([q["source"] for q in j["samples"]], ["w2", "w1", "doc"], "from the right sources (a span already found: no second sample)")
    eq((j["added"], j["existing"]), (3, 0), "rules 1 and 2 find the same span: one coding")


def test_sample_quotes_come_from_every_batch_in_source_order():
    # 330 sources are read and matched 64 at a time, up to five batches ahead of the one being
    # written; a matching thread keeps a text only while a rule it matched still needs quotes, so
    # quotes from later batches must still be there, and batches are written in source order.
    s = Scenario()
    names = []
    for i in range(330):
        extra = " Belajar dari YouTube." if i == 140 else ""
        s.write(f"s{i:03}.txt", f"Kiki: Saya pakai fitur otomatis nomor {i}.{extra}\n")
        names.append(f"s{i:03}.txt")
    s.ok("import", *names, "--kind", "interview")
    s.write("r.yaml", "rules:\n  - code: otomatis\n    create: true\n    words: otomatis\n"
                      "  - code: youtube\n    create: true\n    words: youtube\n")
    for threads in ("1", "2"):
        j = s.ok("autocode", "r.yaml", "--dry-run", "--sample", "100", "--threads", threads,
                 "--format", "json").json()
        got = [(q["code"], q["source"], q["text"]) for q in j["samples"]]
        want = [("otomatis", f"s{i:03}", "otomatis") for i in range(100)] + [("youtube", "s140", "YouTube")]
        eq(got, want, f"100 quotes in source order and the one in the third batch ({threads} threads)")
    j = s.ok("autocode", "r.yaml", "--sample", "2", "--format", "json").json()
    eq([(q["code"], q["source"]) for q in j["samples"]],
       [("otomatis", "s000"), ("otomatis", "s001"), ("youtube", "s140")], "a run reports its first quotes")
    eq(j["added"], 331, "every match coded, texts kept or not")
    rows = s.ok("codings", "--format", "json").json()["codings"]
    by_id = [c["source"] for c in sorted(rows, key=lambda c: c["id"])]
    eq(by_id, sorted(by_id), "coding ids follow the sources' order: batches written in turn")
    eq(len(set(by_id)), 330, "every source's batch written")


if __name__ == "__main__":
    main(globals())
