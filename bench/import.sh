#!/usr/bin/env bash
# Import benchmark (issue 2): qda importing the 2,084 transcripts of ../shared/bench (119 MB),
# side by side with the sqlite3 shell loading the same files in one transaction with fsdir().
# Prints both wall times, the ratio and each one's peak memory (max RSS).
#   bench/import.sh [RUNS]   (default 3 runs each, interleaved; the best of each is reported)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup sqlite3

files=$(find "$corpus" -type f | wc -l)
bytes=$(du -sb "$corpus" | cut -f1)

best_q=999999 best_s=999999 rss_q=0 rss_s=0
for i in $(seq "$runs"); do
  rm -f "$work/p.qda"* "$work/s.db"*
  "$qda" init "$work/p.qda" >/dev/null 2>&1
  read -r tq mq < <(measure "$qda" --quiet --project "$work/p.qda" import "$corpus" --name-from path)
  read -r ts ms < <(measure sqlite3 "$work/s.db" "CREATE TABLE f(name TEXT, data BLOB); BEGIN; INSERT INTO f(name, data) SELECT name, data FROM fsdir('$corpus'); COMMIT;")
  echo "run $i: qda ${tq}s (${mq} KB)  sqlite3 ${ts}s (${ms} KB)" >&2
  best_q=$(python3 -c "print(min($best_q, $tq))"); best_s=$(python3 -c "print(min($best_s, $ts))")
  rss_q=$(( mq > rss_q ? mq : rss_q )); rss_s=$(( ms > rss_s ? ms : rss_s ))
done

sources=$("$qda" --project "$work/p.qda" sources --format tsv | tail -n +2 | wc -l)
turns=$("$qda" --project "$work/p.qda" sources --format tsv | tail -n +2 | awk -F'\t' '{t+=$8} END {print t}')
echo "corpus: $files files, $bytes bytes; qda stored $sources sources with $turns turns"
python3 - "$best_q" "$best_s" "$rss_q" "$rss_s" <<'PY'
import sys
q, s, mq, ms = map(float, sys.argv[1:])
print(f"qda import (detect, decode, turns, paragraphs, sentences, store): {q:.2f} s, peak {mq/1024:.0f} MB")
print(f"sqlite3 fsdir() load in one transaction:                           {s:.2f} s, peak {ms/1024:.0f} MB")
print(f"ratio qda/sqlite3: {q/s:.2f}x (goal: <= 3x); qda peak memory goal: < 300 MB")
PY
