#!/usr/bin/env bash
# Agreement benchmark (issue 6):
#  1. Krippendorff's alpha on a generated reliability data file: 1,000,000 units x 4 coders,
#     values 1-5, 10% of the cells missing (`qda agreement --data`, nominal and interval).
#  2. Character-level agreement of two coders over the 2,084 transcripts of ../shared/bench
#     (119 MB), each coder with a generated coding of one code (`qda agreement --coders A,B`),
#     then the same with ten times the codings: time and peak memory follow the number of
#     codings, not the number of characters.
#   bench/agreement.sh [RUNS]   (default 3 runs each; the best time and the largest peak reported)
# QDA_BIN overrides the qda binary (default build/qda, built by scripts/bootstrap.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup

best() { # LABEL COMMAND... : best wall time and largest peak over $runs runs
  local label="$1" b=999999 m=0 t k
  shift
  for i in $(seq "$runs"); do
    read -r t k < <(measure "$@")
    b=$(python3 -c "print(min($b, $t))")
    m=$((k > m ? k : m))
  done
  printf "%s %s %s\n" "$label" "$b" "$m"
}

# 1. The reliability data file.
python3 - "$work/big.csv" <<'PY'
import random, sys
rng = random.Random(6)
with open(sys.argv[1], "w") as f:
    f.write("unit,A,B,C,D\n")
    for u in range(1_000_000):
        base = rng.randint(1, 5)
        cells = []
        for _ in range(4):
            if rng.random() < 0.10:
                cells.append("")
            else:
                cells.append(str(base if rng.random() < 0.7 else rng.randint(1, 5)))
        f.write(f"{u},{','.join(cells)}\n")
PY
read -r _ t_nom m_nom < <(best nominal "$qda" --quiet agreement --data "$work/big.csv" --format tsv)
alpha_nom=$(awk -F'\t' 'f && $1=="(all)" {print $8} $1=="code" {f=1}' "$work/out")
read -r _ t_int m_int < <(best interval "$qda" --quiet agreement --data "$work/big.csv" --level interval --format tsv)
alpha_int=$(awk -F'\t' 'f && $1=="(all)" {print $8} $1=="code" {f=1}' "$work/out")

# 2. The corpus, and generated codings of one code per coder.
export QDA_CODER=bench
"$qda" init "$work/p.qda" >/dev/null 2>&1
echo "bench: importing the corpus (not timed here; see bench/import.sh)" >&2
"$qda" --quiet --project "$work/p.qda" import "$corpus" --name-from path >/dev/null
"$qda" --quiet --project "$work/p.qda" codes add tema >/dev/null
"$qda" --quiet --project "$work/p.qda" sources --format tsv > "$work/sources.tsv"
gen() { # EVERY (characters between codings) -> codings.tsv
  python3 - "$work/sources.tsv" "$1" > "$work/codings.tsv" <<'PY'
import csv, random, sys
rng = random.Random(7)
every = int(sys.argv[2])
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t"))
print("source\tcode\tstart\tend\tcoder")
for r in rows:
    n = int(r["chars"])
    at = rng.randint(0, every)
    while at + 10 < n:
        length = rng.randint(50, 600)
        end = min(n, at + length)
        print(f"{r['name']}\ttema\t{at}\t{end}\tA")
        # B codes most of the same passages, shifted; sometimes not at all, sometimes elsewhere.
        x = rng.random()
        if x < 0.8:
            s = min(n - 1, max(0, at + rng.randint(-40, 40)))
            e = min(n, max(s + 1, end + rng.randint(-40, 40)))
            print(f"{r['name']}\ttema\t{s}\t{e}\tB")
        elif x < 0.9:
            s = rng.randint(0, max(0, n - 100)); e = min(n, s + rng.randint(50, 600))
            if e > s:
                print(f"{r['name']}\ttema\t{s}\t{e}\tB")
        at = end + rng.randint(every // 2, every * 3 // 2)
PY
}
chars=$(awk -F'\t' 'NR==1 {for (i=1;i<=NF;i++) if ($i=="chars") c=i; next} {t+=$c} END {print t}' "$work/sources.tsv")
cp "$work/p.qda" "$work/base.qda"
results=()
for every in 20000 2000; do
  cp "$work/base.qda" "$work/p.qda"; rm -f "$work/p.qda-wal" "$work/p.qda-shm"
  gen "$every"
  n=$(($(wc -l < "$work/codings.tsv") - 1))
  "$qda" --quiet --project "$work/p.qda" codings import "$work/codings.tsv" --why bench >/dev/null
  read -r _ t m < <(best chars "$qda" --quiet --project "$work/p.qda" agreement --coders A,B --codes tema --format tsv)
  a=$(awk -F'\t' 'f && $1=="tema" {print $3, $4, $5, $8} $1=="code" {f=1}' "$work/out")
  results+=("$n $t $m $a")
done

echo
echo "corpus: $(find "$corpus" -type f | wc -l) files, $(du -sb "$corpus" | cut -f1) bytes, $chars characters"
python3 - "$t_nom" "$m_nom" "$alpha_nom" "$t_int" "$m_int" "$alpha_int" "${results[@]}" <<'PY'
import sys
a = sys.argv[1:]
print(f"alpha, 1,000,000 units x 4 coders, 10% missing (qda agreement --data, whole process incl. CSV read):")
print(f"  nominal:  {float(a[0]):.2f} s, peak {int(a[1])/1024:.0f} MB, alpha {a[2]}   (goal < 2 s)")
print(f"  interval: {float(a[3]):.2f} s, peak {int(a[4])/1024:.0f} MB, alpha {a[5]}   (goal < 2 s)")
print("character-level agreement of two coders, one code, over the whole corpus (whole process):")
for r in a[6:]:
    n, t, m, units, pct, kappa, alpha = r.split()
    print(f"  {int(n):>7} codings: {float(t):.2f} s, peak {int(m)/1024:.0f} MB; units {units}, "
          f"percent {float(pct):.4f}, kappa {float(kappa):.4f}, alpha {float(alpha):.4f}   (goal < 2 s)")
PY
