#!/usr/bin/env bash
# Fetches one file out of an npm package, caching it, and prints the cached file's path.
#   scripts/fetch-npm.sh PACKAGE@VERSION PATH/IN/PACKAGE
# The cache is ${WASMJ_CACHE:-$HOME/.cache/wasmj}/npm/PACKAGE@VERSION/, shared by builds, tests
# and benchmarks, so the registry is asked once per machine.
set -euo pipefail
spec=${1:?usage: fetch-npm.sh PACKAGE@VERSION PATH/IN/PACKAGE}
file=${2:?usage: fetch-npm.sh PACKAGE@VERSION PATH/IN/PACKAGE}
cache=${WASMJ_CACHE:-$HOME/.cache/wasmj}/npm/$(echo "$spec" | tr '/' '+')
if [ ! -f "$cache/package/$file" ]; then
  command -v npm >/dev/null || { echo "fetch-npm.sh: npm is needed to fetch $spec" >&2; exit 1; }
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  mkdir -p "$cache"
  tar xzf "$tmp"/*.tgz -C "$cache"
  [ -f "$cache/package/$file" ] || { echo "fetch-npm.sh: $spec has no $file" >&2; exit 1; }
fi
echo "$cache/package/$file"
