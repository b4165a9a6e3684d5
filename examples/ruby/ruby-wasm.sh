#!/usr/bin/env bash
# Fetches ruby.wasm, CRuby 3.4 built for WASI (dist/ruby.wasm of the npm package
# @ruby/3.4-wasm-wasi), caching it with scripts/fetch-npm.sh, and prints its path; with LINK,
# makes LINK a symbolic link to it instead (the build links target/ruby.wasm for the tests).
#   examples/ruby/ruby-wasm.sh [LINK]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
wasm=$("$root/scripts/fetch-npm.sh" @ruby/3.4-wasm-wasi@2.10.1 dist/ruby.wasm)
if (( $# > 0 )); then
  mkdir -p "$(dirname "$1")"
  ln -sfn "$wasm" "$1"
else
  echo "$wasm"
fi
