#!/usr/bin/env bash
# The engine benchmark: runs the programs of bench/programs (C kernels built for wasm32-wasi) on
# wasmj's interpreter, Endive/Chicory's interpreter and Node's V8 (when `node` is installed), each
# program on each engine in a process of its own, one after the other, and prints the median
# kernel times, the ratios to wasmj and their geometric means.
#   bench/run.sh [--quick] [--engines E,E...] [--programs P,P...] [--iterations N]
#                [--warmup-seconds S] [--jvm-options "OPTIONS"]
# Engines: wasmj-interpreter, chicory-interpreter, node. Builds the harness (Maven profile -Pbench,
# bench/target/wasmj-bench.jar) first; the .wasm files are committed (bench/programs/build.sh
# rebuilds them). BENCH_SKIP_BUILD=1 runs the jar as it is.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
source "$root/scripts/find-jdk.sh"
find_jdk
cd "$root"
if [[ -z ${BENCH_SKIP_BUILD:-} ]]; then
  # offline when every dependency is cached; online once otherwise (Chicory from Maven Central)
  ./build -q -o -Pbench package -DskipTests -pl bench -am >/dev/null 2>&1 ||
    ./build -q -Pbench package -DskipTests -pl bench -am
fi
exec java -cp bench/target/wasmj-bench.jar dev.wasmj.bench.Main --bench-dir bench "$@"
