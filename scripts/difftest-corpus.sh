#!/usr/bin/env bash
# The differential test's corpus of random valid modules, made by Binaryen's translate-to-fuzz
# (scripts/binaryen-corpus.sh): COUNT modules (default 200) with every proposal wasmj implements,
# from seeds 1000.., and COUNT/2 bigger ones (from up to 40 KB of random bytes) with the core
# proposals only (no SIMD, GC, exceptions, threads, tail calls: code that a young compiler
# compiles rather than leaving to the interpreter), from seeds 2000... Generated once and cached in ${WASMJ_CACHE:-$HOME/.cache/wasmj}/difftest/.
# Prints the corpus directory; with LINK, makes LINK a symbolic link to it instead (the build links
# cli/target/ttf-corpus).
#   scripts/difftest-corpus.sh [LINK] [COUNT]
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
link=${1:-}
count=${2:-200}
core=$((count / 2))
dir=${WASMJ_CACHE:-$HOME/.cache/wasmj}/difftest/binaryen@132.0.0-seed1000-n$count-core$core-40k
core_features="--mvp-features --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-bulk-memory --enable-bulk-memory-opt --enable-multivalue --enable-reference-types --enable-multimemory"
if [ ! -f "$dir/complete" ]; then
  echo "difftest-corpus.sh: generating $count + $core modules into $dir" >&2
  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp"
  "$here/fetch-npm.sh" binaryen@132.0.0 bin/wasm-opt >/dev/null # once, before the parallel halves
  # two halves in parallel, each: its part of the modules with all features, then of the core ones
  half() { # FIRST_SEED ALL_COUNT CORE_FIRST_SEED CORE_COUNT
    "$here/binaryen-corpus.sh" "$dir.tmp" "$2" "$1"
    BINARYEN_FEATURES="$core_features" BINARYEN_INPUT_BYTES=40000 "$here/binaryen-corpus.sh" "$dir.tmp" "$4" "$3"
  }
  half 1000 $((count / 2)) 2000 $((core / 2)) &
  first=$!
  half $((1000 + count / 2)) $((count - count / 2)) $((2000 + core / 2)) $((core - core / 2))
  wait "$first"
  [ "$(ls "$dir.tmp" | wc -l)" -eq $((count + core)) ] || { echo "difftest-corpus.sh: generating the corpus failed" >&2; exit 1; }
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
