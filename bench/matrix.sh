#!/usr/bin/env bash
# Matrix benchmark (issue 4): the code-by-case count matrix of a project with 10,000,000 codings
# over the 2,084 transcripts of ../shared/bench (one case each) and 200 codes, side by side with
#   (a) the sqlite3 shell: SELECT case, code, count(*) ... GROUP BY over a table of the same rows;
#   (b) pandas: read the same TSV, groupby([case, code]).size().unstack().
# The three sets of counts must agree. Prints times, ratios and peak memory (max RSS).
#   bench/matrix.sh [RUNS]           (default 3 runs each, interleaved; the best is reported)
#   QDA_BENCH_CODINGS=N bench/matrix.sh   (another number of codings, e.g. 1000000 for a quick run)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
n="${QDA_BENCH_CODINGS:-10000000}"
# pandas is Debian's (python3-pandas), so the system python3 runs it.
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup sqlite3 python3-pandas

p="$work/p.qda"
"$qda" init "$p" >/dev/null
echo "bench: importing the corpus (one case per transcript)" >&2
"$qda" --quiet --project "$p" import "$corpus" --name-from path --case-from name --include '*/*.md' >/dev/null
"$qda" --project "$p" sources --format json >"$work/sources.json"
echo "bench: generating $n codings" >&2
python3 bench/gen_codings.py "$work/sources.json" "$n" 200 42 >"$work/codings.tsv"
echo "bench: loading them with qda codings import and sqlite3 .import" >&2
read -r tl ml < <(measure "$qda" --quiet --project "$p" --coder bench codings import "$work/codings.tsv" --create-codes)
read -r tsl msl < <(measure sqlite3 "$work/s.db" ".mode tabs" ".import $work/codings.tsv c")

cases=$("$qda" --project "$p" cases --format tsv | tail -n +2 | wc -l)
best_q=999999 best_s=999999 best_p=999999 rss_q=0 rss_s=0 rss_p=0
for i in $(seq "$runs"); do
  read -r tq mq < <(measure "$qda" --project "$p" matrix --rows case --cols code --cell count --format tsv)
  cp "$work/out" "$work/qda.tsv"
  read -r ts ms < <(measure sqlite3 -tabs "$work/s.db" 'SELECT "case", code, count(*) FROM c GROUP BY "case", code')
  cp "$work/out" "$work/sqlite.tsv"
  read -r tp mp < <(measure /usr/bin/python3 -c '
import sys, pandas as pd
df = pd.read_csv(sys.argv[1], sep="\t", usecols=["case", "code"], dtype=str, keep_default_na=False)
df.groupby(["case", "code"]).size().unstack(fill_value=0).to_csv(sys.stdout, sep="\t")' "$work/codings.tsv")
  cp "$work/out" "$work/pandas.tsv"
  echo "run $i: qda ${tq}s (${mq} KB)  sqlite3 ${ts}s (${ms} KB)  pandas ${tp}s (${mp} KB)" >&2
  best_q=$(python3 -c "print(min($best_q, $tq))"); best_s=$(python3 -c "print(min($best_s, $ts))")
  best_p=$(python3 -c "print(min($best_p, $tp))")
  rss_q=$(( mq > rss_q ? mq : rss_q )); rss_s=$(( ms > rss_s ? ms : rss_s )); rss_p=$(( mp > rss_p ? mp : rss_p ))
done

python3 bench/matrix_check.py "$work/qda.tsv" "$work/sqlite.tsv" "$work/pandas.tsv"
# What the process costs before it reads anything: qda with the libraries it links (ICU,
# SQLite, OpenSSL, yaml-cpp, pugixml, libzip, fmt, libstdc++) against the bare sqlite3 shell.
read -r _ mv < <(measure "$qda" --version)
read -r _ msv < <(measure sqlite3 :memory: 'SELECT 1')
echo "project: $cases cases, $n codings of 200 codes; file $(du -m "$p" | cut -f1) MB"
echo "loading: qda codings import ${tl} s (peak $((ml / 1024)) MB); sqlite3 .import ${tsl} s (peak $((msl / 1024)) MB)"
python3 - "$best_q" "$best_s" "$best_p" "$rss_q" "$rss_s" "$rss_p" "$mv" "$msv" <<'PY'
import sys
q, s, p, mq, ms, mp, mv, msv = map(float, sys.argv[1:])
print(f"qda matrix --rows case --cols code --cell count: {q:.2f} s, peak {mq/1024:.0f} MB")
print(f"sqlite3 GROUP BY case, code:                     {s:.2f} s, peak {ms/1024:.0f} MB")
print(f"pandas read_csv + groupby().size().unstack():    {p:.2f} s, peak {mp/1024:.0f} MB")
print(f"ratio qda/sqlite3: {q/s:.3f}x (goal <= 0.25x); qda/pandas: {q/p:.3f}x (goal < 1); "
      f"qda peak below sqlite3's: {'yes' if mq < ms else 'no'}")
print(f"at start, before reading: qda --version peak {mv/1024:.1f} MB; sqlite3 'SELECT 1' peak {msv/1024:.1f} MB")
PY
