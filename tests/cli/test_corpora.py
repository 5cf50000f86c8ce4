"""Real files from ../shared/corpora: every file is imported, and per file the facts a reader
must get right (turns, speakers, decoded non-ASCII text, the speaker of a multi-paragraph turn)
are checked against counts made here independently of qda."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Scenario, check, eq, main, shared  # noqa: E402


def read(*p):
    return open(shared("corpora", *p), "rb").read()


def imported(s, *p, extra=()):
    path = shared("corpora", *p)
    row = s.ok("import", path, *extra, "--format", "tsv").tsv()[0]
    eq(row["status"], "imported", f"{path} imported")
    return row


def turns(s, name, with_text=True):
    args = ["segments", name, "--format", "json"] + (["--text"] if with_text else [])
    return s.ok(*args).json()["segments"]


def bold_turns(text):
    # `**Name:** text` and the variant `**Name**: text` (js-party-14 has `**Break**: \[21:05\]`)
    return [m.group(1) for m in re.finditer(r"^\*\*([^*\n]+?)(?::\*\*|\*\*:)", text, re.M)]


def test_qualcoder_transcript():
    s = Scenario()
    raw = read("qualcoder", "transcript.txt").decode()
    labels = re.findall(r"^\[(\w+)\]", raw, re.M)
    row = imported(s, "qualcoder", "transcript.txt")
    eq(int(row["turns"]), len(labels), "turns")
    eq(int(row["speakers"]), len(set(labels)), "speakers")
    eq([t["speaker"] for t in turns(s, "transcript")], labels, "speaker order")


def check_changelog(s, fname, name):
    raw = read("changelog", fname).decode()
    labels = bold_turns(raw)
    row = imported(s, "changelog", fname)
    eq(int(row["turns"]), len(labels), f"{fname} turns")
    eq(int(row["speakers"]), len(set(labels)), f"{fname} speakers")
    ts = turns(s, name)
    eq([t["speaker"] for t in ts], labels, f"{fname} speaker order")
    # A turn that spans several paragraphs: take a paragraph with no label and find its turn.
    paras = [p for p in raw.split("\n\n") if p.strip()]
    for i in range(1, len(paras)):
        if not paras[i].startswith("**") and bold_turns(paras[i - 1]) and len(paras[i]) > 40:
            owner = bold_turns(paras[i - 1])[0]
            probe = paras[i].strip().replace("\\[", "[").replace("\\]", "]")[:30]
            hits = [t for t in ts if probe[:20] in t["text"]]
            check(hits, f"continuation paragraph '{probe}' inside a turn")
            eq(hits[0]["speaker"], owner, "speaker of the continuation paragraph")
            break
    return labels


def test_changelog_markdown():
    s = Scenario()
    check_changelog(s, "js-party-14.md", "js-party-14")
    check_changelog(s, "go-time-1.md", "go-time-1")


def test_utf16_crlf_is_the_same_transcript():
    s = Scenario()
    labels = bold_turns(read("changelog", "js-party-14.md").decode())
    row = imported(s, "derived", "js-party-14.utf16le-bom-crlf.txt")
    check(row["encoding"].upper().startswith("UTF-16"), "UTF-16 detected by BOM", row)
    eq(int(row["turns"]), len(labels), "same turns as the Markdown original")
    text = s.ok("sources", "text", "js-party-14.utf16le-bom-crlf").out
    check("\r" not in text and "\ufeff" not in text, "CRLF and BOM gone")
    check("Mikeal Rogers" in text, "decoded")


def test_apollo_air_to_ground():
    s = Scenario()
    raw = read("apollo13", "a13_TEC_head.txt").decode()
    labels = re.findall(r"^([A-Z][A-Z0-9]{1,3}):\s", raw, re.M)
    row = imported(s, "apollo13", "a13_TEC_head.txt")
    eq(int(row["turns"]), len(labels), "turns")
    eq(int(row["speakers"]), len(set(labels)), "speakers")
    ts = turns(s, "a13_TEC_head")
    relieving = [t for t in ts if "relieving." in t["text"]]
    eq(len(relieving), 1, "indented continuation line stays in its turn")
    eq(relieving[0]["speaker"], "CC", "speaker of the continued turn")
    check("13, Houston. GO at 1." in relieving[0]["text"], "turn holds both lines", relieving[0])
    eq(relieving[0]["timestamp"].strip("[]"), "00:00:01:03", "timestamp on the line above belongs to the turn")


def vtt_merged_turns(raw):
    voices, cur = [], None
    for block in raw.split("\n\n"):
        if "-->" not in block:
            continue
        m = re.search(r"<v[^ >]* ([^>]+)>", block)
        if m:
            cur = m.group(1)
        if not voices or voices[-1] != cur:
            voices.append(cur)
    return voices


def test_webvtt_and_srt():
    s = Scenario()
    raw = read("derived", "a13_TEC_head.vtt").decode()
    want = vtt_merged_turns(raw)
    row = imported(s, "derived", "a13_TEC_head.vtt")
    eq(row["format"], "webvtt", "format")
    eq([t["speaker"] for t in turns(s, "a13_TEC_head")], want, "consecutive cues of one voice are one turn")
    cues = turns(s, "a13_TEC_head", False)
    check(all(t["timestamp"] for t in cues), "cue times kept on turns")
    n_cues = len(re.findall(r"-->", raw))
    eq(len(s.ok("segments", "a13_TEC_head", "--unit", "cue", "--format", "json").json()["segments"]), n_cues, "cues")
    srt = read("derived", "a13_TEC_head.crlf.srt").decode()
    labels = [m for m in re.findall(r"^([A-Z][A-Z0-9]*): ", srt.replace("\r", ""), re.M)]
    merged = [l for i, l in enumerate(labels) if i == 0 or labels[i - 1] != l]
    row = imported(s, "derived", "a13_TEC_head.crlf.srt")
    eq(row["format"], "srt", "format")
    eq([t["speaker"] for t in turns(s, "a13_TEC_head.crlf")], merged, "SRT turns")


def test_html_windows_1252_interview():
    s = Scenario()
    raw = read("unix_oral_history", "tague.htm")
    row = imported(s, "unix_oral_history", "tague.htm")
    eq(row["encoding"].lower(), "windows-1252", "detected charset")
    text = s.ok("sources", "text", "tague").out
    # The file writes the name with byte 0xF2, which is "ò" in Windows-1252.
    check("Corbat\u00f2" in text, "Corbatò decoded from Windows-1252")
    check("<p>" not in text and "&nbsp;" not in text, "markup removed")
    labels = re.findall(rb"<p>(MSM|Tague):", raw)
    ts = turns(s, "tague")
    eq(len(ts), len(labels), "turns")
    eq(sorted({t["speaker"] for t in ts}), ["MSM", "Tague"], "speakers")
    corb = [x for x in s.ok("segments", "tague", "--unit", "sentence", "--text", "--format", "json").json()["segments"]
            if "Corbat\u00f2" in x["text"]]
    check(corb and corb[0]["speaker"] in ("MSM", "Tague"), "sentence with non-ASCII decoded, with its speaker")


def test_html_ascii_interview():
    s = Scenario()
    row = imported(s, "unix_oral_history", "ritchie.htm")
    check(int(row["turns"]) > 10, "turns", row)


def test_rtf_named_doc():
    s = Scenario()
    row = imported(s, "unix_oral_history", "cherry.doc")
    eq(row["format"], "rtf", "RTF detected by content")
    text = s.ok("sources", "text", "cherry").out
    check("\\par" not in text and "{\\" not in text, "no RTF control words left")
    check(int(row["turns"]) > 10, "speaker turns in RTF", row)


def test_word97_doc_refused():
    s = Scenario()
    r = s.fails(65, "import", shared("corpora", "unix_oral_history", "ritchie.doc"))
    check("Word 97" in r.err and "docx" in r.err, "says what it is and how to convert", r)


def test_docx_and_odt():
    s = Scenario()
    row = imported(s, "qualcoder", "ID1.docx")
    eq(row["format"], "docx", "docx")
    check("I really like learning new things." in s.ok("sources", "text", "ID1").out, "docx text")
    row = imported(s, "qualcoder", "ID2.odt")
    eq(row["format"], "odt", "odt")
    check(len(s.ok("sources", "text", "ID2").out) > 200, "odt text")


def test_every_corpus_file_imports_or_is_refused_clearly():
    s = Scenario()
    root = shared("corpora")
    r = s.run("import", root, "--exclude", "ritchie.doc", "--name-from", "path", "--format", "tsv")
    check(r.code == 0, "the whole corpus imports in one go", r)
    eq(len(r.tsv()), sum(len(f) for _, _, f in os.walk(root)) - 1, "every file but the Word 97 one")
    names = {x["name"] for x in r.tsv()}
    check("apollo13/a13_TEC_head" in names and "derived/a13_TEC_head" in names, "names from paths", names)
    s.ok("audit", "verify")


def test_same_stem_twice_is_named_clearly():
    s = Scenario()
    r = s.fails(65, "import", shared("corpora", "apollo13"), shared("corpora", "derived"))
    check("a13_TEC_head" in r.err and "--name-from path" in r.err, "hint names --name-from", r)


main(globals())
