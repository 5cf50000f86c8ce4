"""qda init, project discovery, global options, refusing files that are not projects."""
import os
import sqlite3
import stat
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Scenario, check, eq, main  # noqa: E402


def test_init_creates_private_project():
    s = Scenario(init=False)
    r = s.ok("init")
    check("created" in r.err and "project.qda" in r.err, "init says what it created", r)
    mode = stat.S_IMODE(os.stat(s.path("project.qda")).st_mode)
    eq(mode, 0o600, "project file mode")
    log = s.ok("audit", "log", "--format", "json").json()
    eq(log["schema"], "qda.audit-log/1", "schema")
    eq([e["action"] for e in log["events"]], ["init"], "first event")


def test_init_into_directory_and_named_file():
    s = Scenario(init=False)
    os.mkdir(s.path("study"))
    s.ok("init", "study")
    check(os.path.exists(s.path("study", "project.qda")), "init DIR makes DIR/project.qda")
    s.ok("init", "other.qda")
    s.ok("--project", "other.qda", "sources")


def test_init_refuses_existing_file():
    s = Scenario()
    r = s.fails(73, "init")
    check("already exists" in r.err, "says the file exists", r)


def test_init_missing_directory():
    s = Scenario(init=False)
    s.fails(73, "init", "no/such/dir/p.qda")


def test_discovery_walks_up_and_env_and_flag():
    s = Scenario()
    os.makedirs(s.path("a", "b"))
    s.ok("sources", cwd=s.path("a", "b"))
    other = Scenario(init=False)
    r = other.fails(66, "sources")
    check("no project found" in r.err and "qda init" in r.err, "hint names qda init", r)
    other.ok("sources", env={"QDA_PROJECT": s.path("project.qda")})
    other.ok("--project", s.path("project.qda"), "sources")
    other.ok("sources", "--project", s.path("project.qda"))  # global options after the verb
    other.fails(66, "--project", s.path("missing.qda"), "sources")


def test_refuses_file_that_is_not_a_project():
    s = Scenario(init=False)
    s.write("notes.qda", "just some text, not SQLite\n")
    r = s.fails(78, "--project", "notes.qda", "sources")
    check("notes.qda" in r.err, "names the file", r)
    db = sqlite3.connect(s.path("other.sqlite"))
    db.execute("CREATE TABLE t(x)")
    db.commit()
    db.close()
    before = open(s.path("other.sqlite"), "rb").read()
    r = s.fails(78, "--project", "other.sqlite", "sources")
    check("not a qda project" in r.err, "says it is not a qda project", r)
    eq(open(s.path("other.sqlite"), "rb").read(), before, "foreign file unchanged")


def test_refuses_project_newer_than_binary():
    s = Scenario()
    db = sqlite3.connect(s.path("project.qda"))
    db.execute("PRAGMA user_version = 999")
    db.commit()
    db.close()
    r = s.fails(78, "sources")
    check("newer than this qda" in r.err and "upgrade" in r.err, "says newer, hints upgrade", r)
    db = sqlite3.connect(s.path("project.qda"))
    eq(db.execute("PRAGMA user_version").fetchone()[0], 999, "version untouched")


def test_older_project_is_migrated_with_an_event():
    s = Scenario()
    s.write("a.txt", "Peneliti: Halo?\n\nBu Rina: Halo juga.\n\nPeneliti: Apa kabar?\n\nBu Rina: Baik.\n")
    s.ok("import", "a.txt")
    # Make the file look like one written by a qda with schema 1: drop what later schemas added.
    schema1 = {"project_meta", "cases", "participant", "participant_alias", "source", "speaker",
               "segment_set", "attribute_def", "attribute", "audit_event"}
    db = sqlite3.connect(s.path("project.qda"))
    db.execute("PRAGMA foreign_keys = OFF")
    later = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%VIRTUAL%'")
             if r[0] not in schema1]
    for (t,) in db.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'").fetchall():
        db.execute(f"DROP TABLE {t}")
    for t in later:
        db.execute(f"DROP TABLE IF EXISTS {t}")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    s.ok("sources")
    events = s.ok("audit", "log", "--format", "json").json()["events"]
    eq(events[-1]["action"], "migrate", "migration recorded")
    check("from version 1" in events[-1]["summary"], "summary names the versions", events[-1])
    db = sqlite3.connect(s.path("project.qda"))
    check(db.execute("PRAGMA user_version").fetchone()[0] >= 2, "migrated")
    db.close()
    s.ok("audit", "verify")


def test_version_help_and_usage_errors():
    s = Scenario(init=False)
    r = s.ok("--version")
    check(r.out.startswith("qda "), "version line", r)
    r = s.ok("--help")
    for verb in ["init", "import", "sources", "segments", "cases", "attr", "participants", "audit"]:
        check(verb in r.out, f"--help lists {verb}", r)
    s.ok("import", "--help")
    s.fails(2, "--no-such-option")
    s.fails(2, "frobnicate")
    s.fails(2)


def test_unknown_format_is_usage_error():
    s = Scenario()
    r = s.fails(2, "sources", "--format", "xml")
    check("tsv" in r.err, "hint lists formats", r)


def test_why_and_coder_are_recorded():
    s = Scenario()
    s.ok("cases", "create", "U01", "--why", "first business", "--coder", "ani")
    ev = s.ok("audit", "log", "--format", "json").json()["events"][-1]
    eq((ev["action"], ev["why"], ev["actor"]), ("case.create", "first business", "ani"), "event")
    check("cases create U01" in ev["command"], "command line recorded")
    s.ok("cases", "create", "U02")
    eq(s.ok("audit", "log", "--format", "json").json()["events"][-1]["actor"], "tester", "QDA_CODER used")


def test_global_options_before_the_command():
    # A command registers only its own group: the command word is found after global options
    # and their values, whatever their spelling, and every command of `--help` still runs.
    s = Scenario()
    s.ok("cases", "create", "U01")
    for args in (["-p", "project.qda", "--format", "tsv", "cases"],
                 ["--project", "project.qda", "-f", "tsv", "-q", "cases"],
                 ["--coder", "matrix", "--why", "sources", "--format=tsv", "cases"],
                 ["--project=project.qda", "--format", "tsv", "cases"]):
        eq(s.ok(*args).tsv()[0]["name"], "U01", " ".join(args))
    listed = [l.split()[0] for l in s.ok("--help").out.split("Subcommands:")[1].splitlines() if l.strip()]
    eq(len(listed), 27, "commands in --help")
    for cmd in listed:
        r = s.ok(cmd, "--help")
        check(f"qda {cmd}" in r.out, f"qda {cmd} --help shows its usage", r)
    r = s.fails(2, "--format", "tsv", "matirx")
    check("did you mean `qda matrix`?" in r.err, "a typo after global options gets the hint", r)


main(globals())
