#!/usr/bin/env bash
# The differential test's corpus of random valid modules: COUNT modules (default 200) made by
# Binaryen's translate-to-fuzz (scripts/binaryen-corpus.sh) from seeds 1000.., generated once
# and cached in ${WASMJ_CACHE:-$HOME/.cache/wasmj}/difftest/. Prints the corpus directory; with
# LINK, makes LINK a symbolic link to it instead (the build links cli/target/ttf-corpus).
#   scripts/difftest-corpus.sh [LINK] [COUNT]
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
link=${1:-}
count=${2:-200}
seed=1000
dir=${WASMJ_CACHE:-$HOME/.cache/wasmj}/difftest/binaryen@132.0.0-seed$seed-n$count
if [ ! -f "$dir/complete" ]; then
  echo "difftest-corpus.sh: generating $count modules into $dir" >&2
  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp"
  "$here/fetch-npm.sh" binaryen@132.0.0 bin/wasm-opt >/dev/null # once, before the parallel halves
  half=$((count / 2))
  "$here/binaryen-corpus.sh" "$dir.tmp" "$half" "$seed" &
  first=$!
  "$here/binaryen-corpus.sh" "$dir.tmp" $((count - half)) $((seed + half))
  wait "$first"
  [ "$(ls "$dir.tmp" | wc -l)" -eq "$count" ] || { echo "difftest-corpus.sh: generating the corpus failed" >&2; exit 1; }
  touch "$dir.tmp/complete"
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
fi
if [ -n "$link" ]; then
  mkdir -p "$(dirname "$link")"
  ln -sfn "$dir" "$link"
else
  echo "$dir"
fi
