"""scripts/hot_code.py (the code layout of the qda binary) and the layout of the built qda."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import QDA, SOURCE, Scenario, Skip, check, eq, main  # noqa: E402

SCRIPT = os.path.join(SOURCE, "scripts", "hot_code.py")

# An ld link map, as GNU ld writes it: long section names on a line of their own.
MAP = """Archive member included to satisfy reference by file (symbol)

Linker script and memory map

.plt            0x0000000000000f00       0x20
.text           0x0000000000001000    0x20000
 *(.text.unlikely .text.*_unlikely .text.unlikely.*)
 .text._ZN3qda3cli4mainEv
                0x0000000000001000      0x100 CMakeFiles/qda.dir/src/cli/main.cpp.o
                0x0000000000001000                qda::cli::main()
 .text._ZN3qda3app6matrixEv
                0x0000000000001100      0x200 libqda_app.a(matrix.cpp.o)
 .text._ZN3qda3app7sourcesEv
                0x0000000000001300      0x100 libqda_app.a(sources.cpp.o)
 .text._ZN3qda3app6unusedEv
                0x0000000000001400      0x100 libqda_app.a(sources.cpp.o)
 .text          0x0000000000001500      0x400 /usr/lib/x86_64-linux-gnu/libsqlite3.a(btree.o)
 .text          0x0000000000002000    0x10000 /usr/lib/x86_64-linux-gnu/libpugixml.a(pugixml.cpp.o)
 .text.startup  0x0000000000012000       0x40 /usr/lib/x86_64-linux-gnu/libyaml-cpp.a(exp.cpp.o)
.fini           0x0000000000021000        0x9
"""

# Two callgrind runs (--dump-instr=yes): positions are absolute (0x...) or relative (+N, -N).
RUN_MATRIX = """version: 1
creator: callgrind-3.19.0
cmd:  /build/qda --project p.qda matrix --rows case --cols code
positions: instr line
events: Ir

ob=(1) /usr/lib/x86_64-linux-gnu/libc.so.6
fn=(1) memcpy
0x1408 0 5

ob=(2) /build/qda
fn=(2) main
0x1000 0 1
+8 * 1
cob=(1)
cfn=(1)
calls=1 0x1408 0
+4 * 5
fn=(3) matrix
0x1100 0 3
fn=(4) btree
0x1500 0 2
+16 * 2
fn=(5) startup
0x12000 0 1
fn=(6) pugi
0x2010 0 1
"""
RUN_SOURCES = """version: 1
cmd:  /build/qda --format tsv sources
positions: instr line
events: Ir

ob=(2) /build/qda
fn=(2) main
0x1004 0 1
fn=(4) btree
0x1600 0 2
fn=(7) sources
0x1310 0 4
-16 * 1
fn=(5) startup
0x12004 0 1
"""


def hot_sections(text):
    """The input section descriptions of the .text.qda_hot output section, in order."""
    body = text.split(".text.qda_hot :", 1)[1].split("}", 1)[0]
    return [l.strip() for l in body.splitlines() if l.strip().startswith("*")]


def test_layout_script_groups_what_runs():
    s = Scenario(init=False)
    s.write("qda.map", MAP)
    s.write("1.out", RUN_MATRIX)
    s.write("2.out", RUN_SOURCES)
    p = subprocess.run([sys.executable, SCRIPT, s.path("qda.map"), s.path("hot.ld"),
                        s.path("1.out"), s.path("2.out")], capture_output=True, text=True)
    check(p.returncode == 0, f"hot_code.py failed: {p.stderr}")
    with open(s.path("hot.ld"), encoding="utf-8") as f:
        ld = f.read()
    eq(hot_sections(ld), [
        # Used by both runs, smallest first: qda's own functions by section name alone, whole
        # objects of libraries by archive and member.
        "*libyaml-cpp.a:exp.cpp.o(.text.startup)",
        "*(.text._ZN3qda3cli4mainEv)",
        "*libsqlite3.a:btree.o(.text)",
        # Then each command's own code, matrix first; a function nothing ran is left out.
        "*(.text._ZN3qda3app6matrixEv)",
        "*(.text._ZN3qda3app7sourcesEv)",
        # Last, a large object of which one page ran.
        "*libpugixml.a:pugixml.cpp.o(.text)",
    ], "hot sections")
    check("INSERT BEFORE .text;" in ld, "the script augments the default one:\n" + ld)
    check(re.search(r"/\* matrix: 1 sections, 512 bytes \*/", ld) is not None, ld)
    check("2 runs" in ld, ld)


def test_layout_script_rejects_what_is_not_a_map():
    s = Scenario(init=False)
    s.write("notamap.txt", "hello\n")
    s.write("1.out", RUN_MATRIX)
    p = subprocess.run([sys.executable, SCRIPT, s.path("notamap.txt"), s.path("hot.ld"),
                        s.path("1.out")], capture_output=True, text=True)
    check(p.returncode != 0, "a file without .text sections must be refused")
    check("notamap.txt" in p.stderr and "no input sections" in p.stderr, p.stderr)
    check(not os.path.exists(s.path("hot.ld")), "nothing written")


def test_built_qda_follows_the_layout():
    # The CI's sanitizer build links dynamically, without the layout (QDA_STATIC off).
    readelf, nm = shutil.which("readelf"), shutil.which("nm")
    if not readelf or not nm:
        raise Skip("binutils (readelf, nm) not found")
    qda = shutil.which(QDA) or QDA
    sections = subprocess.run([readelf, "-SW", qda], capture_output=True, text=True).stdout
    if ".text.qda_hot" not in sections:
        raise Skip("this qda is linked without cmake/hot-code.ld (QDA_STATIC or QDA_HOT_LAYOUT off)")
    with open(os.path.join(SOURCE, "cmake", "hot-code.ld"), encoding="utf-8") as f:
        listed = re.findall(r"^\s+\*\(\.text\.(?:unlikely\.|startup\.|hot\.)?(\S+)\)$", f.read(), re.M)
    # The functions the list names that the binary still has. Far fewer than listed means qda's
    # code moved on from the list: scripts/hot-code.sh writes it again.
    table = subprocess.run([nm, qda], capture_output=True, text=True).stdout
    symbols = set(table.split())
    found = sum(1 for name in listed if name in symbols)
    check(len(listed) > 500, f"cmake/hot-code.ld names only {len(listed)} functions")
    check(found >= 0.6 * len(listed),
          f"only {found} of the {len(listed)} functions of cmake/hot-code.ld are in qda: "
          "run scripts/hot-code.sh to write the list again")
    # And the matrix command's entry point is among the code placed first.
    hot = re.search(r"\.text\.qda_hot\s+PROGBITS\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", sections)
    start, size = int(hot.group(1), 16), int(hot.group(2), 16)
    matrix = [int(l.split()[0], 16) for l in table.splitlines()
              if l.split()[-1].startswith("_ZN3qda3app6matrixERKNS0_7Context") and "." not in l]
    check(matrix != [], "qda::app::matrix not found in qda")
    # (Its cold part, a function of its own that runs only on errors, stays behind.)
    check(all(start <= a < start + size for a in matrix),
          "qda::app::matrix lies outside the code placed first")


main(globals())
