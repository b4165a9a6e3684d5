package dev.wasmj.bench;

/**
 * How long each engine runs each program: in each of {@code forks} fresh processes, warm-up calls
 * for about {@code warmupSeconds} (of CPU time of the process in a JVM, see {@link KernelTimer}; of
 * wall-clock time in node), then {@code iterations} measured calls.
 */
record Settings(int iterations, double warmupSeconds, int forks) {
    static final Settings DEFAULT = new Settings(5, 2.0, 1);
}
