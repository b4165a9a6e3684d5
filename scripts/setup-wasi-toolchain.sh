#!/usr/bin/env bash
# Makes sure a C compiler for wasm32-wasi works (clang, lld, wasi-libc, compiler-rt's builtins for
# wasm32), installing Debian's packages when it does not, and prints how to call it.
#
#   scripts/setup-wasi-toolchain.sh          checks (installs if needed), then prints
#                                              WASI_CC=clang
#                                              WASI_CFLAGS='--target=wasm32-wasi'
#                                            (WASI_CFLAGS also carries --sysroot=... when the
#                                            sysroot is not where clang looks by default)
#   eval "$(scripts/setup-wasi-toolchain.sh)"   in a script: sets WASI_CC and WASI_CFLAGS, then
#   "$WASI_CC" $WASI_CFLAGS -O2 -o prog.wasm prog.c
#
# Quiet and idempotent: when the toolchain already works it only probes (well under a second).
# Otherwise it runs `apt-get install clang lld wasi-libc libclang-rt-dev-wasm32` (as root, or
# through `sudo -n`), `apt-get update` first only if the install fails, and checks again.
# Environment: WASI_CC (compiler to try first, default clang), WASI_SYSROOT (sysroot to try
# first). Exits 1 with the reason on stderr when no working toolchain can be set up.
if [[ ${BASH_SOURCE[0]} != "$0" ]]; then
  echo 'setup-wasi-toolchain.sh: run it, do not source it: eval "$(scripts/setup-wasi-toolchain.sh)"' >&2
  return 1
fi
set -euo pipefail

packages=(clang lld wasi-libc libclang-rt-dev-wasm32)
# the target's name: wasm32-wasip1 since LLVM 19, wasm32-wasi before (and still accepted)
targets=(wasm32-wasip1 wasm32-wasi)
# where the sysroot may be: clang's default (Debian patches it to /usr/include/wasm32-wasi and
# /usr/lib/wasm32-wasi), Debian's and the wasi-sdk's layouts
sysroots=("${WASI_SYSROOT:-}" "" /usr/share/wasi-sysroot /opt/wasi-sdk/share/wasi-sysroot)

probe_dir=$(mktemp -d)
trap 'rm -rf "$probe_dir"' EXIT
# A hello that needs libc (stdio), and compiler-rt's builtins (__int128 multiply: __multi3).
cat > "$probe_dir/probe.c" <<'EOF'
#include <stdio.h>
int main(int argc, char **argv) {
  volatile __int128 x = argc;
  printf("hello %d\n", (int) (x * x));
  return 0;
}
EOF

# Finds a compiler, target and sysroot that compile and link the probe; prints the assignments.
find_toolchain() {
  local cc target sysroot flags
  for cc in "${WASI_CC:-clang}" clang; do
    command -v "$cc" >/dev/null 2>&1 || continue
    for target in "${targets[@]}"; do
      for sysroot in "${sysroots[@]}"; do
        flags="--target=$target"
        if [[ -n $sysroot ]]; then
          [[ -d $sysroot ]] || continue
          flags+=" --sysroot=$sysroot"
        fi
        # shellcheck disable=SC2086 # flags are words
        if "$cc" $flags -O2 -o "$probe_dir/probe.wasm" "$probe_dir/probe.c" >/dev/null 2>&1; then
          printf 'WASI_CC=%q\nWASI_CFLAGS=%q\n' "$cc" "$flags"
          return 0
        fi
      done
    done
  done
  return 1
}

as_root() {
  if [[ $(id -u) == 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    echo "setup-wasi-toolchain.sh: root is needed to install ${packages[*]}" >&2
    return 1
  fi
}

install_packages() {
  command -v apt-get >/dev/null 2>&1 || {
    echo "setup-wasi-toolchain.sh: no apt-get; install clang, lld, wasi-libc and compiler-rt for wasm32 (or the wasi-sdk, with WASI_CC and WASI_SYSROOT)" >&2
    return 1
  }
  local log="$probe_dir/apt.log"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y -qq "${packages[@]}" >"$log" 2>&1; then
    # a fresh machine (a container image) may have no package lists yet
    if ! { as_root apt-get update -qq && as_root apt-get install -y -qq "${packages[@]}"; } >"$log" 2>&1; then
      cat "$log" >&2
      echo "setup-wasi-toolchain.sh: installing ${packages[*]} failed" >&2
      return 1
    fi
  fi
}

if find_toolchain; then
  exit 0
fi
install_packages
if find_toolchain; then
  exit 0
fi
echo "setup-wasi-toolchain.sh: clang cannot build a C program for wasm32-wasi even after installing ${packages[*]}" >&2
exit 1
