#!/usr/bin/env bash
# Build qda and run every test: unit, CLI scenario and real-file tests, first in a -Werror
# build, then under AddressSanitizer + UndefinedBehaviorSanitizer.
#   scripts/test.sh           both builds
#   scripts/test.sh --fast    the -Werror build only
set -euo pipefail
cd "$(dirname "$0")/.."

jobs="$(nproc 2>/dev/null || echo 2)"
if [ ! -d ../shared ]; then
  echo "test.sh: ../shared is absent: real-file tests will report SKIPPED" >&2
fi

QDA_BUILD_DIR=build QDA_CMAKE_ARGS="-DQDA_WERROR=ON" scripts/bootstrap.sh
(cd build && ctest --output-on-failure -j "$jobs")

if [ "${1:-}" != "--fast" ]; then
  echo "test.sh: sanitizer build (ASan + UBSan)" >&2
  QDA_BUILD_DIR=build-asan QDA_CMAKE_ARGS="-DQDA_WERROR=ON -DQDA_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug" scripts/bootstrap.sh
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$jobs")
fi
