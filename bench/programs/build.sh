#!/usr/bin/env bash
# Builds the benchmark programs: each bench/programs/NAME.c becomes NAME.wasm (wasm32-wasi, -O2,
# no entry point, exporting its kernel `run` and its memory, no imports), and checks that
# run(n) gives the checksum recorded in programs.txt when built natively, and on Node's V8 when
# `node` is installed.
#   bench/programs/build.sh [--update]   (--update records the native checksums in programs.txt)
# Toolchain (Debian): apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32 gcc
set -euo pipefail
cd "$(dirname "$0")"
update=false
[[ ${1:-} == --update ]] && update=true

CC_WASM=${CC_WASM:-clang}
CC_NATIVE=${CC_NATIVE:-cc}
# The C library (wasi-libc) supplies memcpy, memset, strlen...: linked statically, they run as
# wasm code, not as imports. Debug sections are stripped, so the modules are just code and data.
wasm_flags=(--target=wasm32-wasi -O2 -nostartfiles -Wl,--no-entry -Wl,--strip-debug)
# No FMA contraction natively, so f64 results are bit-identical to WebAssembly's.
native_flags=(-O2 -ffp-contract=off)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
have_node=false
command -v node >/dev/null && have_node=true

printf '%-10s %8s %8s  %-10s %s\n' program n size checksum checked
status=0
while read -r name n expected; do
  [[ -z $name || $name == \#* ]] && continue
  "$CC_WASM" "${wasm_flags[@]}" -o "$name.wasm" "$name.c"
  if command -v wasm-objdump >/dev/null && wasm-objdump -x -j Import "$name.wasm" 2>/dev/null | grep -q '^ - '; then
    echo "$name.wasm has imports: the kernels must run without a host" >&2
    status=1
  fi
  "$CC_NATIVE" "${native_flags[@]}" -o "$work/$name" native_main.c "$name.c" -lm
  native=$("$work/$name" "$n" 2>/dev/null)
  checked=native
  if $update; then
    sed -i -E "s/^($name[[:space:]]+$n[[:space:]]+)0x[0-9a-f]+/\1$native/" programs.txt
    expected=$native
  fi
  if [[ $native != "$expected" ]]; then
    echo "$name: native run($n) = $native, programs.txt says $expected" >&2
    status=1
  fi
  if $have_node; then
    wasm=$(node check-node.mjs "$name.wasm" "$n")
    checked+=",node"
    if [[ $wasm != "$expected" ]]; then
      echo "$name: wasm run($n) on node = $wasm, programs.txt says $expected" >&2
      status=1
    fi
  fi
  printf '%-10s %8s %8s  %-10s %s\n' "$name" "$n" "$(stat -c %s "$name.wasm")" "$expected" "$checked"
done < programs.txt
exit $status
