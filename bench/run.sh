#!/usr/bin/env bash
# The engine benchmark: runs the programs of bench/programs (C kernels built for wasm32-wasi), the
# SQLite program (examples/sqlite) and the CRuby embedding (examples/ruby) on wasmj's compiler and
# interpreter, Node's V8 (when `node` is installed), Chicory's and Endive's compilers, GraalWasm and
# Chicory's interpreter, each program on each engine in a process of its own, one after the other,
# and prints the median kernel times, the ratios to node and their geometric means (see README.md).
#   bench/run.sh [--quick] [--engines E,E...] [--programs P,P...] [--iterations N]
#                [--warmup-seconds S] [--forks F] [--whole-runs R] [--jvm-options "OPTIONS"]
# Engines: wasmj-compiler, wasmj-interpreter, node, chicory-compiler, endive-compiler, graalwasm,
# chicory-interpreter. Programs: fib nbody matmul hash sort interp strings sieve sqlite ruby.
# Builds the harness (Maven profile -Pbench, bench/target/wasmj-bench.jar, GraalVM's modules in
# bench/target/graal*) first; the .wasm files are committed (bench/programs/build.sh rebuilds
# them). BENCH_SKIP_BUILD=1 runs the jar as it is; BENCH_GRAAL_JIT=0 runs GraalWasm without the
# Graal compiler (Truffle's interpreter only).
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
