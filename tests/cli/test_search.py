"""qda search: case- and accent-insensitive keyword in context, word boundaries, the index."""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Scenario, check, eq, main  # noqa: E402

W1 = """Peneliti: Kakak pakai fitur otomatis?

Kiki: Iya, Fitur
Otomatis dari Shopee. Otomatisasi nanti. Kafé saya kecil.
"""
W2 = "Budi: FITUR OTOMATIS itu bukan AI, kata saya. Kafe buka jam 9.\n"


def study():
    s = Scenario()
    s.write("w1.txt", W1)
    s.write("w2.txt", W2)
    s.write("notes.txt", "Catatan: fitur otomatis dibahas.\n")
    s.ok("import", "w1.txt", "w2.txt", "--kind", "interview")
    s.ok("import", "notes.txt", "--kind", "observation")
    return s


def hits(s, *args):
    return s.ok("search", *args, "--format", "json").json()["hits"]


def test_phrase_across_case_and_line_breaks_with_context():
    s = study()
    r = s.ok("search", "fitur otomatis", "--format", "json")
    check("indexed 3 source(s)" in r.err, "the first search builds the index", r)
    j = r.json()
    eq(j["schema"], "qda.search/1", "schema")
    eq(j["count"], 4, "count")
    got = [(h["source"], h["line"], h["match"]) for h in j["hits"]]
    eq(got, [("notes", 1, "fitur otomatis"), ("w1", 1, "fitur otomatis"), ("w1", 3, "Fitur\nOtomatis"),
             ("w2", 1, "FITUR OTOMATIS")], "by source and position, original text")
    text = s.ok("sources", "text", "w1").out
    h = j["hits"][2]
    eq(text[h["start"]:h["end"]], "Fitur\nOtomatis", "code point positions")
    eq((h["left"], h["right"][:13]), ("Kiki: Iya, ", " dari Shopee."), "context within the paragraph")
    check("indexed" not in s.ok("search", "fitur otomatis").err, "the index is reused")


def test_word_start_whole_word_accents_and_filters():
    s = study()
    eq(len(hits(s, "otomat")), 5, "a word start: otomatis (4) and Otomatisasi")
    eq(len(hits(s, "otomat", "--whole-word")), 0, "--whole-word")
    eq(len(hits(s, "otomatis", "--whole-word")), 4, "not Otomatisasi")
    eq(len(hits(s, "matis")), 0, "never inside a word")
    eq([h["match"] for h in hits(s, "kafe")], ["Kafe"], "accents count by default")
    eq([h["match"] for h in hits(s, "kafe", "--accents")], ["Kafé", "Kafe"], "--accents")
    eq([h["source"] for h in hits(s, "fitur otomatis", "--kind", "observation")], ["notes"], "--kind")
    eq([h["source"] for h in hits(s, "fitur otomatis", "--source", "w2")], ["w2"], "--source")
    eq([h["match"] for h in hits(s, "--regex", r"otomatis\w+")], ["Otomatisasi"], "--regex")
    eq(hits(s, "tidak-ada-di-sini"), [], "no hits is not an error")


def test_new_sources_are_indexed_and_errors():
    s = study()
    hits(s, "kafe")
    s.write("w3.txt", "Sari: fitur otomatis juga.\n")
    s.ok("import", "w3.txt")
    r = s.ok("search", "fitur otomatis", "--format", "tsv")
    check("indexed 1 source(s)" in r.err, "only the new source is indexed", r)
    check("w3" in r.out, "and found", r)
    before = s.state()
    s.fails(2, "search", "  ")
    s.fails(2, "search", "...")
    s.fails(65, "search", "--regex", "fitur (")
    s.fails(66, "search", "x", "--source", "w9")
    eq(s.state(), before, "nothing changed")
    eq(s.run("audit", "verify").code, 0, "the index is not audited data")


def test_index_is_rebuilt_when_it_is_lost():
    s = study()
    hits(s, "kafe")
    db = sqlite3.connect(s.path("project.qda"))
    db.execute("DELETE FROM search_indexed")
    db.commit()
    db.close()
    r = s.ok("search", "kafe", "--format", "json")
    check("indexed 3 source(s)" in r.err, "rebuilt", r)
    eq(r.json()["count"], 1, "no duplicate rows after a rebuild")


def test_changed_and_gone_sources_leave_the_index():
    s = study()
    eq(len(hits(s, "kafe")), 1, "Kafe (Kafé needs --accents)")
    path = s.path("project.qda")
    mtime = os.stat(path).st_mtime_ns
    eq(len(hits(s, "kafe")), 1, "again")
    eq(os.stat(path).st_mtime_ns, mtime, "a search of an up-to-date index writes nothing")
    db = sqlite3.connect(path)
    w2 = db.execute("SELECT id FROM source WHERE name = 'w2'").fetchone()[0]
    # w2 indexed from other bytes, and a source that is gone, with a row that would match.
    db.execute("UPDATE search_indexed SET sha256 = 'other' WHERE source_id = ?", (w2,))
    db.execute("INSERT INTO search_indexed(source_id, sha256) VALUES (999, 'gone')")
    db.execute("INSERT INTO search_text(body, source_id, start, line) VALUES ('kafe', 999, 0, 1)")
    db.commit()
    db.close()
    r = s.ok("search", "kafe", "--format", "json")
    check("indexed 1 source(s)" in r.err, "only the changed source is indexed again", r)
    eq([h["source"] for h in r.json()["hits"]], ["w2"], "no hit of a gone source")
    db = sqlite3.connect(path)
    eq(db.execute("SELECT count(*) FROM search_text WHERE source_id = 999").fetchone()[0], 0,
       "the gone source's rows are dropped")
    eq(db.execute("SELECT count(*) FROM search_text WHERE source_id = ?", (w2,)).fetchone()[0],
       1, "the changed source's rows are not duplicated")
    db.close()


if __name__ == "__main__":
    main(globals())
