"""qda import: formats, options, duplicates, directories, stdin, and bad input that changes nothing."""
import io
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main, shared  # noqa: E402

MD = """---
case: U01
participant: Bu Rina
date: 2024-06-19
---
# Wawancara Bu Rina

**Peneliti:** Bagaimana Ibu memasarkan kue?

**Bu Rina:** Lewat WhatsApp. Keponakan saya yang pegang Instagram.

Dia juga yang bikin caption. Saya tidak tahu caranya.

**Peneliti:** Pernah ikut pelatihan?

**Bu Rina:** Pernah, di Dinas Koperasi. Tapi belum sempat praktik.
"""


def test_markdown_transcript_with_front_matter():
    s = Scenario()
    s.write("u01-rina.md", MD)
    rows = s.ok("import", "u01-rina.md", "--format", "tsv").tsv()
    eq(rows[0]["name"], "u01-rina", "name from file")
    eq(rows[0]["status"], "imported", "status")
    eq(rows[0]["kind"], "interview", "kind detected")
    eq(rows[0]["turns"], "4", "turns")
    eq(rows[0]["speakers"], "2", "speakers")
    src = s.ok("sources", "--format", "json").json()["sources"][0]
    eq(src["case"], "U01", "front matter case links the case")
    attrs = {a["key"]: (a["type"], a["value"]) for a in s.ok("attr", "list", "--source", "u01-rina", "--format", "json").json()["attributes"]}
    eq(attrs["date"], ("date", "2024-06-19"), "front matter date typed")
    eq(attrs["participant"], ("text", "Bu Rina"), "front matter text")
    turns = s.ok("segments", "u01-rina", "--unit", "turn", "--text", "--format", "json").json()["segments"]
    eq(turns[1]["speaker"], "Bu Rina", "speaker")
    check("Dia juga yang bikin caption" in turns[1]["text"], "turn continues over paragraphs", turns[1])
    sents = s.ok("segments", "u01-rina", "--unit", "sentence", "--text", "--format", "json").json()["segments"]
    dia = [x for x in sents if x["text"].startswith("Dia juga")]
    eq(len(dia), 1, "sentence found")
    eq(dia[0]["speaker"], "Bu Rina", "sentence in continuation paragraph keeps the speaker")


def test_reimport_identical_bytes_is_skipped():
    s = Scenario()
    s.write("a.md", MD)
    s.write("copy/b.md", MD)
    s.ok("import", "a.md")
    r = s.ok("import", "a.md", "--format", "tsv")
    eq(r.tsv()[0]["status"], "skipped", "second import skipped")
    check("identical" in r.tsv()[0]["note"], "says why", r)
    check("imported 0 source(s), skipped 1" in r.err, "summary", r)
    r = s.ok("import", "copy/b.md", "--format", "tsv")
    eq(r.tsv()[0]["status"], "skipped", "same bytes under another name are skipped too")
    eq(len(s.ok("sources", "--format", "tsv").tsv()), 1, "one source")


def test_name_clash_with_different_bytes_is_an_error():
    s = Scenario()
    s.write("a.md", MD)
    s.write("x/a.md", MD + "\nTambahan.\n")
    s.ok("import", "a.md")
    before = s.state()
    r = s.fails(65, "import", "x/a.md")
    check("already exists" in r.err and "--name" in r.err, "suggests --name", r)
    eq(s.state(), before, "unchanged")
    s.ok("import", "x/a.md", "--name", "a-v2", "--supersedes", "a")
    eq(s.ok("sources", "show", "a-v2", "--format", "json").json()["supersedes"], "a", "supersedes")


def test_directory_recursive_with_globs():
    s = Scenario()
    s.write("d/one.md", MD)
    s.write("d/sub/two.txt", "Peneliti: Halo?\n\nPak Joko: Halo juga.\n\nPeneliti: Apa kabar?\n\nPak Joko: Baik.\n")
    s.write("d/sub/skip.txt", "Catatan saja.\n")
    s.write("d/.hidden.md", "rahasia\n")
    rows = s.ok("import", "d", "--include", "*.md", "--include", "*.txt", "--exclude", "skip*", "--format", "tsv").tsv()
    eq(sorted(r["name"] for r in rows), ["one", "two"], "globbed")


def test_directory_named_with_dot_or_slash():
    # The names and the hidden-file rule come from the path inside the directory, however the
    # directory itself was written.
    for spelled in ("./d/", "d//", "../" + "{base}/d"):
        s = Scenario()
        s.write("d/one.md", MD)
        s.write("d/sub/two.txt", "Peneliti: Halo?\n\nPak Joko: Halo juga.\n")
        s.write("d/.git/three.md", MD.replace("Bu Rina", "Bu Sari"))
        arg = spelled.format(base=os.path.basename(s.dir))
        rows = s.ok("import", arg, "--name-from", "path", "--format", "tsv").tsv()
        eq(sorted(r["name"] for r in rows), ["one", "sub/two"], f"names under {arg}")


def test_stdin_with_name_kind_and_attrs():
    s = Scenario()
    r = s.ok("import", "-", "--name", "catatan-1", "--kind", "observation", "--attr", "hari=3", "--attr",
             "cuaca=hujan", input="2024-06-08 09.15 Peserta mulai datang.\n\n2024-06-08 10.00 Materi dimulai.\n".encode())
    src = s.ok("sources", "show", "catatan-1", "--format", "json").json()
    eq(src["kind"], "observation", "kind")
    eq({a["key"]: a["type"] for a in src["attributes"]}, {"cuaca": "text", "hari": "integer"}, "typed attrs")
    check("imported 1" in r.err, "summary", r)


def test_attribute_type_conflict_is_an_error():
    s = Scenario()
    s.write("a.md", MD)
    s.write("b.txt", "Catatan lapangan.\n")
    s.ok("import", "a.md", "--attr", "usia=48")
    before = s.state()
    r = s.fails(65, "import", "b.txt", "--attr", "usia=empat puluh")
    check("not a valid integer" in r.err and "usia" in r.err, "names the attribute and type", r)
    eq(s.state(), before, "unchanged")


def test_interviewer_and_speaker_pattern():
    s = Scenario()
    s.write("t.txt", "Q> Apa kabar?\nA> Baik.\nQ> Usaha apa?\nA> Laundry.\n")
    rows = s.ok("import", "t.txt", "--speaker-pattern", r"^([QA])> ", "--interviewer", "Q", "--format", "tsv").tsv()
    eq(rows[0]["turns"], "4", "custom label pattern")
    parts = {p["name"]: p["interviewer"] for p in s.ok("participants", "--format", "json").json()["participants"]}
    eq(parts, {"A": False, "Q": True}, "interviewer marked")
    s.fails(2, "import", "t.txt", "--name", "t2", "--speaker-pattern", "([unclosed")


def test_encoding_override():
    s = Scenario()
    s.write("latin.txt", "Catatan: caf\xe9 di Medan, hari pertama.\n".encode("latin-1"))
    s.ok("import", "latin.txt", "--encoding", "ISO-8859-1")
    check("café" in s.ok("sources", "text", "latin").out, "decoded as Latin-1")


def test_docx_from_example_study():
    s = Scenario()
    p = os.path.join(SOURCE, "examples", "umkm-medan", "interviews", "u06-lestari.docx")
    rows = s.ok("import", p, "--format", "tsv").tsv()
    eq(rows[0]["format"], "docx", "format")
    check(int(rows[0]["turns"]) >= 30, "turns found in DOCX paragraphs", rows)


BAD_NOTHING_CHANGES = "the project must be unchanged"


def test_bad_inputs_change_nothing():
    s = Scenario()
    s.write("good.md", MD)
    s.ok("import", "good.md")
    before = s.state()
    s.write("bin.dat", bytes(range(256)) * 40)
    r = s.fails(65, "import", "bin.dat")
    check("bin.dat" in r.err and "binary" in r.err, "binary named", r)
    s.write("empty.txt", b"")
    r = s.fails(65, "import", "empty.txt")
    check("empty.txt" in r.err and "empty" in r.err, "empty named", r)
    s.write("bad-utf8.txt", b"Peneliti: halo\nBu Rina: caf\xc3\x28 enak\n")
    r = s.fails(65, "import", "bad-utf8.txt", "--encoding", "UTF-8")
    check("bad-utf8.txt:2" in r.err and "UTF-8" in r.err, "line of the bad byte", r)
    docx = open(os.path.join(SOURCE, "examples", "umkm-medan", "interviews", "u06-lestari.docx"), "rb").read()
    s.write("trunc.docx", docx[: len(docx) // 2])
    r = s.fails(65, "import", "trunc.docx")
    check("trunc.docx" in r.err and "DOCX" in r.err, "truncated docx named", r)
    s.write("long.txt", b"a" * (50 * 1024 * 1024))
    r = s.fails(65, "import", "long.txt")
    check("long.txt:1" in r.err and "line" in r.err, "50 MB line named", r)
    r = s.fails(66, "import", "no-such-file.md")
    check("no-such-file.md" in r.err, "missing file named", r)
    # A bad file in a batch stops the whole batch: nothing of it is stored.
    s.write("batch/a.md", MD.replace("Bu Rina", "Bu Sari"))
    s.write("batch/z.dat", bytes(range(256)) * 40)
    s.fails(65, "import", "batch")
    eq(s.state(), before, BAD_NOTHING_CHANGES)
    if os.geteuid() != 0:
        s.write("locked.md", MD + "x")
        os.chmod(s.path("locked.md"), 0)
        s.fails(66, "import", "locked.md")
    else:
        print("note: running as root, the unreadable-file case is covered by the missing-file case")


def test_bad_format_changes_nothing():
    s = Scenario()
    s.write("a.md", MD)
    before = s.state()
    s.fails(2, "import", "a.md", "--format", "xml")
    eq(s.state(), before, "nothing imported when --format is wrong")
    s.fails(2, "init", "other.qda", "-f", "xml")
    check(not os.path.exists(s.path("other.qda")), "no project created when --format is wrong")


def test_project_files_in_a_directory_are_not_sources():
    s = Scenario()
    s.write("a.md", MD)
    rows = s.ok("import", ".", "--format", "tsv").tsv()
    eq([r["name"] for r in rows], ["a"], "project.qda and its WAL are left out")


def test_survey_rows_skip_as_duplicates():
    s = Scenario()
    s.write("survei.csv", "id,usia,jawaban\nR01,34,Saya belajar pemasaran dari video YouTube setiap malam setelah toko tutup.\n"
                          "R02,51,Anak saya yang mengurus Instagram karena saya tidak paham caranya sama sekali.\n")
    rows = s.ok("import", "survei.csv", "--format", "tsv").tsv()
    eq([r["status"] for r in rows], ["imported", "imported"], "one source per row")
    rows = s.ok("import", "survei.csv", "--format", "tsv").tsv()
    eq([r["status"] for r in rows], ["skipped", "skipped"], "rows already imported are skipped")


def test_another_reading_of_the_same_bytes_is_a_new_source():
    s = Scenario()
    s.write("latin.txt", "Catatan: caf\xe9 di Medan.\n".encode("latin-1"))
    s.ok("import", "latin.txt")
    s.ok("import", "latin.txt", "--encoding", "ISO-8859-1", "--name", "latin-fixed", "--supersedes", "latin")
    eq(s.ok("sources", "show", "latin-fixed", "--format", "json").json()["supersedes"], "latin", "correction kept")


def test_unknown_command_suggests_the_closest():
    s = Scenario()
    r = s.fails(2, "sourcs")
    check("sourcs: unknown command" in r.err and "qda sources" in r.err, "did you mean", r)
    s.write("x.md", MD)
    r = s.fails(2, "import", "x.md", "--as", "word")
    check("--as" in r.err, "names --as", r)


def test_bulk_import_returns_to_wal():
    import sqlite3
    s = Scenario()
    for i in range(120):
        s.write(f"many/n{i:03}.txt", f"Peneliti: Pertanyaan {i}?\n\nInforman: Jawaban nomor {i}.\n")
    rows = s.ok("import", "many", "--format", "tsv").tsv()
    eq(len(rows), 120, "all imported")
    db = sqlite3.connect(s.path("project.qda"))
    eq(db.execute("PRAGMA journal_mode").fetchone()[0], "wal", "the project is in WAL mode again")
    db.close()
    s.ok("audit", "verify")


def test_bulk_import_stopped_by_its_last_file_changes_nothing():
    # More than the 8 MiB page cache of a bulk import, so SQLite has written pages into the
    # project file before the bad file at the end stops the import: all must be rolled back.
    s = Scenario()
    s.write("good.md", MD)
    s.ok("import", "good.md")
    before = s.state()
    size = os.path.getsize(s.path("project.qda"))
    turn = "Informan: " + "Kami belajar membuat konten promosi dengan bantuan aplikasi. " * 12 + "\n\n"
    for i in range(150):
        s.write(f"many/n{i:03}.md", f"Peneliti: Pertanyaan {i}?\n\n" + turn * 80)
    s.write("many/zz.dat", bytes(range(256)) * 40)
    r = s.fails(65, "import", "many")
    check("zz.dat" in r.err, "the bad file is named", r)
    eq(s.state(), before, BAD_NOTHING_CHANGES)
    import sqlite3
    db = sqlite3.connect(s.path("project.qda"))
    eq(db.execute("PRAGMA journal_mode").fetchone()[0], "wal", "the project is in WAL mode again")
    db.close()
    check(os.path.getsize(s.path("project.qda")) < size + 4 * 1024 * 1024,
          f"the file holds none of the 150 files ({size} bytes before, "
          f"{os.path.getsize(s.path('project.qda'))} after)")
    s.ok("audit", "verify")


def test_segments_of_a_long_source_stay_in_their_rows():
    # A source's packed sentences take more than the 4 KB a WITHOUT ROWID table keeps in its
    # B-tree page; in a rowid table they stay in the leaf pages, with no overflow page each.
    import sqlite3
    s = Scenario()
    s.write("panjang.md", "".join(f"Peneliti: Pertanyaan {i}?\n\nInforman: Jawaban {i}. Kalimat kedua. "
                                  f"Kalimat ketiga.\n\n" for i in range(400)))
    s.ok("import", "panjang.md")
    db = sqlite3.connect(s.path("project.qda"))
    size = db.execute("SELECT max(length(data)) FROM segment_set").fetchone()[0]
    check(size > 4096, f"the test needs a segment row over 4 KB, got {size} bytes")
    pages = db.execute("SELECT count(*) FROM dbstat WHERE name = 'segment_set' AND pagetype = 'overflow'")
    eq(pages.fetchone()[0], 0, "overflow pages of segment_set")
    db.close()
    s.ok("audit", "verify")


def test_concurrent_writers_are_serialised():
    import subprocess
    s = Scenario()
    procs = []
    for i in range(6):
        s.write(f"w{i}.txt", f"Peneliti: Pertanyaan {i}?\n\nInforman {i}: Jawaban {i}.\n\nPeneliti: Lagi?\n\nInforman {i}: Ya.\n")
    for i in range(6):
        procs.append(subprocess.Popen([os.environ.get("QDA_BIN", "qda"), "import", f"w{i}.txt"], cwd=s.dir,
                                      env=s.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    errs = [p.communicate()[1] for p in procs]
    eq([p.returncode for p in procs], [0] * 6, f"every writer succeeds: {errs}")
    eq(len(s.ok("sources", "--format", "tsv").tsv()), 6, "no write lost")
    s.ok("audit", "verify")


def test_word97_doc_gets_conversion_hint():
    s = Scenario()
    r = s.fails(65, "import", shared("corpora", "unix_oral_history", "ritchie.doc"))
    check("ritchie.doc" in r.err and "convert" in r.err, "how to convert", r)


def test_case_from_name_and_directory():
    s = Scenario()
    s.write("kasus/U01/wawancara.txt", "Peneliti: Apa kabar?\n\nBu Rina: Baik.\n\nPeneliti: Oke.\n\nBu Rina: Ya.\n")
    s.write("kasus/U02/wawancara-2.txt", "Peneliti: Mulai?\n\nPak Ucok: Boleh.\n\nPeneliti: Oke.\n\nPak Ucok: Ya.\n")
    s.write("lain/catatan.md", "---\ncase: U09\n---\nCatatan lapangan tanpa giliran.\n")
    s.ok("import", "kasus", "lain", "--case-from", "dir")
    got = {r["name"]: r["case"] for r in s.ok("sources", "--format", "tsv").tsv()}
    eq(got, {"wawancara": "U01", "wawancara-2": "U02", "catatan": "U09"}, "directory, front matter wins")
    t = Scenario()
    t.write("a/u01.txt", "Peneliti: Apa kabar?\n\nBu Rina: Baik.\n")
    t.ok("import", "a", "--case-from", "name", "--case", "X")
    eq({r["case"] for r in t.ok("sources", "--format", "tsv").tsv()}, {"X"}, "--case wins over --case-from")
    t.write("b/u02.txt", "Peneliti: Mulai?\n\nPak Ucok: Boleh.\n")
    t.ok("import", "b", "--case-from", "name")
    eq({r["name"]: r["case"] for r in t.ok("sources", "--format", "tsv").tsv()}["u02"], "u02", "one case per source")
    eq(t.run("import", "b", "--case-from", "folder").code, 2, "an unknown --case-from is a usage error")


def one_page_pdf(lines):
    """A minimal PDF 1.4 with one page of Helvetica text lines."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL" + "".join(f" ({l}) Tj T*" for l in lines) + " ET"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
               "<< /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
               f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream"]
    out, offsets = "%PDF-1.4\n", []
    for i, o in enumerate(objects):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n{o}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def test_pdf_is_read_through_the_module_loaded_on_demand():
    s = Scenario()
    s.write("laporan.pdf", one_page_pdf(["Laporan pelatihan UMKM", "Peserta: 24 pelaku usaha"]))
    s.ok("import", "laporan.pdf")
    eq(s.ok("sources", "text", "laporan").out, "Laporan pelatihan UMKM\nPeserta: 24 pelaku usaha\n", "text layer")
    # Without the module a PDF is refused with a configuration error that names the module;
    # other formats do not need it.
    s.write("lain.pdf", one_page_pdf(["Kebijakan"]))
    r = s.run("import", "lain.pdf", env={"QDA_PDF_MODULE": s.path("nowhere/libqda_pdf.so")})
    eq(r.code, 78, "exit 78 (configuration)")
    check("PDF support is not installed" in r.err and "nowhere/libqda_pdf.so" in r.err, "names the module", r)
    eq(len(s.ok("sources", "--format", "tsv").tsv()), 1, "nothing imported")
    s.write("catatan.txt", "Catatan tanpa PDF.\n")
    s.ok("import", "catatan.txt", env={"QDA_PDF_MODULE": s.path("nowhere/libqda_pdf.so")})


def loaded_libraries(r):
    """The shared libraries the dynamic loader reported loading (LD_DEBUG=libs on stderr)."""
    return {line.split("calling init: ")[1].strip().rsplit("/", 1)[-1]
            for line in r.err.splitlines() if "calling init: " in line}


def test_libzip_and_poppler_are_loaded_only_when_needed():
    # A command that reads no DOCX, ODT or PDF must not load libzip (nor libcrypto, zlib and
    # bzip2, which it brings) or poppler: they cost every start of qda time and memory.
    s = Scenario()
    s.write("catatan.txt", "Catatan lapangan.\n")
    dbg = {"LD_DEBUG": "libs"}
    plain = loaded_libraries(s.ok("import", "catatan.txt", env=dbg))
    check(plain, "LD_DEBUG=libs reported the libraries loaded", plain)
    check(not any(n.startswith(("libzip", "libpoppler", "libqda_pdf")) for n in plain),
          "a text import loads neither libzip nor poppler", sorted(plain))
    p = os.path.join(SOURCE, "examples", "umkm-medan", "interviews", "u06-lestari.docx")
    docx = loaded_libraries(s.ok("import", p, env=dbg))
    check(any(n.startswith("libzip") for n in docx), "a DOCX import loads libzip", sorted(docx))
    check(not any(n.startswith("libpoppler") for n in docx), "a DOCX import does not load poppler", sorted(docx))
    s.write("laporan.pdf", one_page_pdf(["Laporan"]))
    pdf = loaded_libraries(s.ok("import", "laporan.pdf", env=dbg))
    check(any(n.startswith("libpoppler") for n in pdf), "a PDF import loads poppler", sorted(pdf))


main(globals())
