#!/usr/bin/env bash
# Install the Debian packages qda needs (only those missing), then configure and build.
# Idempotent and quiet when everything is already there.
#   QDA_BUILD_DIR   build directory (default: build)
#   QDA_CMAKE_ARGS  extra arguments for cmake configure
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config python3
  libcli11-dev libfmt-dev libyaml-cpp-dev libicu-dev doctest-dev libsqlite3-dev sqlite3
  nlohmann-json3-dev libzip-dev zipcmp zipmerge ziptool libpugixml-dev libssl-dev
  libpoppler-cpp-dev scdoc
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build="${QDA_BUILD_DIR:-build}"
# shellcheck disable=SC2086
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${QDA_CMAKE_ARGS:-} >/dev/null
jobs="$(nproc 2>/dev/null || echo 2)"
cmake --build "$build" -j "$jobs" | { grep -vE '^(\[[0-9]+/[0-9]+\]|ninja: no work to do)' || true; }
