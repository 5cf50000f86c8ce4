#!/usr/bin/env bash
# Co-occurrence benchmark (issue 4): `qda cooccur` over about 1,000,000 codings of 200 codes in
# the 2,084 transcripts of ../shared/bench. The codings are generated (fixed seed: spans of 20 to
# 600 code points, codes drawn with a Zipf-like skew so that some pairs are flagged), written as
# a codings TSV and loaded with `qda codings import` in chunks of 100,000 (not timed).
#   bench/cooccur.sh [CODINGS] [RUNS]   (default 1000000 codings, best of 3 runs)
# QDA_BIN overrides the qda binary (default build/qda, built by scripts/bootstrap.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
total="${1:-1000000}"
runs="${2:-3}"
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup

export QDA_CODER=bench
p="$work/p.qda"
"$qda" init "$p" >/dev/null 2>&1
echo "bench: importing the corpus (not timed here; see bench/import.sh)" >&2
"$qda" --quiet --project "$p" import "$corpus" --name-from path >/dev/null
"$qda" --project "$p" sources --format tsv > "$work/sources.tsv"
python3 - "$work" "$total" <<'PY'
import csv, random, sys
work, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(4)
with open(f"{work}/sources.tsv", encoding="utf-8") as f:
    sources = [(r["name"], int(r["chars"])) for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
chars = sum(c for _, c in sources)
weights = [1 / (k + 1) ** 0.8 for k in range(200)]
codes = [f"kode-{k:03d}" for k in range(200)]
n, part, out = 0, 0, None
for name, c in sources:
    want = round(total * c / chars)
    picks = rng.choices(codes, weights, k=want)
    for code in picks:
        if out is None or n % 100000 == 0:
            if out:
                out.close()
            part += 1
            out = open(f"{work}/codings-{part:02d}.tsv", "w", encoding="utf-8")
            out.write("source\tstart\tend\tcode\tcoder\n")
        length = rng.randint(20, 600)
        if c <= length:
            continue
        start = rng.randrange(0, c - length)
        out.write(f"{name}\t{start}\t{start + length}\t{code}\tbench\n")
        n += 1
out.close()
print(f"bench: {n} codings generated in {part} files", file=sys.stderr)
PY
for f in "$work"/codings-*.tsv; do
  "$qda" --quiet --project "$p" codings import "$f" --create-codes --why bench >/dev/null
done
count=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM coding").fetchone()[0])' "$p")
echo "bench: $count codings in the project" >&2

# The overlap counts again, in Python from the generated rows (duplicates dropped as the import
# drops them), by a plain union-find over every overlapping pair: the numbers must agree.
"$qda" --quiet --project "$p" cooccur --unit overlap --format tsv > "$work/qda-overlap.tsv"
read -r tp mp < <(measure python3 - "$work" <<'PY'
import csv, glob, sys
from collections import defaultdict
work = sys.argv[1]
by_source = defaultdict(set)
for fn in sorted(glob.glob(f"{work}/codings-*.tsv")):
    with open(fn, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            by_source[r["source"]].add((int(r["start"]), int(r["end"]), r["code"]))
total, pairs = defaultdict(int), defaultdict(int)
for spans in by_source.values():
    spans = sorted(spans)
    parent, active, joined = {}, [], defaultdict(set)
    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k
    for i, (s, e, c) in enumerate(spans):
        total[c] += 1
        active = [j for j in active if spans[j][1] > s]
        for j in active:
            d = spans[j][2]
            if d == c:
                continue
            key = (min(c, d), max(c, d))
            a, b = (key, i), (key, j)
            for k in (a, b):
                parent.setdefault(k, k)
                joined[key].add(k)
            parent[root(a)] = root(b)
        active.append(i)
    for key, members in joined.items():
        pairs[key] += len({root(k) for k in members})
with open(f"{work}/qda-overlap.tsv", encoding="utf-8") as f:
    rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
bad = 0
for r in rows:
    a, b = r["code"], r["with"]
    want = total[a] if a == b else pairs[(min(a, b), max(a, b))]
    if int(r["count"]) != want:
        bad += 1
print(f"{len(rows)} cells compared, {bad} differ", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
)
echo "python check of the overlap counts: ${tp}s, peak ${mp} KB: $(cat "$work/err")"

for args in "--unit overlap" "--unit segment:turn" "--unit segment:sentence" "--unit overlap --no-interviewer"; do
  best=999999 rss=0
  for i in $(seq "$runs"); do
    # shellcheck disable=SC2086
    read -r t m < <(measure "$qda" --quiet --project "$p" cooccur $args --format tsv)
    best=$(python3 -c "print(min($best, $t))"); rss=$(( m > rss ? m : rss ))
  done
  pairs=$(($(wc -l < "$work/out") - 1))
  printf 'qda cooccur %-32s %6ss  peak %6d KB  (%d pairs, %s codings)\n' "$args" "$best" "$rss" "$pairs" "$count"
done
