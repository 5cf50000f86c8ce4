#!/usr/bin/env python3
"""Generate a codings TSV for the matrix benchmark (bench/matrix.sh).

  bench/gen_codings.py SOURCES.json N CODES SEED > codings.tsv

SOURCES.json is the output of `qda sources --format json` (name, case and chars are used).
Writes N codings spread over the sources in proportion to their length, with CODES codes
(code001 ...) drawn from a skewed distribution so some codes are common and others rare, two
coders, and spans of 20-400 characters inside each source. No two rows share source, code,
start, end and coder, so a tool that keeps duplicates and one that skips them count alike.
Columns: source, case, start, end, code, coder (the columns `qda codings import` reads, plus
the case for the baselines)."""
import bisect
import json
import random
import sys


def main():
    sources_file, n, ncodes, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    with open(sources_file, encoding="utf-8") as f:
        rows = [r for r in json.load(f)["sources"] if int(r["chars"]) > 400]
    total = sum(int(r["chars"]) for r in rows)
    codes = [f"code{i:03d}" for i in range(1, ncodes + 1)]
    weights = [1.0 / (i ** 0.8) for i in range(1, ncodes + 1)]
    cum = []
    acc = 0.0
    for w in weights:
        acc += w
        cum.append(acc)
    out = sys.stdout
    out.write("source\tcase\tstart\tend\tcode\tcoder\n")
    written = 0
    for k, r in enumerate(rows):
        chars = int(r["chars"])
        # This source's share of the rows; the last source takes what is left.
        want = n - written if k == len(rows) - 1 else round(n * chars / total)
        seen = set()
        lines = []
        while len(seen) < want:
            length = rng.randint(20, 400)
            start = rng.randrange(0, chars - length)
            code = codes[bisect.bisect_left(cum, rng.random() * acc)]
            coder = "a" if rng.random() < 0.7 else "b"
            key = (start, length, code, coder)
            if key in seen:
                continue
            seen.add(key)
            lines.append(f"{r['name']}\t{r['case']}\t{start}\t{start + length}\t{code}\t{coder}\n")
        out.writelines(lines)
        written += want


if __name__ == "__main__":
    main()
