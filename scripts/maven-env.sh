# Environment for running Maven on the JDK that find_jdk chose. Source after find_jdk.
#
# Maven's bundled Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every run; allow it
# so the warnings do not drown the build log.
case " ${MAVEN_OPTS:-} " in
  *" --sun-misc-unsafe-memory-access="*) ;;
  *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
esac
