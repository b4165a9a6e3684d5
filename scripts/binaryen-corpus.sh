#!/usr/bin/env bash
# Generates valid WebAssembly modules with Binaryen's translate-to-fuzz mode (wasm-opt -ttf),
# which turns arbitrary bytes into a valid module using the enabled features. Deterministic:
# module i is made from bytes of a PRNG seeded with SEED+i.
#   scripts/binaryen-corpus.sh OUT_DIR COUNT [SEED]
# The committed regression corpus is format/src/test/resources/fuzz/binaryen/, made with
#   scripts/binaryen-corpus.sh format/src/test/resources/fuzz/binaryen 40 1
# Binaryen comes from npm (via scripts/fetch-npm.sh) and runs on node.
set -euo pipefail
out=${1:?usage: binaryen-corpus.sh OUT_DIR COUNT [SEED]}
count=${2:?usage: binaryen-corpus.sh OUT_DIR COUNT [SEED]}
seed=${3:-1}
here=$(cd "$(dirname "$0")" && pwd)
wasm_opt=$("$here/fetch-npm.sh" binaryen@132.0.0 bin/wasm-opt)
# the proposals wasmj implements (not strings, stack switching, shared-everything, fp16, ...);
# BINARYEN_FEATURES (wasm-opt's flags, space-separated) overrides them
features=(--enable-sign-ext --enable-threads --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-simd --enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong
  --enable-exception-handling --enable-tail-call --enable-reference-types --enable-multivalue --enable-gc
  --enable-memory64 --enable-relaxed-simd --enable-extended-const --enable-multimemory
  --enable-custom-descriptors --enable-custom-page-sizes --enable-wide-arithmetic)
if [ -n "${BINARYEN_FEATURES:-}" ]; then read -r -a features <<< "$BINARYEN_FEATURES"; fi
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((i = 0; i < count; i++)); do
  s=$((seed + i))
  # 500..8499 bytes (500..BINARYEN_INPUT_BYTES+499) from a xorshift PRNG seeded with s
  node -e '
    let x = BigInt(process.argv[1]) * 0x9E3779B97F4A7C15n & 0xFFFFFFFFFFFFFFFFn || 1n;
    const next = () => { x ^= x << 13n & 0xFFFFFFFFFFFFFFFFn; x ^= x >> 7n; x ^= x << 17n & 0xFFFFFFFFFFFFFFFFn; return x; };
    const n = 500 + Number(next() % BigInt(process.argv[2])), b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = Number(next() & 0xFFn);
    process.stdout.write(b);' "$s" "${BINARYEN_INPUT_BYTES:-8000}" > "$tmp/in"
  # every fourth module also optimized, for the code shapes of optimized output
  opt=()
  if ((s % 4 == 0)); then opt=(-O2); fi
  node "$wasm_opt" "$tmp/in" -ttf "${features[@]}" "${opt[@]}" -o "$out/ttf-$s.wasm" 2>/dev/null
done
