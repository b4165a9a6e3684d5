#!/usr/bin/env bash
# Front-end benchmark: `./wasmj validate` on real modules from the npm registry, as a user runs
# it (a cold JVM per run). Prints the median wall time of RUNS runs and the peak resident memory,
# with the heap capped at 256 MB to show that bound holds.
#   bench/validate.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
modules=(
  "@ruby/3.4-wasm-wasi@2.10.1 dist/ruby.wasm"
)
./wasmj --version >/dev/null   # builds the jar if needed, outside the timing
export WASMJ_JVM_OPTS="-Xmx256m"
printf '%-28s %10s %12s %10s\n' module size "median (s)" "peak RSS"
for entry in "${modules[@]}"; do
  read -r spec file <<<"$entry"
  wasm=$(scripts/fetch-npm.sh "$spec" "$file")
  times=()
  rss=0
  for _ in $(seq "$runs"); do
    out=$( { /usr/bin/time -f '%e %M' ./wasmj validate "$wasm" >/dev/null; } 2>&1 | tail -1)
    read -r t m <<<"$out"
    times+=("$t")
    (( m > rss )) && rss=$m
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-28s %9.1fM %12s %8dM\n' "$(basename "$file")" "$(echo "$(stat -c %s "$wasm") / 1048576" | bc -l)" \
    "$median" $((rss / 1024))
done
