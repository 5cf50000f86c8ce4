#!/usr/bin/env python3
"""Write the linker script that places the code qda's commands run at the start of its code.

    scripts/hot_code.py MAP OUT.ld CALLGRIND-FILE...

MAP is qda's link map (ld -Map, CMake option QDA_LINK_MAP). Each CALLGRIND-FILE is one run of
that same binary under `valgrind --tool=callgrind --dump-instr=yes`. The script finds, for each
run, the input sections (functions, or whole objects of libraries built without a section per
function) in which an instruction ran, and writes them into one output section placed before
.text. scripts/hot-code.sh runs the example study this way; docs/decisions.md says why.

Order: first what every run used (start-up, option parsing, opening a project), then the code of
each command in PRIORITY order (displays and retrieval first: scripts run them most often), then
large sections of which less than half ran. Within a group, the sections more runs used come
first.
"""
import bisect
import re
import sys
from pathlib import Path

PRIORITY = ["matrix", "display", "cooccur", "freq", "network", "codings", "retrieve", "search",
            "sources", "segments", "codes", "memo", "audit", "triangulate", "membercheck", "claim",
            "agreement", "code", "uncode", "autocode", "codebook", "import", "attr", "cases",
            "participants", "instrument", "init"]
# Section names a compiler gives to all the code of an object built without a section per
# function: these must be named with their object, or every object's would be pulled in.
BARE = {".text", ".text.unlikely", ".text.startup", ".text.hot", ".text.exit"}
SPARSE_SIZE = 32 * 1024


def read_map(path):
    """Input sections of the output sections whose name starts with .text: (start, size, name, file)."""
    sections, in_text, pending = [], False, None
    head = re.compile(r"^ (\.text\S*)(?:\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S.*))?$")
    cont = re.compile(r"^\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S.*)$")
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.startswith(" "):
                in_text, pending = line.startswith(".text"), None
                continue
            if not in_text:
                continue
            m = head.match(line)
            if m:
                if m.group(2):
                    sections.append((int(m.group(2), 16), int(m.group(3), 16), m.group(1), m.group(4)))
                    pending = None
                else:
                    pending = m.group(1)
                continue
            if pending:
                m = cont.match(line)
                if m:
                    sections.append((int(m.group(1), 16), int(m.group(2), 16), pending, m.group(3)))
                pending = None
    sections = [s for s in sections if s[1] > 0]
    sections.sort()
    return sections


def command_of(cmd_line, commands):
    """The qda command of a run: the first word of its command line that names one."""
    for word in cmd_line.split()[1:]:
        if word in commands:
            return word
    return "(none)"


def read_run(path, binary, sections, starts, pages):
    """The command of one callgrind run and the indexes of the sections its instructions hit.
    Adds the 4 KB pages of code that ran to `pages` (section index -> set of page numbers)."""
    names, current, pos, hit, cmd = {}, None, 0, set(), ""
    ob = re.compile(r"^c?ob=\((\d+)\)(?: (.*))?$")
    with open(path, errors="replace") as f:
        for line in f:
            first = line[:1]
            if first == "c" and line.startswith("cmd:"):
                cmd = line[4:].strip()
                continue
            if first in "oc" and (line.startswith("ob=") or line.startswith("cob=")):
                m = ob.match(line.rstrip("\n"))
                if m:
                    if m.group(2):
                        names[m.group(1)] = m.group(2)
                    if first == "o":
                        current = names.get(m.group(1), "")
                continue
            if line.startswith("0x"):
                pos = int(line.split(None, 1)[0], 16)
            elif first in "+-":
                pos += int(line.split(None, 1)[0])
            elif first != "*":
                continue
            if current is None or Path(current).name != binary:
                continue
            i = bisect.bisect_right(starts, pos) - 1
            if i >= 0 and pos < sections[i][0] + sections[i][1]:
                hit.add(i)
                pages.setdefault(i, set()).add(pos >> 12)
    return cmd, hit


def file_pattern(file):
    """A linker-script file pattern that names one object: an archive member or an object."""
    m = re.match(r"^(.*)\((.*)\)$", file)
    if m:  # a member of an archive
        return f"*{Path(m.group(1)).name}:{m.group(2)}"
    return "*" + "/".join(Path(file).parts[-3:])


def pattern(name, file):
    """The linker-script input section description of one input section."""
    return f"*({name})" if name not in BARE else f"{file_pattern(file)}({name})"


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: hot_code.py MAP OUT.ld CALLGRIND-FILE...")
    map_path, out_path, runs = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    sections = read_map(map_path)
    if not sections:
        sys.exit(f"hot_code.py: {map_path}: no input sections of .text found (is it an ld map?)")
    starts = [s[0] for s in sections]
    binary = "qda"
    commands = set(PRIORITY)
    used = []  # (command, set of sections)
    pages = {}
    for path in runs:
        cmd, hit = read_run(path, binary, sections, starts, pages)
        if hit:
            used.append((command_of(cmd, commands), hit))
    if not used:
        sys.exit("hot_code.py: no run executed code of qda")
    runs_of = {}
    for _, hit in used:
        for i in hit:
            runs_of[i] = runs_of.get(i, 0) + 1
    # A large section of which little runs (a whole library object, where one function runs)
    # goes last: among the rest it would spread what runs over more pages.
    sparse = {i for i, p in pages.items()
              if sections[i][1] >= SPARSE_SIZE and 2 * len(p) * 4096 < sections[i][1]}
    for k, (c, hit) in enumerate(used):
        used[k] = (c, hit - sparse)
    common = set.intersection(*(hit for _, hit in used))
    order_of = {c: k for k, c in enumerate(PRIORITY)}
    seen_cmds = sorted({c for c, _ in used}, key=lambda c: order_of.get(c, len(PRIORITY)))
    groups = [("used by every run", common)]
    placed = set(common)
    for c in seen_cmds:
        mine = set().union(*(hit for cc, hit in used if cc == c)) - placed
        placed |= mine
        groups.append((c, mine))
    groups.append(("large sections of which little runs", sparse))
    lines = [
        "/* The code qda's commands run, placed before the rest of .text.",
        "   Written by scripts/hot-code.sh (scripts/hot_code.py) from "
        f"{len(used)} runs of the example study; do not edit by hand.",
        "   A section that no longer exists is passed over: a stale list only costs memory. */",
        "SECTIONS",
        "{",
        "  .text.qda_hot :",
        "  {",
    ]
    total = 0
    written = set()
    for title, group in groups:
        if not group:
            continue
        size = sum(sections[i][1] for i in group)
        total += size
        lines.append(f"    /* {title}: {len(group)} sections, {size} bytes */")
        for i in sorted(group, key=lambda i: (-runs_of[i], sections[i][1], sections[i][2])):
            p = pattern(sections[i][2], sections[i][3])
            if p not in written:
                written.add(p)
                lines.append(f"    {p}")
    lines += ["  }", "}", "INSERT BEFORE .text;", ""]
    out_path.write_text("\n".join(lines))
    print(f"hot_code.py: {len(written)} sections, {total} bytes of code, from {len(used)} runs "
          f"-> {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
