# Finds a JDK that can build and run wasmj. Source this file, then call find_jdk.
#
# Looks, in order, at $JAVA_HOME, at the `java` on the PATH, and at the newest JDK under
# /usr/lib/jvm, and takes the first whose `java -version` is at least WASMJ_MIN_JAVA.
# On success it exports JAVA_HOME and puts $JAVA_HOME/bin first on the PATH; otherwise it prints
# what it tried to stderr and returns 1.

WASMJ_MIN_JAVA=25

# Prints the feature release of the java at $1 (e.g. 25 for "25.0.1", 8 for "1.8.0_412").
java_major_version() {
  local line version
  line=$("$1" -version 2>&1 | grep -m1 -E 'version "[^"]+"') || return 1
  version=${line#*version \"}
  version=${version%%\"*}
  case $version in
    1.*) version=${version#1.} ;;
  esac
  version=${version%%[!0-9]*}
  [[ -n $version ]] && echo "$version"
}

# Succeeds when the JDK home $1 has a java of at least WASMJ_MIN_JAVA.
jdk_is_new_enough() {
  local major
  [[ -x $1/bin/java && -x $1/bin/javac ]] || return 1
  major=$(java_major_version "$1/bin/java") || return 1
  (( major >= WASMJ_MIN_JAVA ))
}

find_jdk() {
  local home="" candidate java_on_path best_major=0 major
  if [[ -n ${JAVA_HOME:-} ]] && jdk_is_new_enough "$JAVA_HOME"; then
    home=$JAVA_HOME
  fi
  if [[ -z $home ]] && java_on_path=$(command -v java); then
    candidate=$(readlink -f "$java_on_path")
    candidate=${candidate%/bin/java}
    if jdk_is_new_enough "$candidate"; then
      home=$candidate
    fi
  fi
  if [[ -z $home ]]; then
    for candidate in /usr/lib/jvm/*; do
      [[ -x $candidate/bin/java && -x $candidate/bin/javac ]] || continue
      major=$(java_major_version "$candidate/bin/java") || continue
      if (( major >= WASMJ_MIN_JAVA && major > best_major )); then
        home=$candidate
        best_major=$major
      fi
    done
  fi
  if [[ -z $home ]]; then
    {
      echo "wasmj needs JDK $WASMJ_MIN_JAVA or newer, and found none."
      echo "  looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), java on the PATH ($(command -v java || echo none)), /usr/lib/jvm/*"
      echo "  install one (e.g. Temurin $WASMJ_MIN_JAVA) or point JAVA_HOME at it."
    } >&2
    return 1
  fi
  export JAVA_HOME=$home
  export PATH=$JAVA_HOME/bin:$PATH
}
