#!/usr/bin/env bash
# Regenerate cmake/hot-code.ld, the list of the code qda's commands run, which the build places
# together at the start of qda's code (CMake option QDA_HOT_LAYOUT; docs/decisions.md says why).
# Builds qda with its link map in build-hot/, runs the example study (scripts/example.sh) with
# every qda command under callgrind, and maps the instructions that ran to the linker's input
# sections (scripts/hot_code.py). Takes about ten minutes. Run it after large changes to what
# commands run; a stale list costs memory, never correctness.
#   scripts/hot-code.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

if ! command -v valgrind >/dev/null; then
  echo "hot-code: installing valgrind" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends valgrind >/dev/null
fi

build="$root/build-hot"
QDA_BUILD_DIR="$build" QDA_CMAKE_ARGS="-DQDA_TESTS=OFF -DQDA_LINK_MAP=ON -DQDA_HOT_LAYOUT=OFF" scripts/bootstrap.sh

work="$(mktemp -d /tmp/qda-hot.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/runs"
# Each qda command of the example runs under callgrind, which records every instruction run.
cat >"$work/qda" <<EOF
#!/bin/sh
exec valgrind --tool=callgrind --dump-instr=yes --demangle=no \\
  --callgrind-out-file="$work/runs/%p.out" --log-file=/dev/null "$build/qda" "\$@"
EOF
chmod +x "$work/qda"
echo "hot-code: running the example study under callgrind" >&2
QDA_BIN="$work/qda" QDA_EXAMPLE_OUT="$work/example" scripts/example.sh >/dev/null 2>"$work/example.log" ||
  { tail -20 "$work/example.log" >&2; exit 1; }
mkdir -p cmake
python3 scripts/hot_code.py "$build/qda.map" cmake/hot-code.ld "$work"/runs/*.out
