"""qda sources, sources show/text, segments, cases, attr, participants."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Scenario, check, eq, main  # noqa: E402

T1 = """Peneliti: Apa kabar, Kak?

K (Kiki): Baik. Saya jual kaos sablon.

Peneliti: Sejak kapan?

K (Kiki): Sejak 2021. Awalnya iseng.
"""
T2 = """Peneliti: Lanjut ya. Bagaimana dengan TikTok?

Kiki: Saya belajar dari YouTube. Lalu coba-coba sendiri.

Peneliti: Ada kendala?

Kiki: Sinyal, Kak. Dan waktu.
"""
T3 = """Peneliti: Terakhir, apa rencana ke depan?

K: Mau buka toko online sendiri.

Peneliti: Terima kasih.

K: Sama-sama.
"""


def study():
    s = Scenario()
    s.write("w1.txt", T1)
    s.write("w2.txt", T2)
    s.write("w3.txt", T3)
    s.ok("import", "w1.txt", "w2.txt", "w3.txt", "--kind", "interview")
    return s


def test_sources_list_columns_and_formats():
    s = study()
    rows = s.ok("sources", "--format", "tsv").tsv()
    eq([r["name"] for r in rows], ["w1", "w2", "w3"], "names, sorted")
    eq(list(rows[0].keys()), ["name", "kind", "case", "format", "encoding", "chars", "bytes", "turns", "speakers", "sha256"], "columns")
    eq(rows[0]["turns"], "4", "turns")
    eq(rows[0]["encoding"], "UTF-8", "encoding")
    eq(len(rows[0]["sha256"]), 12, "sha prefix")
    for fmt in ["table", "csv", "json", "jsonl", "md"]:
        check("w2" in s.ok("sources", "--format", fmt).out, f"format {fmt}")
    eq(s.ok("sources").out, s.ok("sources").out, "deterministic")


def test_show_and_text():
    s = study()
    j = s.ok("sources", "show", "w1", "--format", "json").json()
    eq(j["schema"], "qda.source/1", "schema")
    eq(j["format"], "text", "format")
    eq({x["label"]: x["participant"] for x in j["speakers"]}, {"K": "K", "Peneliti": "Peneliti"}, "speakers")
    check(any(u["unit"] == "sentence" for u in j["segments"]), "sentence units", j)
    eq(s.ok("sources", "text", "w1", "--lines", "3-3").out, "K (Kiki): Baik. Saya jual kaos sablon.\n", "line 3")
    out = s.ok("sources", "text", "w1", "--lines", "1-2", "--numbered").out
    eq(out, "    1  Peneliti: Apa kabar, Kak?\n    2  \n", "numbered")
    r = s.fails(66, "sources", "show", "w4")
    check("did you mean" in r.err, "did-you-mean", r)
    s.fails(2, "sources", "text", "w1", "--lines", "x-y")


def test_segments_units_and_positions():
    s = study()
    turns = s.ok("segments", "w1", "--text", "--format", "json").json()["segments"]
    eq([t["speaker"] for t in turns], ["Peneliti", "K", "Peneliti", "K"], "speakers")
    text = s.ok("sources", "text", "w1").out
    for t in turns:
        eq(text[t["start"]:t["end"]], t["text"], "positions are code points into the text")
    lines = s.ok("segments", "w1", "--unit", "line", "--format", "json").json()["segments"]
    eq(lines[2]["line"], 3, "line numbers")
    paras = s.ok("segments", "w1", "--unit", "paragraph", "--format", "json").json()["segments"]
    eq(len(paras), 4, "paragraphs")
    s.fails(2, "segments", "w1", "--unit", "chapter")


def test_cases_create_link_unlink():
    s = study()
    s.ok("cases", "create", "U05", "--description", "Rudi Sablon")
    s.ok("cases", "link", "U05", "w1", "w2")
    s.ok("cases", "link", "U06", "w3", "--create")
    rows = {r["name"]: r for r in s.ok("cases", "--format", "tsv").tsv()}
    eq((rows["U05"]["sources"], rows["U06"]["sources"]), ("2", "1"), "linked")
    s.ok("cases", "unlink", "w3")
    eq({r["name"]: r["sources"] for r in s.ok("cases", "--format", "tsv").tsv()}["U06"], "0", "unlinked")
    s.fails(66, "cases", "link", "U99", "w1")
    s.fails(65, "cases", "create", "U05")


def test_attr_typed_set_unset_list():
    s = study()
    s.ok("cases", "create", "U05")
    s.ok("attr", "set", "--case", "U05", "years=3", "since=2021-04-01", "online=yes", "omzet=12.5", "sector=fashion")
    got = {a["key"]: (a["type"], a["value"]) for a in s.ok("attr", "list", "--case", "U05", "--format", "json").json()["attributes"]}
    eq(got, {"years": ("integer", "3"), "since": ("date", "2021-04-01"), "online": ("boolean", "true"),
             "omzet": ("float", "12.5"), "sector": ("text", "fashion")}, "types inferred")
    s.ok("cases", "create", "U06")
    r = s.fails(65, "attr", "set", "--case", "U06", "years=tiga")
    check("not a valid integer" in r.err, "type enforced", r)
    s.ok("attr", "set", "--case", "U06", "code=007", "--type", "text")
    s.fails(65, "attr", "set", "--case", "U06", "since=2021-13-01")
    s.fails(65, "attr", "set", "--case", "U06", "since=2024-02-31")
    s.ok("attr", "set", "--case", "U06", "hp=081234567890", "intl=+6281234", "aktif=tidak")
    got = {a["key"]: (a["type"], a["value"]) for a in s.ok("attr", "list", "--case", "U06", "--format", "json").json()["attributes"]}
    eq(got["hp"], ("text", "081234567890"), "phone numbers stay text")
    eq(got["intl"], ("text", "+6281234"), "a leading plus stays text")
    eq(got["aktif"], ("boolean", "false"), "ya/tidak are booleans")
    s.ok("attr", "unset", "--case", "U05", "omzet")
    check("omzet" not in s.ok("attr", "list", "--format", "tsv").out, "unset")
    s.fails(66, "attr", "unset", "--case", "U05", "omzet")
    s.ok("attr", "set", "--case", "U05", "omzet=besar")  # the key was forgotten with its last value
    s.write("more.csv", "case,omzet\nU06,sedang\nU05,kecil\n")
    s.ok("attr", "import", "more.csv")
    s.fails(2, "attr", "set", "years=3")
    s.fails(2, "attr", "set", "--case", "U05", "noequals")


def test_attr_import_csv_and_bad_row():
    s = study()
    s.write("attrs.csv", 'case,sector,years,platforms\nU05,fashion,3,"Instagram;TikTok"\nU06,kuliner,9,WhatsApp\n')
    r = s.ok("attr", "import", "attrs.csv", "--create")
    check("created 2 case(s)" in r.err, "cases created", r)
    got = s.ok("attr", "list", "--case", "U05", "--format", "json").json()["attributes"]
    eq({a["key"]: a["value"] for a in got}, {"sector": "fashion", "years": "3", "platforms": "Instagram;TikTok"}, "values")
    before = s.state()
    s.write("bad.csv", "case,years\nU05,4\nU06,\"unterminated\n")
    r = s.fails(65, "attr", "import", "bad.csv")
    check("bad.csv:3" in r.err, "names the line", r)
    s.write("bad2.csv", "case,years\nU05,4\nU77,5\n")
    r = s.fails(66, "attr", "import", "bad2.csv")
    check("bad2.csv:3" in r.err and "U77" in r.err, "names the row and the unknown case", r)
    eq(s.state(), before, "nothing imported")
    s.write("people.tsv", "participant\trole\nK\tpemilik\n")
    s.ok("attr", "import", "people.tsv", "--entity", "participant")
    check("pemilik" in s.ok("attr", "list", "--participant", "K").out, "participant attribute")


def test_participants_merge_aliases_and_interviewer():
    s = study()
    names = sorted(p["name"] for p in s.ok("participants", "--format", "json").json()["participants"])
    eq(names, ["K", "Kiki", "Peneliti"], "one participant per distinct label")
    s.ok("participants", "merge", "K (Kiki)", "K", "Kiki", "--into", "Kiki", "--why", "same person")
    s.ok("participants", "interviewer", "Peneliti")
    ps = {p["name"]: p for p in s.ok("participants", "--format", "json").json()["participants"]}
    eq(sorted(ps), ["Kiki", "Peneliti"], "merged")
    eq(ps["Kiki"]["sources"], 3, "Kiki speaks in 3 sources")
    eq(ps["Kiki"]["turns"], 6, "Kiki's turns")
    eq(ps["Peneliti"]["interviewer"], True, "interviewer")
    check("K" in ps["Kiki"]["aliases"].split("; "), "alias kept", ps)
    turns = s.ok("segments", "w1", "--format", "json").json()["segments"]
    eq(turns[1]["participant"], "Kiki", "segments resolve to the merged participant")
    s.ok("participants", "set", "Kiki", "role=pemilik")
    s.ok("participants", "set", "Peneliti", "role=peneliti")
    s.ok("participants", "rename", "Peneliti", "Tim Peneliti")
    s.ok("participants", "alias", "Kiki", "Kiki2")
    s.fails(2, "participants", "rename", "Kiki", "Kiki")
    s.ok("participants", "alias", "Kiki", "Rudi")
    s.ok("participants", "rename", "Kiki", "Bang Rudi")
    s.ok("audit", "verify")
    r = s.fails(66, "participants", "interviewer", "Bang Rudy")
    check('did you mean "Bang Rudi"' in r.err, "did you mean", r)


main(globals())
