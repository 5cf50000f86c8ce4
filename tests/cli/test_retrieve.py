"""qda retrieve: codes, pattern codes and every query operator on a few transcripts of the
example study, each filter, context lines, memos, formats, and the errors (a malformed query is
a usage error naming the column; an unknown code is 'not found' with a did-you-mean)."""
import csv
import io
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main  # noqa: E402

STUDY = os.path.join(SOURCE, "examples", "umkm-medan")

# (source, code, --match text, coder): every coding of the shared project.
CODINGS = [
    ("u01-rina", "kendala-waktu", "sudah mau meluangkan waktu", None),  # the interviewer's words
    ("u01-rina", "ai-tanpa-sadar", "keluar sendiri itu tanda pagar", None),
    ("u01-rina", "otomasi-wa", "kalau orang chat pertama kali, langsung keluar", None),
    ("u01-rina", "ai-tanpa-sadar", "langsung keluar balasan", None),
    ("u01-rina", "ai-jauh", "Bukan untuk kami-kami yang jualan kue", None),
    ("u01-rina", "copywriting", "buatkan caption untuk bolu pandan", None),
    ("u01-rina", "kendala-waktu", "Jadi awak pulang sebelum selesai", None),
    ("u01-rina", "kendala-waktu", "Yang jangan hari Sabtu lah", None),
    ("u01-rina", "kendala-biaya", "Rp 38 ribu sekali jalan", None),
    ("u04-dewi", "ai-tanpa-sadar", "Itu fitur otomatis aja", None),
    ("u04-dewi", "ai-tanpa-sadar", "Itu fitur CapCut", "sari"),
    ("u04-dewi", "kendala-waktu", "Jamnya itu lho, pagi sampai sore", None),
    ("u04-dewi", "kendala-biaya", "Biaya admin marketplace naik terus", None),
    ("f01-marlina", "ai-tanpa-sadar", "Yang memakai AI secara sadar masih sedikit sekali", None),
    ("obs-2024-07-10-dewi", "ai-tanpa-sadar", "Itu fitur otomatis dari Shopee, dia yang hitung", None),
]

_project = None


def study(*p):
    return os.path.join(STUDY, *p)


def turn_with(s, source, text):
    """Ordinal of the turn of `source` whose text contains `text`."""
    rows = s.ok("segments", source, "--unit", "turn", "--text", "--format", "json").json()["segments"]
    hits = [r["ordinal"] for r in rows if text in r["text"]]
    check(len(hits) == 1, f"one turn of {source} holds {text!r}: {hits}")
    return hits[0]


def project():
    """One project, coded once: retrieval only reads it."""
    global _project
    if _project is not None:
        return _project
    s = Scenario()
    s.ok("import", study("interviews", "u01-rina.md"), study("interviews", "u04-dewi.md"),
         study("interviews", "f01-marlina.txt"), "--why", "retrieve test")
    s.ok("import", study("observations", "obs-2024-07-10-dewi.md"), "--kind", "observation")
    s.ok("attr", "import", study("attributes.csv"), "--entity", "case", "--create")
    s.ok("cases", "link", "F01", "f01-marlina")
    s.ok("cases", "link", "U04", "obs-2024-07-10-dewi")
    s.ok("participants", "interviewer", "Peneliti")
    for who, role in (("Bu Rina", "pemilik"), ("Kak Dewi", "pemilik"), ("Ibu Marlina", "fasilitator")):
        s.ok("participants", "set", who, f"role={role}")
    for code in ("ai-tanpa-sadar", "ai-jauh", "otomasi-wa", "copywriting", "pelatihan-dinas", "kendala-waktu",
                 "kendala-biaya"):
        s.ok("codes", "add", code)
    s.ok("codes", "add", "hambatan", "--pattern", "--member", "kendala-waktu", "--member", "kendala-biaya")
    for source, code, text, coder in CODINGS:
        s.ok(*(["--coder", coder] if coder else []), "code", source, code, "--match", text)
    n = turn_with(s, "u01-rina", "Pertama-tama awak bingung")
    s.ok("code", "u01-rina", "pelatihan-dinas", "--segment", str(n), "--unit", "turn")
    _project = s
    return s


def rows(*args):
    return project().ok("retrieve", *args, "--format", "json").json()["results"]


def quotes(*args):
    return [r["quote"] for r in rows(*args)]


# ---- codes and operators --------------------------------------------------------------------

def test_a_code_gives_its_codings_with_place_speaker_and_exact_quote():
    got = rows("ai-tanpa-sadar")
    eq([(r["source"], r["quote"]) for r in got],
       [("f01-marlina", "Yang memakai AI secara sadar masih sedikit sekali"),
        ("obs-2024-07-10-dewi", "Itu fitur otomatis dari Shopee, dia yang hitung"),
        ("u01-rina", "keluar sendiri itu tanda pagar"), ("u01-rina", "langsung keluar balasan"),
        ("u04-dewi", "Itu fitur otomatis aja"), ("u04-dewi", "Itu fitur CapCut")], "results by source, then start")
    r = got[2]
    eq((r["case"], r["speaker"], r["participant"], r["codes"]), ("U01", "Bu Rina", "Bu Rina", ["ai-tanpa-sadar"]),
       "case and speaker")
    eq(r["end"] - r["start"], len(r["quote"]), "end - start is the quote's length in code points")
    text = project().ok("sources", "text", "u01-rina", "--lines", f"{r['line']}-{r['line']}", "--format",
                        "json").json()
    check(r["quote"] in str(text), "the line reported holds the quote", text)
    eq(got[1]["speaker"], "", "field notes have no turns")


def test_a_pattern_code_means_any_member_and_equals_their_or():
    theme = quotes("hambatan")
    eq(len(theme), 6, "four kendala-waktu and two kendala-biaya codings")
    eq(theme, quotes("kendala-waktu", "OR", "kendala-biaya"), "hambatan = kendala-waktu OR kendala-biaya")
    check("Rp 38 ribu sekali jalan" in theme, "members' codings come with the theme")


def test_and_gives_the_turn_where_both_meet():
    got = rows("kendala-waktu AND kendala-biaya")
    eq(len(got), 1, "only one turn has both (u04's are in different turns)")
    r = got[0]
    check(r["quote"].startswith("**Bu Rina:**") or "Yang jangan hari Sabtu lah" in r["quote"], "the whole turn", r)
    check("Rp 38 ribu sekali jalan" in r["quote"], "the turn holds both codings", r)
    eq(r["codes"], ["kendala-biaya", "kendala-waktu"], "codes of both sides")
    eq(len(r["codings"]), 2, "the two codings that met")


def test_not_gives_the_turns_without_the_code():
    s = project()
    turns = s.ok("segments", "u04-dewi", "--unit", "turn", "--format", "json").json()["segments"]
    dewi = [t for t in turns if t["participant"] == "Kak Dewi"]
    got = rows("NOT ai-tanpa-sadar", "--speaker", "Kak Dewi")
    eq(len(got), len(dewi) - 2, "every turn of Kak Dewi but the two coded ai-tanpa-sadar")
    check(all(r["codings"] == [] and r["codes"] == [] for r in got), "NOT results carry no codings")
    check(not any("fitur otomatis aja" in r["quote"] for r in got), "the coded turn is left out")
    # The coder filter applies to what NOT sees: by 'tester' only one of those turns is coded.
    eq(len(rows("NOT ai-tanpa-sadar", "--speaker", "Kak Dewi", "--coder", "tester")), len(dewi) - 1,
       "NOT with --coder")


def test_overlaps_and_within_differ():
    eq(quotes("ai-tanpa-sadar OVERLAPS otomasi-wa"), ["langsung keluar balasan"], "shares 'langsung keluar'")
    eq(quotes("ai-tanpa-sadar WITHIN otomasi-wa"), [], "only partly inside")
    got = rows("copywriting WITHIN pelatihan-dinas")
    eq([r["quote"] for r in got], ["buatkan caption untuk bolu pandan"], "inside the coded turn")
    eq(got[0]["codes"], ["copywriting", "pelatihan-dinas"], "the enclosing coding comes along")
    eq(quotes("pelatihan-dinas WITHIN copywriting"), [], "not the other way round")


def test_near_counts_turns_inclusive_at_the_boundary():
    # ai-jauh is two turns after 'langsung keluar balasan' (the interviewer's question between).
    eq(quotes("ai-jauh NEAR/1 ai-tanpa-sadar"), [], "two turns away is not NEAR/1")
    got = rows("ai-jauh NEAR/2 ai-tanpa-sadar")
    eq([r["quote"] for r in got], ["Bukan untuk kami-kami yang jualan kue"], "NEAR/2 reaches it")
    eq(got[0]["codes"], ["ai-jauh", "ai-tanpa-sadar"], "the near coding comes along")
    eq(quotes("ai-tanpa-sadar near/0 otomasi-wa"), ["langsung keluar balasan"], "NEAR/0 is the same turn")


def test_parentheses_and_precedence():
    with_parens = quotes("(kendala-waktu OR kendala-biaya) AND NOT ai-tanpa-sadar")
    without = quotes("kendala-waktu OR kendala-biaya AND NOT ai-tanpa-sadar")
    eq(len(without), 4 + 2, "kendala-waktu OR (kendala-biaya AND NOT ...): 4 codings and 2 turns")
    eq(len(with_parens), 5, "turns with a hambatan coding: u01 (3 turns) and u04 (2 turns)")
    check(with_parens != without, "parentheses change the result")


def test_query_words_or_one_argument_are_the_same_query():
    s = project()
    a = s.ok("retrieve", "ai-tanpa-sadar", "AND", "NOT", "otomasi-wa", "--format", "tsv")
    b = s.ok("retrieve", "ai-tanpa-sadar and not otomasi-wa", "--format", "tsv")
    eq(a.out, b.out, "same output")
    eq(s.ok("retrieve", "ai-tanpa-sadar and not otomasi-wa", "--format", "json").json()["query"],
       "(ai-tanpa-sadar AND NOT otomasi-wa)", "the query as read")


# ---- filters --------------------------------------------------------------------------------

def test_kind_and_case_filters():
    eq(quotes("ai-tanpa-sadar", "--kind", "observation"), ["Itu fitur otomatis dari Shopee, dia yang hitung"], "kind")
    eq(len(rows("ai-tanpa-sadar", "--kind", "interview")), 5, "interviews only")
    eq([r["source"] for r in rows("ai-tanpa-sadar", "--case", "U04")],
       ["obs-2024-07-10-dewi", "u04-dewi", "u04-dewi"], "case U04: the interview and the field notes")
    eq(len(rows("ai-tanpa-sadar", "--case", "U04", "--case", "F01")), 4, "repeated --case: either")


def test_attr_filter_reads_the_source_then_its_case():
    eq(sorted({r["source"] for r in rows("hambatan", "--attr", "sector=kuliner")}), ["u01-rina"], "case attribute")
    eq(rows("hambatan", "--attr", "sector=kuliner", "--attr", "business_size=kecil"), [], "different keys: all")
    eq(len(rows("hambatan", "--attr", "sector=kuliner", "--attr", "sector=fashion")), 6, "same key: any")
    # A source's own value wins over its case's.
    s = Scenario()
    s.ok("import", study("interviews", "u01-rina.md"))
    s.ok("attr", "import", study("attributes.csv"), "--entity", "case", "--create")
    s.ok("code", "u01-rina", "kendala-biaya", "--match", "Rp 38 ribu", "--create")
    eq(len(s.ok("retrieve", "kendala-biaya", "--attr", "sector=kuliner", "-f", "json").json()["results"]), 1, "case")
    s.ok("attr", "set", "--source", "u01-rina", "sector=katering")
    eq(s.ok("retrieve", "kendala-biaya", "--attr", "sector=kuliner", "-f", "json").json()["results"], [],
       "the source's own value decides")
    eq(len(s.ok("retrieve", "kendala-biaya", "--attr", "sector=katering", "-f", "json").json()["results"]), 1,
       "the source's value")


def test_speaker_participant_attr_and_interviewer_filters():
    eq({r["speaker"] for r in rows("ai-tanpa-sadar", "--speaker", "Bu Rina")}, {"Bu Rina"}, "--speaker")
    eq(quotes("ai-tanpa-sadar", "--participant-attr", "role=fasilitator"),
       ["Yang memakai AI secara sadar masih sedikit sekali"], "--participant-attr")
    eq(len(rows("ai-tanpa-sadar", "--participant-attr", "role=pemilik")), 4, "owners' turns only (no field notes)")
    all_waktu = quotes("kendala-waktu")
    spoken = quotes("kendala-waktu", "--no-interviewer")
    eq(len(all_waktu) - len(spoken), 1, "--no-interviewer drops the interviewer's words")
    check("sudah mau meluangkan waktu" not in spoken, "the dropped one is the interviewer's")
    eq(len(rows("ai-tanpa-sadar", "--no-interviewer")), 6, "text outside turns is kept")


def test_coder_filter():
    eq(quotes("ai-tanpa-sadar", "--coder", "sari"), ["Itu fitur CapCut"], "only sari's coding")
    eq(len(rows("ai-tanpa-sadar", "--coder", "sari", "--coder", "tester")), 6, "either coder")


# ---- output ---------------------------------------------------------------------------------

def test_context_lines_come_from_the_source_text():
    s = project()
    r = rows("ai-tanpa-sadar", "--case", "U04", "--kind", "interview", "--context", "2")[0]
    lines = s.ok("sources", "text", "u04-dewi", "--format", "json").json()
    table = next(v for k, v in lines.items() if isinstance(v, list))
    by_number = {row["line"]: row["text"] for row in table}
    n = r["line"]
    eq(r["before"], [by_number[n - 2], by_number[n - 1]], "two lines before")
    eq(r["after"], [by_number[n + 1], by_number[n + 2]], "two lines after (the quote is on one line)")
    eq(rows("ai-tanpa-sadar", "--case", "U04", "--kind", "interview")[0]["before"], [], "no context by default")


def test_memos_on_codes_and_codings_appear_beside_results():
    s = Scenario()
    s.ok("import", study("interviews", "u04-dewi.md"))
    s.ok("code", "u04-dewi", "ai-tanpa-sadar", "--match", "Itu fitur otomatis aja", "--create")
    s.ok("memo", "add", "--on", "code:ai-tanpa-sadar", "--type", "analytic", "AI disebut fitur, bukan AI")
    cid = s.ok("retrieve", "ai-tanpa-sadar", "-f", "json").json()["results"][0]["codings"][0]
    s.ok("memo", "add", "--on", f"coding:{cid}", "--type", "jotting", "Bandingkan dengan Bu Rina")
    r = s.ok("retrieve", "ai-tanpa-sadar", "-f", "json").json()["results"][0]
    eq(sorted((m["target"], m["type"], m["text"]) for m in r["memos"]),
       [("code:ai-tanpa-sadar", "analytic", "AI disebut fitur, bukan AI"),
        (f"coding:{cid}", "jotting", "Bandingkan dengan Bu Rina")], "both memos")
    tsv = s.ok("retrieve", "ai-tanpa-sadar", "-f", "tsv").tsv()
    check("[code:ai-tanpa-sadar] AI disebut fitur, bukan AI" in tsv[0]["memos"], "memos column", tsv)


def test_every_format():
    s = project()
    q = ("copywriting",)
    tsv = s.ok("retrieve", *q, "--format", "tsv").tsv()
    eq([r["quote"] for r in tsv], ["buatkan caption untuk bolu pandan"], "tsv")
    eq(list(tsv[0])[:9], ["source", "case", "speaker", "participant", "start", "end", "line", "codes", "quote"],
       "stable columns")
    c = list(csv.DictReader(io.StringIO(s.ok("retrieve", *q, "--format", "csv").out)))
    eq(c[0]["codes"], "copywriting", "csv")
    jl = s.ok("retrieve", *q, "--format", "jsonl").out.strip().split("\n")
    eq(len(jl), 1, "jsonl: one line per result")
    check("buatkan caption untuk bolu pandan" in s.ok("retrieve", *q, "--format", "md").out, "md")
    t = s.ok("retrieve", *q)
    check("buatkan caption untuk bolu pandan" in t.out and "1 result" in t.err, "table", t)
    s.fails(2, "retrieve", *q, "--format", "html")


# ---- errors ---------------------------------------------------------------------------------

def test_a_malformed_query_is_a_usage_error_naming_the_column():
    s = project()
    before = s.state()
    r = s.fails(2, "retrieve", "ai-tanpa-sadar AND")
    check("query:1:19: expected a code name after AND" in r.err, "column and expectation", r)
    r = s.fails(2, "retrieve", "(ai-tanpa-sadar OR kendala-waktu")
    check("query:1:33: expected ')' to close the '(' at column 1" in r.err, "unclosed parenthesis", r)
    r = s.fails(2, "retrieve", "ai-tanpa-sadar NEAR kendala-waktu")
    check("query:1:16" in r.err and "NEAR/2" in r.err, "NEAR without distance", r)
    eq(s.state(), before, "nothing changed")


def test_unknown_names_are_not_found_with_a_suggestion():
    s = project()
    r = s.fails(66, "retrieve", "kendala-waktu AND ai-tanpa-sadr")
    check("query:1:19" in r.err and "ai-tanpa-sadr" in r.err, "names the code and its column", r)
    check('did you mean "ai-tanpa-sadar"' in r.err, "did-you-mean", r)
    r = s.fails(66, "retrieve", "hambatan", "--case", "U4")
    check("U4" in r.err, "unknown case", r)
    r = s.fails(66, "retrieve", "hambatan", "--speaker", "Bu Rian")
    check('did you mean "Bu Rina"' in r.err, "unknown speaker", r)
    s.fails(2, "retrieve", "hambatan", "--attr", "sector")


def test_retrieve_writes_nothing():
    s = project()
    before = s.state()
    s.ok("retrieve", "hambatan OR ai-tanpa-sadar", "--context", "3")
    eq(s.state(), before, "no audit event, no change")
    s.ok("audit", "verify")


main(globals())
