# Shared set-up of the benchmarks (sourced): the corpus of ../shared/bench unpacked into a
# temporary directory and read once to warm the page cache, the Debian packages a benchmark
# needs installed when missing, and a timer recording wall time and peak memory (max RSS).
# Sets: root, qda, work, corpus. QDA_BIN overrides the qda binary (default: build/qda, built
# by scripts/bootstrap.sh).

bench_setup() { # PACKAGES... besides qda's own
  root="$(pwd)"
  local tarball="$root/../shared/bench/changelog-transcripts-44a0e16.tar.xz"
  [ -f "$tarball" ] || { echo "bench: $tarball not found (../shared absent)" >&2; exit 77; }
  if [ -z "${QDA_BIN:-}" ]; then scripts/bootstrap.sh; fi
  qda="${QDA_BIN:-$root/build/qda}"
  local missing=() p
  for p in time "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "bench: installing ${missing[*]}" >&2
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  work="$(mktemp -d /tmp/qda-bench.XXXXXX)"
  trap 'rm -rf "$work"' EXIT
  tar -C "$work" -xJf "$tarball"
  corpus="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)"
  find "$corpus" -type f -exec cat {} + >/dev/null
}

measure() { # COMMAND... ; prints "seconds maxrss_kb", the command's stdout goes to $work/out
  # Files written before (a project copied for the run) are flushed first, so the kernel's
  # write-back does not run during the measured command. Wall time to the millisecond (GNU
  # time's %e has hundredths), peak memory from GNU time.
  sync
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 ))" "$(cat "$work/time")" | awk '{printf "%.3f %s\n", $1 / 1000, $2}'
}
