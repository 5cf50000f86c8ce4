"""qda membercheck send/respond/none/verdict/list/show: what participants were sent, what came
back and what the researcher did."""
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE, Scenario, check, eq, main  # noqa: E402

STUDY = os.path.join(SOURCE, "examples", "umkm-medan", "interviews")


def study():
    s = Scenario()
    s.ok("import", os.path.join(STUDY, "u04-dewi.md"), os.path.join(STUDY, "u01-rina.md"))
    s.ok("code", "u04-dewi", "fitur-otomatis", "--match", "balasan otomatis", "--create")
    s.ok("claim", "add", "Pemilik memakai fitur AI tanpa menyebutnya AI", "--evidence", "coding:1")
    return s


def test_send_respond_verdict_show():
    s = study()
    s.write("ringkasan-u04.md", "Ringkasan temuan untuk Kak Dewi.\n")
    with open(s.path("ringkasan-u04.md"), "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    r = s.ok("membercheck", "send", "--participant", "Kak Dewi", "--artifact", "ringkasan-u04.md",
             "--channel", "WhatsApp", "--date", "2024-08-15")
    check("member check 1" in r.err, "named", r)
    s.ok("membercheck", "send", "--participant", "Kak Dewi", "--artifact", "source:u04-dewi", "--date", "2024-08-16")
    s.write("balasan-dewi.txt", "Kak Dewi: Betul, Kak. Tapi balasan otomatis itu bukan AI bagi awak.\n\nPeneliti: Baik.\n")
    s.ok("membercheck", "respond", "--participant", "Kak Dewi", "--file", "balasan-dewi.txt", "--date", "2024-08-20", "--check", "1")
    s.ok("membercheck", "verdict", "--participant", "Kak Dewi", "--claim", "1", "--verdict", "amended",
         "--action", "klaim diperjelas: fitur otomatis dianggap bukan AI oleh pemilik", "--check", "1")
    j = s.ok("membercheck", "show", "1", "--format", "json").json()
    eq((j["schema"], j["participant"], j["artifact"], j["artifact_sha256"], j["channel"], j["sent_on"], j["status"],
        j["response_source"], j["responded_on"]),
       ("qda.membercheck/1", "Kak Dewi", "file:ringkasan-u04.md", sha, "WhatsApp", "2024-08-15", "responded",
        "balasan-dewi", "2024-08-20"), "the check")
    eq([(v["claim"], v["verdict"]) for v in j["verdicts"]], [(1, "amended")], "verdicts")
    src = [x for x in s.ok("sources", "--format", "json").json()["sources"] if x["name"] == "balasan-dewi"][0]
    eq(src["kind"], "member-check", "the response is a source of kind member-check")
    with open(os.path.join(STUDY, "u04-dewi.md"), "rb") as f:
        eq(s.ok("membercheck", "show", "2", "--format", "json").json()["artifact_sha256"],
           hashlib.sha256(f.read()).hexdigest(), "a source is identified by its hash")
    s.ok("display", "save", "matriks-u04", "--", "--rows", "case", "--cols", "code")
    fp = [d for d in s.ok("display", "list", "--format", "json").json()["displays"] if d["name"] == "matriks-u04"][0]["fingerprint"]
    s.ok("membercheck", "send", "--participant", "Kak Dewi", "--artifact", "display:matriks-u04", "--date", "2024-08-17")
    eq(s.ok("membercheck", "show", "3", "--format", "json").json()["artifact_sha256"], fp, "a display by its data fingerprint")
    s.ok("membercheck", "none", "--participant", "Kak Dewi", "--date", "2024-09-01", "--check", "2")
    rows = s.ok("membercheck", "list", "--format", "tsv").tsv()
    eq([(r["id"], r["status"], r["verdicts"]) for r in rows], [("1", "responded", "1"), ("2", "no-response", "0"), ("3", "sent", "0")], "list")
    eq(len(s.ok("membercheck", "list", "--participant", "Bu Rina", "--format", "tsv").tsv()), 0, "--participant")
    acts = [e["action"] for e in s.ok("audit", "log", "--action", "membercheck.", "--format", "json").json()["events"]]
    eq(acts, ["membercheck.send", "membercheck.send", "membercheck.respond", "membercheck.verdict", "membercheck.send", "membercheck.none"], "trail")
    eq(s.run("audit", "verify").code, 0, "audit verify")


def test_bad_member_checks_change_nothing():
    s = study()
    before = s.state()
    s.fails(2, "membercheck", "send", "--participant", "Kak Dewi", "--artifact", "source:u04-dewi", "--date", "15/08/2024")
    s.fails(2, "membercheck", "send", "--participant", "Kak Dewi", "--artifact", "source:u04-dewi", "--date", "2024-02-30")
    r = s.fails(66, "membercheck", "send", "--participant", "Kak Dewii", "--artifact", "source:u04-dewi")
    check("Kak Dewi" in r.err, "did you mean", r)
    s.fails(66, "membercheck", "send", "--participant", "Kak Dewi", "--artifact", "tidak-ada.md")
    s.fails(66, "membercheck", "send", "--participant", "Kak Dewi", "--artifact", "display:matriks")
    s.write("balasan.txt", "Isi balasan.\n")
    r = s.fails(65, "membercheck", "respond", "--participant", "Kak Dewi", "--file", "balasan.txt")
    check("nothing was sent" in r.err or "waiting" in r.err, "nothing to respond to", r)
    s.fails(65, "membercheck", "verdict", "--participant", "Kak Dewi", "--claim", "1", "--verdict", "confirmed")
    eq(s.state(), before, "nothing changed")
    s.ok("membercheck", "send", "--participant", "Kak Dewi", "--artifact", "source:u04-dewi")
    before = s.state()
    s.fails(2, "membercheck", "verdict", "--participant", "Kak Dewi", "--claim", "1", "--verdict", "setuju")
    s.fails(66, "membercheck", "verdict", "--participant", "Kak Dewi", "--claim", "9", "--verdict", "confirmed")
    s.fails(65, "membercheck", "respond", "--participant", "Kak Dewi", "--file", os.path.join(STUDY, "u01-rina.md"))
    eq(s.state(), before, "a response already imported as another source is refused, nothing changed")


main(globals())
