"""scripts/example.sh runs the whole analysis of the example study: its outputs carry the
study's themes, claims with evidence, member-check records and a verified audit trail, and a
second run gives the same bytes."""
import csv
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from harness import QDA, SOURCE, check, eq, main  # noqa: E402

THEMES = ["T1-literasi-digital-ai-rendah", "T2-strategi-internal", "T3-pelatihan-komunitas",
          "T4-kendala-sumber-daya", "T5-kesiapan-psikologis-budaya", "T6-kolaborasi-pentahelix"]
_runs = []


def run_example():
    """Two runs of the script into the same directory, the first kept as a copy (made once for
    every test): what the tests read is the second run."""
    if _runs:
        return _runs
    out = tempfile.mkdtemp(prefix="qda-example-")
    first = out + "-first"
    for n in range(2):
        env = dict(os.environ, QDA_BIN=os.path.abspath(QDA), QDA_EXAMPLE_OUT=out)
        env.pop("QDA_PROJECT", None)
        r = subprocess.run(["bash", os.path.join(SOURCE, "scripts", "example.sh")], env=env,
                           capture_output=True, text=True)
        check(r.returncode == 0, f"example.sh failed ({r.returncode}):\n{r.stderr[-3000:]}")
        if n == 0:
            shutil.copytree(out, first)
    _runs.extend([(out, r.stdout, r.stderr), (first, "", "")])
    return _runs


def tsv(out, name):
    with open(os.path.join(out, name), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_the_script_shows_its_commands_and_lists_its_outputs():
    out, stdout, stderr = run_example()[0]
    check("$ qda codings import examples/umkm-medan/codings.tsv" in stderr, "commands shown as they run", stderr[:2000])
    listed = [line.strip() for line in stdout.splitlines() if line.strip()]
    eq(sorted(listed), sorted(os.path.join(out, f) for f in os.listdir(out)), "the listing names every output")
    for name in ["code-by-case.tsv", "role-ordered.tsv", "cooccur.md", "network.dot", "claims.tsv",
                 "memberchecks.tsv", "audit-log.tsv", "theme-by-case.html"]:
        check(os.path.getsize(os.path.join(out, name)) > 0, f"{name} written")


def test_displays_carry_the_themes_and_roles():
    out = run_example()[0][0]
    with open(os.path.join(out, "theme-by-case.md"), encoding="utf-8") as f:
        md = f.read()
    for t in THEMES:
        check(t in md, f"{t} in the framework matrix")
    roles = {r["participant"]: r["role"] for r in tsv(out, "role-ordered.tsv")}
    eq(roles["Ibu Marlina"], "fasilitator", "role-ordered rows carry the role")
    eq(roles["Kak Tiara"], "komunitas", "the community coordinator")
    order = [r["role"] for r in tsv(out, "role-ordered.tsv")]
    eq(order, sorted(order), "rows ordered by role")
    cases = {r["case"] for r in tsv(out, "code-by-case.tsv")}
    check({"U01", "U04", "F01", "K01"} <= cases, "code-by-case rows are the cases", cases)


def test_claims_member_checks_and_trail():
    out = run_example()[0][0]
    claims = tsv(out, "claims.tsv")
    eq(len(claims), 7, "one claim per conclusion of the paper (theme 1 has two)")
    eq({c["theme"] for c in claims}, set(THEMES), "every theme has a claim")
    check(all(int(c["evidence_sources"]) > 0 and c["missing_evidence"] == "0" for c in claims), "all with evidence", claims)
    eq(claims[0]["text"], "Pemilik UMKM memakai fitur berbasis AI di marketplace tanpa menganggapnya AI",
       "claim 1 as revised after the member check")
    checks = {m["participant"]: m for m in tsv(out, "memberchecks.tsv")}
    eq((checks["Kak Dewi"]["status"], checks["Kak Dewi"]["verdicts"]), ("responded", "2"), "Dewi answered")
    eq(checks["Pak Hendra"]["status"], "no-response", "Hendra did not")
    r = subprocess.run([QDA, "--project", os.path.join(out, "project.qda"), "audit", "verify", "--format", "json"],
                       capture_output=True, text=True)
    eq(r.returncode, 0, "audit verify passes on the example's project")


def test_triangulation_shows_agreement_silence_and_dissonance():
    out = run_example()[0][0]
    rows = {r["theme"]: r for r in tsv(out, "triangulation-methods.tsv")}
    eq(set(rows), set(THEMES), "every theme")
    eq({t: rows[t]["status"] for t in THEMES},
       {"T1-literasi-digital-ai-rendah": "dissonant", "T2-strategi-internal": "partial",
        "T3-pelatihan-komunitas": "dissonant", "T4-kendala-sumber-daya": "convergent",
        "T5-kesiapan-psikologis-budaya": "dissonant", "T6-kolaborasi-pentahelix": "convergent"},
       "statuses as the recorded verdicts and the data give them")
    t5 = rows["T5-kesiapan-psikologis-budaya"]
    eq((t5["document present"], t5["document band"], t5["document~interview silence"]), ("no", "absent", "a"),
       "the documents are silent on cultural readiness")
    eq(rows["T1-literasi-digital-ai-rendah"]["interview~observation verdict"], "dissonance", "Dewi: said vs seen")
    before = {r["theme"]: r["status"] for r in tsv(out, "triangulation-methods-before.tsv")}
    check("convergent" not in before.values(), "no theme converges before a verdict is recorded", before)
    roles = {r["theme"]: r for r in tsv(out, "triangulation-roles.tsv")}
    eq(roles["T3-pelatihan-komunitas"]["fasilitator~pemilik verdict"], "dissonance", "access to training by role")
    with open(os.path.join(out, "audit-report.md"), encoding="utf-8") as f:
        report = f.read()
    for line in ["| triangulation-verdicts | Triangulation verdicts missing for themes silent in some group | pass | 0 |",
                 "| audit-verify | The audit trail verifies (qda audit verify) | pass | 0 |",
                 "member check 2 (Pak Hendra"]:
        check(line in report, f"audit report: {line}")


def test_two_runs_give_the_same_outputs():
    (a, _, _), (b, _, _) = run_example()
    cmp = filecmp.dircmp(a, b)
    cmp.diff_files = [f for f in cmp.common_files if not filecmp.cmp(os.path.join(a, f), os.path.join(b, f), shallow=False)]
    eq((cmp.left_only, cmp.right_only, cmp.diff_files), ([], [], []), "same files, same bytes")
    for out, _, _ in _runs:
        shutil.rmtree(out, ignore_errors=True)


main(globals())
