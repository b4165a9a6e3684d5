#!/usr/bin/env bash
# Rebuilds the WASI test programs: each wasi/src/test/c/NAME.c becomes
# wasi/src/test/resources/programs/NAME.wasm (wasm32-wasi, wasi-libc, -O2, no debug sections).
# The .wasm files are committed, so the tests need no C compiler; run this after changing a
# program, then `node wasi/src/test/c/run-node.mjs` to compare with Node's WASI (see NODE.md).
#   scripts/build-wasi-programs.sh [NAME...]     (default: every program)
# Toolchain: scripts/setup-wasi-toolchain.sh when present (it installs Debian's packages if
# needed), else clang from PATH; Debian: apt-get install clang lld wasi-libc libclang-rt-dev-wasm32
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
src=$root/wasi/src/test/c
out=$root/wasi/src/test/resources/programs

if [[ -x $root/scripts/setup-wasi-toolchain.sh ]]; then
  eval "$("$root/scripts/setup-wasi-toolchain.sh")"
else
  WASI_CC=${WASI_CC:-clang}
  WASI_CFLAGS=${WASI_CFLAGS:---target=wasm32-wasi}
  probe=$(mktemp -d)
  echo 'int main(void) { return 0; }' > "$probe/probe.c"
  # shellcheck disable=SC2086
  if ! "$WASI_CC" $WASI_CFLAGS -o "$probe/probe.wasm" "$probe/probe.c" 2>/dev/null; then
    echo "build-wasi-programs.sh: no C compiler for wasm32-wasi ($WASI_CC $WASI_CFLAGS)." >&2
    echo "  Debian: apt-get install clang lld wasi-libc libclang-rt-dev-wasm32" >&2
    rm -rf "$probe"
    exit 1
  fi
  rm -rf "$probe"
fi

if [[ $# -gt 0 ]]; then
  names=("$@")
else
  names=()
  for c in "$src"/*.c; do names+=("$(basename "$c" .c)"); done
fi
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in "${names[@]}"; do
  # Compiled with -O2, linked without: clang's driver would otherwise run binaryen's wasm-opt
  # after linking when it is installed, which drops the name section (function names in trap
  # backtraces) and makes the output depend on the machine. --strip-debug: no DWARF, names kept.
  # shellcheck disable=SC2086
  "$WASI_CC" $WASI_CFLAGS -O2 -Wall -Wextra -Werror -c -o "$work/$name.o" "$src/$name.c"
  # shellcheck disable=SC2086
  "$WASI_CC" $WASI_CFLAGS -Wl,--strip-debug -o "$out/$name.wasm" "$work/$name.o"
  printf '%-10s %7d bytes\n' "$name" "$(stat -c %s "$out/$name.wasm")"
done
