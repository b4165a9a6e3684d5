#!/usr/bin/env bash
# Evaluates Ruby in CRuby's ruby.wasm embedded in Java with wasmj (RubyMain), each SOURCE in turn
# in one VM; --timings reports how long each step took on stderr.
#   examples/ruby/run.sh [--timings] 'puts (1..10).sum { |i| i * i }' ...
#
# Finds JDK 25, builds the jars of this example and the modules it needs when one is missing or
# older than the sources, fetches ruby.wasm (cached in ~/.cache/wasmj), then runs the example with
# the JVM flags of ./wasmj: the serial collector and C1 only, which gets a one-line script to its
# output two to three times sooner than C2 does on the interpreter. WASMJ_JVM_OPTS adds flags
# after those (WASMJ_JVM_OPTS=-XX:TieredStopAtLevel=4 brings C2 back, for long scripts).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/scripts/find-jdk.sh"
find_jdk
modules=(format runtime wasi examples/ruby)

# Prints the main jar of module directory $1 (not a -sources, -tests or -javadoc jar), if built.
module_jar() {
  local jar
  for jar in "$root/$1"/target/wasmj-*.jar; do
    case $jar in
      *-sources.jar | *-tests.jar | *-javadoc.jar) ;;
      *) [[ -f $jar ]] && echo "$jar" && return ;;
    esac
  done
  return 0
}

# Succeeds when a jar is missing or older than its module's pom.xml or main sources.
jars_are_stale() {
  local module jar
  for module in "${modules[@]}"; do
    jar=$(module_jar "$module")
    [[ -n $jar ]] || return 0
    [[ -z $(find "$root/pom.xml" "$root/$module/pom.xml" "$root/$module/src/main" -newer "$jar" -print -quit) ]] \
      || return 0
  done
  return 1
}

if jars_are_stale; then
  source "$root/scripts/maven-env.sh"
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  echo "run.sh: building the example ..." >&2
  mvn=(mvn -f "$root/pom.xml" -q -B -ntp -Dmaven.test.skip=true package -pl examples/ruby -am)
  if ! "${mvn[@]}" -o >"$log" 2>&1 && ! "${mvn[@]}" >"$log" 2>&1; then
    cat "$log" >&2
    echo "run.sh: the build failed (Maven output above)" >&2
    exit 1
  fi
  # Maven leaves a jar whose contents did not change untouched: mark them all as checked now,
  # or an unrelated newer pom.xml would make every later run rebuild.
  for module in "${modules[@]}"; do
    touch "$(module_jar "$module")"
  done
fi
wasm=$("$here/ruby-wasm.sh")
module_path=
for module in "${modules[@]}"; do
  module_path+=${module_path:+:}$(module_jar "$module")
done
# shellcheck disable=SC2086  # WASMJ_JVM_OPTS is a list of flags
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${WASMJ_JVM_OPTS:-} -p "$module_path" -m dev.wasmj.examples.ruby/dev.wasmj.examples.ruby.RubyMain \
  "$wasm" "$@"
