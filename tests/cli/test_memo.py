"""qda memo add/list/show/edit/rm, and memos beside their source in `qda sources show`."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main  # noqa: E402

DEWI = os.path.join(SOURCE, "examples", "umkm-medan", "interviews", "u04-dewi.md")


def study():
    s = Scenario()
    s.ok("import", DEWI, "--kind", "interview")
    return s


def memos(s, *args):
    return s.ok("memo", "list", *args, "--format", "json").json()["memos"]


def test_add_list_show_on_every_target():
    s = study()
    s.ok("code", "u04-dewi", "fitur-otomatis", "--match", "fitur otomatis", "--create")
    cid = s.ok("codings", "--format", "json").json()["codings"][0]["id"]
    targets = ["project", "source:u04-dewi", "case:U04", "code:fitur-otomatis", f"coding:{cid}", "participant:Kak Dewi"]
    for n, on in enumerate(targets):
        r = s.ok("memo", "add", "--on", on, "--type", "analytic", f"Catatan {n}: fitur otomatis bukan AI baginya")
        check(f"memo {n + 1} added on {on}" in r.err, "names the memo", r)
    rows = memos(s)
    eq([m["on"] for m in rows], targets, "targets as written")
    eq({m["author"] for m in rows}, {"tester"}, "author")
    eq([m["text"] for m in memos(s, "--on", "case:U04")], ["Catatan 2: fitur otomatis bukan AI baginya"], "--on")
    s.ok("memo", "add", "--on", "project", "--type", "method", "--title", "Sampel", "Purposive, 13 UMKM")
    eq([m["id"] for m in memos(s, "--type", "method")], [7], "--type")
    eq(len(memos(s, "--on", "project")), 2, "--on project")
    j = s.ok("memo", "show", "7", "--format", "json").json()
    eq((j["schema"], j["title"], j["text"], j["on"]), ("qda.memo/1", "Sampel", "Purposive, 13 UMKM", "project"), "show")
    out = s.ok("memo", "show", "7").out
    check("Purposive, 13 UMKM\n" in out and "title: Sampel" in out, "show for people", out)
    shown = s.ok("sources", "show", "u04-dewi", "--format", "json").json()
    eq([m["text"] for m in shown["memos"]], ["Catatan 1: fitur otomatis bukan AI baginya"], "memos beside the source")
    check("memos" in s.ok("sources", "show", "u04-dewi").out, "table output lists memos")
    s.ok("uncode", "u04-dewi", "fitur-otomatis", "--match", "fitur otomatis")
    eq([m["id"] for m in memos(s, "--on", f"coding:{cid}")], [5], "a memo outlives its coding")
    s.fails(66, "memo", "add", "--on", f"coding:{cid}", "--type", "jotting", "x")
    eq(s.run("audit", "verify").code, 0, "audit verify")


def test_stdin_editor_and_edit():
    s = study()
    s.ok("memo", "add", "--on", "source:u04-dewi", "--type", "contact", "-",
         input="Ringkasan kontak:\nDewi pakai balasan otomatis.\n".encode())
    eq(memos(s)[0]["text"], "Ringkasan kontak:\nDewi pakai balasan otomatis.\n", "stdin, verbatim")
    editor = s.write("editor.sh", "#!/bin/sh\nprintf 'ditulis di editor\\n' >> \"$1\"\n")
    os.chmod(editor, 0o755)
    s.ok("memo", "add", "--on", "project", "--type", "reflexive", "--edit", env={"EDITOR": editor, "VISUAL": ""})
    eq(memos(s)[1]["text"], "ditulis di editor\n", "--edit")
    s.ok("memo", "edit", "2", "--edit", env={"EDITOR": editor, "VISUAL": ""})
    eq(memos(s)[1]["text"], "ditulis di editor\nditulis di editor\n", "--edit starts from the current text")
    s.ok("memo", "edit", "1", "--type", "summary", "--title", "U04")
    m = memos(s)[0]
    eq((m["type"], m["title"]), ("summary", "U04"), "type and title")
    check(m["updated_at"] >= m["created_at"], "updated time", m)
    s.ok("memo", "edit", "1", "Teks baru")
    eq(memos(s)[0]["text"], "Teks baru", "new text")
    eq([e["action"] for e in s.ok("audit", "log", "--action", "memo.", "--format", "json").json()["events"]],
       ["memo.add", "memo.add", "memo.edit", "memo.edit", "memo.edit"], "one event each")
    eq(s.run("audit", "verify").code, 0, "audit verify")


def test_refusals_change_nothing():
    s = study()
    s.ok("memo", "add", "--on", "project", "--type", "jotting", "catatan")
    before = s.state()
    listing = s.ok("memo", "list", "--format", "tsv").out
    r = s.fails(65, "memo", "add", "--on", "project", "--type", "jotting", "-", input=b"  \n")
    check("empty" in r.err, "empty memo refused", r)
    s.fails(65, "memo", "add", "--on", "project", "--type", "jotting", "")
    failing = s.write("fail.sh", "#!/bin/sh\nexit 3\n")
    os.chmod(failing, 0o755)
    s.fails(65, "memo", "add", "--on", "project", "--type", "jotting", "--edit", env={"EDITOR": failing, "VISUAL": ""})
    r = s.fails(2, "memo", "add", "--on", "project", "--type", "analitik", "x")
    check('did you mean "analytic"' in r.err, "type did-you-mean", r)
    s.fails(2, "memo", "add", "--on", "project", "--type", "jotting")
    s.fails(2, "memo", "add", "--on", "sumber:u04-dewi", "--type", "jotting", "x")
    r = s.fails(66, "memo", "add", "--on", "source:u04-dew", "--type", "jotting", "x")
    check("did you mean" in r.err, "source did-you-mean", r)
    s.fails(66, "memo", "add", "--on", "code:tidak-ada", "--type", "jotting", "x")
    s.fails(66, "memo", "add", "--on", "coding:99", "--type", "jotting", "x")
    s.fails(2, "memo", "add", "--on", "coding:abc", "--type", "jotting", "x")
    s.fails(66, "memo", "show", "42")
    s.fails(2, "memo", "edit", "1")
    s.fails(66, "memo", "edit", "42", "x")
    r = s.fails(2, "memo", "rm", "1")
    check("--why" in r.err, "rm needs --why", r)
    eq(s.state(), before, "nothing changed")
    eq(s.ok("memo", "list", "--format", "tsv").out, listing, "memos unchanged")
    s.ok("memo", "rm", "1", "--why", "salah tempat")
    eq(memos(s), [], "removed")
    ev = s.ok("audit", "log", "--action", "memo.remove", "--format", "json").json()["events"]
    eq(ev[0]["why"], "salah tempat", "the reason is recorded")
    eq(s.run("audit", "verify").code, 0, "audit verify")


main(globals())
