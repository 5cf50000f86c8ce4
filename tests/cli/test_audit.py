"""qda audit log and verify: a clean project verifies; edits behind qda's back are found."""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Scenario, check, eq, main  # noqa: E402

TRANSCRIPT = """Peneliti: Selamat pagi, Bu. Boleh cerita sedikit tentang usaha Ibu?

Bu Rina: Pagi. Saya jualan kue sejak 2015. Awalnya cuma pesanan tetangga.

Peneliti: Sekarang pemasarannya lewat apa?

Bu Rina: Lewat WhatsApp, sama Instagram yang dipegang keponakan saya.
"""


def project():
    s = Scenario()
    s.write("u01.txt", TRANSCRIPT)
    s.ok("import", "u01.txt", "--case", "U01", "--attr", "usia=48", "--why", "first interview")
    s.ok("participants", "interviewer", "Peneliti")
    return s


def sql(s, statement, *args):
    db = sqlite3.connect(s.path("project.qda"))
    db.execute(statement, args)
    db.commit()
    db.close()


def test_clean_project_verifies():
    s = project()
    r = s.ok("audit", "verify")
    check("verified" in r.err, "says verified", r)
    j = s.ok("audit", "verify", "--format", "json").json()
    eq(j["ok"], True, "ok")
    check(j["events"] >= 3 and j["rows"] > 5, "counts", j)


def test_log_filters_and_formats():
    s = project()
    rows = s.ok("audit", "log", "--format", "tsv").tsv()
    eq([r["action"] for r in rows], ["init", "import", "participant.interviewer"], "actions")
    eq(rows[1]["why"], "first interview", "why")
    eq([r["action"] for r in s.ok("audit", "log", "--action", "import", "--format", "tsv").tsv()], ["import"], "filter")
    eq(len(s.ok("audit", "log", "--action", "participant.", "--format", "tsv").tsv()), 1, "prefix filter")
    eq(len(s.ok("audit", "log", "--since", "2999-01-01", "--format", "tsv").tsv()), 0, "since")
    j = s.ok("audit", "log", "--changes", "--format", "json").json()
    check(any(c["table"] == "source" for c in j["events"][1]["changes"]), "changes listed as JSON")
    eq(s.run("audit", "log", "--since", "yesterday").code, 2, "a bad --since is a usage error")
    eq(len(s.ok("audit", "log", "--since", "2000-01-01 10:00", "--format", "tsv").tsv()), 3, "date-time with a space")


def test_edited_row_is_found():
    s = project()
    sql(s, "UPDATE participant SET name = 'Someone' WHERE name = 'Bu Rina'")
    r = s.run("audit", "verify")
    eq(r.code, 1, "exit 1")
    check("participant row" in r.out and "changed behind qda's back" in r.out, "names the row", r)


def test_deleted_row_is_found():
    s = project()
    sql(s, "DELETE FROM attribute")
    r = s.run("audit", "verify")
    eq(r.code, 1, "exit 1")
    check("attribute row" in r.out and "deleted behind qda's back" in r.out, "names the deletion", r)


def test_inserted_row_is_found():
    s = project()
    sql(s, "INSERT INTO cases(name, description) VALUES('X9', '')")
    r = s.run("audit", "verify")
    eq(r.code, 1, "exit 1")
    check("cases row" in r.out and "not recorded" in r.out, "names the insertion", r)


def test_edited_source_text_is_found():
    s = project()
    sql(s, "UPDATE source SET text = replace(text, 'kue', 'roti')")
    r = s.run("audit", "verify")
    eq(r.code, 1, "exit 1")
    check("text changed since import" in r.out, "names the source text", r)


def test_edited_segment_is_found():
    s = project()
    sql(s, "UPDATE segment_set SET data = data || x'00' WHERE unit = 'turn'")
    r = s.run("audit", "verify")
    eq(r.code, 1, "exit 1")
    check("segments row" in r.out, "names the segments of the source", r)


def test_edited_or_deleted_event_is_found():
    s = project()
    sql(s, "UPDATE audit_event SET why = 'rewritten' WHERE seq = 2")
    r = s.run("audit", "verify")
    eq(r.code, 1, "exit 1")
    check("audit event 2" in r.out and "hash mismatch" in r.out, "names the event", r)
    s2 = project()
    sql(s2, "DELETE FROM audit_event WHERE seq = 2")
    r = s2.run("audit", "verify")
    eq(r.code, 1, "exit 1")
    check("sequence jumps" in r.out, "names the gap", r)


def test_every_change_has_its_event():
    s = project()
    n = len(s.ok("audit", "log", "--format", "tsv").tsv())
    s.ok("attr", "set", "--case", "U01", "sector=kuliner")
    s.ok("cases", "create", "U02")
    eq(len(s.ok("audit", "log", "--format", "tsv").tsv()), n + 2, "two more events")
    s.ok("audit", "verify")


def bulk_project():
    """A project with one import of 2,500 codings: past the point where an event's rows go to
    the audit_change table instead of its JSON."""
    s = Scenario()
    text = "".join(f"Bu Rina: Kalimat nomor {i} tentang pemasaran digital dan pelatihan.\n\n"
                   for i in range(300))
    s.write("u02.txt", text)
    s.ok("import", "u02.txt")
    rows = ["source\tstart\tend\tcode\tcoder"]
    for i in range(2500):
        rows.append(f"u02\t{i}\t{i + 5 + i % 7}\t{'promosi' if i % 3 else 'pelatihan'}\t{'a' if i % 2 else 'b'}")
    s.write("codings.tsv", "\n".join(rows) + "\n")
    s.ok("codings", "import", "codings.tsv", "--create-codes")
    return s


def test_bulk_event_keeps_digests_out_of_its_json():
    s = bulk_project()
    j = s.ok("audit", "log", "--changes", "--format", "json").json()
    last = j["events"][-1]["changes"]
    bulk = [c for c in last if "bulk" in c]
    eq(len(bulk), 1, "one bulk entry")
    eq(bulk[0]["rows"], 2500 + 2, "2,500 codings and 2 codes in audit_change")
    db = sqlite3.connect(s.path("project.qda"))
    eq(db.execute("SELECT count(*) FROM audit_change").fetchone()[0], 2502, "side table rows")
    r = s.ok("audit", "verify", "--format", "json").json()
    eq(r["ok"], True, "a bulk import verifies")


def test_bulk_rows_edited_deleted_or_added_are_found():
    s = bulk_project()
    sql(s, "UPDATE coding SET end = end + 1 WHERE id = 1200")
    sql(s, "DELETE FROM coding WHERE id = 2400")
    sql(s, "INSERT INTO coding(source_id, code_id, start, end, coder, created_at) "
           "SELECT source_id, code_id, 9000, 9001, 'x', created_at FROM coding WHERE id = 1")
    r = s.run("audit", "verify")
    eq(r.code, 1, "exit 1")
    check("coding row 1200: changed behind qda's back" in r.out, "edited row", r)
    check("coding row 2400: deleted behind qda's back" in r.out, "deleted row", r)
    check("coding row 2501: not recorded" in r.out, "added row", r)


def test_bulk_digest_table_edits_are_found():
    s = bulk_project()
    sql(s, "UPDATE coding SET coder = 'z' WHERE id = 7")
    # Cover the edit by rewriting its digest in the side table: the event's hash still catches it.
    sql(s, "UPDATE audit_change SET digest = zeroblob(32) WHERE tbl = 'coding' AND row_id = 7")
    r = s.run("audit", "verify")
    eq(r.code, 1, "exit 1")
    check("bulk row digests (audit_change, audit_change_run) were changed" in r.out, "side table edit", r)


def test_bulk_import_keeps_its_rows_in_audit_change():
    # 150 transcripts of three speakers each: over 1,000 changed rows, so the import's rows go to
    # audit_change as it goes; tampering with any of them is still found and named.
    s = Scenario()
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for i in range(150):
        tag = letters[i % 26] + letters[i // 26].lower()
        owner, staff = f"Bu {tag}ni", f"Mas {tag}di"
        s.write(f"batch/w{i:03d}.txt",
                f"Peneliti: Sejak kapan usaha ini berjalan?\n\n{owner}: Sejak tahun {2000 + i % 20}.\n\n"
                f"Peneliti: Siapa yang mengurus Instagram?\n\n{staff}: Saya yang bantu mengurus.\n\n"
                f"Peneliti: Pakai fitur otomatis?\n\n{owner}: Kadang-kadang, kalau sempat.\n\n"
                f"{staff}: Saya yang atur jadwal unggahnya.\n")
    s.ok("import", "batch")
    j = s.ok("audit", "log", "--changes", "--format", "json").json()
    imp = j["events"][-1]
    eq(imp["action"], "import", "last event")
    bulk = [c for c in imp["changes"] if "bulk" in c]
    eq(len(bulk), 1, "one bulk entry instead of a list")
    db = sqlite3.connect(s.path("project.qda"))
    n = db.execute("SELECT count(*) FROM audit_change WHERE seq = ?", (imp["seq"],)).fetchone()[0]
    eq(bulk[0]["rows"], n, "the entry counts the side table's rows")
    for tbl in ("source", "segments", "speaker", "participant", "participant_alias"):
        check(db.execute("SELECT count(*) FROM audit_change WHERE tbl = ? AND digest IS NOT NULL",
                         (tbl,)).fetchone()[0] > 0, f"{tbl} rows have digests")
    db.close()
    s.ok("audit", "verify")
    sql(s, "UPDATE participant SET name = 'Orang lain' WHERE name = 'Bu Hani'")
    sql(s, "UPDATE speaker SET label = 'X' WHERE label = 'Mas Jadi'")
    r = s.run("audit", "verify")
    eq(r.code, 1, "exit 1")
    check("participant row" in r.out and "changed behind qda's back" in r.out, "participant edit", r)
    check("speaker row" in r.out, "speaker edit", r)


main(globals())
