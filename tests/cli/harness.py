"""Scenario harness for CLI tests: run the built qda in a fresh directory with a fixed
environment and check exit code, stdout and stderr. Each test file calls main(globals()).
Prints 'N passed, N failed' (', N skipped') at the end; exit 77 when everything skipped."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback

QDA = os.environ.get("QDA_BIN", "qda")
SHARED = os.environ.get("QDA_SHARED_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
SOURCE = os.environ.get("QDA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


class Skip(Exception):
    pass


class Result:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err

    def json(self):
        return json.loads(self.out)

    def tsv(self):
        lines = [l for l in self.out.split("\n") if l != ""]
        head = lines[0].split("\t")
        return [dict(zip(head, l.split("\t"))) for l in lines[1:]]

    def __repr__(self):
        return f"exit {self.code}\n--- stdout ---\n{self.out[:3000]}\n--- stderr ---\n{self.err[:3000]}"


_scenarios = []


class Scenario:
    """A fresh temporary directory with a qda project (unless init=False)."""

    def __init__(self, init=True):
        self.dir = tempfile.mkdtemp(prefix="qda-cli-")
        _scenarios.append(self)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("QDA_")}
        self.env.update({"TZ": "UTC", "LC_ALL": "C.UTF-8", "NO_COLOR": "1", "QDA_CODER": "tester"})
        if init:
            self.ok("init")

    def path(self, *p):
        return os.path.join(self.dir, *p)

    def write(self, name, data):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(p, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8", "newline": ""})) as f:
            f.write(data)
        return p

    def run(self, *args, input=None, cwd=None, env=None):
        e = dict(self.env)
        if env:
            e.update(env)
        p = subprocess.run([QDA, *args], cwd=cwd or self.dir, env=e, input=input,
                           capture_output=True, timeout=600)
        return Result(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"))

    def ok(self, *args, **kw):
        r = self.run(*args, **kw)
        check(r.code == 0, f"qda {' '.join(args)} failed", r)
        return r

    def fails(self, code, *args, **kw):
        r = self.run(*args, **kw)
        check(r.code == code, f"qda {' '.join(args)}: expected exit {code}", r)
        check(r.err.startswith("qda: error: "), "error message should start with 'qda: error: '", r)
        return r

    def state(self):
        """Everything a failed command must leave unchanged."""
        return (self.run("audit", "log", "--format", "tsv").out, self.run("sources", "--format", "tsv").out,
                self.run("attr", "list", "--format", "tsv").out, self.run("participants", "--format", "tsv").out)

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def check(cond, msg, result=None):
    if not cond:
        raise AssertionError(msg + ("\n" + repr(result) if result is not None else ""))


def eq(got, want, msg=""):
    if got != want:
        raise AssertionError(f"{msg}: got {got!r}, want {want!r}")


def shared(*p):
    path = os.path.join(SHARED, *p)
    if not os.path.exists(path):
        raise Skip(f"shared/ absent: {path} not found")
    return path


def main(ns):
    tests = [(n, f) for n, f in sorted(ns.items()) if n.startswith("test_") and callable(f)]
    only = sys.argv[1:]
    passed = failed = skipped = 0
    for name, fn in tests:
        if only and name not in only:
            continue
        try:
            fn()
            passed += 1
            print(f"ok      {name}")
        except Skip as s:
            skipped += 1
            print(f"SKIPPED {name}: {s}")
        except Exception:
            failed += 1
            print(f"FAILED  {name}")
            traceback.print_exc(file=sys.stdout)
    if not failed:
        for sc in _scenarios:
            sc.cleanup()
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    if failed:
        sys.exit(1)
    if passed == 0 and skipped:
        sys.exit(77)
