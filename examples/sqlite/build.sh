#!/usr/bin/env bash
# Builds the SQLite example's driver (driver.c over the SQLite amalgamation of the npm package
# better-sqlite3) for wasm32-wasi and natively, runs the native build once for the expected
# output, and prints the paths of the three results:
#   .../driver.wasm          the WebAssembly command module
#   .../driver               the native build of the same driver and the same SQLite
#   .../native-output.txt    what the native driver prints (standard output) for 100,000 rows
#
#   examples/sqlite/build.sh [--out DIR] [--check-node]
#     --out DIR       also copy the three files into DIR (the Maven build's target/sqlite)
#     --check-node    also run driver.wasm on Node's V8 (run-node.mjs) and compare its output
#
# The results are cached in ${WASMJ_CACHE:-~/.cache/wasmj}/sqlite/, in a directory named after
# the better-sqlite3 version and a hash of driver.c, the flags and the compilers, so a build
# compiles (about half a minute) only when one of those changed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

better_sqlite3=better-sqlite3@13.2.0

out=
check_node=false
while (($#)); do
  case $1 in
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    --check-node) check_node=true; shift ;;
    *) echo "usage: build.sh [--out DIR] [--check-node]" >&2; exit 2 ;;
  esac
done

eval "$("$root/scripts/setup-wasi-toolchain.sh")"
native_cc=${CC:-cc}
amalgamation=$("$root/scripts/fetch-npm.sh" "$better_sqlite3" deps/sqlite3/sqlite3.c)
sqlite_dir=$(dirname "$amalgamation")

# SQLite's options, the same for both builds:
#   THREADSAFE=0, OMIT_LOAD_EXTENSION  one thread, no dlopen (WASI has neither; the amalgamation
#                                      would pick both itself for __wasi__)
#   TEMP_STORE=3                       temporary tables and sorts in memory: a WASI guest has no
#                                      /tmp, only its preopened directories
#   DEFAULT_MEMSTATUS=0, DQS=0         no memory statistics, no double-quoted string literals
# For wasm32-wasi the amalgamation itself (SQLITE_WASI, set for __wasi__) leaves out WAL, mmap,
# fchmod/fchown and getpid, and locks with the "unix-dotfile" VFS (a lock directory beside the
# database, made with mkdir), since WASI has no fcntl locks.
sqlite_flags=(-DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_TEMP_STORE=3
  -DSQLITE_DEFAULT_MEMSTATUS=0 -DSQLITE_DQS=0)
# shellcheck disable=SC2206 # WASI_CFLAGS is a list of words
wasm_flags=($WASI_CFLAGS -O2 "${sqlite_flags[@]}")
# no FMA contraction, so floating-point results are bit for bit WebAssembly's
native_flags=(-O2 -ffp-contract=off "${sqlite_flags[@]}")

key=$( {
  cat "$here/driver.c"
  echo "${wasm_flags[*]}" "${native_flags[*]}"
  "$WASI_CC" --version
  "$native_cc" --version
} | sha256sum | cut -c1-16)
cache=${WASMJ_CACHE:-$HOME/.cache/wasmj}/sqlite/$better_sqlite3-$key

if [[ ! -f $cache/native-output.txt ]]; then
  mkdir -p "$(dirname "$cache")"
  work=$(mktemp -d "$cache.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  # the two compilations in parallel: about 30 s each
  "$WASI_CC" "${wasm_flags[@]}" -I"$sqlite_dir" -o "$work/driver.wasm" "$here/driver.c" "$amalgamation" &
  wasm_build=$!
  "$native_cc" "${native_flags[@]}" -I"$sqlite_dir" -o "$work/driver" "$here/driver.c" "$amalgamation" -lm
  wait "$wasm_build"
  mkdir "$work/data"
  "$work/driver" "$work/data/test.db" >"$work/native-output.txt" 2>/dev/null
  rm -r "$work/data"
  # publish the finished directory at once, so an interrupted build never leaves half a cache
  mv -T "$work" "$cache" 2>/dev/null || rm -rf "$work"
fi

if $check_node; then
  data=$(mktemp -d)
  node --no-warnings "$here/run-node.mjs" --dir "$data::/data" "$cache/driver.wasm" /data/test.db >"$data/node-output.txt"
  if ! diff -u "$cache/native-output.txt" "$data/node-output.txt" >&2; then
    echo "build.sh: driver.wasm on node prints other results than the native driver" >&2
    rm -rf "$data"
    exit 1
  fi
  rm -rf "$data"
fi

if [[ -n $out ]]; then
  mkdir -p "$out"
  cp "$cache/driver.wasm" "$cache/driver" "$cache/native-output.txt" "$out/"
fi
printf '%s\n' "$cache/driver.wasm" "$cache/driver" "$cache/native-output.txt"
