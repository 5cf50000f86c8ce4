"""The example study (examples/umkm-medan) goes through qda as scripts/example.sh runs it."""
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main  # noqa: E402

STUDY = os.path.join(SOURCE, "examples", "umkm-medan")


def manifest():
    with open(os.path.join(STUDY, "manifest.tsv"), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def build():
    s = Scenario()
    for m in manifest():
        s.ok("import", os.path.join(STUDY, m["file"]), "--kind", m["kind"], "--case", m["case"])
    s.ok("participants", "interviewer", "Peneliti")
    s.ok("attr", "import", os.path.join(STUDY, "attributes.csv"), "--entity", "case", "--create")
    s.ok("attr", "import", os.path.join(STUDY, "attributes.csv"), "--entity", "participant", "--key-column", "participant")
    return s


def test_study_imports_with_its_design():
    s = build()
    rows = s.ok("sources", "--format", "json").json()["sources"]
    kinds = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    eq(kinds, {"interview": 13, "observation": 4, "document": 3}, "13 interviews, 4 observations, 3 documents")
    formats = {r["name"]: r["format"] for r in rows}
    eq(formats["u06-lestari"], "docx", "one DOCX")
    eq(formats["f02-fauzi"], "webvtt", "one WebVTT")
    eq(formats["doc-program-digitalisasi"], "html", "one HTML")
    people = {m["participant"] for m in manifest() if m["participant"]}
    for m in manifest():
        if m["kind"] != "interview":
            continue
        name = os.path.splitext(os.path.basename(m["file"]))[0]
        segs = s.ok("segments", name, "--text", "--format", "json").json()["segments"]
        speakers = {t["participant"] for t in segs}
        eq(speakers, {"Peneliti", m["participant"]}, f"{name}: interviewer and participant")
        words = sum(len(t["text"].split()) for t in segs)
        check(1000 <= words <= 2500, f"{name}: {words} words of turns (1,000-2,500)")
    part = {p["name"]: p for p in s.ok("participants", "--format", "json").json()["participants"]}
    check(people <= set(part), f"every participant of the manifest is found: {sorted(people - set(part))}")
    eq(part["Peneliti"]["interviewer"], True, "interviewer marked")
    eq(part["Peneliti"]["sources"], 13, "the interviewer speaks in every interview")


def test_observations_have_dated_entries():
    s = build()
    for m in manifest():
        if m["kind"] != "observation":
            continue
        name = os.path.splitext(os.path.basename(m["file"]))[0]
        entries = s.ok("segments", name, "--unit", "entry", "--format", "json").json()["segments"]
        check(len(entries) >= 4, f"{name}: {len(entries)} dated entries")
        check(all(re.match(r"^2024-\d\d-\d\d", e["timestamp"]) for e in entries), f"{name}: ISO dates", entries)


def test_attributes_and_cases():
    s = build()
    cases = {c["name"]: c for c in s.ok("cases", "--format", "json").json()["cases"]}
    eq(len(cases), 13, "13 cases")
    attrs = s.ok("attr", "list", "--case", "U04", "--format", "json").json()["attributes"]
    got = {a["key"]: (a["type"], a["value"]) for a in attrs}
    eq(got["sector"], ("text", "fashion"), "sector")
    eq(got["years_in_business"][0], "integer", "years typed")
    role = s.ok("attr", "list", "--participant", "Ibu Marlina", "--format", "json").json()["attributes"]
    eq({a["key"]: a["value"] for a in role}["role"], "fasilitator", "participant role")
    s.ok("audit", "verify")


def test_indonesian_text_is_searchable_as_written():
    s = build()
    text = s.ok("sources", "text", "u04-dewi").out
    check(re.search(r"fitur otomatis", text, re.I), "the theme's phrase is in the text")
    sents = s.ok("segments", "u04-dewi", "--unit", "sentence", "--format", "json").json()["segments"]
    turns = s.ok("segments", "u04-dewi", "--format", "json").json()["segments"]
    check(len(sents) > 2 * len(turns), "sentences split inside turns")


main(globals())
