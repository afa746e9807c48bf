#!/usr/bin/env bash
# Cold and warm `go build` of the program (main.go), with a fresh GOCACHE for
# the cold build (the module cache is kept: downloads are not measured).
# Prints wall time and the peak resident memory of the largest process
# (the biggest compile), as GNU time reports them.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
measure() {
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %M KB peak RSS" "$@" 2>&1 >/dev/null | tail -1
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(go version | cut -d' ' -f3)"
GOCACHE=$cache measure "cold build (fresh GOCACHE)" go build -o /dev/null .
GOCACHE=$cache measure "warm build (same GOCACHE)" go build -o /dev/null .
