"""Every --format json output matches its JSON Schema in schemas/json (named by its `schema` value:
qda.sources/1 -> qda.sources-1.schema.json). A small validator lives here (jsonschema is not
installed); it supports the keywords the schemas use and refuses any other, so a schema can
never ask for a check that silently does not run."""
import json
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main  # noqa: E402

SCHEMAS = os.path.join(SOURCE, "schemas", "json")
STUDY = os.path.join(SOURCE, "examples", "umkm-medan")
SCHEMA_NAME = re.compile(r'"(qda\.[a-z-]+/[0-9]+)"')

# ---- the validator ------------------------------------------------------------------------

ANNOTATIONS = {"$schema", "$id", "title", "description"}
CHECKS = {"type", "const", "enum", "properties", "required", "additionalProperties", "items",
          "minimum", "maximum", "minLength", "pattern"}
TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}


def validate(value, schema, where="$"):
    """Errors of `value` against `schema` (draft 2020-12 subset), as 'PATH: what' strings."""
    unknown = set(schema) - ANNOTATIONS - CHECKS
    if unknown:
        raise ValueError(f"{where}: the test's validator does not support {sorted(unknown)}")
    errors = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(TYPES[t](value) for t in types):
            return [f"{where}: {json.dumps(value)[:60]} is not of type {'/'.join(types)}"]
    if "const" in schema and (value != schema["const"] or type(value) is not type(schema["const"])):
        errors.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{where}: {value} is less than {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{where}: {value} is more than {schema['maximum']}")
    if isinstance(value, str):
        if "minLength" in schema and len(value) < schema["minLength"]:
            errors.append(f"{where}: {value!r} is shorter than {schema['minLength']}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}: missing {key!r}")
        for key, v in value.items():
            if key in props:
                errors += validate(v, props[key], f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected {key!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += validate(v, schema["additionalProperties"], f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for n, item in enumerate(value):
            errors += validate(item, schema["items"], f"{where}[{n}]")
    return errors


def schema_file(name):
    return os.path.join(SCHEMAS, name.replace("/", "-") + ".schema.json")


def load(name):
    with open(schema_file(name), encoding="utf-8") as f:
        return json.load(f)


def names_in_src():
    found = set()
    for root, _, files in os.walk(os.path.join(SOURCE, "src")):
        for fn in files:
            if fn.endswith((".cpp", ".hpp")):
                with open(os.path.join(root, fn), encoding="utf-8") as f:
                    found |= set(SCHEMA_NAME.findall(f.read()))
    return found


def conforms(doc, what):
    """`doc` is valid against the schema it names; returns the schema name."""
    name = doc.get("schema")
    check(isinstance(name, str) and os.path.exists(schema_file(name)), f"{what}: no schema file for {name!r}")
    errors = validate(doc, load(name))
    check(not errors, f"{what} does not match {name}:\n  " + "\n  ".join(errors[:20]))
    return name


# ---- a small project that has every kind of row ---------------------------------------------

MEMBER_CHECK = """[00:00:04] Peneliti: Bu, ini ringkasan wawancara kita bulan Juni. Apa sudah sesuai?

[00:00:15] Rina: Sudah, Dik. Sekarang Nadia sudah pakai Canva untuk poster.

[00:00:31] Peneliti: Jadi Ibu masih belum pegang sendiri?

[00:00:36] Rina: Belum lah. Awak masih takut salah pencet.
"""

SURVEY = """responden,sektor,usia,Apa kendala terbesar memakai AI untuk pemasaran?
R01,kuliner,45,"Tidak ada waktu, toko buka dari pagi sampai malam dan saya sendirian"
R02,fashion,29,"HP saya sudah lama, aplikasinya berat dan sering keluar sendiri"
"""

_outputs = None


def study(*p):
    return os.path.join(STUDY, *p)


def outputs():
    """(what, Result) of every command with JSON output, run once against one project."""
    global _outputs
    if _outputs is not None:
        return _outputs
    out = []

    def js(what, *args, code=0, **kw):
        r = s.run(*args, "--format", "json", **kw)
        check(r.code == code, f"{what}: expected exit {code}", r)
        out.append((what, r))
        return r

    s = Scenario(init=False)
    js("init", "init", "--default-coder", "tester")
    js("import", "import", study("interviews", "u04-dewi.md"), study("interviews", "f02-fauzi.vtt"),
       study("interviews", "u01-rina.md"), study("observations", "obs-2024-07-10-dewi.md"),
       "--why", "schema test")
    s.write("member-check.txt", MEMBER_CHECK)
    s.write("survei.csv", SURVEY)
    js("import with skipped rows", "import", "member-check.txt", "survei.csv",
       study("interviews", "u04-dewi.md"), "--kind", "member-check", "--case", "U01")
    s.ok("participants", "interviewer", "Peneliti")
    s.ok("participants", "merge", "Rina", "--into", "Bu Rina", "--why", "same person")
    s.ok("participants", "alias", "Kak Dewi", "Dewi")
    s.ok("attr", "import", study("attributes.csv"), "--entity", "case", "--create")
    s.ok("attr", "set", "--case", "U04", "karyawan=2", "omzet_juta=12.5", "buka_online=2019-03-01",
         "online=yes")
    s.ok("attr", "set", "--participant", "Dewi", "pendidikan=SMA")
    s.ok("cases", "create", "PEL-2024-06", "--description", "Pelatihan Copywriting dengan AI, 8 Juni 2024")
    s.ok("cases", "link", "PEL-2024-06", "obs-2024-07-10-dewi")

    js("sources", "sources")
    for name in ("u04-dewi", "f02-fauzi", "survei/R01", "member-check"):
        js(f"sources show {name}", "sources", "show", name)
    js("sources text", "sources", "text", "u04-dewi", "--lines", "1-5")
    for name, unit in (("u04-dewi", "turn"), ("u04-dewi", "paragraph"), ("u04-dewi", "sentence"),
                       ("u04-dewi", "line"), ("f02-fauzi", "cue"), ("obs-2024-07-10-dewi", "entry"),
                       ("survei/R02", "row"), ("member-check", "turn"), ("f02-fauzi", "entry")):
        js(f"segments {name} --unit {unit}", "segments", name, "--unit", unit)
        js(f"segments {name} --unit {unit} --text", "segments", name, "--unit", unit, "--text")
    js("cases", "cases")
    js("attr list", "attr", "list")
    js("attr list --case", "attr", "list", "--case", "U04")
    js("participants", "participants")
    js("audit log", "audit", "log")
    js("audit log --changes", "audit", "log", "--changes")
    js("audit verify", "audit", "verify")
    # coding and memos
    js("code", "code", "u04-dewi", "fitur-otomatis", "--match", "otomatis", "--all", "--create")
    js("codings", "codings")
    s.ok("memo", "add", "--on", "source:u04-dewi", "--type", "contact", "--title", "U04", "Pakai fitur otomatis Shopee.")
    js("memo list", "memo", "list")
    memo_id = s.ok("memo", "list", "--on", "source:u04-dewi", "--format", "json").json()["memos"][-1]["id"]
    js("memo show", "memo", "show", str(memo_id))
    js("sources show u04-dewi with a memo", "sources", "show", "u04-dewi")
    js("uncode", "uncode", "u04-dewi", "fitur-otomatis", "--match", "otomatis", "--nth", "2")
    # retrieval
    s.ok("memo", "add", "--on", "code:fitur-otomatis", "--type", "analytic", "Disebut fitur, bukan AI.")
    js("retrieve", "retrieve", "fitur-otomatis", "--context", "1")
    js("retrieve NOT", "retrieve", "NOT fitur-otomatis", "--case", "U04", "--no-interviewer")
    js("codebook import", "codebook", "import", study("codebook.yaml"), "--retire-missing", "--why", "schema test")
    js("codes", "codes")
    js("codes tree", "codes", "tree")
    js("codes show", "codes", "show", "T1-literasi-digital-ai-rendah")
    js("codebook export", "codebook", "export")
    # autocoding and search
    s.write("rules.yaml", "rules:\n  - code: ai-tanpa-sadar\n    words: [fitur otomatis]\n    not_interviewer: true\n")
    js("autocode --dry-run", "autocode", "rules.yaml", "--dry-run")
    js("autocode", "autocode", "rules.yaml", "--why", "schema test")
    js("autocode runs", "autocode", "runs")
    js("search", "search", "fitur otomatis", "--context", "20")
    js("search --regex", "search", "--regex", "fitur\\s+otomatis")
    # verification: claims and member checks
    cid = s.ok("codings", "--format", "json").json()["codings"][0]["id"]
    js("claim add", "claim", "add", "Fitur otomatis dipakai tanpa disebut AI", "--evidence", f"coding:{cid}")
    js("claim list", "claim", "list")
    js("claim show", "claim", "show", "1")
    s.ok("membercheck", "send", "--participant", "Kak Dewi", "--artifact", "source:u04-dewi", "--date", "2024-08-15")
    s.write("balasan.txt", "Kak Dewi: Betul.\n\nPeneliti: Terima kasih.\n")
    s.ok("membercheck", "respond", "--participant", "Kak Dewi", "--file", "balasan.txt")
    s.ok("membercheck", "verdict", "--participant", "Kak Dewi", "--claim", "1", "--verdict", "confirmed")
    js("membercheck list", "membercheck", "list")
    js("membercheck show", "membercheck", "show", "1")
    # co-occurrence and networks
    s.ok("codes", "add", "biaya", "--description", "cost")
    s.ok("code", "u04-dewi", "biaya", "--match", "otomatis", "--nth", "1")
    js("cooccur", "cooccur", "--unit", "segment:turn", "--no-interviewer")
    js("cooccur --measure c", "cooccur", "--codes", "fitur-otomatis", "--codes", "biaya", "--measure", "c")
    js("cooccur --level 2", "cooccur", "--level", "2")
    cid = s.ok("codings", "--code", "biaya", "--format", "json").json()["codings"][0]["id"]
    s.ok("network", "add", "fitur-otomatis", "biaya", "--kind", "leads-to", "--evidence", f"coding:{cid}")
    s.ok("network", "add", "T1-literasi-digital-ai-rendah", "biaya", "--kind", "part-of")
    js("network list", "network", "list")
    js("network show", "network", "show")
    # displays (matrix, display, freq)
    js("matrix", "matrix", "--rows", "case", "--cols", "theme", "--totals")
    js("matrix quotes", "matrix", "--rows", "participant", "--cols", "code:pemahaman-ai", "--cell",
       "presence+quotes:1", "--no-interviewer", "--order-rows", "attr:pendidikan")
    s.ok("display", "save", "fw", "--", "--rows", "case", "--cols", "code", "--cell", "summary+count")
    s.ok("display", "cell", "fw", "U04", "ai-tanpa-sadar", "--summary", "fitur otomatis", "--rating", "high")
    js("display show", "display", "show", "fw")
    js("display list", "display", "list")
    js("freq", "freq")
    js("freq --by", "freq", "--by", "kind")
    db = sqlite3.connect(s.path("project.qda"))
    db.execute("UPDATE source SET text = replace(text, 'otomatis', 'AI') WHERE name = 'u04-dewi'")
    db.execute("UPDATE audit_event SET why = 'rewritten' WHERE seq = 2")
    db.commit()
    db.close()
    js("audit verify (tampered)", "audit", "verify", code=1)
    # agreement between coders (issue 6)
    s.ok("--coder", "kedua", "code", "u04-dewi", "ai-tanpa-sadar", "--segment", "5")
    js("agreement", "agreement", "--coders", "tester,kedua", "--bootstrap", "20")
    js("agreement --unit turn --by source", "agreement", "--coders", "tester,kedua", "--unit", "turn", "--by", "source")
    js("agreement --unit unitized", "agreement", "--coders", "tester,kedua", "--unit", "unitized")
    js("agreement disagreements", "agreement", "disagreements", "--coders", "tester,kedua")
    js("agreement disagreements --categorical", "agreement", "disagreements", "--coders", "tester,kedua",
       "--unit", "turn", "--categorical", "ai-tanpa-sadar,fitur-otomatis")
    s.ok("agreement", "assign", "kedua", "u04-dewi")
    js("agreement assignments", "agreement", "assignments")
    s.write("reliability.csv", "unit,A,B,C\n1,1,1,\n2,2,,2\n3,1,2,1\n")
    js("agreement --data", "agreement", "--data", "reliability.csv", "--level", "interval")
    # audit report (issue 5) and instruments
    s.write("panduan.md", "# Panduan wawancara\n\n1. Ceritakan usaha Anda.\n")
    s.ok("import", "panduan.md", "--kind", "instrument")
    s.ok("instrument", "link", "panduan", "u04-dewi", "u01-rina")
    js("instrument list", "instrument", "list")
    js("audit report", "audit", "report")
    # triangulation (issue 5)
    js("triangulate", "triangulate", "--across", "kind")
    js("triangulate judge", "triangulate", "judge", "T1-literasi-digital-ai-rendah", "--pair",
       "interview:observation", "--meaning", "agree", "--examples", "disagree", "--why", "schema test")
    js("triangulate (with a verdict)", "triangulate", "--across", "kind", "--bands", "medium=0.1,high=0.7")
    js("triangulate --across attr:pendidikan", "triangulate", "--across", "attr:pendidikan", "--level", "1")
    js("triangulate evidence", "triangulate", "evidence", "T1-literasi-digital-ai-rendah", "--quotes", "2")
    js("triangulate verdicts", "triangulate", "verdicts")
    _outputs = (s, out)
    return _outputs


# ---- tests ----------------------------------------------------------------------------------

def test_every_schema_name_in_src_has_a_schema_file():
    names = names_in_src()
    check(len(names) >= 11, f"schema names found in src/: {sorted(names)}")
    missing = [n for n in sorted(names) if not os.path.exists(schema_file(n))]
    eq(missing, [], "schema names without schemas/json/NAME-VERSION.schema.json")


def test_schema_files_are_well_formed():
    files = sorted(f for f in os.listdir(SCHEMAS) if f.endswith(".schema.json"))
    check(files, "schemas/json holds schemas")
    for fn in files:
        with open(os.path.join(SCHEMAS, fn), encoding="utf-8") as f:
            sc = json.load(f)
        eq(sc.get("$schema"), "https://json-schema.org/draft/2020-12/schema", f"{fn}: $schema")
        name = sc["properties"]["schema"]["const"]
        eq(fn, name.replace("/", "-") + ".schema.json", f"{fn}: named by its schema value")
        eq(sc.get("additionalProperties"), False, f"{fn}: closed top level")
        check(set(sc["required"]) <= set(sc["properties"]) and "schema" in sc["required"],
              f"{fn}: required fields are properties")
        for key, prop in sc["properties"].items():
            if prop.get("type") != "array":
                continue
            items = prop["items"]
            eq(items.get("additionalProperties"), False, f"{fn}: rows of {key} are closed")
            check(set(items["required"]) <= set(items["properties"]), f"{fn}: {key} required columns exist")
            for col, cs in items["properties"].items():
                check("type" in cs, f"{fn}: {key}.{col} has a type")
        validate({}, sc)  # raises on keywords the validator does not know


def test_every_json_output_matches_its_schema():
    _, out = outputs()
    seen = set()
    for what, r in out:
        seen.add(conforms(r.json(), what))
    eq(sorted(names_in_src() - seen), [], "schemas never exercised by this test (add the command)")


def test_optional_columns_and_empty_values():
    _, out = outputs()
    got = {what: r.json() for what, r in out}
    turn = got["segments u04-dewi --unit turn --text"]["segments"][0]
    check("text" in turn and turn["text"], "--text adds the text column", turn)
    check("text" not in got["segments u04-dewi --unit turn"]["segments"][0], "no text without --text")
    check("changes" in got["audit log --changes"]["events"][0], "--changes adds the changes column")
    check("changes" not in got["audit log"]["events"][0], "no changes without --changes")
    skipped = [r for r in got["import with skipped rows"]["sources"] if r["status"] == "skipped"]
    eq(len(skipped), 1, "the duplicate is skipped")
    eq((skipped[0]["format"], skipped[0]["turns"]), ("", 0), "a skipped row keeps every column")
    eq(got["segments f02-fauzi --unit entry"]["segments"], [], "a unit the source lacks is an empty list")
    bad = got["audit verify (tampered)"]
    eq(bad["ok"], False, "tampering found")
    check(len(bad["problems"]) >= 2, "problems listed", bad)
    rina = [p for p in got["participants"]["participants"] if p["name"] == "Bu Rina"][0]
    eq((rina["sources"], rina["aliases"]), (2, "Bu Rina; Rina"), "merged participant")


def test_jsonl_rows_match_the_row_schemas():
    s, _ = outputs()
    for args, name, table in ((["sources"], "qda.sources/1", "sources"),
                              (["segments", "u04-dewi", "--unit", "sentence", "--text"], "qda.segments/1", "segments"),
                              (["participants"], "qda.participants/1", "participants"),
                              (["attr", "list"], "qda.attributes/1", "attributes"),
                              (["audit", "log", "--changes"], "qda.audit-log/1", "events"),
                              (["codings"], "qda.codings/1", "codings"),
                              (["memo", "list"], "qda.memos/1", "memos"),
                              (["retrieve", "fitur-otomatis"], "qda.retrieve/1", "results")):
        r = s.ok(*args, "--format", "jsonl")
        lines = [l for l in r.out.split("\n") if l]
        check(lines, f"{' '.join(args)}: jsonl rows")
        row_schema = load(name)["properties"][table]["items"]
        for n, line in enumerate(lines):
            errors = validate(json.loads(line), row_schema, f"{table}[{n}]")
            check(not errors, f"{' '.join(args)} --format jsonl:\n  " + "\n  ".join(errors[:10]))


def test_validator_rejects_doctored_documents():
    _, out = outputs()
    good = {what: r.json() for what, r in out}["sources"]
    schema = load("qda.sources/1")
    eq(validate(good, schema), [], "the real output is valid")

    def doctored(change):
        d = json.loads(json.dumps(good))
        change(d)
        return validate(d, schema)

    row = lambda d: d["sources"][0]  # noqa: E731
    cases = {
        "missing column": lambda d: row(d).pop("encoding"),
        "renamed column": lambda d: row(d).update(sha=row(d).pop("sha256")),
        "integer as string": lambda d: row(d).update(chars=str(row(d)["chars"])),
        "boolean as integer": lambda d: row(d).update(turns=True),
        "null where a string belongs": lambda d: row(d).update(case=None),
        "negative count": lambda d: row(d).update(bytes=-1),
        "unknown format": lambda d: row(d).update(format="doc"),
        "bad hash": lambda d: row(d).update(sha256="XYZ"),
        "wrong schema name": lambda d: d.update(schema="qda.sources/2"),
        "missing table": lambda d: d.pop("sources"),
        "extra top-level field": lambda d: d.update(count=3),
        "rows not an array": lambda d: d.update(sources={}),
    }
    for what, change in cases.items():
        check(doctored(change), f"the validator accepts a document with a {what}")
    check(validate({"schema": "qda.participants/1", "participants": [
        {"name": "Bu Rina", "interviewer": "false", "sources": 1, "turns": 2, "aliases": ""}]},
        load("qda.participants/1")), "a boolean written as a string is rejected")


main(globals())
