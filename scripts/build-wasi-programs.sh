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
  trap 'rm -rf "$probe"' EXIT
  echo 'int main(void) { return 0; }' > "$probe/probe.c"
  # shellcheck disable=SC2086
  if ! "$WASI_CC" $WASI_CFLAGS -o "$probe/probe.wasm" "$probe/probe.c" 2>/dev/null; then
    echo "build-wasi-programs.sh: no C compiler for wasm32-wasi ($WASI_CC $WASI_CFLAGS)." >&2
    echo "  Debian: apt-get install clang lld wasi-libc libclang-rt-dev-wasm32" >&2
    exit 1
  fi
fi

if [[ $# -gt 0 ]]; then
  names=("$@")
else
  names=()
  for c in "$src"/*.c; do names+=("$(basename "$c" .c)"); done
fi
mkdir -p "$out"
for name in "${names[@]}"; do
  # -Wl,--strip-debug: code and names only, so the files stay small and reproducible
  # shellcheck disable=SC2086
  "$WASI_CC" $WASI_CFLAGS -O2 -Wall -Wextra -Werror -Wl,--strip-debug \
    -o "$out/$name.wasm" "$src/$name.c"
  printf '%-10s %7d bytes\n' "$name" "$(stat -c %s "$out/$name.wasm")"
done
