#!/usr/bin/env bash
# Autocoding benchmark (issue 3): qda autocoding 20 word rules (case-insensitive, whole words by
# Unicode word breaks, coding only the matched words) over the 2,084 transcripts of
# ../shared/bench (119 MB), side by side with ripgrep counting the same words
# (`rg -i -w --count-matches`, Unicode mode, which is ripgrep's default: \w, \W and -w are
# Unicode-aware unless --no-unicode). Then `qda search` latency once the index is built.
#   bench/autocode.sh [RUNS]   (default 5 runs each, interleaved; the best of each is reported)
# QDA_BIN overrides the qda binary (default build/qda, built by scripts/bootstrap.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup ripgrep

words=(javascript rust kubernetes database docker python linux github react typescript
       postgres sqlite compiler golang elixir rails webassembly terraform graphql redis)
{
  echo "rules:"
  for w in "${words[@]}"; do printf '  - code: %s\n    create: true\n    words: %s\n' "$w" "$w"; done
} > "$work/rules.yaml"
rg_args=(-i -w --count-matches --no-filename --no-messages)
for w in "${words[@]}"; do rg_args+=(-e "$w"); done

export QDA_CODER=bench
"$qda" init "$work/p.qda" >/dev/null 2>&1
echo "bench: importing the corpus (not timed here; see bench/import.sh)" >&2
"$qda" --quiet --project "$work/p.qda" import "$corpus" --name-from path >/dev/null
cp "$work/p.qda" "$work/base.qda"

best_q=999999 best_r=999999 rss_q=0 rss_r=0
for i in $(seq "$runs"); do
  cp "$work/base.qda" "$work/p.qda"; rm -f "$work/p.qda-wal" "$work/p.qda-shm"
  read -r tq mq < <(measure "$qda" --quiet --project "$work/p.qda" --format json autocode "$work/rules.yaml" --why bench)
  cp "$work/out" "$work/qda.json"
  read -r tr mr < <(measure rg "${rg_args[@]}" "$corpus")
  rg_total=$(awk '{s+=$1} END {print s}' "$work/out")
  echo "run $i: qda ${tq}s (${mq} KB)  rg ${tr}s (${mr} KB)" >&2
  best_q=$(python3 -c "print(min($best_q, $tq))"); best_r=$(python3 -c "print(min($best_r, $tr))")
  rss_q=$(( mq > rss_q ? mq : rss_q )); rss_r=$(( mr > rss_r ? mr : rss_r ))
done

# For context: ripgrep with \b...\b instead of -w. Unicode \b keeps its regex engine off the
# DFA, which is what the 2.49 s baseline of shared/bench/README.md measured; -w in ripgrep 13
# is (?:^|\W)...(?:\W|$) with Unicode \W, so it stays fast with the same boundaries.
b_args=(-i --count-matches --no-filename --no-messages)
for w in "${words[@]}"; do b_args+=(-e "\\b$w\\b"); done
read -r tb mb < <(measure rg "${b_args[@]}" "$corpus")
b_total=$(awk '{s+=$1} END {print s}' "$work/out")

# Per word: ripgrep's count, qda's count, and how many of ripgrep's matches sit inside what
# UAX #29 calls one word: a letter, then ' ’ or ., then a letter ("github.com", "GitHub's",
# "node.js"); ripgrep's -w only asks for a non-word character on each side.
echo
printf "%-12s %8s %8s %8s %8s\n" word rg qda diff joined
for w in "${words[@]}"; do
  r=$(rg -i -w --count-matches --no-filename --no-messages -e "$w" "$corpus" | awk '{s+=$1} END {print s+0}')
  j=$(rg -P -i -w --count-matches --no-filename --no-messages -e "(?<=\\p{L}['’.])$w|$w(?=['’.]\\p{L})" "$corpus" |
      awk '{s+=$1} END {print s+0}')
  q=$(python3 -c "import json,sys; print(next(r['matches'] for r in json.load(open(sys.argv[1]))['rules'] if r['code']==sys.argv[2]))" "$work/qda.json" "$w")
  printf "%-12s %8d %8d %8d %8d\n" "$w" "$r" "$q" $((r - q)) "$j"
done
added=$(python3 -c "import json; print(json.load(open('$work/qda.json'))['added'])")

# Search latency: the first search builds the index; then the best of 5 for a word and a phrase.
read -r ti mi < <(measure "$qda" --quiet --project "$work/p.qda" search kubernetes --whole-word --format tsv)
lat() { python3 - "$qda" "$work/p.qda" "$@" <<'PY'
import subprocess, sys, time
qda, proj, *args = sys.argv[1:]
best = 1e9
for _ in range(5):
    t = time.perf_counter()
    out = subprocess.run([qda, "--quiet", "--project", proj, "search", *args, "--format", "tsv"], capture_output=True, check=True).stdout
    best = min(best, time.perf_counter() - t)
n = out.count(b"\n") - 1
print(f"{best*1000:.0f} {n}")
PY
}
read -r lw nw < <(lat webassembly --whole-word)
read -r lp np < <(lat "package manager" --whole-word)
read -r lr nr < <(lat "terraform" --whole-word)

echo
echo "corpus: $(find "$corpus" -type f | wc -l) files, $(du -sb "$corpus" | cut -f1) bytes; rules: ${#words[@]} words"
python3 - "$best_q" "$best_r" "$rss_q" "$rss_r" "$rg_total" "$added" "$ti" "$mi" "$tb" "$b_total" <<PY
import sys
q, r, mq, mr, total, added, ti, mi, tb, btotal = map(float, sys.argv[1:])
print(f"qda autocode (read, fold, match, write {added:.0f} codings + audit event): {q:.3f} s, peak {mq/1024:.0f} MB")
print(f"rg -i -w --count-matches (Unicode), counting {total:.0f} matches:        {r:.3f} s, peak {mr/1024:.0f} MB")
print(f"ratio qda/rg: {q/r:.2f} (goal: <= 1.0)")
print(f"rg -i '\\\\bWORD\\\\b' (Unicode \\\\b, one run), counting {btotal:.0f} matches: {tb:.2f} s; ratio qda/that: {q/tb:.2f}")
print(f"qda search, first search (builds the FTS5 index): {ti:.2f} s, peak {mi/1024:.0f} MB")
print("qda search latency once indexed (best of 5, whole process): "
      f"word 'webassembly' $lw ms ($nw hits), word 'terraform' $lr ms ($nr hits), "
      f"phrase 'package manager' $lp ms ($np hits); goal < 50 ms")
PY
