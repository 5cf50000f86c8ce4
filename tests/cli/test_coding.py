"""qda code, qda uncode, qda codings and codings import, on the example study's interviews."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main  # noqa: E402

STUDY = os.path.join(SOURCE, "examples", "umkm-medan")
DEWI = os.path.join(STUDY, "interviews", "u04-dewi.md")
RINA = os.path.join(STUDY, "interviews", "u01-rina.md")


def study():
    s = Scenario()
    s.ok("import", DEWI, RINA, "--kind", "interview")
    return s


def text_of(s, source):
    return s.ok("sources", "text", source).out


def codings(s, *args):
    return s.ok("codings", *args, "--format", "json").json()["codings"]


def coded(s, *args):
    return s.ok("code", *args, "--format", "json").json()["codings"]


def verified(s):
    r = s.run("audit", "verify")
    check(r.code == 0, "audit verify passes", r)


def test_match_is_case_insensitive_and_lands_on_the_original_text():
    s = study()
    rows = coded(s, "u04-dewi", "fitur-otomatis", "--match", "FITUR OTOMATIS", "--create")
    eq(len(rows), 1, "one coding")
    eq((rows[0]["status"], rows[0]["code"], rows[0]["coder"]), ("created", "fitur-otomatis", "tester"), "row")
    text = text_of(s, "u04-dewi")
    eq(text[rows[0]["start"]:rows[0]["end"]], "fitur otomatis", "the original characters")
    eq(rows[0]["line"], text[:rows[0]["start"]].count("\n") + 1, "line of the start")
    listed = codings(s)
    eq([(c["start"], c["end"], c["text"]) for c in listed], [(rows[0]["start"], rows[0]["end"], "fitur otomatis")], "listed")
    all_rows = coded(s, "u04-dewi", "otomatis", "--match", "Otomatis", "--all", "--create")
    eq(len(all_rows), text.lower().count("otomatis"), "--all codes every occurrence")
    for r in all_rows:
        eq(text[r["start"]:r["end"]].lower(), "otomatis", "each occurrence")
    second = coded(s, "u04-dewi", "otomatis-2", "--match", "otomatis", "--nth", "2", "--create")
    eq(second[0]["start"], all_rows[1]["start"], "--nth 2 is the second occurrence")
    verified(s)


def test_segment_lines_chars_and_turns_locators():
    s = study()
    text = text_of(s, "u04-dewi")
    turns = s.ok("segments", "u04-dewi", "--format", "json").json()["segments"]
    r = coded(s, "u04-dewi", "profil", "--segment", "2", "--create")[0]
    eq((r["start"], r["end"]), (turns[1]["start"], turns[1]["end"]), "--segment 2 is the second turn")
    sents = s.ok("segments", "u04-dewi", "--unit", "sentence", "--format", "json").json()["segments"]
    r = coded(s, "u04-dewi", "profil", "--segment", "3", "--unit", "sentence")[0]
    eq((r["start"], r["end"]), (sents[2]["start"], sents[2]["end"]), "--unit sentence")
    lines = text.split("\n")
    r = coded(s, "u04-dewi", "profil", "--lines", "12-14")[0]
    eq(text[r["start"]:r["end"]], "\n".join(lines[11:14]), "--lines 12-14 without the final newline")
    eq(r["line"], 12, "line")
    n = next(i for i in range(12, len(lines)) if lines[i - 1])
    r = coded(s, "u04-dewi", "profil", "--lines", str(n))[0]
    eq(text[r["start"]:r["end"]], lines[n - 1], "--lines N")
    blank = next(i for i in range(2, len(lines)) if not lines[i - 1])
    s.fails(65, "code", "u04-dewi", "profil", "--lines", str(blank))
    r = coded(s, "u04-dewi", "profil", "--chars", "10-25")[0]
    eq((r["start"], r["end"]), (10, 25), "--chars is code points, end exclusive")
    dewi_turns = [t for t in turns if t["speaker"] == "Kak Dewi"]
    check(len(dewi_turns) > 10, "Kak Dewi has turns", dewi_turns)
    rows = coded(s, "u04-dewi", "suara-pemilik", "--turns-of", "Kak Dewi", "--create")
    eq([(x["start"], x["end"]) for x in rows], [(t["start"], t["end"]) for t in dewi_turns], "--turns-of a label")
    s.ok("participants", "alias", "Kak Dewi", "Dewi")
    rows = coded(s, "u04-dewi", "suara-pemilik", "--turns-of", "Dewi")
    eq({x["status"] for x in rows}, {"exists"}, "--turns-of an alias finds the same turns")
    eq(len(rows), len(dewi_turns), "same count")
    verified(s)


def test_bad_locators_change_nothing():
    s = study()
    s.ok("codes", "add", "fitur-otomatis")
    before = s.state()
    listing = s.ok("codings", "--format", "tsv").out
    r = s.fails(2, "code", "u04-dewi", "fitur-otomatis", "--match", "fitur", "--lines", "3-4")
    check("only one" in r.err, "several locators", r)
    s.fails(2, "code", "u04-dewi", "fitur-otomatis")
    s.fails(2, "code", "u04-dewi", "fitur-otomatis", "--nth", "2", "--chars", "1-3")
    s.fails(2, "code", "u04-dewi", "fitur-otomatis", "--chars", "9-3")
    s.fails(2, "code", "u04-dewi", "fitur-otomatis", "--lines", "x")
    r = s.fails(65, "code", "u04-dewi", "fitur-otomatis", "--match", "robot pintar")
    check("u04-dewi" in r.err and "robot pintar" in r.err, "names the source and the text", r)
    r = s.fails(65, "code", "u04-dewi", "fitur-otomatis", "--match", "fitur otomatis", "--nth", "99")
    check("occurs" in r.err, "says how often it occurs", r)
    s.fails(65, "code", "u04-dewi", "fitur-otomatis", "--segment", "999")
    s.fails(65, "code", "u04-dewi", "fitur-otomatis", "--segment", "1", "--unit", "cue")
    s.fails(65, "code", "u04-dewi", "fitur-otomatis", "--chars", "0-99999999")
    s.fails(65, "code", "u04-dewi", "fitur-otomatis", "--lines", "5000-5001")
    r = s.fails(65, "code", "u04-dewi", "fitur-otomatis", "--turns-of", "Kak Dew")
    check("did you mean" in r.err, "did-you-mean for a speaker", r)
    r = s.fails(66, "code", "u04-dew", "fitur-otomatis", "--match", "fitur")
    check("did you mean" in r.err, "did-you-mean for a source", r)
    eq(s.state(), before, "nothing changed")
    eq(s.ok("codings", "--format", "tsv").out, listing, "no coding")


def test_duplicates_coders_and_one_event_per_command():
    s = study()
    s.ok("codes", "add", "fitur-otomatis")
    a = coded(s, "u04-dewi", "fitur-otomatis", "--match", "fitur otomatis", "--memo", "dia tidak anggap AI")
    events = len(s.ok("audit", "log", "--format", "json").json()["events"])
    b = coded(s, "u04-dewi", "fitur-otomatis", "--match", "fitur otomatis")
    eq(b[0]["status"], "exists", "not duplicated")
    eq(b[0]["id"], a[0]["id"], "the existing coding is named")
    eq(len(s.ok("audit", "log", "--format", "json").json()["events"]), events, "no event when nothing changed")
    c = s.ok("--coder", "ani", "code", "u04-dewi", "fitur-otomatis", "--match", "fitur otomatis", "--format", "json").json()
    eq((c["codings"][0]["status"], c["codings"][0]["coder"]), ("created", "ani"), "a second coder codes independently")
    rows = codings(s)
    eq(sorted(r["coder"] for r in rows), ["ani", "tester"], "two codings")
    eq([r["memo"] for r in rows if r["coder"] == "tester"], ["dia tidak anggap AI"], "--memo stored")
    log = s.ok("audit", "log", "--action", "coding.", "--format", "json").json()["events"]
    eq([e["action"] for e in log], ["coding.add", "coding.add"], "one event per command")
    verified(s)


def test_unknown_retired_and_pattern_codes():
    s = study()
    s.ok("codes", "add", "fitur-otomatis")
    r = s.fails(66, "code", "u04-dewi", "fitur-otomatiss", "--match", "fitur")
    check('did you mean "fitur-otomatis"' in r.err, "did-you-mean", r)
    r = coded(s, "u04-dewi", "persepsi-ai", "--match", "ChatGPT", "--create")
    codes = s.ok("codes", "list", "--format", "json").json()
    check("persepsi-ai" in json.dumps(codes), "--create made the code", codes)
    log = s.ok("audit", "log", "--format", "json").json()["events"]
    eq(log[-1]["action"], "coding.add", "code and coding in one event")
    check("persepsi-ai" in log[-1]["summary"], "the event names the new code", log[-1])
    s.ok("codes", "retire", "persepsi-ai", "--why", "digabung ke fitur-otomatis")
    s.ok("codes", "add", "tema-otomasi", "--pattern", "--member", "fitur-otomatis")
    before = s.state()
    r = s.fails(65, "code", "u04-dewi", "persepsi-ai", "--match", "ChatGPT", "--nth", "2")
    check("retired" in r.err, "says the code is retired", r)
    r = s.fails(65, "code", "u04-dewi", "persepsi-ai", "--match", "ChatGPT", "--nth", "2", "--create")
    check("retired" in r.err, "--create does not bring back a retired code", r)
    r = s.fails(65, "code", "u04-dewi", "tema-otomasi", "--match", "fitur")
    check("pattern code" in r.err, "a pattern code takes no codings of its own", r)
    eq(len(codings(s)), 1, "the retired code keeps its coding, nothing was added")
    eq(s.state(), before, "nothing changed")
    verified(s)


def test_uncode_exact_overlapping_and_any_coder():
    s = study()
    a = coded(s, "u04-dewi", "fitur-otomatis", "--match", "fitur otomatis", "--create")[0]
    s.ok("--coder", "ani", "code", "u04-dewi", "fitur-otomatis", "--match", "fitur otomatis")
    wide = f"{a['start'] - 5}-{a['end'] + 5}"
    before = s.state()
    r = s.fails(1, "uncode", "u04-dewi", "fitur-otomatis", "--chars", wide)
    check("nothing to remove" in r.err, "exact spans only", r)
    eq(s.state(), before, "nothing changed")
    gone = s.ok("uncode", "u04-dewi", "fitur-otomatis", "--chars", wide, "--overlapping", "--format", "json").json()
    eq([(g["coder"], g["status"]) for g in gone["codings"]], [("tester", "removed")], "only the coder's own")
    eq([c["coder"] for c in codings(s)], ["ani"], "ani's coding stays")
    gone = s.ok("uncode", "u04-dewi", "fitur-otomatis", "--match", "fitur otomatis", "--any-coder", "--format", "json").json()
    eq([g["coder"] for g in gone["codings"]], ["ani"], "--any-coder")
    eq(codings(s), [], "all gone")
    s.fails(66, "uncode", "u04-dewi", "fitur-otomatiss", "--match", "fitur otomatis")
    log = s.ok("audit", "log", "--action", "coding.remove", "--format", "json").json()["events"]
    eq(len(log), 2, "one event per uncode")
    verified(s)


def test_codings_filters_and_formats():
    s = study()
    s.ok("cases", "link", "U04", "u04-dewi", "--create")
    coded(s, "u04-dewi", "fitur-otomatis", "--match", "fitur otomatis", "--create")
    coded(s, "u01-rina", "fitur-otomatis", "--match", "balasan otomatis")
    s.ok("--coder", "ani", "code", "u01-rina", "persepsi-ai", "--match", "AI", "--create")
    rows = codings(s)
    eq([(r["source"], r["code"]) for r in rows],
       [("u01-rina", "persepsi-ai"), ("u01-rina", "fitur-otomatis"), ("u04-dewi", "fitur-otomatis")]
       if rows[0]["start"] < rows[1]["start"] else
       [("u01-rina", "fitur-otomatis"), ("u01-rina", "persepsi-ai"), ("u04-dewi", "fitur-otomatis")], "order")
    eq(list(rows[0].keys()), ["id", "source", "start", "end", "line", "code", "coder", "time", "memo", "text"], "columns")
    eq(len(codings(s, "--source", "u01-rina")), 2, "--source")
    eq(len(codings(s, "--code", "persepsi-ai")), 1, "--code")
    eq(len(codings(s, "--coder", "ani")), 1, "--coder")
    eq(len(codings(s, "--coder", "ani", "--coder", "tester")), 3, "--coder repeated")
    eq([r["source"] for r in codings(s, "--case", "U04")], ["u04-dewi"], "--case")
    eq(codings(s, "--source", "u01-rina", "--case", "U04"), [], "filters combine")
    s.fails(66, "codings", "--code", "persepsi")
    s.fails(66, "codings", "--case", "U99")
    tsv = s.ok("codings", "--format", "tsv").tsv()
    eq([r["text"] for r in tsv], [r["text"] for r in rows], "tsv")
    for fmt in ("table", "csv", "jsonl", "md"):
        check("balasan otomatis" in s.ok("codings", "--format", fmt).out, f"format {fmt}")
    jl = [json.loads(l) for l in s.ok("codings", "--format", "jsonl").out.splitlines() if l]
    eq(jl, rows, "jsonl rows are the json rows")
    s.fails(2, "codings", "--format", "html")


def round_trip(s, fmt):
    """Export from `s`, import into a fresh project with the same sources, compare listings."""
    listing = s.ok("codings", "--format", fmt).out
    t = study()
    path = t.write(f"codings.{fmt}", listing)
    r = t.ok("codings", "import", path, "--create-codes")
    check("imported" in r.err, "reports", r)
    want = [{k: v for k, v in c.items() if k != "id"} for c in codings(s)]
    got = [{k: v for k, v in c.items() if k != "id"} for c in codings(t)]
    eq(got, want, f"{fmt} round trip")
    again = t.ok("codings", "import", path)
    check("0 coding(s) imported" in again.err, "a second import adds nothing", again)
    eq(len(codings(t)), len(want), "no duplicates")
    verified(t)
    return t


def test_import_round_trip_tsv_csv_jsonl():
    s = study()
    coded(s, "u04-dewi", "fitur-otomatis", "--match", "fitur otomatis", "--all", "--create", "--memo", "catatan\tdengan tab")
    coded(s, "u04-dewi", "suara-pemilik", "--lines", "12-14", "--create")  # a span with newlines
    s.ok("--coder", "ani", "code", "u01-rina", "persepsi-ai", "--match", "AI", "--all", "--create")
    coded(s, "u01-rina", "kutipan \u201cmiring\u201d, koma", "--match", "balasan otomatis", "--create")
    for fmt in ("tsv", "csv", "jsonl"):
        round_trip(s, fmt)


def test_import_bad_rows_name_the_line_and_import_nothing():
    s = study()
    coded(s, "u04-dewi", "fitur-otomatis", "--match", "fitur otomatis", "--create")
    good = s.ok("codings", "--format", "tsv").out.splitlines()
    head, row = good[0], good[1].split("\t")
    cols = head.split("\t")

    def edit(**kw):
        r = list(row)
        for k, v in kw.items():
            r[cols.index(k)] = v
        return "\t".join(r)
    t = study()
    t.ok("codes", "add", "fitur-otomatis")
    before = t.state()
    cases = {
        "unknown source": (edit(source="u04-dew"), "did you mean"),
        "unknown code": (edit(code="fitur"), "unknown code"),
        "start after end": (edit(start="30", end="20"), "not before"),
        "bad number": (edit(start="tiga"), "not a position"),
        "beyond the text": (edit(end="99999999"), "beyond the text"),
        "moved text": (edit(start=str(int(row[cols.index('start')]) + 1), end=str(int(row[cols.index('end')]) + 1)), "does not match"),
        "bad time": (edit(time="kemarin"), "not a UTC time"),
    }
    for what, (bad, message) in cases.items():
        path = t.write("bad.tsv", "\n".join([head, "\t".join(row), bad, "\t".join(row)]) + "\n")
        r = t.fails(65, "codings", "import", path)
        check(f"{path}:3: " in r.err, f"{what}: names the line", r)
        check(message in r.err, f"{what}: says what is wrong", r)
        check("nothing was imported" in r.err, f"{what}: says nothing was imported", r)
        eq(t.state(), before, f"{what}: nothing changed")
    path = t.write("two.tsv", "\n".join([head, edit(code="x1"), "\t".join(row), edit(code="x2")]) + "\n")
    r = t.fails(65, "codings", "import", path)
    check(f"{path}:2: " in r.err and f"{path}:4: " in r.err, "every bad row is listed", r)
    t.write("missing.tsv", "source\tstart\tend\tcode\nu04-dewi\t1\t2\tfitur-otomatis\n")
    r = t.fails(65, "codings", "import", t.path("missing.tsv"))
    check("coder" in r.err, "missing column named", r)
    t.write("bad.jsonl", json.dumps({"source": "u04-dewi", "start": "1", "end": 5, "code": "fitur-otomatis", "coder": "x"}) + "\n")
    r = t.fails(65, "codings", "import", t.path("bad.jsonl"))
    check("bad.jsonl:1" in r.err, "jsonl line", r)
    t.write("x.txt", head + "\n")
    t.fails(2, "codings", "import", t.path("x.txt"))
    t.fails(66, "codings", "import", t.path("nope.tsv"))
    eq(t.state(), before, "nothing changed")
    dry = t.ok("codings", "import", t.write("ok.tsv", "\n".join(good) + "\n"), "--dry-run")
    check("would be imported" in dry.err, "dry run reports", dry)
    eq(t.state(), before, "dry run changes nothing")
    t.ok("codings", "import", t.path("ok.tsv"))
    eq(len(codings(t)), 1, "imported")
    log = t.ok("audit", "log", "--action", "codings.import", "--format", "json").json()["events"]
    eq(len(log), 1, "one codings.import event")
    verified(t)


main(globals())
