"""qda codes (list, show, tree, add, rename, move, merge, split, retire) and qda codebook
(import as a difference, export in four formats, round trip)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main  # noqa: E402

STUDY_CODEBOOK = os.path.join(SOURCE, "examples", "umkm-medan", "codebook.yaml")

T1 = """Peneliti: Belajar dari mana, Kak?

Dewi: Otodidak, Kak. YouTube, TikTok.

Peneliti: Ada kendala?

Dewi: Jamnya itu lho, pagi sampai sore, hari kerja.
"""


def codes(s, *extra):
    return {r["name"]: r for r in s.ok("codes", "list", *extra, "--format", "json").json()["codes"]}


def events(s):
    return [e["action"] for e in s.ok("audit", "log", "--format", "json").json()["events"]]


def small():
    s = Scenario()
    s.ok("codes", "add", "kendala", "--description", "Kendala sumber daya", "--colour", "#ABC")
    s.ok("codes", "add", "kendala-waktu", "--parent", "kendala", "--inclusion", "jam usaha",
         "--exclusion", "takut", "--example", "Jamnya itu lho")
    s.ok("codes", "add", "kendala-biaya", "--parent", "kendala")
    s.ok("codes", "add", "belajar-youtube")
    s.ok("codes", "add", "T4", "--member", "kendala-waktu", "--member", "kendala-biaya")
    return s


def test_add_list_show_tree():
    s = small()
    c = codes(s)
    eq(list(c), ["kendala", "kendala-waktu", "kendala-biaya", "belajar-youtube", "T4"], "tree order")
    eq(c["kendala-waktu"]["path"], "kendala/kendala-waktu", "path")
    eq((c["T4"]["cycle"], c["T4"]["members"]), (2, "kendala-waktu; kendala-biaya"), "pattern code")
    j = s.ok("codes", "show", "kendala-waktu", "--format", "json").json()
    eq((j["parent"], j["inclusion"], j["exclusion"], j["example"]), ("kendala", "jam usaha", "takut", "Jamnya itu lho"), "fields")
    eq(s.ok("codes", "show", "kendala", "--format", "json").json()["colour"], "#aabbcc", "colour normalised")
    eq([x["name"] for x in s.ok("codes", "show", "kendala", "--format", "json").json()["children"]],
       ["kendala-waktu", "kendala-biaya"], "children")
    tree = s.ok("codes", "tree").out
    check("  kendala-waktu" in tree and "T4 [pattern]" in tree, "indented tree", tree)
    rows = s.ok("codes", "tree", "--format", "tsv").tsv()
    eq([(r["depth"], r["codings"], r["sources"]) for r in rows][:2], [("0", "0", "0"), ("1", "0", "0")], "tree columns")
    eq(events(s).count("code.add"), 5, "one event per add")
    eq(s.ok("codes").out, s.ok("codes", "list").out, "bare `codes` lists")


def test_add_errors():
    s = small()
    before = s.state()
    r = s.fails(66, "codes", "add", "x", "--parent", "kendala-wakti")
    check('did you mean "kendala-waktu"' in r.err, "did-you-mean", r)
    s.fails(65, "codes", "add", "kendala")
    s.fails(2, "codes", "add", "y", "--colour", "red")
    s.fails(66, "codes", "add", "T5", "--member", "nope")
    s.fails(66, "codes", "show", "nope")
    eq(s.state(), before, "failed adds change nothing")


def test_rename_and_move():
    s = small()
    uid = codes(s)["kendala-waktu"]["uid"]
    s.ok("codes", "rename", "kendala-waktu", "kendala-jadwal")
    c = codes(s)
    eq(c["kendala-jadwal"]["uid"], uid, "rename keeps the uid")
    eq(c["T4"]["members"], "kendala-jadwal; kendala-biaya", "members follow the rename")
    s.fails(65, "codes", "rename", "kendala-jadwal", "kendala-biaya")
    s.ok("codes", "move", "belajar-youtube", "--parent", "kendala")
    eq(codes(s)["belajar-youtube"]["path"], "kendala/belajar-youtube", "moved")
    s.ok("codes", "move", "belajar-youtube", "--root")
    eq(codes(s)["belajar-youtube"]["parent"], "", "moved to the root")
    before = s.state()
    r = s.fails(65, "codes", "move", "kendala", "--parent", "kendala-biaya")
    check("descendant" in r.err, "cycle refused", r)
    s.fails(65, "codes", "move", "kendala", "--parent", "kendala")
    s.fails(2, "codes", "move", "kendala")
    s.fails(2, "codes", "move", "kendala", "--root", "--parent", "T4")
    eq(s.state(), before, "refused moves change nothing")
    check("code.rename" in events(s) and "code.move" in events(s), "audited")


def test_merge_split_retire_need_why():
    s = small()
    before = s.state()
    for args in (["merge", "kendala-biaya", "--into", "kendala-waktu"], ["split", "kendala", "--into", "a", "--into", "b"],
                 ["retire", "belajar-youtube"]):
        r = s.fails(2, "codes", *args)
        check("--why" in r.err, "the error asks for --why", r)
    eq(s.state(), before, "nothing changed without --why")
    eq(codes(s)["kendala-biaya"]["status"], "active", "not merged")


def test_merge_moves_children_members_and_records_why():
    s = small()
    s.ok("codes", "add", "biaya-kuota", "--parent", "kendala-biaya")
    s.ok("codes", "merge", "kendala-biaya", "--into", "kendala-waktu", "--why", "one barrier")
    c = codes(s)
    check("kendala-biaya" not in c, "merged code hidden from the list")
    eq(c["biaya-kuota"]["parent"], "kendala-waktu", "children move under the target")
    eq(c["T4"]["members"], "kendala-waktu", "pattern codes list the target instead")
    merged = codes(s, "--all")["kendala-biaya"]
    eq(merged["status"], "merged", "kept for the record with --all")
    r = s.fails(66, "codes", "show", "kendala-biaya")
    check("merged" in r.err and "kendala-waktu" in r.err, "names the code it went into", r)
    ev = s.ok("audit", "log", "--format", "json").json()["events"][-1]
    eq((ev["action"], ev["why"]), ("code.merge", "one barrier"), "audit event with why")
    s.fails(65, "codes", "merge", "kendala-waktu", "--into", "kendala-waktu", "--why", "x")
    s.ok("codes", "add", "kendala-biaya")  # the merged code freed its name
    s.ok("audit", "verify")


def test_merge_moves_codings():
    s = small()
    if s.run("code", "--help").code != 0:
        print("  (qda code is not available: merge tested without codings)")
        return
    s.write("w1.txt", T1)
    s.ok("import", "w1.txt", "--kind", "interview")
    s.ok("code", "w1", "kendala-biaya", "--segment", "4")
    s.ok("code", "w1", "kendala-waktu", "--segment", "4")
    s.ok("code", "w1", "kendala-biaya", "--segment", "2")
    tree = {r["path"]: r for r in s.ok("codes", "tree", "--format", "json").json()["tree"]}
    eq((tree["kendala/kendala-biaya"]["codings"], tree["kendala/kendala-waktu"]["codings"]), (2, 1), "counts")
    eq((tree["T4"]["codings"], tree["T4"]["sources"]), (3, 1), "a pattern code counts its members' codings")
    r = s.ok("codes", "merge", "kendala-biaya", "--into", "kendala-waktu", "--why", "one barrier")
    check("1 coding(s) moved, 1 duplicate(s) dropped" in r.err, "merge report", r)
    c = codes(s)
    eq(c["kendala-waktu"]["codings"], 2, "codings moved to the target")
    eq(codes(s, "--all")["kendala-biaya"]["codings"], 0, "none left on the merged code")
    s.ok("audit", "verify")


def test_split_and_retire():
    s = small()
    r = s.ok("codes", "split", "kendala-waktu", "--into", "jam-usaha", "--into", "jadwal-pelatihan",
             "--why", "two different barriers")
    check("keeps its 0 coding(s) until you recode them" in r.err, "split says the codings stay", r)
    c = codes(s)
    eq(c["kendala-waktu"]["status"], "retired", "old code retired")
    eq((c["jam-usaha"]["parent"], c["jadwal-pelatihan"]["parent"]), ("kendala", "kendala"), "under the same parent")
    eq(s.ok("codes", "show", "jam-usaha", "--format", "json").json()["inclusion"], "jam usaha", "definition copied")
    s.fails(65, "codes", "split", "kendala", "--into", "jam-usaha", "--into", "zz", "--why", "x")
    s.fails(2, "codes", "split", "kendala", "--into", "only-one", "--why", "x")
    s.ok("codes", "retire", "belajar-youtube", "--why", "not a barrier")
    eq(codes(s)["belajar-youtube"]["status"], "retired", "retired")
    s.fails(65, "codes", "retire", "belajar-youtube", "--why", "again")
    acts = s.ok("audit", "log", "--format", "json").json()["events"]
    eq([(e["action"], e["why"]) for e in acts[-2:]],
       [("code.split", "two different barriers"), ("code.retire", "not a barrier")], "why recorded")
    s.ok("audit", "verify")


# ---- codebook files -------------------------------------------------------------------------

BOOK = """codes:
  - name: kendala
    colour: "#293241"
    children:
      - name: kendala-waktu
        description: Tidak ada waktu
        example: |-
          "Jamnya itu lho, pagi sampai sore, hari kerja."
          (Kak Dewi)
      - name: kendala-biaya
  - name: T4
    members: [kendala-waktu, kendala-biaya]
"""


def test_import_and_export_formats():
    s = Scenario()
    s.write("cb.yaml", BOOK)
    j = s.ok("codebook", "import", "cb.yaml", "--why", "first codebook", "--format", "json").json()
    eq([(c["action"], c["code"]) for c in j["changes"]],
       [("add", "kendala"), ("add", "kendala/kendala-waktu"), ("add", "kendala/kendala-biaya"), ("add", "T4")], "report")
    eq(events(s)[-1], "codebook.import", "one event")
    y = s.ok("codebook", "export").out
    check("id: c" in y and "members:" in y, "yaml export has ids and members", y)
    eq(s.ok("codebook", "export", "--format", "yaml").out, y, "yaml is the default")
    js = json.loads(s.ok("codebook", "export", "--format", "json").out)
    eq(js["schema"], "qda.codebook/1", "json schema name")
    eq([c["path"] for c in js["codes"]], ["kendala", "kendala/kendala-waktu", "kendala/kendala-biaya", "T4"], "paths")
    md = s.ok("codebook", "export", "--format", "md").out
    check("## kendala\n" in md and "### kendala-waktu\n" in md and "> \"Jamnya" in md, "markdown", md)
    csv = s.ok("codebook", "export", "--format", "csv").out
    check(csv.startswith("path,uid,name,parent,cycle,status,colour,") and "kendala/kendala-biaya" in csv, "csv", csv)
    s.fails(2, "codebook", "export", "--format", "tsv")


def test_round_trip_is_byte_identical():
    a = Scenario()
    a.ok("codebook", "import", STUDY_CODEBOOK, "--why", "the example study")
    a.ok("codes", "retire", "coba-coba", "--why", "round trip of a retired code")
    first = a.ok("codebook", "export").out
    a.write("export.yaml", first)
    b = Scenario()
    b.ok("codebook", "import", a.path("export.yaml"), "--why", "copy")
    eq(b.ok("codebook", "export").out, first, "export -> import -> export")
    for fmt in ("json", "md", "csv"):
        eq(b.ok("codebook", "export", "--format", fmt).out, a.ok("codebook", "export", "--format", fmt).out, fmt)
    r = b.ok("codebook", "import", a.path("export.yaml"), "--why", "again")
    check("nothing to do" in r.err, "re-import is no change", r)
    eq(events(b).count("codebook.import"), 1, "no event when nothing changed")


def test_import_applies_a_difference():
    s = Scenario()
    s.write("cb.yaml", BOOK)
    s.ok("codebook", "import", "cb.yaml", "--why", "v1")
    exported = s.ok("codebook", "export").out
    uid = codes(s)["kendala-waktu"]["uid"]
    edited = (exported.replace("name: kendala-waktu", "name: kendala-jadwal")
              .replace("- kendala-waktu", "- kendala-jadwal")
              .replace("Tidak ada waktu", "Jadwal bentrok"))
    edited += "  - name: kesiapan\n"
    s.write("cb2.yaml", edited)
    before = s.state()
    dry = s.ok("codebook", "import", "cb2.yaml", "--dry-run", "--format", "json").json()
    eq(dry["dry_run"], True, "dry run flagged")
    eq([(c["action"], c["code"]) for c in dry["changes"]],
       [("rename", "kendala-jadwal"), ("update", "kendala-jadwal"), ("add", "kesiapan")],
       "planned (T4's members are the same codes: a rename is no change of members)")
    eq(s.state(), before, "dry run changes nothing")
    check("kendala-waktu" in codes(s), "still the old name")
    s.ok("codebook", "import", "cb2.yaml", "--why", "v2")
    c = codes(s)
    eq(c["kendala-jadwal"]["uid"], uid, "renamed by uid")
    eq(c["T4"]["members"], "kendala-jadwal; kendala-biaya", "members")
    eq(s.ok("codes", "show", "kendala-jadwal", "--format", "json").json()["description"], "Jadwal bentrok", "updated")
    # move kendala-biaya to the root and drop kesiapan (never used: deleted)
    u = {n: r["uid"] for n, r in codes(s).items()}
    s.write("cb3.yaml", f"""codes:
  - name: kendala
    id: {u['kendala']}
    children:
      - name: kendala-jadwal
        id: {u['kendala-jadwal']}
  - name: kendala-biaya
    id: {u['kendala-biaya']}
  - name: T4
    id: {u['T4']}
    members: [kendala-jadwal, kendala-biaya]
""")
    j = s.ok("codebook", "import", "cb3.yaml", "--why", "v3", "--format", "json").json()
    acts = {(c["action"], c["code"]) for c in j["changes"]}
    check(("move", "kendala-biaya") in acts and ("delete", "kesiapan") in acts, f"move and delete: {acts}")
    eq(codes(s)["kendala-biaya"]["parent"], "", "moved to the root")
    check("kesiapan" not in codes(s, "--all"), "deleted")
    s.ok("audit", "verify")


def test_import_drop_in_use_needs_retire_missing():
    s = Scenario()
    s.write("cb.yaml", BOOK)
    s.ok("codebook", "import", "cb.yaml", "--why", "v1")
    if s.run("code", "--help").code != 0:
        print("  (qda code is not available: dropping a coded code is tested in unit tests only)")
        return
    s.write("w1.txt", T1)
    s.ok("import", "w1.txt")
    s.ok("code", "w1", "kendala-biaya", "--segment", "4")
    s.write("cb2.yaml", "codes:\n  - name: kendala\n    children:\n      - name: kendala-waktu\n")
    before = s.state()
    r = s.fails(65, "codebook", "import", "cb2.yaml", "--why", "v2")
    check("kendala/kendala-biaya" in r.err and "--retire-missing" in r.err, "lists the codes in use", r)
    eq(s.state(), before, "nothing changed")
    j = s.ok("codebook", "import", "cb2.yaml", "--retire-missing", "--why", "v2", "--format", "json").json()
    acts = {(c["action"], c["code"]) for c in j["changes"]}
    check({("retire", "kendala/kendala-biaya"), ("delete", "T4")} <= acts, f"retired the coded code, deleted the unused one: {acts}")
    check(("update", "kendala-waktu") in acts, "fields the file leaves out are cleared")
    eq(codes(s)["kendala-biaya"]["status"], "retired", "retired")
    s.ok("audit", "verify")


def test_import_errors_name_the_line():
    s = Scenario()
    before = s.state()
    cases = [
        ("codes:\n  - name: a\n    colur: \"#fff\"\n", "bad.yaml:3:5", 'did you mean "colour"'),
        ("codes:\n  - name: a\n  - name: a\n", "bad.yaml:3:11", "defined twice"),
        ("codes:\n  - name: T\n    members: [nope]\n", "bad.yaml:3:15", "names no code"),
        ("codes:\n  - name: a\n    cycle: 3\n", "bad.yaml:3:12", "cycle"),
        ("codes:\n  - name: a\n    colour: \"#12\"\n", "bad.yaml:3:13", "colour"),
        ("codes:\n  - name: a\n    colour: #123456\n", "bad.yaml:3:5", "quote"),
        ("codes: [\n", "bad.yaml:", ""),
    ]
    for text, where, what in cases:
        s.write("bad.yaml", text)
        r = s.fails(65, "codebook", "import", "bad.yaml", "--why", "x")
        check(r.err.startswith("qda: error: " + where) and what in r.err, f"error for {text!r}", r)
    s.fails(66, "codebook", "import", "missing.yaml")
    eq(s.state(), before, "nothing changed")


def test_example_codebook_imports():
    s = Scenario()
    j = s.ok("codebook", "import", STUDY_CODEBOOK, "--why", "example", "--format", "json").json()
    check(len(j["changes"]) > 25 and all(c["action"] == "add" for c in j["changes"]), "all added")
    c = codes(s)
    for t in ("T1-literasi-digital-ai-rendah", "T2-strategi-internal", "T3-pelatihan-komunitas",
              "T4-kendala-sumber-daya", "T5-kesiapan-psikologis-budaya", "T6-kolaborasi-pentahelix"):
        eq(c[t]["cycle"], 2, t)
    check("ai-tanpa-sadar" in c["T1-literasi-digital-ai-rendah"]["members"], "members by name")
    eq(c["ai-tanpa-sadar"]["path"], "pemahaman-ai/ai-tanpa-sadar", "nested")


def test_import_status_and_merged_ids():
    s = Scenario()
    s.write("cb.yaml", BOOK)
    s.ok("codebook", "import", "cb.yaml", "--why", "v1")
    exported = s.ok("codebook", "export").out
    s.write("retired.yaml", exported.replace("name: kendala-biaya\n", "name: kendala-biaya\n        status: retired\n"))
    j = s.ok("codebook", "import", "retired.yaml", "--why", "v2", "--format", "json").json()
    eq([(c["action"], c["code"]) for c in j["changes"]], [("retire", "kendala-biaya")], "status retired applies")
    eq(codes(s)["kendala-biaya"]["status"], "retired", "retired")
    j = s.ok("codebook", "import", "cb.yaml", "--why", "v3", "--format", "json").json()
    eq([(c["action"], c["code"]) for c in j["changes"]], [("reactivate", "kendala-biaya")], "back to active")
    s.ok("codes", "merge", "kendala-biaya", "--into", "kendala-waktu", "--why", "one barrier")
    before = s.state()
    r = s.fails(65, "codebook", "import", "retired.yaml", "--why", "v4")
    check("was merged" in r.err and "retired.yaml:" in r.err, "a merged code's id is refused with its line", r)
    eq(s.state(), before, "nothing changed")


main(globals())
